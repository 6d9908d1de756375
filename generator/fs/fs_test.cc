#include "fs/fs.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace vd::fs {
namespace {

TEST(MemoryFs, WriteReadListRename) {
  auto m = make_memory();
  ASSERT_TRUE(m->write("a/b/c.txt", "x").ok);
  ASSERT_TRUE(m->write("a/d.txt", "y").ok);
  EXPECT_EQ(m->read("a/b/c.txt").bytes, "x");
  EXPECT_TRUE(m->is_dir("a/b"));
  EXPECT_EQ(m->list("a"), (std::vector<std::string>{"b/c.txt", "d.txt"}));
  ASSERT_TRUE(m->rename("a", "z").ok);
  EXPECT_FALSE(m->is_dir("a"));
  EXPECT_EQ(m->read("z/d.txt").bytes, "y");
  EXPECT_FALSE(m->read("a/d.txt").status.ok);
}

TEST(FaultyFs, FailsFromTheNthWrite) {
  auto m = make_memory();
  FaultyFileSystem f(*m, 2);
  EXPECT_TRUE(f.write("a", "1").ok);
  auto s = f.write("b", "2");
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "cannot write 'b': No space left on device");
  EXPECT_FALSE(f.write("c", "3").ok);
  EXPECT_FALSE(m->is_file("b"));
}

TEST(RealFs, RoundTripAndErrorsNameThePath) {
  auto r = make_real();
  std::string dir = ::testing::TempDir() + "vd_fs_test_" + std::to_string(::getpid());
  r->remove_all(dir);
  ASSERT_TRUE(r->write(dir + "/x/y.txt", "Đức").ok);
  EXPECT_EQ(r->read(dir + "/x/y.txt").bytes, "Đức");
  ASSERT_TRUE(r->link(dir + "/x/y.txt", dir + "/z/y.txt").ok);
  EXPECT_EQ(r->list(dir), (std::vector<std::string>{"x/y.txt", "z/y.txt"}));
  auto bad = r->read(dir + "/missing.txt");
  EXPECT_FALSE(bad.status.ok);
  EXPECT_NE(bad.status.message.find("missing.txt"), std::string::npos);
  r->remove_all(dir);
}

// list gives paths relative to the folder however the folder is written (with or without a
// trailing '/', relative, through "./" or a doubled '/'), skipping symbolic links.
TEST(RealFs, ListIsRelativeToTheFolderAsWritten) {
  auto r = make_real();
  std::string dir = ::testing::TempDir() + "vd_fs_list_" + std::to_string(::getpid());
  r->remove_all(dir);
  ASSERT_TRUE(r->write(dir + "/s/a.md", "1").ok);
  ASSERT_TRUE(r->write(dir + "/s/b/c d.md", "2").ok);
  ASSERT_TRUE(r->write(dir + "/s/b/e/f.md", "3").ok);
  ASSERT_EQ(::symlink("a.md", (dir + "/s/link.md").c_str()), 0);
  const std::vector<std::string> files{"a.md", "b/c d.md", "b/e/f.md"};
  for (const std::string& written : {dir + "/s", dir + "/s/", dir + "//s", dir + "/./s/"}) {
    std::vector<std::string> skipped;
    EXPECT_EQ(r->list(written, &skipped), files) << written;
    EXPECT_EQ(skipped, std::vector<std::string>{"link.md"}) << written;
  }
  char cwd[4096];
  ASSERT_NE(::getcwd(cwd, sizeof cwd), nullptr);
  ASSERT_EQ(::chdir(dir.c_str()), 0);
  EXPECT_EQ(r->list("s"), files);
  EXPECT_EQ(r->list("./s"), files);
  ASSERT_EQ(::chdir((dir + "/s").c_str()), 0);
  EXPECT_EQ(r->list("."), (std::vector<std::string>{"a.md", "b/c d.md", "b/e/f.md"}));
  ASSERT_EQ(::chdir(cwd), 0);
  r->remove_all(dir);
}

// Folders are made on demand (write and link first try without asking): deep new folders, folders
// that exist, a file where a folder should be, and a link whose source is missing.
TEST(RealFs, FoldersAreMadeOnDemandAndFailuresNameThem) {
  auto r = make_real();
  std::string dir = ::testing::TempDir() + "vd_fs_dirs_" + std::to_string(::getpid());
  r->remove_all(dir);
  ASSERT_TRUE(r->write(dir + "/a/b/c/d.html", "1").ok);
  ASSERT_TRUE(r->write(dir + "/a/b/c/e.html", "2").ok);  // the folder exists now
  ASSERT_TRUE(r->link(dir + "/a/b/c/d.html", dir + "/l/m/d.html").ok);
  ASSERT_TRUE(r->link(dir + "/a/b/c/e.html", dir + "/l/m/d.html").ok);  // replaces
  EXPECT_EQ(r->read(dir + "/l/m/d.html").bytes, "2");
  ASSERT_TRUE(r->make_dirs(dir + "/a/b").ok);
  ASSERT_TRUE(r->make_dirs(dir + "/n/o/").ok);
  EXPECT_TRUE(r->is_dir(dir + "/n/o"));
  Status s = r->make_dirs(dir + "/a/b/c/d.html/x");  // a file on the way
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.message, "cannot create folder '" + dir + "/a/b/c/d.html/x': Not a directory");
  s = r->make_dirs(dir + "/a/b/c/d.html");  // the file itself
  EXPECT_EQ(s.message, "cannot create folder '" + dir + "/a/b/c/d.html': Not a directory");
  s = r->write(dir + "/a/b/c/d.html/y.html", "3");
  EXPECT_EQ(s.message, "cannot write '" + dir + "/a/b/c/d.html/y.html': Not a directory");
  s = r->link(dir + "/missing.html", dir + "/p/q.html");
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.message.find("missing.html"), std::string::npos) << s.message;
  r->remove_all(dir);
}

TEST(Paths, JoinAndParent) {
  EXPECT_EQ(join("a/", "b"), "a/b");
  EXPECT_EQ(join("", "b"), "b");
  EXPECT_EQ(parent_path("a/b/c.md"), "a/b");
  EXPECT_EQ(parent_path("c.md"), "");
}

}  // namespace
}  // namespace vd::fs
