// The libgit2 wrappers on temporary repositories (no network).
#include "git/git.h"
#include "git/git_test_util.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>

namespace vd::git {
namespace {

TEST_F(TempRepo, FileDatesComeFromOneWalkOfFirstAndLastCommits) {
  write("site/content/a.md", "a1");
  write("site/content/b.md", "b1");
  write("other.txt", "x");
  commit(1000);
  write("site/content/a.md", "a2");
  commit(2000);
  write("site/content/c.md", "c1");
  std::string third = commit(3000);
  DateMap dates;
  ASSERT_TRUE(repo_.file_dates(third, "", "site", dates));
  ASSERT_EQ(dates.size(), 3u);  // only below the prefix, relative to it
  EXPECT_EQ(dates["content/a.md"].created.seconds, 1000);
  EXPECT_EQ(dates["content/a.md"].updated.seconds, 2000);
  EXPECT_EQ(dates["content/b.md"].updated.seconds, 1000);
  EXPECT_EQ(dates["content/c.md"].created.seconds, 3000);
  EXPECT_EQ(dates["content/c.md"].created.offset_minutes, 420);
}

TEST_F(TempRepo, FileDatesContinueFromACachedCommit) {
  write("a.md", "1");
  std::string first = commit(1000);
  DateMap dates;
  ASSERT_TRUE(repo_.file_dates(first, "", "", dates));
  write("a.md", "2");
  write("b.md", "1");
  std::string second = commit(5000);
  ASSERT_TRUE(repo_.file_dates(second, first, "", dates));  // walks only the new commit
  EXPECT_EQ(dates["a.md"].created.seconds, 1000);
  EXPECT_EQ(dates["a.md"].updated.seconds, 5000);
  EXPECT_EQ(dates["b.md"].created.seconds, 5000);
}

TEST_F(TempRepo, ChangedAndUncommittedFiles) {
  write("s/a.md", "1");
  write("s/b.md", "1");
  std::string first = commit(1000);
  write("s/a.md", "2");
  remove("s/b.md");
  std::string second = commit(2000);
  std::vector<std::string> changed;
  ASSERT_TRUE(repo_.changed_files(first, second, "s", changed));
  EXPECT_EQ(changed, (std::vector<std::string>{"a.md", "b.md"}));
  std::vector<std::string> dirty;
  ASSERT_TRUE(repo_.uncommitted("s", dirty));
  EXPECT_TRUE(dirty.empty());
  write("s/new.md", "n");
  write("elsewhere.md", "n");
  ASSERT_TRUE(repo_.uncommitted("s", dirty));
  EXPECT_EQ(dirty, std::vector<std::string>{"new.md"});
}

TEST_F(TempRepo, TreeFileSystemReadsARevisionWithoutCheckout) {
  write("site/content/a.md", "old");
  std::string first = commit(1000);
  write("site/content/a.md", "new");
  commit(2000);
  std::vector<TreeEntry> files;
  ASSERT_TRUE(repo_.list_files(first, "site", files));
  auto memory = fs::make_memory();
  fs::MemoryFileSystem& mem = *memory;
  ASSERT_TRUE(mem.write("theme/layouts/x", "theme"));
  TreeFileSystem tree(repo_, files, "git:rev", mem);
  EXPECT_EQ(tree.read("git:rev/content/a.md").bytes, "old");
  EXPECT_EQ(tree.list("git:rev/content"), std::vector<std::string>{"a.md"});
  EXPECT_TRUE(tree.is_dir("git:rev/content"));
  EXPECT_FALSE(tree.is_file("git:rev/content/b.md"));
  EXPECT_FALSE(tree.write("git:rev/content/a.md", "x"));   // the revision is read-only
  EXPECT_EQ(tree.read("theme/layouts/x").bytes, "theme");  // elsewhere: the fallback
  EXPECT_TRUE(tree.write("out/index.html", "page"));
  EXPECT_EQ(mem.files().at("out/index.html"), "page");
}

TEST_F(TempRepo, CommitOnABranchLeavesHeadIndexAndWorkTreeAlone) {
  write("a.md", "1");
  std::string head = commit(1000);
  std::string blob, tree, pub;
  ASSERT_TRUE(repo_.write_blob("<p>page</p>", blob));
  ASSERT_TRUE(repo_.write_tree({{"dir/index.html", blob}}, tree));
  ASSERT_TRUE(repo_.commit("refs/heads/portal", tree, {}, "edition 1", pub));
  EXPECT_EQ(repo_.ref_target("HEAD"), head);
  EXPECT_EQ(repo_.ref_target("refs/heads/portal"), pub);
  std::vector<std::string> dirty;
  ASSERT_TRUE(repo_.uncommitted("", dirty));
  EXPECT_TRUE(dirty.empty());
  // The branch only advances from its tip: a stale parent is refused.
  std::string again;
  EXPECT_FALSE(repo_.commit("refs/heads/portal", tree, {head}, "stale", again));
}

TEST_F(TempRepo, NonFastForwardPushIsRefusedAndNeverForced) {
  Repository remote;
  std::string bare = dir_ + "/remote.git";
  ASSERT_TRUE(Repository::init(bare, true, remote));
  write("a.md", "1");
  std::string base = commit(1000);
  Commit c;
  ASSERT_TRUE(repo_.resolve(base, c));
  std::string one, two;
  ASSERT_TRUE(repo_.commit("refs/heads/portal", c.tree, {}, "first", one));
  ASSERT_TRUE(repo_.push(bare, {"refs/heads/portal:refs/heads/portal"}));
  EXPECT_EQ(remote.ref_target("refs/heads/portal"), one);
  // The remote moves on with a commit this repository never saw.
  std::string theirs;
  ASSERT_TRUE(remote.commit("refs/heads/portal", c.tree, {one}, "someone else", theirs));
  ASSERT_TRUE(repo_.commit("refs/heads/portal", c.tree, {one}, "second", two));
  Status s = repo_.push(bare, {"refs/heads/portal:refs/heads/portal"});
  EXPECT_FALSE(s);
  EXPECT_EQ(s.message.rfind("non-fast-forward", 0), 0u) << s.message;
  EXPECT_EQ(remote.ref_target("refs/heads/portal"), theirs);
}

TEST(GitDays, LocalDaysUseTheCommittersOffset) {
  // 2024-01-01T23:30:00Z is already 2 January at UTC+7.
  When w{1704151800, 420};
  EXPECT_EQ(local_days(w), 19724);
  EXPECT_EQ(local_days({1704151800, 0}), 19723);
}

}  // namespace
}  // namespace vd::git

namespace vd::git {
namespace {

// A generated history (edits, additions, deletions, renames, nested folders, a branch merged
// back) dated by the walk, in one go and continued from a cached commit, against dates found the
// slow way: every commit's full file list compared with its first parent's.
TEST_F(TempRepo, FileDatesAgreeWithAFileByFileComparisonOfEveryCommit) {
  std::mt19937 rnd(7);
  std::map<std::string, std::string> state;
  struct Made {
    std::string id;
    std::int64_t when;
    std::map<std::string, std::string> files;
    int parent;  // index of the first parent, -1 for the root
  };
  std::vector<Made> made;
  std::int64_t now = 1000;
  auto make = [&](const std::map<std::string, std::string>& files, std::vector<int> parents) {
    std::vector<TreeEntry> entries;
    for (const auto& [path, text] : files) {
      std::string blob;
      EXPECT_TRUE(repo_.write_blob(text, blob));
      entries.push_back({path, blob});
    }
    std::string tree, id;
    EXPECT_TRUE(repo_.write_tree(entries, tree));
    std::vector<std::string> ids;
    for (int p : parents) ids.push_back(made[p].id);
    When w{now += 100, 420};
    EXPECT_TRUE(repo_.commit("", tree, ids, "c", id, &w));
    made.push_back({id, w.seconds, files, parents.empty() ? -1 : parents[0]});
    return static_cast<int>(made.size()) - 1;
  };
  const char* dirs[] = {"c/p/2023/", "c/p/2024/", "c/x/", ""};
  auto pick = [&] {  // any file but c/stay.md, which lives through the whole history
    for (;;) {
      auto it = state.begin();
      std::advance(it, rnd() % state.size());
      if (it->first != "c/stay.md") return it->first;
    }
  };
  state["c/stay.md"] = "1";
  int head = -1, fork = -1;
  for (int i = 0; i < 60; ++i) {
    for (int k = 0; k < 3; ++k) {
      int op = i == 0 ? 0 : static_cast<int>(rnd() % 4);
      if (op == 0 || state.size() < 4) {
        state[fmt::format("{}f{}.md", dirs[rnd() % 4], rnd() % 40)] = fmt::format("v{}", i);
      } else if (op == 1) {
        state[pick()] += fmt::format(" e{}", i);
      } else if (op == 2) {
        state.erase(pick());
      } else {  // a rename
        std::string from = pick();
        state[fmt::format("{}r{}.md", dirs[rnd() % 4], i)] = state[from];
        state.erase(from);
      }
    }
    head = make(state, head < 0 ? std::vector<int>{} : std::vector<int>{head});
    if (i == 20) fork = head;
  }
  state["c/stay.md"] += " main";  // a file the branch below changes too
  head = make(state, {head});
  int mid = head;
  // A branch from an older commit, merged back after `mid`.
  std::map<std::string, std::string> side = made[fork].files;
  side["c/x/side.md"] = "side";
  // A file the main line also changed after the fork: the branch's older change must not become
  // its update date when the walk continues from `mid` (the merge keeps the main line's text).
  side["c/stay.md"] += " side";
  now = made[fork].when + 50;  // older than the commits after the fork on the main line
  int s1 = make(side, {fork});
  now = made[mid].when;
  std::map<std::string, std::string> merged = state;
  merged["c/x/side.md"] = "side";
  head = make(merged, {mid, s1});
  state["c/p/2024/last.md"] = "x";
  head = make(state, {head});

  DateMap expected;
  for (const Made& m : made) {
    const std::map<std::string, std::string> none;
    const auto& before = m.parent < 0 ? none : made[m.parent].files;
    for (const auto& [path, text] : m.files) {
      auto b = before.find(path);
      if (b != before.end() && b->second == text) continue;
      auto [it, fresh] = expected.try_emplace(path, PathDates{{m.when, 420}, {m.when, 420}});
      if (m.when < it->second.created.seconds) it->second.created = {m.when, 420};
      if (m.when > it->second.updated.seconds) it->second.updated = {m.when, 420};
    }
  }
  auto same = [](const DateMap& a, const DateMap& b) {
    if (a.size() != b.size())
      return ::testing::AssertionFailure() << a.size() << " vs " << b.size();
    for (const auto& [path, d] : a) {
      auto it = b.find(path);
      if (it == b.end()) return ::testing::AssertionFailure() << "missing " << path;
      if (it->second.created.seconds != d.created.seconds ||
          it->second.updated.seconds != d.updated.seconds)
        return ::testing::AssertionFailure()
               << path << ": " << d.created.seconds << "-" << d.updated.seconds << " vs "
               << it->second.created.seconds << "-" << it->second.updated.seconds;
    }
    return ::testing::AssertionSuccess();
  };
  DateMap full;
  ASSERT_TRUE(repo_.file_dates(made[head].id, "", "", full));
  EXPECT_TRUE(same(expected, full));
  DateMap cached;
  ASSERT_TRUE(repo_.file_dates(made[mid].id, "", "", cached));
  ASSERT_TRUE(repo_.file_dates(made[head].id, made[mid].id, "", cached));
  EXPECT_TRUE(same(expected, cached));
  EXPECT_GT(expected.size(), 40u);
}

}  // namespace
}  // namespace vd::git
