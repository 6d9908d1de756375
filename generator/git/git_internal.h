// Internal to git/: RAII holders for libgit2 objects and error helpers.
#pragma once

#include <git2.h>

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

}  // namespace vd::git
