// git: thin RAII wrappers over libgit2, the only module that includes <git2.h>.
// In: a repository path, revisions, paths and bytes. Out: commit data, one-walk history dates,
// tree listings and blobs, new blobs/trees/commits/tags written straight into the object
// database, pushes. Never touches HEAD, the index or the work tree (except commit_all, which is
// for tests and tools), never shells out to `git`, never forces a push. Errors are Status values
// naming the repository or revision and libgit2's reason; no exception leaves this module.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"

struct git_repository;

namespace vd::git {

using diag::Status;

// A commit time: seconds since the epoch and the committer's UTC offset in minutes.
struct When {
  std::int64_t seconds = 0;
  int offset_minutes = 0;
};

struct Commit {
  std::string id, tree, message;
  When when;
  std::vector<std::string> parents;
};

// The first and last commit time that touched a path.
struct PathDates {
  When created, updated;
};
using DateMap = std::map<std::string, PathDates>;  // repository-relative path → dates

struct TreeEntry {
  std::string path;  // repository-relative (below the listed prefix: relative to it)
  std::string blob;  // object id
};

class Repository {
 public:
  Repository() = default;
  ~Repository();
  Repository(Repository&& o) noexcept : repo_(o.repo_) { o.repo_ = nullptr; }
  Repository& operator=(Repository&& o) noexcept;
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // Opens the repository holding `path` (searching upwards, like git does).
  static Status open(const std::string& path, Repository& out);
  static Status init(const std::string& path, bool bare, Repository& out);

  std::string workdir() const;  // absolute, ending in '/'; empty for a bare repository
  std::string git_dir() const;  // absolute, ending in '/'

  // A revision (commit id, branch, tag, HEAD~2 …) peeled to its commit.
  Status resolve(const std::string& rev, Commit& out) const;
  // The commit a reference points at, or nullopt when it does not exist.
  std::optional<std::string> ref_target(const std::string& ref) const;
  bool is_ancestor(const std::string& ancestor, const std::string& commit) const;

  // Created/updated dates of every path below `prefix` ("" = all) in ONE walk of the history of
  // `commit` (newest first, each commit compared with its first parent). Commits reachable from
  // `stop` (if not empty) are not walked: their dates are already in `dates`, which is updated.
  Status file_dates(const std::string& commit, const std::string& stop, const std::string& prefix,
                    DateMap& dates) const;
  // Paths below `prefix` that differ between two commits ("" as `from`: every path of `to`).
  Status changed_files(const std::string& from, const std::string& to, const std::string& prefix,
                       std::vector<std::string>& out) const;
  // Paths below `prefix` that differ between HEAD and the work tree (index changes, edits,
  // deletions, untracked files not ignored).
  Status uncommitted(const std::string& prefix, std::vector<std::string>& out) const;

  // Every file below `prefix` of a commit's tree, sorted; paths relative to `prefix`.
  Status list_files(const std::string& commit, const std::string& prefix,
                    std::vector<TreeEntry>& out) const;
  Status read_blob(const std::string& blob, std::string& out) const;

  bool has_object(const std::string& id) const;
  // Stores bytes as a blob (nothing is written when the object already exists).
  Status write_blob(std::string_view bytes, std::string& id);
  // Many files as blobs in one go: ids[i] is the blob id of the bytes read(i, bytes) gives. The
  // blobs the repository lacks are hashed and compressed on `threads` threads (read is called
  // from all of them) and written as a BlobBatch writes them (packs; loose objects when few).
  using BlobReader = std::function<Status(std::size_t, std::string&)>;
  Status write_blobs(std::size_t count, const BlobReader& read, int threads,
                     std::vector<std::string>& ids);
  // A tree of {path → blob} (nested folders created as needed).
  Status write_tree(const std::vector<TreeEntry>& files, std::string& id);
  // A commit of `tree` with `parents`; `ref` (if not empty) is created or advanced to it only
  // if its current tip is the first parent (an optimistic lock). `when` defaults to now.
  Status commit(const std::string& ref, const std::string& tree,
                const std::vector<std::string>& parents, const std::string& message,
                std::string& id, const When* when = nullptr);
  // An annotated tag refs/tags/<name>; fails if it exists.
  Status tag(const std::string& name, const std::string& target, const std::string& message);
  bool tag_exists(const std::string& name) const;
  // Stages the whole work tree and commits it on HEAD (tests and tools only).
  Status commit_all(const std::string& message, const When& when, std::string& id);
  // Pushes refspecs to a configured remote name, a path or a URL. A rejected (non-fast-forward)
  // update fails with an explanation; nothing is ever forced.
  Status push(const std::string& remote, const std::vector<std::string>& refspecs);

  git_repository* raw() const { return repo_; }

 private:
  git_repository* repo_ = nullptr;
};

// Blobs added one at a time from any number of threads (publish hashes the output straight from
// the render threads, so it is never read back from disk): each is hashed (SHA-1); one the
// repository lacks is compressed and kept until `chunk_bytes` of them wait, then written as a new
// pack by the thread that added the last; finish() writes the rest (as loose objects when there
// are few). Ids are right even when the object database cannot be opened; finish() then fails.
class BlobBatch {
 public:
  static constexpr std::size_t kChunkBytes = 64u << 20;
  explicit BlobBatch(Repository& repo, std::size_t chunk_bytes = kChunkBytes);
  ~BlobBatch();
  BlobBatch(const BlobBatch&) = delete;
  BlobBatch& operator=(const BlobBatch&) = delete;
  // The blob id of `bytes`; thread-safe.
  std::string add(std::string_view bytes);
  // Whether the repository holds the object `id` (before finish(): not counting this batch's);
  // thread-safe.
  bool has(const std::string& id) const;
  std::size_t fresh() const;  // blobs added that the repository lacked (duplicates included)
  // Writes the blobs not written yet, and makes all readable; call once, after the last add.
  Status finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Reads a commit's files as a file system (no checkout): paths below `root` (a name that is no
// real folder, e.g. "git:<id>") are the files listed from the tree; every other path (the default
// theme, the output folder) goes to `fallback`. The tree part is read-only.
class TreeFileSystem : public fs::FileSystem {
 public:
  TreeFileSystem(const Repository& repo, std::vector<TreeEntry> files, std::string root,
                 fs::FileSystem& fallback);
  fs::ReadResult read(const std::string& path) const override;
  Status write(const std::string& path, std::string_view bytes) override;
  std::vector<std::string> list(const std::string& dir,
                                std::vector<std::string>* skipped = nullptr) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  Status make_dirs(const std::string& path) override;
  Status remove_all(const std::string& path) override;
  void remove_all_later(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status link(const std::string& from, const std::string& to) override;
  Status remove(const std::string& path) override;
  bool remove_dir(const std::string& path) override;
  std::optional<std::uint64_t> file_size(const std::string& path) const override;
  std::int64_t mtime(const std::string& path) const override;
  bool thread_safe() const override { return fallback_.thread_safe(); }

 private:
  // The tree-relative path for `path`, or nullopt when it lies outside the root.
  std::optional<std::string> inside(const std::string& path) const;
  const Repository& repo_;
  std::vector<TreeEntry> files_;  // sorted by path
  std::string root_;
  fs::FileSystem& fallback_;
  mutable std::mutex mutex_;  // libgit2 objects are used from one thread at a time
};

// Days since 1970-01-01 of a commit time in the committer's own time zone.
std::int64_t local_days(const When& w);

}  // namespace vd::git
