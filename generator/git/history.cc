// Reading history and trees: one-walk file dates, changed and uncommitted paths, listings, push.
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>

#include "git/git_internal.h"

namespace vd::git {

namespace {

std::string clean_prefix(std::string p) {
  while (!p.empty() && p.back() == '/') p.pop_back();
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  return p == "." ? std::string() : p;
}

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

// Paths of the deltas between two trees (either may be null). Deleted paths only if asked.
Status diff_paths(git_repository* repo, git_tree* from, git_tree* to, bool deletions,
                  std::vector<std::string>& out) {
  if (from && to && git_oid_equal(git_tree_id(from), git_tree_id(to))) return {};
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.flags |= GIT_DIFF_SKIP_BINARY_CHECK;
  Object<git_diff> diff;
  if (git_diff_tree_to_tree(diff.out(), repo, from, to, &opts) != 0)
    return fail("cannot compare two trees");
  std::size_t n = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->status == GIT_DELTA_DELETED) {
      if (deletions) out.push_back(d->old_file.path);
    } else {
      out.push_back(d->new_file.path);
    }
  }
  return {};
}

}  // namespace

Status Repository::file_dates(const std::string& commit, const std::string& stop,
                              const std::string& prefix_in, DateMap& dates) const {
  std::string prefix = clean_prefix(prefix_in);
  Object<git_revwalk> walk;
  git_oid id;
  if (git_revwalk_new(walk.out(), repo_) != 0) return fail("cannot walk the history");
  git_revwalk_sorting(walk.get(), GIT_SORT_TIME);
  if (!parse_oid(commit, id) || git_revwalk_push(walk.get(), &id) != 0)
    return fail(fmt::format("cannot walk the history of {}", commit));
  if (!stop.empty() && (!parse_oid(stop, id) || git_revwalk_hide(walk.get(), &id) != 0))
    return fail(fmt::format("cannot walk the history of {}", commit));
  DateMap seen;  // newest first: the first sighting is the update, the last the creation
  std::vector<std::string> paths;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    Object<git_commit> c, parent;
    if (git_commit_lookup(c.out(), repo_, &id) != 0) return fail("cannot read a commit");
    When w{git_commit_time(c.get()), git_commit_time_offset(c.get())};
    Object<git_tree> now, before;
    if (Status s = subtree(repo_, c.get(), prefix, now); !s) return s;
    if (git_commit_parentcount(c.get()) > 0) {
      if (git_commit_parent(parent.out(), c.get(), 0) != 0) return fail("cannot read a parent");
      if (Status s = subtree(repo_, parent.get(), prefix, before); !s) return s;
    }
    paths.clear();
    if (Status s = diff_paths(repo_, before.get(), now.get(), false, paths); !s) return s;
    for (std::string& p : paths) {
      auto [it, fresh] = seen.try_emplace(std::move(p), PathDates{w, w});
      if (!fresh) it->second.created = w;
    }
  }
  for (auto& [path, d] : seen) {
    auto [it, fresh] = dates.try_emplace(path, d);
    if (!fresh) it->second.updated = d.updated;  // created stays the older, cached one
  }
  return {};
}

Status Repository::changed_files(const std::string& from, const std::string& to,
                                 const std::string& prefix_in,
                                 std::vector<std::string>& out) const {
  std::string prefix = clean_prefix(prefix_in);
  Object<git_commit> a, b;
  Object<git_tree> ta, tb;
  if (Status s = lookup(repo_, to, b); !s) return s;
  if (Status s = subtree(repo_, b.get(), prefix, tb); !s) return s;
  if (!from.empty()) {
    if (Status s = lookup(repo_, from, a); !s) return s;
    if (Status s = subtree(repo_, a.get(), prefix, ta); !s) return s;
  }
  return diff_paths(repo_, ta.get(), tb.get(), true, out);
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
