// Many objects at once: BlobBatch hashes and compresses blobs on the callers' threads and writes
// the new ones as packs of ~64 MB (pack.cc); write_tree makes a whole tree of trees in memory and writes
// the ones the repository lacks the same way.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "git/git.h"
#include "git/pack_internal.h"
#include "parallel/parallel.h"

namespace vd::git {

using pack::Compressors;
using pack::Entry;
using pack::Sha1;

struct BlobBatch::Impl {
  // A compressor and a hasher, lent to one add() at a time.
  struct Tools {
    Compressors z;
    Sha1 h;
  };

  git_repository* repo = nullptr;
  Object<git_odb> odb;
  bool opened = false;
  mutable std::mutex mutex;  // guards tools, fresh, pending, added and status
  std::vector<std::unique_ptr<Tools>> tools;
  std::vector<Entry> fresh;  // not written yet
  std::size_t pending = 0;   // their bytes
  // A pack is written each time this many compressed bytes wait: a first edition (~450 MB of new
  // blobs) is not held in memory to the end, and is mostly written while the site still renders.
  std::size_t chunk_bytes = BlobBatch::kChunkBytes;
  std::size_t added = 0;  // every new blob, written or not
  bool chunked = false;   // a chunk was written: the object database must be refreshed
  Status status;          // the first failure to write a chunk

  // Without git_odb_exists's refresh after each miss (a listing of objects/pack/ each time, under
  // a lock: most blobs of a first edition are new); the packs were listed when the odb opened.
  bool exists(const git_oid& oid) const {
    return git_odb_exists_ext(odb.get(), &oid, GIT_ODB_LOOKUP_NO_REFRESH) == 1;
  }

  std::unique_ptr<Tools> take() {
    std::lock_guard<std::mutex> lock(mutex);
    if (tools.empty()) return std::make_unique<Tools>();
    std::unique_ptr<Tools> t = std::move(tools.back());
    tools.pop_back();
    return t;
  }
  void give(std::unique_ptr<Tools> t) {
    std::lock_guard<std::mutex> lock(mutex);
    tools.push_back(std::move(t));
  }
};

BlobBatch::BlobBatch(Repository& repo, std::size_t chunk_bytes) : impl_(std::make_unique<Impl>()) {
  impl_->repo = repo.raw();
  impl_->chunk_bytes = chunk_bytes;
  impl_->opened = git_repository_odb(impl_->odb.out(), impl_->repo) == 0;
}

BlobBatch::~BlobBatch() = default;

std::string BlobBatch::add(std::string_view bytes) {
  std::unique_ptr<Impl::Tools> t = impl_->take();
  git_oid oid;
  pack::object_id(t->h, GIT_OBJECT_BLOB, bytes, oid);
  if (!impl_->opened || !impl_->exists(oid)) {
    Entry e = pack::make_entry(t->z, GIT_OBJECT_BLOB, oid, bytes);
    std::vector<Entry> chunk;
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      ++impl_->added;
      impl_->pending += e.bytes.size();
      impl_->fresh.push_back(std::move(e));
      if (impl_->opened && impl_->pending >= impl_->chunk_bytes) {
        chunk.swap(impl_->fresh);
        impl_->pending = 0;
        impl_->chunked = true;
      }
    }
    if (!chunk.empty()) {
      Status s = pack::store_chunk(impl_->repo, chunk);
      std::lock_guard<std::mutex> lock(impl_->mutex);
      if (!s && impl_->status) impl_->status = s;
    }
  }
  impl_->give(std::move(t));
  return oid_str(oid);
}

bool BlobBatch::has(const std::string& id) const {
  git_oid oid;
  return impl_->opened && parse_oid(id, oid) && impl_->exists(oid);
}

std::size_t BlobBatch::fresh() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->added;
}

Status BlobBatch::finish() {
  if (!impl_->opened) return fail("cannot open the object database");
  if (!impl_->status) return impl_->status;
  std::vector<Entry> entries = std::move(impl_->fresh);
  impl_->fresh.clear();
  if (impl_->chunked && git_odb_refresh(impl_->odb.get()) != 0)
    return fail("cannot read the new pack");
  return pack::store(impl_->repo, impl_->odb.get(), entries);
}

Status Repository::write_blobs(std::size_t count, const BlobReader& read, int threads,
                               std::vector<std::string>& ids) {
  BlobBatch batch(*this);
  ids.assign(count, std::string());
  std::vector<Status> errors(count);
  int n = std::max(1, threads);
  std::vector<std::string> buffers(parallel::thread_count(n, count));  // one per thread, reused
  parallel::parallel_for(count, n, [&](std::size_t i, unsigned w) {
    if ((errors[i] = read(i, buffers[w]))) ids[i] = batch.add(buffers[w]);
  });
  for (const Status& s : errors)
    if (!s) return s;
  return batch.finish();
}

namespace {

// A folder of a tree being built: its files, its subfolders, then its tree object.
struct Dir {
  std::map<std::string, Dir> dirs;
  std::map<std::string, git_oid> files;
  git_oid id;
  std::string bytes;  // the tree object
};

// The tree object of `d` (its subfolders' first), in git's order: names compared bytewise, a
// folder as if its name ended in '/'.
Status make_tree(Dir& d, Sha1& h, const std::string& path) {
  std::vector<std::pair<std::string, std::string>> items;  // sort key, entry bytes
  for (auto& [name, sub] : d.dirs) {
    if (d.files.count(name))
      return Status::failure(fmt::format("'{}{}' is both a file and a folder", path, name));
    if (Status s = make_tree(sub, h, path + name + "/"); !s) return s;
    items.emplace_back(name + "/", "40000 " + name + '\0' +
                                       std::string(reinterpret_cast<const char*>(sub.id.id), 20));
  }
  for (const auto& [name, id] : d.files)
    items.emplace_back(
        name, "100644 " + name + '\0' + std::string(reinterpret_cast<const char*>(id.id), 20));
  std::sort(items.begin(), items.end());
  d.bytes.clear();
  for (const auto& item : items) d.bytes += item.second;
  pack::object_id(h, GIT_OBJECT_TREE, d.bytes, d.id);
  return {};
}

// The trees the repository lacks, from the top: a tree that exists has all its subtrees.
void missing_trees(git_odb* odb, Compressors& z, Dir& d, std::vector<Entry>& out) {
  if (git_odb_exists(odb, &d.id)) return;
  out.push_back(pack::make_entry(z, GIT_OBJECT_TREE, d.id, d.bytes));
  for (auto& [name, sub] : d.dirs) missing_trees(odb, z, sub, out);
}

}  // namespace

Status Repository::write_tree(const std::vector<TreeEntry>& files, std::string& id) {
  Dir root;
  for (const TreeEntry& f : files) {
    Dir* d = &root;
    std::size_t a = 0;
    for (std::size_t b; (b = f.path.find('/', a)) != std::string::npos; a = b + 1)
      d = &d->dirs[f.path.substr(a, b - a)];
    git_oid oid;
    std::string name = f.path.substr(a);
    if (name.empty() || f.path.find("//") != std::string::npos || f.path[0] == '/' ||
        !parse_oid(f.blob, oid) || !d->files.emplace(name, oid).second)
      return Status::failure(fmt::format("bad tree entry '{}' ({})", f.path, f.blob));
  }
  Sha1 h;
  if (Status s = make_tree(root, h, ""); !s) return s;
  Object<git_odb> odb;
  if (git_repository_odb(odb.out(), repo_) != 0) return fail("cannot open the object database");
  std::vector<Entry> trees;
  Compressors z;
  missing_trees(odb.get(), z, root, trees);
  id = oid_str(root.id);
  return pack::store(repo_, odb.get(), trees);
}

}  // namespace vd::git
