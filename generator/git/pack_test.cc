// Many objects at once (batch.cc, pack.cc) on temporary repositories: blobs from many threads,
// packs, loose objects, trees made in memory.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "git/git.h"
#include "git/git_test_util.h"
#include "parallel/parallel.h"

namespace vd::git {
namespace {

// Pack files in the repository's object folder.
int packs(const std::string& dir) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/.git/objects/pack"))
    n += e.path().extension() == ".idx";
  return n;
}

// Blobs added from several threads at once get git's ids; only the ones the repository lacks
// are written (at finish), and then read back identical.
TEST_F(TempRepo, BlobBatchAddsFromManyThreads) {
  std::vector<std::string> blobs;
  for (int i = 0; i < 400; ++i)
    blobs.push_back(fmt::format("<p>trang {}</p>\n{}", i % 350, std::string(i * 53 % 3000, 'y')));
  std::vector<std::string> expected(blobs.size());
  {
    Repository elsewhere;  // libgit2's own ids, from a repository of their own
    ASSERT_TRUE(Repository::init(dir_ + "/.git/elsewhere.git", true, elsewhere));
    for (std::size_t i = 0; i < blobs.size(); ++i)
      ASSERT_TRUE(elsewhere.write_blob(blobs[i], expected[i]));
  }
  std::string existing;
  ASSERT_TRUE(repo_.write_blob(blobs[3], existing));
  BlobBatch batch(repo_);
  EXPECT_TRUE(batch.has(existing));
  EXPECT_FALSE(batch.has(expected[5]));
  std::vector<std::string> ids(blobs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < blobs.size();) ids[i] = batch.add(blobs[i]);
  };
  std::thread other(work);
  work();
  other.join();
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(batch.fresh(), blobs.size() - 1);  // all but the one stored before
  EXPECT_FALSE(batch.has(expected[5]));        // not before finish
  ASSERT_TRUE(batch.finish());
  EXPECT_EQ(packs(dir_), 1);
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    std::string back;
    ASSERT_TRUE(repo_.read_blob(ids[i], back)) << i;
    EXPECT_EQ(back, blobs[i]) << i;
  }
}

// Blobs written in one go get the ids git gives them, read back identical whether they went into
// a pack (many) or loose (few); duplicates and objects already stored are written once.
TEST_F(TempRepo, ManyBlobsGoIntoOnePackThatReadsBack) {
  std::vector<std::string> blobs;
  for (int i = 0; i < 300; ++i)
    blobs.push_back(fmt::format("<p>trang {}</p>\n{}", i, std::string(i * 37 % 5000, 'x')));
  blobs[250] = blobs[0];
  blobs.push_back("");  // the empty blob
  std::string existing;
  ASSERT_TRUE(repo_.write_blob(blobs[7], existing));
  auto read = [&](std::size_t i, std::string& bytes) {
    bytes = blobs[i];
    return Status{};
  };
  std::vector<std::string> ids;
  ASSERT_TRUE(repo_.write_blobs(blobs.size(), read, 2, ids));
  ASSERT_EQ(ids.size(), blobs.size());
  EXPECT_EQ(ids[7], existing);
  EXPECT_EQ(ids[0], ids[250]);  // the same bytes, the same blob
  EXPECT_EQ(ids.back(), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");  // git's empty blob
  EXPECT_EQ(packs(dir_), 1);
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    std::string back;
    ASSERT_TRUE(repo_.read_blob(ids[i], back)) << i;
    EXPECT_EQ(back, blobs[i]) << i;
  }
  // A second repository handle (a later run) finds them in the pack too.
  Repository again;
  ASSERT_TRUE(Repository::open(dir_, again));
  std::string back;
  ASSERT_TRUE(again.read_blob(ids[123], back));
  EXPECT_EQ(back, blobs[123]);
  // Nothing new: no new pack.
  std::vector<std::string> ids2;
  ASSERT_TRUE(repo_.write_blobs(blobs.size(), read, 1, ids2));
  EXPECT_EQ(ids2, ids);
  EXPECT_EQ(packs(dir_), 1);
  // A tree and a commit of them work as with single blobs.
  std::vector<TreeEntry> files;
  for (std::size_t i = 0; i < blobs.size(); ++i)
    files.push_back({fmt::format("p/{}.html", i), ids[i]});
  std::string tree, id;
  ASSERT_TRUE(repo_.write_tree(files, tree));
  ASSERT_TRUE(repo_.commit("refs/heads/portal", tree, {}, "edition", id));
  std::vector<TreeEntry> listed;
  ASSERT_TRUE(repo_.list_files(id, "p", listed));
  EXPECT_EQ(listed.size(), blobs.size());
}

// Trees built in memory have the ids git gives the same files (git's order: a folder sorts as if
// its name ended in '/': "a-b" < "a/" < "a0", while the file "a.txt" < "a/").
TEST_F(TempRepo, TreesBuiltInMemoryMatchGitsOwn) {
  std::map<std::string, std::string> files = {
      {"a.txt", "1"},          {"a/b.html", "2"}, {"a-b/c", "3"}, {"a0", "4"},
      {"a/z/index.html", "5"}, {"b", ""},         {"đ/ư.md", "6"}};
  for (const auto& [path, text] : files) write(path, text);
  Commit c;
  ASSERT_TRUE(repo_.resolve(commit(1000), c));
  std::vector<TreeEntry> entries;
  for (const auto& [path, text] : files) {
    std::string blob;
    ASSERT_TRUE(repo_.write_blob(text, blob));
    entries.push_back({path, blob});
  }
  std::string tree;
  ASSERT_TRUE(repo_.write_tree(entries, tree));
  EXPECT_EQ(tree, c.tree);
  entries.push_back({"a.txt/x", entries[0].blob});  // a.txt cannot be a file and a folder
  EXPECT_FALSE(repo_.write_tree(entries, tree));
}

TEST_F(TempRepo, FewNewBlobsAreWrittenLoose) {
  std::vector<std::string> blobs = {"một", "hai", "ba"};
  std::vector<std::string> ids;
  auto read = [&](std::size_t i, std::string& bytes) {
    bytes = blobs[i];
    return Status{};
  };
  ASSERT_TRUE(repo_.write_blobs(blobs.size(), read, 2, ids));
  EXPECT_EQ(packs(dir_), 0);
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    std::string back, single;
    ASSERT_TRUE(repo_.read_blob(ids[i], back));
    EXPECT_EQ(back, blobs[i]);
    ASSERT_TRUE(repo_.write_blob(blobs[i], single));
    EXPECT_EQ(single, ids[i]);
  }
}

// Formats compressed already (a JPEG here) are stored in the pack, not deflated again; the rest
// is deflated. The pack reads back, and git itself verifies it when installed.
TEST_F(TempRepo, CompressedFormatsAreStoredInThePackTheRestDeflated) {
  std::vector<std::string> blobs;
  for (int i = 0; i < 150; ++i) blobs.push_back(fmt::format("<p>trang {}</p>", i));
  const std::string zeros(300000, '\0');
  blobs.push_back("\xff\xd8\xff\xe0" + zeros);  // a JPEG's start: stored, ~300 KB
  blobs.push_back(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16) + zeros);  // a WebP: stored
  blobs.push_back("<html>" + zeros);                                   // deflated to almost nothing
  auto read = [&](std::size_t i, std::string& bytes) {
    bytes = blobs[i];
    return Status{};
  };
  std::vector<std::string> ids;
  ASSERT_TRUE(repo_.write_blobs(blobs.size(), read, 2, ids));
  ASSERT_EQ(packs(dir_), 1);
  std::string pack;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/.git/objects/pack"))
    if (e.path().extension() == ".pack") pack = e.path();
  std::uintmax_t size = std::filesystem::file_size(pack);
  EXPECT_GT(size, 2 * zeros.size());
  EXPECT_LT(size, 2 * zeros.size() + 20000);
  for (std::size_t i = 0; i < blobs.size(); ++i) {
    std::string back;
    ASSERT_TRUE(repo_.read_blob(ids[i], back)) << i;
    EXPECT_EQ(back, blobs[i]) << i;
  }
  if (std::system("git --version >/dev/null 2>&1") == 0) {
    EXPECT_EQ(std::system(fmt::format("git -C '{}' verify-pack '{}' >/dev/null 2>&1", dir_,
                                      pack.substr(0, pack.size() - 5) + ".idx")
                              .c_str()),
              0);
  }
}

// A batch writes a pack each time enough compressed bytes wait, from the adding threads, and the
// rest at finish(): every blob is readable afterwards, from whichever pack holds it, and git
// accepts every pack.
TEST_F(TempRepo, ABatchWritesAPackEachTimeEnoughBytesWait) {
  std::vector<std::string> blobs;
  for (int i = 0; i < 400; ++i) blobs.push_back(fmt::format("<p>trang {} {}</p>", i, i * 7919));
  std::vector<std::string> ids(blobs.size() + 40);
  {
    BlobBatch batch(repo_, 2000);
    parallel::parallel_for(ids.size(), 4, [&](std::size_t i, unsigned) {
      ids[i] = batch.add(blobs[i % blobs.size()]);  // the last 40: blobs added again
    });
    EXPECT_GE(batch.fresh(), blobs.size());
    EXPECT_FALSE(batch.has(ids[0]) && batch.has(ids[399]));  // not all readable before finish()
    ASSERT_TRUE(batch.finish());
    for (const std::string& id : ids) EXPECT_TRUE(batch.has(id)) << id;
  }
  EXPECT_GE(packs(dir_), 3);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::string back;
    ASSERT_TRUE(repo_.read_blob(ids[i], back)) << i;
    EXPECT_EQ(back, blobs[i % blobs.size()]) << i;
  }
  if (std::system("git --version >/dev/null 2>&1") == 0) {
    for (const auto& e : std::filesystem::directory_iterator(dir_ + "/.git/objects/pack")) {
      if (e.path().extension() != ".idx") continue;
      std::string verify =
          fmt::format("git -C '{}' verify-pack '{}' >/dev/null 2>&1", dir_, e.path().string());
      EXPECT_EQ(std::system(verify.c_str()), 0) << e.path();
    }
  }
}

TEST_F(TempRepo, AFileThatCannotBeReadFailsTheWholeWrite) {
  auto read = [](std::size_t i, std::string& bytes) {
    bytes = "x";
    return i == 150 ? Status::failure("public/a.html: Permission denied") : Status{};
  };
  std::vector<std::string> ids;
  Status s = repo_.write_blobs(200, read, 2, ids);
  EXPECT_FALSE(s);
  EXPECT_EQ(s.message, "public/a.html: Permission denied");
  EXPECT_EQ(packs(dir_), 0);
}

}  // namespace
}  // namespace vd::git
