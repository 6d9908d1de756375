// TreeFileSystem: a commit's tree read as a file system, without a checkout.
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>

#include "git/git_internal.h"

namespace vd::git {

namespace {

std::string normalise(std::string p) {
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (!p.empty() && p.back() == '/') p.pop_back();
  return p == "." ? std::string() : p;
}

Status read_only(const std::string& path) {
  return Status::failure(fmt::format("{}: a git revision is read-only", path));
}

}  // namespace

TreeFileSystem::TreeFileSystem(const Repository& repo, std::vector<TreeEntry> files,
                               std::string root, fs::FileSystem& fallback)
    : repo_(repo),
      files_(std::move(files)),
      root_(normalise(std::move(root))),
      fallback_(fallback) {
  std::sort(files_.begin(), files_.end(),
            [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
}

std::optional<std::string> TreeFileSystem::inside(const std::string& path) const {
  std::string p = normalise(path);
  if (root_.empty()) {
    if (!p.empty() && p[0] == '/') return std::nullopt;  // absolute: outside a relative root
    return p;
  }
  if (p == root_) return std::string();
  if (p.size() > root_.size() && p.compare(0, root_.size(), root_) == 0 && p[root_.size()] == '/')
    return p.substr(root_.size() + 1);
  return std::nullopt;
}

fs::ReadResult TreeFileSystem::read(const std::string& path) const {
  auto rel = inside(path);
  if (!rel) return fallback_.read(path);
  auto it = std::lower_bound(files_.begin(), files_.end(), *rel,
                             [](const TreeEntry& e, const std::string& k) { return e.path < k; });
  fs::ReadResult r;
  if (it == files_.end() || it->path != *rel) {
    r.status = Status::failure(fmt::format("{}: no such file in the revision", path));
    return r;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  r.status = repo_.read_blob(it->blob, r.bytes);
  return r;
}

std::vector<std::string> TreeFileSystem::list(const std::string& dir,
                                              std::vector<std::string>* skipped) const {
  auto rel = inside(dir);
  if (!rel) return fallback_.list(dir, skipped);
  std::string prefix = rel->empty() ? std::string() : *rel + "/";
  std::vector<std::string> out;
  for (auto it =
           std::lower_bound(files_.begin(), files_.end(), prefix,
                            [](const TreeEntry&e, const std::string&k) { return e.path < k; });
       it != files_.end() && it->path.compare(0, prefix.size(), prefix) == 0; ++it)
    out.push_back(it->path.substr(prefix.size()));
  return out;  // files_ is sorted bytewise, so this is too
}

bool TreeFileSystem::is_file(const std::string& path) const {
  auto rel = inside(path);
  if (!rel) return fallback_.is_file(path);
  return std::binary_search(files_.begin(), files_.end(), TreeEntry{*rel, {}},
                            [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
}

bool TreeFileSystem::is_dir(const std::string& path) const {
  auto rel = inside(path);
  if (!rel) return fallback_.is_dir(path);
  if (rel->empty()) return true;
  std::string prefix = *rel + "/";
  auto it = std::lower_bound(files_.begin(), files_.end(), prefix,
                             [](const TreeEntry& e, const std::string& k) { return e.path < k; });
  return it != files_.end() && it->path.compare(0, prefix.size(), prefix) == 0;
}

Status TreeFileSystem::write(const std::string& path, std::string_view bytes) {
  return inside(path) ? read_only(path) : fallback_.write(path, bytes);
}
Status TreeFileSystem::make_dirs(const std::string& path) {
  return inside(path) ? read_only(path) : fallback_.make_dirs(path);
}
Status TreeFileSystem::remove_all(const std::string& path) {
  return inside(path) ? read_only(path) : fallback_.remove_all(path);
}
void TreeFileSystem::remove_all_later(const std::string& path) {
  if (!inside(path)) fallback_.remove_all_later(path);
}
Status TreeFileSystem::rename(const std::string& from, const std::string& to) {
  return inside(from) || inside(to) ? read_only(from) : fallback_.rename(from, to);
}
Status TreeFileSystem::link(const std::string& from, const std::string& to) {
  return inside(to) ? read_only(to) : fallback_.link(from, to);
}
Status TreeFileSystem::remove(const std::string& path) {
  return inside(path) ? read_only(path) : fallback_.remove(path);
}
bool TreeFileSystem::remove_dir(const std::string& path) {
  return !inside(path) && fallback_.remove_dir(path);
}
std::optional<std::uint64_t> TreeFileSystem::file_size(const std::string& path) const {
  if (!inside(path)) return fallback_.file_size(path);
  fs::ReadResult r = read(path);
  if (!r.status) return std::nullopt;
  return r.bytes.size();
}
std::int64_t TreeFileSystem::mtime(const std::string& path) const {
  return inside(path) ? 0 : fallback_.mtime(path);
}

}  // namespace vd::git
