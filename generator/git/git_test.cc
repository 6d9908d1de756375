// The libgit2 wrappers on temporary repositories (no network).
#include "git/git.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace vd::git {
namespace {

class TempRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vd-git-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    ASSERT_TRUE(Repository::init(dir_, false, repo_)) << dir_;
    disk_ = fs::make_real();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& path, const std::string& text) {
    ASSERT_TRUE(disk_->write(dir_ + "/" + path, text));
  }
  void remove(const std::string& path) { std::filesystem::remove(dir_ + "/" + path); }
  std::string commit(std::int64_t seconds, const std::string& msg = "change") {
    std::string id;
    EXPECT_TRUE(repo_.commit_all(msg, {seconds, 420}, id));
    return id;
  }
  std::string dir_;
  Repository repo_;
  std::unique_ptr<fs::FileSystem> disk_;
};

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
