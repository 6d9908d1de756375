// One-walk history dates: every commit compared with its first parent, folder by folder.
#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <thread>

#include "git/git_internal.h"
#include "parallel/parallel.h"

namespace vd::git {

namespace {

// One pair of trees to compare in the date walk: a folder's version in a commit (`b`) and in its
// first parent (`a`), for the commit at index `commit` of the walk.
struct Pair {
  git_oid a, b;
  bool has_a = false, has_b = false;
  int commit = 0;
};
using Level = std::map<std::string, std::vector<Pair>>;  // folder ("" or "x/y/") → its pairs

// One level of a pair (`tb` its commit's tree, `ta` its parent's when `p.has_a`): changed
// subfolders become pairs of the next level, added or changed files are sightings of (path,
// commit). Deletions do not date anything.
void compare_level(const std::string& base, const Pair& p, RawTree& ta, RawTree& tb, Level& next,
                   std::vector<std::pair<std::string, int>>& seen) {
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
}

// The pairs of one folder, newest first. In a line of commits a pair's parent version is the
// next pair's own: each version is read once and kept for the next pair, not read twice (which
// needed libgit2's object cache to hold every version of every large folder: ~550 MiB, each page
// of it a fault, for 10 000 profiles over 2 000 commits).
Status compare_pairs(git_odb* odb, const std::string& base, const std::vector<Pair>& pairs,
                     Level& next, std::vector<std::pair<std::string, int>>& seen) {
  RawTree older;  // the previous pair's parent version
  const git_oid* older_id = nullptr;
  for (const Pair& p : pairs) {
    RawTree ta, tb;
    if (older_id && git_oid_equal(older_id, &p.b)) {
      tb = std::move(older);
      tb.rewind();
    } else if (Status s = tb.read(odb, p.b); !s) {
      return s;
    }
    if (p.has_a)
      if (Status s = ta.read(odb, p.a); !s) return s;
    compare_level(base, p, ta, tb, next, seen);
    older_id = nullptr;
    if (p.has_a) {
      older = std::move(ta);  // rewound when taken
      older_id = &p.a;
    }
  }
  return {};
}

// Compares every pair of one level, folder by folder, on all cores (the object database is
// thread-safe; the pairs of a folder stay on one thread, in order), and leaves the next level.
Status compare_folders(git_odb* odb, Level& level, std::vector<std::pair<std::string, int>>& seen) {
  std::vector<const Level::value_type*> folders;
  for (const auto& f : level) folders.push_back(&f);
  unsigned n = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<Level> nexts(n);
  std::vector<std::vector<std::pair<std::string, int>>> seens(n);
  std::vector<Status> status(n);
  parallel::parallel_for(folders.size(), static_cast<int>(n), [&](std::size_t f, unsigned t) {
    if (!status[t]) return;  // this thread failed: it stops, as the others see at the end
    status[t] = compare_pairs(odb, folders[f]->first, folders[f]->second, nexts[t], seens[t]);
  });
  level.clear();
  for (unsigned t = 0; t < n; ++t) {
    if (!status[t]) return status[t];
    for (auto& [base, pairs] : nexts[t]) level[base] = std::move(pairs);  // one parent each
    seen.insert(seen.end(), seens[t].begin(), seens[t].end());
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
  while (!level.empty())
    if (Status s = compare_folders(odb.get(), level, seen); !s) return s;
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

}  // namespace vd::git
