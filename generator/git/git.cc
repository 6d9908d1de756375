// Repository basics: open, resolve, objects, commits, tags, push.
#include <fmt/format.h>
#include <git2.h>

#include "git/git_internal.h"

namespace vd::git {

void ensure_init() {
  static const int once = [] { return git_libgit2_init(); }();
  (void)once;
}

Status fail(std::string_view what) {
  const git_error* e = git_error_last();
  return Status::failure(
      fmt::format("{}: {}", what, e && e->message ? e->message : "unknown error"));
}

std::string oid_str(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

bool parse_oid(const std::string& s, git_oid& out) {
  return git_oid_fromstr(&out, s.c_str()) == 0;
}

std::int64_t local_days(const When& w) {
  std::int64_t s = w.seconds + static_cast<std::int64_t>(w.offset_minutes) * 60;
  return s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
}

Repository::~Repository() {
  git_repository_free(repo_);
}

Repository& Repository::operator=(Repository&& o) noexcept {
  if (this != &o) {
    git_repository_free(repo_);
    repo_ = o.repo_;
    o.repo_ = nullptr;
  }
  return *this;
}

Status Repository::open(const std::string& path, Repository& out) {
  ensure_init();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, path.c_str(), 0, nullptr) != 0)
    return fail(fmt::format("no git repository at '{}'", path));
  out = Repository();
  out.repo_ = r;
  return {};
}

Status Repository::init(const std::string& path, bool bare, Repository& out) {
  ensure_init();
  git_repository* r = nullptr;
  if (git_repository_init(&r, path.c_str(), bare ? 1 : 0) != 0)
    return fail(fmt::format("cannot create a git repository at '{}'", path));
  out = Repository();
  out.repo_ = r;
  return {};
}

std::string Repository::workdir() const {
  const char* w = git_repository_workdir(repo_);
  return w ? w : "";
}

std::string Repository::git_dir() const {
  return git_repository_path(repo_);
}

Status Repository::resolve(const std::string& rev, Commit& out) const {
  Object<git_object> obj;
  if (git_revparse_single(obj.out(), repo_, rev.c_str()) != 0)
    return fail(fmt::format("unknown revision '{}'", rev));
  Object<git_object> peeled;
  if (git_object_peel(peeled.out(), obj.get(), GIT_OBJECT_COMMIT) != 0)
    return fail(fmt::format("'{}' does not name a commit", rev));
  const git_commit* c = reinterpret_cast<const git_commit*>(peeled.get());
  out.id = oid_str(*git_commit_id(c));
  out.tree = oid_str(*git_commit_tree_id(c));
  const char* msg = git_commit_message(c);
  out.message = msg ? msg : "";
  out.when = {git_commit_time(c), git_commit_time_offset(c)};
  out.parents.clear();
  for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
    out.parents.push_back(oid_str(*git_commit_parent_id(c, i)));
  return {};
}

std::optional<std::string> Repository::ref_target(const std::string& ref) const {
  git_oid id;
  if (git_reference_name_to_id(&id, repo_, ref.c_str()) != 0) return std::nullopt;
  return oid_str(id);
}

bool Repository::is_ancestor(const std::string& ancestor, const std::string& commit) const {
  git_oid a, c;
  if (!parse_oid(ancestor, a) || !parse_oid(commit, c)) return false;
  if (git_oid_equal(&a, &c)) return true;
  return git_graph_descendant_of(repo_, &c, &a) == 1;
}

Status Repository::read_blob(const std::string& blob, std::string& out) const {
  git_oid id;
  Object<git_blob> b;
  if (!parse_oid(blob, id) || git_blob_lookup(b.out(), repo_, &id) != 0)
    return fail(fmt::format("cannot read object {}", blob));
  out.assign(static_cast<const char*>(git_blob_rawcontent(b.get())),
             static_cast<std::size_t>(git_blob_rawsize(b.get())));
  return {};
}

bool Repository::has_object(const std::string& id) const {
  git_oid oid;
  Object<git_odb> odb;
  return parse_oid(id, oid) && git_repository_odb(odb.out(), repo_) == 0 &&
         git_odb_exists(odb.get(), &oid);
}

Status Repository::write_blob(std::string_view bytes, std::string& id) {
  git_oid oid;
  // Hash first: an existing object (most pages of a republished site) is not compressed again.
  if (git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) != 0)
    return fail("cannot hash a file");
  Object<git_odb> odb;
  if (git_repository_odb(odb.out(), repo_) != 0) return fail("cannot open the object database");
  if (!git_odb_exists(odb.get(), &oid) &&
      git_blob_create_from_buffer(&oid, repo_, bytes.data(), bytes.size()) != 0)
    return fail("cannot write a file into the repository");
  id = oid_str(oid);
  return {};
}

namespace {

Status signature(git_repository* repo, const When* when, Object<git_signature>& sig) {
  if (git_signature_default(sig.out(), repo) != 0 &&
      git_signature_now(sig.out(), "vinhdanh", "vinhdanh@localhost") != 0)
    return fail("cannot make a commit signature");
  if (when) {
    Object<git_signature> at;
    if (git_signature_new(at.out(), sig.get()->name, sig.get()->email, when->seconds,
                          when->offset_minutes) != 0)
      return fail("cannot make a commit signature");
    sig = std::move(at);
  }
  return {};
}

}  // namespace

Status Repository::commit(const std::string& ref, const std::string& tree,
                          const std::vector<std::string>& parents, const std::string& message,
                          std::string& id, const When* when) {
  git_oid tree_id;
  Object<git_tree> t;
  if (!parse_oid(tree, tree_id) || git_tree_lookup(t.out(), repo_, &tree_id) != 0)
    return fail("cannot find the tree to commit");
  std::vector<Object<git_commit>> owned(parents.size());
  std::vector<const git_commit*> ps;
  for (std::size_t i = 0; i < parents.size(); ++i) {
    git_oid pid;
    if (!parse_oid(parents[i], pid) || git_commit_lookup(owned[i].out(), repo_, &pid) != 0)
      return fail(fmt::format("cannot find the parent commit {}", parents[i]));
    ps.push_back(owned[i].get());
  }
  Object<git_signature> sig;
  if (Status s = signature(repo_, when, sig); !s) return s;
  git_oid out;
  if (git_commit_create(&out, repo_, ref.empty() ? nullptr : ref.c_str(), sig.get(), sig.get(),
                        nullptr, message.c_str(), t.get(), ps.size(), ps.data()) != 0)
    return fail(fmt::format("cannot commit to {}", ref.empty() ? "the repository" : ref));
  id = oid_str(out);
  return {};
}

bool Repository::tag_exists(const std::string& name) const {
  return ref_target("refs/tags/" + name).has_value();
}

Status Repository::tag(const std::string& name, const std::string& target,
                       const std::string& message) {
  git_oid tid;
  Object<git_object> obj;
  if (!parse_oid(target, tid) || git_object_lookup(obj.out(), repo_, &tid, GIT_OBJECT_COMMIT) != 0)
    return fail(fmt::format("cannot find the commit to tag ({})", target));
  Object<git_signature> sig;
  if (Status s = signature(repo_, nullptr, sig); !s) return s;
  git_oid out;
  if (git_tag_create(&out, repo_, name.c_str(), obj.get(), sig.get(), message.c_str(), 0) != 0)
    return fail(fmt::format("cannot create the tag {}", name));
  return {};
}

Status Repository::commit_all(const std::string& message, const When& when, std::string& id) {
  Object<git_index> index;
  if (git_repository_index(index.out(), repo_) != 0) return fail("cannot open the index");
  if (git_index_add_all(index.get(), nullptr, 0, nullptr, nullptr) != 0 ||
      git_index_update_all(index.get(), nullptr, nullptr, nullptr) != 0 ||
      git_index_write(index.get()) != 0)
    return fail("cannot stage the work tree");
  git_oid tree;
  if (git_index_write_tree(&tree, index.get()) != 0) return fail("cannot write the tree");
  std::vector<std::string> parents;
  if (auto head = ref_target("HEAD")) parents.push_back(*head);
  return commit("HEAD", oid_str(tree), parents, message, id, &when);
}

}  // namespace vd::git
