// FileSystem::folder: reading many files of one folder gives what reading each path gives,
// messages included, on disk (openat on the open folder) and in memory (paths joined).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/fs.h"

namespace vd::fs {
namespace {

void expect_same_reads(const FileSystem& fs, const std::string& dir,
                       const std::vector<std::string>& names) {
  std::unique_ptr<Folder> folder = fs.folder(dir);
  for (const std::string& name : names) {
    ReadResult direct = fs.read(join(dir, name));
    ReadResult through = folder->read(name);
    EXPECT_EQ(through.status.ok, direct.status.ok) << name;
    EXPECT_EQ(through.status.message, direct.status.message) << name;
    EXPECT_EQ(through.bytes, direct.bytes) << name;
  }
}

TEST(Folder, ReadsOnDiskAsPathsDo) {
  auto r = make_real();
  std::string dir = ::testing::TempDir() + "vd_fs_folder_" + std::to_string(::getpid());
  r->remove_all(dir);
  ASSERT_TRUE(r->write(dir + "/a.md", "Đặng Văn Ưu").ok);
  ASSERT_TRUE(r->write(dir + "/2023-2024/b.md", std::string(70000, 'x')).ok);  // > one buffer
  ASSERT_TRUE(r->write(dir + "/empty.md", "").ok);
  ASSERT_EQ(::mkdir((dir + "/folder.md").c_str(), 0755), 0);  // a folder is no file
  expect_same_reads(*r, dir,
                    {"a.md", "2023-2024/b.md", "empty.md", "missing.md", "folder.md",
                     "2023-2024/../a.md", "nope/a.md"});
  EXPECT_EQ(r->folder(dir)->read("2023-2024/b.md").bytes.size(), 70000u);
  auto missing = r->folder(dir)->read("missing.md");
  EXPECT_EQ(missing.status.message,
            "cannot read '" + dir + "/missing.md': No such file or directory");
  // A folder that is not there: every read fails as reading its paths would.
  expect_same_reads(*r, dir + "/none", {"a.md"});
  r->remove_all(dir);
}

TEST(Folder, InMemoryAndThroughFaultsTheFileSystemsOwnReads) {
  auto m = make_memory();
  ASSERT_TRUE(m->write("site/content/x.md", "x").ok);
  expect_same_reads(*m, "site/content", {"x.md", "y.md"});
  FaultyFileSystem faulty(*m, 100);
  faulty.fail_read("site/content/x.md");
  EXPECT_FALSE(faulty.folder("site/content")->read("x.md").status.ok);  // fail_read still holds
}

}  // namespace
}  // namespace vd::fs
