// Internal to git/: RAII holders for libgit2 objects and error helpers.
#pragma once

#include <git2.h>

#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "git/git.h"

namespace vd::git {

inline void free_object(git_object* p) {
  git_object_free(p);
}
inline void free_object(git_commit* p) {
  git_commit_free(p);
}
inline void free_object(git_tree* p) {
  git_tree_free(p);
}
inline void free_object(git_blob* p) {
  git_blob_free(p);
}
inline void free_object(git_odb_object* p) {
  git_odb_object_free(p);
}
inline void free_object(git_odb* p) {
  git_odb_free(p);
}
inline void free_object(git_index* p) {
  git_index_free(p);
}
inline void free_object(git_signature* p) {
  git_signature_free(p);
}
inline void free_object(git_revwalk* p) {
  git_revwalk_free(p);
}
inline void free_object(git_diff* p) {
  git_diff_free(p);
}
inline void free_object(git_status_list* p) {
  git_status_list_free(p);
}
inline void free_object(git_remote* p) {
  git_remote_free(p);
}
inline void free_object(git_tree_entry* p) {
  git_tree_entry_free(p);
}

// Owns one libgit2 object; out() hands its address to a libgit2 constructor.
template <class T>
class Object {
 public:
  Object() = default;
  ~Object() { reset(); }
  Object(Object&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  Object& operator=(Object&& o) noexcept {
    if (this != &o) {
      reset();
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  T* get() const { return p_; }
  T** out() {
    reset();
    return &p_;
  }
  void reset() {
    if (p_) free_object(p_);
    p_ = nullptr;
  }

 private:
  T* p_ = nullptr;
};

void ensure_init();
// A failure naming `what` and libgit2's last error message.
Status fail(std::string_view what);
std::string oid_str(const git_oid& id);
bool parse_oid(const std::string& s, git_oid& out);

// "" for the repository's root, "a/b" for a folder (no leading "./", no trailing '/').
std::string clean_prefix(std::string p);
// The id of the folder `prefix` (cleaned) in a tree, or in a commit's tree; `found` is false when
// there is none.
Status raw_subtree(git_odb* odb, const git_oid& root, const std::string& prefix, git_oid& out,
                   bool& found);
Status commit_subtree(git_odb* odb, const git_commit* c, const std::string& prefix, git_oid& out,
                      bool& found);

// A tree object read raw from the object database, its entries parsed in place. A history walk
// meets thousands of trees of ~100 KiB (a folder of profiles); git_tree would allocate an entry
// array for each, which made most of the walk's time.
class RawTree {
 public:
  struct Entry {
    std::string_view name;
    bool tree = false, blob = false;
    const unsigned char* oid = nullptr;
  };
  Status read(git_odb* odb, const git_oid& id) {
    if (git_odb_read(obj_.out(), odb, &id) != 0) return fail("cannot read a tree");
    begin_ = p_ = static_cast<const char*>(git_odb_object_data(obj_.get()));
    end_ = p_ + git_odb_object_size(obj_.get());
    return {};
  }
  // Back to the first entry, for another pass.
  void rewind() { p_ = begin_; }
  // The next entry ("<mode> <name>\0<20-byte id>"); false at the end or on a malformed tree.
  bool next(Entry& e) {
    if (!p_ || p_ >= end_) return false;
    const char* sp = static_cast<const char*>(std::memchr(p_, ' ', end_ - p_));
    if (!sp) return false;
    const char* nul = static_cast<const char*>(std::memchr(sp + 1, 0, end_ - sp - 1));
    if (!nul || end_ - nul < 21) return false;
    std::string_view mode(p_, sp - p_);
    e.name = std::string_view(sp + 1, nul - sp - 1);
    e.tree = mode == "40000";
    e.blob = mode == "100644" || mode == "100755" || mode == "120000";
    e.oid = reinterpret_cast<const unsigned char*>(nul + 1);
    p_ = nul + 21;
    return true;
  }

 private:
  Object<git_odb_object> obj_;
  const char* begin_ = nullptr;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

// git's tree order: names compared bytewise, a folder as if its name ended in '/'.
inline int tree_order(const RawTree::Entry& a, const RawTree::Entry& b) {
  std::size_t n = std::min(a.name.size(), b.name.size());
  if (int c = a.name.substr(0, n).compare(b.name.substr(0, n)); c != 0) return c;
  auto next = [n](const RawTree::Entry& e) -> int {
    return n < e.name.size() ? static_cast<unsigned char>(e.name[n]) : e.tree ? '/' : 0;
  };
  return next(a) - next(b);
}

}  // namespace vd::git
