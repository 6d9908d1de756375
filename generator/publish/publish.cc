// `publish`: build, compare with the previous edition, commit the output, tag, push.
#include "publish/publish.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "output/output.h"
#include "parallel/parallel.h"
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

// Hashes every rendered file into the repository as the build makes it (from the render threads:
// the output is not read back). A file whose content hash equals the one it had at the last
// publish keeps that blob without being hashed again.
class OutputBlobs {
 public:
  OutputBlobs(git::Repository& repo, const Lines& cache) : batch_(repo), cache_(cache) {}
  void add(const render::File& f) {
    std::string id;
    auto c = cache_.find(f.path);
    if (c != cache_.end() && c->second.first == output::content_hash(f.bytes) &&
        batch_.has(c->second.second))
      id = c->second.second;
    else
      id = batch_.add(f.bytes);
    std::lock_guard<std::mutex> lock(mutex_);
    made_[f.path] = std::move(id);
  }
  git::BlobBatch& batch() { return batch_; }
  const std::map<std::string, std::string>& made() const { return made_; }

 private:
  git::BlobBatch batch_;
  const Lines& cache_;
  std::mutex mutex_;
  std::map<std::string, std::string> made_;  // output path → blob id
};

// The output folder as blobs in the repository: output path → blob id. Its files are the ones
// its manifest lists (the build just wrote both; nothing else is left in the folder), so the
// folder is not listed again. Files the build passed through `blobs` are known already; of the
// others (photos, cards, PDFs), one whose content hash equals the one it had at the last publish
// reuses that blob without being read, the rest are read and hashed on `threads` threads. The
// new blobs are written as one pack.
diag::Status store_output(fs::FileSystem& fs, const std::string& out_dir, git::Repository& repo,
                          int threads, const Lines& cache, OutputBlobs& blobs,
                          std::map<std::string, std::string>& files) {
  auto real = fs::make_real();  // the cache lives in the git folder, always on disk
  std::map<std::string, std::uint64_t> manifest, sources;
  output::read_manifest(fs, out_dir, manifest, sources);
  if (manifest.empty())
    return diag::Status::failure(fmt::format("the output folder {} has no list of its files ({})",
                                             out_dir, output::kMarker));
  std::vector<std::string> to_read;
  std::map<std::string, std::string> hashes;  // path → content hash, as the cache writes it
  for (const auto& [path, h] : manifest) {
    std::string& hash = hashes[path] = fmt::format("{:016x}", h);
    auto made = blobs.made().find(path);
    auto c = cache.find(path);
    if (made != blobs.made().end())
      files.emplace(path, made->second);
    else if (c != cache.end() && c->second.first == hash && blobs.batch().has(c->second.second))
      files.emplace(path, c->second.second);
    else
      to_read.push_back(path);
  }
  if (!fs.thread_safe()) threads = 1;
  std::vector<std::string> ids(to_read.size());
  std::vector<diag::Status> errors(to_read.size());
  parallel::parallel_for(to_read.size(), std::max(1, threads), [&](std::size_t i) {
    fs::ReadResult r = fs.read(fs::join(out_dir, to_read[i]));
    if ((errors[i] = r.status)) ids[i] = blobs.batch().add(r.bytes);
  });
  for (const diag::Status& s : errors)
    if (!s) return s;
  if (diag::Status s = blobs.batch().finish(); !s) return s;
  for (std::size_t i = 0; i < to_read.size(); ++i) files.emplace(to_read[i], std::move(ids[i]));
  std::string next_cache = "vinhdanh-blobs 1\n";
  for (const auto& [path, hash] : hashes)
    next_cache += hash + " " + files[path] + " " + path + "\n";
  real->write(blob_cache_path(repo), next_cache);  // a cache: failing to write it only costs time
  return {};
}

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
  if (!(r.status = history(src, head, true, fs, opts.source, opts.history))) return r;
  double history_seconds = seconds_since(t0);
  std::set<std::string> changed = changed_sources(src, prev, head, r.dirty);

  site::Edition next;
  next.number = prev.editions.empty() ? 1 : prev.editions.back().number + 1;
  next.date = opts.today;
  next.source = head.id;
  next.dirty = !r.dirty.empty();
  if (po.tag) next.tag = tag_name(src.repo, opts.today);
  opts.editions = prev.editions;
  const Lines cache = read_blob_cache(*fs::make_real(), blob_cache_path(src.repo));
  OutputBlobs blobs(src.repo, cache);
  opts.on_output = [&blobs](const render::File& f) { blobs.add(f); };
  opts.before_render = [&](site::Site& s, diag::Diagnostics& diags) {
    check_vanished(s, prev, diags);
    next.changes = changes(s, prev, changed);
    site::add_edition(s, next);
  };
  r.build = pipeline::build(fs, opts);
  r.build.timings.insert(r.build.timings.begin(), {"history", history_seconds, 0});
  if (!r.build.status || r.build.diags.has_errors()) return r;
  t0 = std::chrono::steady_clock::now();

  std::map<std::string, std::string> files;
  int threads = opts.threads > 0
                    ? opts.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!(r.status = store_output(fs, opts.out, src.repo, threads, cache, blobs, files))) return r;
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
  r.build.timings.push_back({"commit", seconds_since(t0), 0});
  if (po.push) {
    std::vector<std::string> specs = {r.branch + ":" + r.branch};
    if (!r.tag.empty()) specs.push_back("refs/tags/" + r.tag + ":refs/tags/" + r.tag);
    if (!(r.status = src.repo.push(*po.push, specs))) return r;
    r.pushed = true;
  }
  return r;
}

}  // namespace vd::publish
