// Reading history and trees: changed and uncommitted paths, listings, push (dates: dates.cc).
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <thread>

#include "git/git_internal.h"

namespace vd::git {

std::string clean_prefix(std::string p) {
  while (!p.empty() && p.back() == '/') p.pop_back();
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  return p == "." ? std::string() : p;
}

namespace {

// The tree below `prefix` of a commit (null when the folder does not exist there).
Status subtree(git_repository* repo, const git_commit* c, const std::string& prefix,
               Object<git_tree>& out) {
  Object<git_tree> root;
  if (git_commit_tree(root.out(), c) != 0) return fail("cannot read a commit's tree");
  if (prefix.empty()) {
    out = std::move(root);
    return {};
  }
  Object<git_tree_entry> e;
  if (git_tree_entry_bypath(e.out(), root.get(), prefix.c_str()) != 0 ||
      git_tree_entry_type(e.get()) != GIT_OBJECT_TREE) {
    out.reset();
    return {};
  }
  if (git_tree_lookup(out.out(), repo, git_tree_entry_id(e.get())) != 0)
    return fail("cannot read a tree");
  return {};
}

Status lookup(git_repository* repo, const std::string& id, Object<git_commit>& out) {
  git_oid oid;
  if (!parse_oid(id, oid) || git_commit_lookup(out.out(), repo, &oid) != 0)
    return fail(fmt::format("cannot find commit {}", id));
  return {};
}

}  // namespace

// The id of the folder `prefix` in a tree; false when there is none.
Status raw_subtree(git_odb* odb, const git_oid& root, const std::string& prefix, git_oid& out,
                   bool& found) {
  out = root;
  found = true;
  for (std::size_t a = 0; a < prefix.size() && found;) {
    std::size_t b = std::min(prefix.find('/', a), prefix.size());
    std::string_view part = std::string_view(prefix).substr(a, b - a);
    RawTree t;
    if (Status s = t.read(odb, out); !s) return s;
    RawTree::Entry e;
    found = false;
    while (!found && t.next(e))
      if (e.tree && e.name == part) found = git_oid_fromraw(&out, e.oid) == 0;
    a = b + 1;
  }
  return {};
}

namespace {

// Paths of files that differ between two trees (either may be null), found by comparing entry
// ids: identical subtrees are skipped without being read. Deleted paths only if asked.
Status diff_paths(git_odb* odb, const git_oid* from, const git_oid* to, bool deletions,
                  std::vector<std::string>& out, const std::string& base = "") {
  if (from && to && git_oid_equal(from, to)) return {};
  RawTree ta, tb;
  if (from)
    if (Status s = ta.read(odb, *from); !s) return s;
  if (to)
    if (Status s = tb.read(odb, *to); !s) return s;
  // Called with a pair of the same kind, or with one side only.
  auto visit = [&](const RawTree::Entry* a, const RawTree::Entry* b) -> Status {
    const RawTree::Entry& e = b ? *b : *a;
    if ((a && a->tree) || (b && b->tree)) {
      git_oid ia, ib;
      if (a) git_oid_fromraw(&ia, a->oid);
      if (b) git_oid_fromraw(&ib, b->oid);
      return diff_paths(odb, a ? &ia : nullptr, b ? &ib : nullptr, deletions, out,
                        base + std::string(e.name) + "/");
    }
    if ((b && b->blob) || (!b && deletions && a->blob)) out.push_back(base + std::string(e.name));
    return {};
  };
  RawTree::Entry ea, eb;
  bool ha = from && ta.next(ea), hb = to && tb.next(eb);
  while (ha || hb) {
    int c = !ha ? 1 : !hb ? -1 : tree_order(ea, eb);
    Status s;
    if (c == 0) {
      if (std::memcmp(ea.oid, eb.oid, GIT_OID_RAWSZ) != 0) {
        s = ea.tree == eb.tree ? visit(&ea, &eb) : visit(&ea, nullptr);
        if (s && ea.tree != eb.tree) s = visit(nullptr, &eb);
      }
      ha = ta.next(ea);
      hb = tb.next(eb);
    } else if (c < 0) {
      s = visit(&ea, nullptr);
      ha = ta.next(ea);
    } else {
      s = visit(nullptr, &eb);
      hb = tb.next(eb);
    }
    if (!s) return s;
  }
  return {};
}

}  // namespace

// The folder `prefix` of a commit's tree, if it exists there.
Status commit_subtree(git_odb* odb, const git_commit* c, const std::string& prefix, git_oid& out,
                      bool& found) {
  return raw_subtree(odb, *git_commit_tree_id(c), prefix, out, found);
}

Status Repository::changed_files(const std::string& from, const std::string& to,
                                 const std::string& prefix_in,
                                 std::vector<std::string>& out) const {
  std::string prefix = clean_prefix(prefix_in);
  Object<git_commit> a, b;
  Object<git_odb> odb;
  if (git_repository_odb(odb.out(), repo_) != 0) return fail("cannot open the object database");
  git_oid ta, tb;
  bool has_a = false, has_b = false;
  if (Status s = lookup(repo_, to, b); !s) return s;
  if (Status s = commit_subtree(odb.get(), b.get(), prefix, tb, has_b); !s) return s;
  if (!from.empty()) {
    if (Status s = lookup(repo_, from, a); !s) return s;
    if (Status s = commit_subtree(odb.get(), a.get(), prefix, ta, has_a); !s) return s;
  }
  return diff_paths(odb.get(), has_a ? &ta : nullptr, has_b ? &tb : nullptr, true, out);
}

Status Repository::uncommitted(const std::string& prefix_in, std::vector<std::string>& out) const {
  std::string prefix = clean_prefix(prefix_in);
  git_status_options opts;
  git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  char* spec = prefix.data();
  if (!prefix.empty()) opts.pathspec = {&spec, 1};
  Object<git_status_list> list;
  if (git_status_list_new(list.out(), repo_, &opts) != 0)
    return fail("cannot read the status of the work tree");
  std::size_t n = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < n; ++i) {
    const git_status_entry* e = git_status_byindex(list.get(), i);
    const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    if (!d) continue;
    std::string path = d->new_file.path ? d->new_file.path : d->old_file.path;
    if (!prefix.empty()) {
      if (path.rfind(prefix + "/", 0) != 0) continue;
      path.erase(0, prefix.size() + 1);
    }
    out.push_back(std::move(path));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return {};
}

Status Repository::list_files(const std::string& commit, const std::string& prefix_in,
                              std::vector<TreeEntry>& out) const {
  std::string prefix = clean_prefix(prefix_in);
  Object<git_commit> c;
  Object<git_tree> t;
  if (Status s = lookup(repo_, commit, c); !s) return s;
  if (Status s = subtree(repo_, c.get(), prefix, t); !s) return s;
  out.clear();
  if (!t.get()) return {};
  auto visit = [](const char* root, const git_tree_entry* e, void* payload) -> int {
    if (git_tree_entry_type(e) == GIT_OBJECT_BLOB)
      static_cast<std::vector<TreeEntry>*>(payload)->push_back(
          {std::string(root) + git_tree_entry_name(e), oid_str(*git_tree_entry_id(e))});
    return 0;
  };
  if (git_tree_walk(t.get(), GIT_TREEWALK_PRE, visit, &out) != 0) return fail("cannot list a tree");
  std::sort(out.begin(), out.end(),
            [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
  return {};
}

namespace {

struct PushState {
  std::vector<std::string> rejected;
  int attempts = 0;
};

int credentials(git_credential** out, const char*, const char* user, unsigned int allowed,
                void* payload) {
  // Credentials come from the usual places (ssh-agent, the default ones); give up after a few
  // refusals instead of asking forever.
  if (++static_cast<PushState*>(payload)->attempts > 3) return GIT_EUSER;
  if (allowed & GIT_CREDENTIAL_SSH_KEY)
    return git_credential_ssh_key_from_agent(out, user ? user : "git");
  if (allowed & GIT_CREDENTIAL_DEFAULT) return git_credential_default_new(out);
  return GIT_PASSTHROUGH;
}

}  // namespace

Status Repository::push(const std::string& remote, const std::vector<std::string>& refspecs) {
  Object<git_remote> r;
  if (git_remote_lookup(r.out(), repo_, remote.c_str()) != 0 &&
      git_remote_create_anonymous(r.out(), repo_, remote.c_str()) != 0)
    return fail(fmt::format("unknown remote '{}'", remote));
  PushState state;
  git_push_options opts;
  git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
  opts.callbacks.payload = &state;
  opts.callbacks.credentials = credentials;
  opts.callbacks.push_update_reference = [](const char* ref, const char* status, void* p) {
    if (status) static_cast<PushState*>(p)->rejected.push_back(fmt::format("{}: {}", ref, status));
    return 0;
  };
  std::vector<char*> specs;
  for (const std::string& s : refspecs) specs.push_back(const_cast<char*>(s.c_str()));
  git_strarray arr{specs.data(), specs.size()};
  int rc = git_remote_push(r.get(), &arr, &opts);
  if (rc == GIT_ENONFASTFORWARD || (rc == 0 && !state.rejected.empty()))
    return Status::failure(fmt::format(
        "non-fast-forward: the remote '{}' has publication commits this repository does not have "
        "({})",
        remote, state.rejected.empty() ? "rejected" : fmt::format("{}", state.rejected[0])));
  if (rc != 0) return fail(fmt::format("cannot push to '{}'", remote));
  return {};
}

}  // namespace vd::git
