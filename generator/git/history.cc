// Reading history and trees: one-walk file dates, changed and uncommitted paths, listings, push.
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cstring>
#include <map>

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
    p_ = static_cast<const char*>(git_odb_object_data(obj_.get()));
    end_ = p_ + git_odb_object_size(obj_.get());
    return {};
  }
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
  const char* p_ = nullptr;
  const char* end_ = nullptr;
};

// git's tree order: names compared bytewise, a folder as if its name ended in '/'.
int tree_order(const RawTree::Entry& a, const RawTree::Entry& b) {
  std::size_t n = std::min(a.name.size(), b.name.size());
  if (int c = a.name.substr(0, n).compare(b.name.substr(0, n)); c != 0) return c;
  auto next = [n](const RawTree::Entry& e) -> int {
    return n < e.name.size() ? static_cast<unsigned char>(e.name[n]) : e.tree ? '/' : 0;
  };
  return next(a) - next(b);
}

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

// The folder `prefix` of a commit's tree, if it exists there.
Status commit_subtree(git_odb* odb, const git_commit* c, const std::string& prefix, git_oid& out,
                      bool& found) {
  return raw_subtree(odb, *git_commit_tree_id(c), prefix, out, found);
}

}  // namespace

namespace {

// One pair of trees to compare in the date walk: a folder's version in a commit (`b`) and in its
// first parent (`a`), for the commit at index `commit` of the walk.
struct Pair {
  git_oid a, b;
  bool has_a = false, has_b = false;
  int commit = 0;
};
using Level = std::map<std::string, std::vector<Pair>>;  // folder ("" or "x/y/") → its pairs

// One level of a pair: changed subfolders become pairs of the next level, added or changed files
// are sightings of (path, commit). Deletions do not date anything.
Status compare_level(git_odb* odb, const std::string& base, const Pair& p, Level& next,
                     std::vector<std::pair<std::string, int>>& seen) {
  RawTree ta, tb;
  if (p.has_a)
    if (Status s = ta.read(odb, p.a); !s) return s;
  if (Status s = tb.read(odb, p.b); !s) return s;
  auto added = [&](const RawTree::Entry& e, const RawTree::Entry* old) {
    if (e.blob) {
      seen.emplace_back(base + std::string(e.name), p.commit);
    } else if (e.tree) {
      Pair q;
      git_oid_fromraw(&q.b, e.oid);
      q.has_b = true;
      q.has_a = old && old->tree;
      if (q.has_a) git_oid_fromraw(&q.a, old->oid);
      q.commit = p.commit;
      next[base + std::string(e.name) + "/"].push_back(q);
    }
  };
  RawTree::Entry ea, eb;
  bool ha = p.has_a && ta.next(ea), hb = tb.next(eb);
  while (hb) {
    int c = !ha ? 1 : tree_order(ea, eb);
    if (c < 0) {
      ha = ta.next(ea);
      continue;
    }
    if (c > 0) {
      added(eb, nullptr);
    } else {
      if (std::memcmp(ea.oid, eb.oid, GIT_OID_RAWSZ) != 0) added(eb, &ea);
      ha = ta.next(ea);
    }
    hb = tb.next(eb);
  }
  return {};
}

// libgit2 hashes every object it reads again to check its id (strict verification): over the
// thousands of ~100 KiB folder trees of a long history that was more than half of the walk. The
// walk only reads (like `git log`, which does not rehash either); checking is back on after it.
class NoRehash {
 public:
  NoRehash() { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0); }
  ~NoRehash() { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1); }
};

}  // namespace

// The walk compares each commit with its first parent, folder by folder: first the top folder
// of every commit, then every changed subfolder of every commit, grouped by folder. Reading the
// versions of one folder one after the other lets libgit2 rebuild each from the previous one
// (its delta base cache holds 16 MiB: going commit by commit through four folders of ~100 KiB
// evicted the bases of one while reading another).
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
  Object<git_odb> odb;
  if (git_repository_odb(odb.out(), repo_) != 0) return fail("cannot open the object database");
  NoRehash no_rehash;
  std::vector<When> when;  // of each commit, newest first
  Level level;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    Object<git_commit> c, parent;
    if (git_commit_lookup(c.out(), repo_, &id) != 0) return fail("cannot read a commit");
    Pair p;
    p.commit = static_cast<int>(when.size());
    when.push_back({git_commit_time(c.get()), git_commit_time_offset(c.get())});
    if (Status s = commit_subtree(odb.get(), c.get(), prefix, p.b, p.has_b); !s) return s;
    if (git_commit_parentcount(c.get()) > 0) {
      if (git_commit_parent(parent.out(), c.get(), 0) != 0) return fail("cannot read a parent");
      if (Status s = commit_subtree(odb.get(), parent.get(), prefix, p.a, p.has_a); !s) return s;
    }
    if (p.has_b && !(p.has_a && git_oid_equal(&p.a, &p.b))) level[""].push_back(p);
  }
  std::vector<std::pair<std::string, int>> seen;  // (path, commit) for each change
  while (!level.empty()) {
    Level next;
    for (const auto& [base, pairs] : level)
      for (const Pair& p : pairs)
        if (Status s = compare_level(odb.get(), base, p, next, seen); !s) return s;
    level = std::move(next);
  }
  // Per path the newest sighting (smallest index) is the update, the oldest the creation.
  std::map<std::string, std::pair<int, int>> span;
  for (auto& [path, i] : seen) {
    auto [it, fresh] = span.try_emplace(std::move(path), i, i);
    it->second = {std::min(it->second.first, i), std::max(it->second.second, i)};
  }
  DateMap walked;
  for (const auto& [path, s] : span) walked[path] = {when[s.second], when[s.first]};
  // Merged with the cached dates: the walk since the cached commit may reach older commits of a
  // branch merged since, so the earlier creation and the later update win.
  for (auto& [path, d] : walked) {
    auto [it, fresh] = dates.try_emplace(path, d);
    if (fresh) continue;
    if (d.created.seconds < it->second.created.seconds) it->second.created = d.created;
    if (d.updated.seconds > it->second.updated.seconds) it->second.updated = d.updated;
  }
  return {};
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
