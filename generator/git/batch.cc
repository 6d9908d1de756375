// Many objects at once: BlobBatch hashes and compresses blobs on the callers' threads and writes
// the new ones as packs of ~64 MB (pack.cc); write_tree makes a whole tree of trees in memory and
// writes the ones the repository lacks the same way.
#include <dirent.h>
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

namespace {

// Which objects the repository holds, for many lookups in a row: its packs as they were when
// this was made (libgit2's pack backend alone, which never lists the pack folder again) and its
// loose objects, listed once. git_odb_exists looked for each missing object in the loose folder
// (a stat) and, without GIT_ODB_LOOKUP_NO_REFRESH, listed the pack folder again: most objects of
// a first edition are missing, and that was a tenth of its time. An object another store holds
// (an alternate) counts as missing, and is written again: git tolerates duplicates.
class Holdings {
 public:
  explicit Holdings(git_repository* repo) {
    std::string objects = std::string(git_repository_commondir(repo)) + "objects";
    git_odb_backend* b = nullptr;
    ok_ = git_odb_new(packs_.out()) == 0 && git_odb_backend_pack(&b, objects.c_str()) == 0;
    if (ok_ && git_odb_add_backend(packs_.get(), b, 1) != 0) {
      b->free(b);
      ok_ = false;
    }
    list_loose(objects);
  }
  bool ok() const { return ok_; }
  bool has(const git_oid& id) const {
    if (ok_ && git_odb_exists_ext(packs_.get(), &id, GIT_ODB_LOOKUP_NO_REFRESH) == 1) return true;
    return std::binary_search(loose_.begin(), loose_.end(), id, less);
  }

 private:
  static bool less(const git_oid& a, const git_oid& b) { return git_oid_cmp(&a, &b) < 0; }
  void list_loose(const std::string& objects) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 256; ++i) {
      std::string dir = objects + "/" + kHex[i >> 4] + kHex[i & 15];
      DIR* d = ::opendir(dir.c_str());
      if (!d) continue;
      while (const dirent* e = ::readdir(d)) {
        std::string hex = dir.substr(dir.size() - 2) + e->d_name;
        git_oid id;
        if (hex.size() == GIT_OID_HEXSZ && git_oid_fromstrn(&id, hex.data(), hex.size()) == 0)
          loose_.push_back(id);
      }
      ::closedir(d);
    }
    std::sort(loose_.begin(), loose_.end(), less);
  }

  Object<git_odb> packs_;
  bool ok_ = false;
  std::vector<git_oid> loose_;  // sorted
};

}  // namespace

struct BlobBatch::Impl {
  // A compressor and a hasher, lent to one add() at a time.
  struct Tools {
    Compressors z;
    Sha1 h;
  };

  git_repository* repo = nullptr;
  Object<git_odb> odb;
  std::unique_ptr<Holdings> holdings;
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

  bool exists(const git_oid& oid) const { return holdings->has(oid); }

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
  impl_->holdings = std::make_unique<Holdings>(impl_->repo);
  impl_->opened = git_repository_odb(impl_->odb.out(), impl_->repo) == 0 && impl_->holdings->ok();
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
  if (Status s = pack::store(impl_->repo, impl_->odb.get(), entries); !s) return s;
  impl_->holdings = std::make_unique<Holdings>(impl_->repo);  // with what this batch wrote
  return {};
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
void missing_trees(const Holdings& held, Compressors& z, Dir& d, std::vector<Entry>& out) {
  if (held.has(d.id)) return;
  out.push_back(pack::make_entry(z, GIT_OBJECT_TREE, d.id, d.bytes));
  for (auto& [name, sub] : d.dirs) missing_trees(held, z, sub, out);
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
  Holdings held(repo_);
  if (git_repository_odb(odb.out(), repo_) != 0 || !held.ok())
    return fail("cannot open the object database");
  std::vector<Entry> trees;
  Compressors z;
  missing_trees(held, z, root, trees);
  id = oid_str(root.id);
  return pack::store(repo_, odb.get(), trees);
}

}  // namespace vd::git
