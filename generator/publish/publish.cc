// `publish`: build, compare with the previous edition, commit the output, tag, push.
#include "publish/publish.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <mutex>

#include "output/output.h"
#include "publish/publish_internal.h"

namespace vd::publish {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string absolute(const std::string& p) {
  std::error_code ec;
  return std::filesystem::weakly_canonical(std::filesystem::absolute(p, ec), ec).string();
}

// Uncommitted files of the site folder, the output folder (and its staging/old twins) aside.
diag::Status dirty_files(const Source& src, const pipeline::BuildOptions& opts,
                         std::vector<std::string>& out) {
  std::vector<std::string> all;
  if (diag::Status s = src.repo.uncommitted(src.prefix, all); !s) return s;
  std::string site = absolute(opts.source), target = absolute(opts.out);
  for (const std::string& p : all) {
    std::string abs = site + "/" + p;
    bool output = false;
    for (const char* suffix : {"/", ".staging/", ".old/"})
      output = output || abs.rfind(target + suffix, 0) == 0;
    if (!output) out.push_back(p);
  }
  return {};
}

// edition/YYYY-MM-DD, or edition/YYYY-MM-DD-2, -3 … when the day already has one.
std::string tag_name(const git::Repository& repo, const text::Date& d) {
  std::string base = "edition/" + text::iso_date(d);
  std::string name = base;
  for (int n = 2; repo.tag_exists(name); ++n) name = fmt::format("{}-{}", base, n);
  return name;
}

// Site files that differ from the previous edition's source (all of them when it is unknown).
std::set<std::string> changed_sources(const Source& src, const Previous& prev,
                                      const git::Commit& head,
                                      const std::vector<std::string>& dirty) {
  std::vector<std::string> paths;
  git::Commit base;
  bool known = !prev.source.empty() && src.repo.resolve(prev.source, base);
  if (!src.repo.changed_files(known ? base.id : "", head.id, src.prefix, paths)) paths.clear();
  std::set<std::string> out(paths.begin(), paths.end());
  out.insert(dirty.begin(), dirty.end());
  return out;
}

// Our blob cache: "<hash> <blob> <path>" lines after a first line → path → (hash, blob).
std::map<std::string, std::pair<std::string, std::string>> read_blob_cache(
    const fs::FileSystem& fs, const std::string& path) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  fs::ReadResult r = fs.read(path);
  if (!r.status) return out;
  std::size_t pos = r.bytes.find('\n');
  while (pos != std::string::npos && pos + 1 < r.bytes.size()) {
    std::size_t end = r.bytes.find('\n', pos + 1);
    std::string line = r.bytes.substr(pos + 1, end == std::string::npos ? end : end - pos - 1);
    pos = end;
    std::size_t a = line.find(' ');
    std::size_t b = a != std::string::npos ? line.find(' ', a + 1) : a;
    if (b == std::string::npos) continue;
    out[line.substr(b + 1)] = {line.substr(0, a), line.substr(a + 1, b - a - 1)};
  }
  return out;
}

using Lines = std::map<std::string, std::pair<std::string, std::string>>;

// Where publish keeps, for every output file, the content hash it had at the last publish and its
// blob: "<hash> <blob> <path>" lines.
std::string blob_cache_path(const git::Repository& repo) {
  return repo.git_dir() + "vinhdanh/blobs";
}

// The edition's files, hashed straight into the repository as the build makes them (from the
// render threads): the output folder is not written. A file whose content hash equals the one it
// had at the last publish keeps that blob without being hashed again. A photo or social card the
// build would reuse (its name says what it holds) keeps its blob from the last publish, or is read
// from the output folder of the last build when that folder's list names it with this content;
// otherwise the build makes it again.
class EditionWriter : public output::Writer {
 public:
  EditionWriter(const fs::FileSystem& fs, std::string out_dir, git::Repository& repo,
                const Lines& cache)
      : fs_(fs), out_dir_(std::move(out_dir)), batch_(repo), cache_(cache) {
    std::map<std::string, std::uint64_t> sources;
    output::read_manifest(fs_, out_dir_, built_, sources);
  }

  void put(render::File f) override {
    if (!claim(f.path)) return;
    std::string hash = output::content_hash(f.bytes);
    auto c = cache_.find(f.path);
    std::string id = c != cache_.end() && c->second.first == hash && batch_.has(c->second.second)
                         ? c->second.second
                         : batch_.add(f.bytes);
    record(f.path, std::move(hash), std::move(id));
  }

  bool reuse(const std::string& path) override {
    auto c = cache_.find(path);
    if (c != cache_.end() && batch_.has(c->second.second)) {
      if (claim(path)) record(path, c->second.first, c->second.second);
      return true;
    }
    auto built = built_.find(path);
    if (built == built_.end()) return false;
    fs::ReadResult r = fs_.read(fs::join(out_dir_, path));
    std::string hash = r.status ? output::content_hash(r.bytes) : "";
    if (hash != fmt::format("{:016x}", built->second)) return false;  // gone or changed: remade
    if (claim(path)) record(path, std::move(hash), batch_.add(r.bytes));
    return true;
  }

  diag::Status status() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return status_;
  }
  // After the build: the new blobs not written yet, and the next publish's cache.
  diag::Status finish(const std::string& cache_path, std::map<std::string, std::string>& files) {
    if (diag::Status s = status(); !s) return s;
    if (diag::Status s = batch_.finish(); !s) return s;
    std::string next_cache = "vinhdanh-blobs 1\n";
    for (const auto& [path, made] : made_) {
      next_cache += made.first + " " + made.second + " " + path + "\n";
      files.emplace(path, made.second);
    }
    fs::make_real()->write(cache_path, next_cache);  // a cache: failing to write it costs time
    return {};
  }

 private:
  // The same checks as the output folder's: a safe path, and one file per path.
  bool claim(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    const char* why = !output::safe_output_path(path) ? "a path leaving the output folder"
                      : made_.count(path) > 0         ? "a second file on the same path"
                                                      : nullptr;
    if (why && status_)
      status_ = diag::Status::failure(fmt::format("refusing to publish '{}': {}", path, why));
    if (!why) made_[path];
    return !why;
  }
  void record(const std::string& path, std::string hash, std::string id) {
    std::lock_guard<std::mutex> lock(mutex_);
    made_[path] = {std::move(hash), std::move(id)};
  }

  const fs::FileSystem& fs_;
  const std::string out_dir_;
  git::BlobBatch batch_;
  const Lines& cache_;
  std::map<std::string, std::uint64_t> built_;  // the last build's files: path → content hash
  mutable std::mutex mutex_;                    // guards made_ and status_
  std::map<std::string, std::pair<std::string, std::string>> made_;  // path → (hash, blob)
  diag::Status status_;
};

// Equal outputs apart from the editions' own files (which always name the new edition).
bool same_content(const std::map<std::string, std::string>& a,
                  const std::map<std::string, std::string>& b) {
  auto content = [](const std::map<std::string, std::string>& m) {
    std::map<std::string, std::string> out;
    for (const auto& [path, blob] : m)
      if (path != "version.json" && path.rfind("editions/", 0) != 0) out.emplace(path, blob);
    return out;
  };
  return content(a) == content(b);
}

diag::Status commit_edition(Source& src, const Previous& prev,
                            const std::map<std::string, std::string>& files, Result& r) {
  std::vector<git::TreeEntry> entries;
  for (const auto& [path, blob] : files) entries.push_back({path, blob});
  std::string tree;
  if (diag::Status s = src.repo.write_tree(entries, tree); !s) return s;
  std::vector<std::string> parents;
  if (!prev.commit.empty()) parents.push_back(prev.commit);
  return src.repo.commit(r.branch, tree, parents, r.message, r.commit);
}

}  // namespace

Result publish(fs::FileSystem& fs, pipeline::BuildOptions opts, const Options& po) {
  Result r;
  Source src;
  git::Commit head;
  if (!(r.status = open_source(opts.source, src))) return r;
  if (!src.repo.resolve("HEAD", head)) {
    r.status = diag::Status::failure("the site's repository has no commit yet: commit the content");
    return r;
  }
  if (!(r.status = dirty_files(src, opts, r.dirty))) return r;
  if (!r.dirty.empty() && !po.allow_dirty) return r;
  r.branch = "refs/heads/" + branch_of(fs.read(fs::join(opts.source, "site.yml")).bytes);
  Previous prev;
  if (!(r.status = read_previous(src.repo, r.branch, prev))) return r;
  auto t0 = std::chrono::steady_clock::now();
  double cpu0 = pipeline::process_cpu_seconds();
  // The uncommitted files are those just listed (git's status of every file, once).
  if (!(r.status = history(src, head, true, fs, opts.source, opts.history, &r.dirty))) return r;
  double history_seconds = seconds_since(t0);
  double history_cpu = pipeline::process_cpu_seconds() - cpu0;
  std::set<std::string> changed = changed_sources(src, prev, head, r.dirty);

  site::Edition next;
  next.number = prev.editions.empty() ? 1 : prev.editions.back().number + 1;
  next.date = opts.today;
  next.source = head.id;
  next.dirty = !r.dirty.empty();
  if (po.tag) next.tag = tag_name(src.repo, opts.today);
  opts.editions = prev.editions;
  const Lines cache = read_blob_cache(*fs::make_real(), blob_cache_path(src.repo));
  EditionWriter writer(fs, opts.out, src.repo, cache);
  opts.writer = &writer;
  opts.before_render = [&](site::Site& s, diag::Diagnostics& diags) {
    check_vanished(s, prev, diags);
    next.changes = changes(s, prev, changed);
    site::add_edition(s, next);
  };
  r.build = pipeline::build(fs, opts);
  r.build.timings.insert(r.build.timings.begin(), {"history", history_seconds, 0, history_cpu});
  if (!r.build.status || r.build.diags.has_errors()) return r;
  t0 = std::chrono::steady_clock::now();
  cpu0 = pipeline::process_cpu_seconds();

  std::map<std::string, std::string> files;
  if (!(r.status = writer.finish(blob_cache_path(src.repo), files))) return r;
  r.unchanged = !prev.commit.empty() && same_content(files, prev.files);
  if (!r.unchanged) {
    r.message = commit_message(next);
    if (!(r.status = commit_edition(src, prev, files, r))) return r;
    r.edition = next.number;
    if (po.tag) {
      if (!(r.status = src.repo.tag(next.tag, r.commit, r.message))) return r;
      r.tag = next.tag;
    }
  }
  r.build.timings.push_back(
      {"commit", seconds_since(t0), 0, pipeline::process_cpu_seconds() - cpu0});
  if (po.push) {
    std::vector<std::string> specs = {r.branch + ":" + r.branch};
    if (!r.tag.empty()) specs.push_back("refs/tags/" + r.tag + ":refs/tags/" + r.tag);
    if (!(r.status = src.repo.push(*po.push, specs))) return r;
    r.pushed = true;
  }
  return r;
}

}  // namespace vd::publish
