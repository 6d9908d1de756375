#include "output/output.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_util.h"

namespace vd::output {
namespace {

render::Output files(std::initializer_list<std::pair<std::string, std::string>> fs) {
  render::Output o;
  for (auto& [p, b] : fs) o.files.push_back({p, b});
  return o;
}

TEST(Output, SwapsInAndRemovesFilesThatNoLongerBelong) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}, {"old.html", "x"}}), "out", s).ok);
  Stats s2;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}, {"b/c.html", "2"}}), "out", s2).ok);
  EXPECT_EQ(m->list("out"), (std::vector<std::string>{kMarker, "a.html", "b/c.html"}));
  EXPECT_EQ(s2.kept, 1u);
  EXPECT_EQ(s2.written, 1u);
  EXPECT_FALSE(m->is_dir("out.staging"));
  // The folder it replaced is kept for the next build to start from.
  EXPECT_EQ(m->list("out.old"), (std::vector<std::string>{kMarker, "a.html", "old.html"}));
}

// The third build starts from the first one's folder: what did not change stays where it is,
// what changed is replaced, what went is removed with the folders it leaves empty.
TEST(Output, TheFolderBeforeIsRecycled) {
  auto m = fs::make_memory();
  Stats s1, s2, s3;
  ASSERT_TRUE(
      write_site(*m, files({{"a.html", "1"}, {"x/y/old.html", "x"}, {"b.html", "2"}}), "out", s1)
          .ok);
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}, {"b.html", "3"}}), "out", s2).ok);
  ASSERT_TRUE(
      write_site(*m, files({{"a.html", "1"}, {"b.html", "4"}, {"c.html", "5"}}), "out", s3).ok);
  EXPECT_EQ(m->list("out"), (std::vector<std::string>{kMarker, "a.html", "b.html", "c.html"}));
  EXPECT_EQ(m->read("out/b.html").bytes, "4");
  EXPECT_FALSE(m->is_dir("out/x"));
  EXPECT_EQ(s3.kept, 1u);
  EXPECT_EQ(s3.written, 2u);
  EXPECT_EQ(m->list("out.old"), (std::vector<std::string>{kMarker, "a.html", "b.html"}));
  EXPECT_EQ(m->read("out.old/b.html").bytes, "3");
  EXPECT_FALSE(m->is_dir("out.staging"));
}

// A file someone put into the output folder by hand never survives into a later build, even
// though that folder becomes the next staging folder.
TEST(Output, FilesTheManifestDoesNotListAreNotCarriedOver) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}}), "out", s).ok);
  m->write("out/by-hand.html", "x");
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}}), "out", s).ok);
  m->write("out.old/also.html", "y");
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}}), "out", s).ok);
  EXPECT_EQ(m->list("out"), (std::vector<std::string>{kMarker, "a.html"}));
}

// A page file where a folder now goes, and a folder where a page file now goes.
TEST(Output, FilesAndFoldersMayTradePlaces) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a/b", "file"}, {"c/d.html", "1"}}), "out", s).ok);
  ASSERT_TRUE(write_site(*m, files({{"z.html", "0"}}), "out", s).ok);
  ASSERT_TRUE(write_site(*m, files({{"a/b/index.html", "page"}, {"c", "file"}}), "out", s).ok);
  EXPECT_EQ(m->list("out"), (std::vector<std::string>{kMarker, "a/b/index.html", "c"}));
  EXPECT_EQ(m->read("out/c").bytes, "file");
}

// On disk the two folders share unchanged files (hard links): replacing one in the staging
// folder must never write into the shared file, or a failed build would have changed the site.
TEST(Output, ASharedFileIsNeverWrittenInto) {
  std::string dir = testing::temp_dir("output_shared");
  std::string out = dir + "/out";
  auto disk = fs::make_real();
  Stats s;
  ASSERT_TRUE(write_site(*disk, files({{"a.html", "1"}, {"p/b.html", "2"}}), out, s).ok);
  ASSERT_TRUE(write_site(*disk, files({{"a.html", "1"}, {"p/b.html", "2"}}), out, s).ok);
  struct stat live {
  }, spare{};
  ASSERT_EQ(::stat((out + "/a.html").c_str(), &live), 0);
  ASSERT_EQ(::stat((out + ".old/a.html").c_str(), &spare), 0);
  EXPECT_EQ(live.st_ino, spare.st_ino);  // one file, two names
  // The third build changes both files, then fails: the site must be exactly as it was.
  fs::FaultyFileSystem faulty(*disk, 3);
  auto st =
      write_site(faulty, files({{"a.html", "new"}, {"p/b.html", "new"}, {"c.html", "3"}}), out, s);
  EXPECT_FALSE(st.ok);
  EXPECT_EQ(disk->read(out + "/a.html").bytes, "1");
  EXPECT_EQ(disk->read(out + "/p/b.html").bytes, "2");
  EXPECT_EQ(disk->list(out), (std::vector<std::string>{kMarker, "a.html", "p/b.html"}));
  // And a build that succeeds changes the site, not the folder before it.
  Stats s4;
  ASSERT_TRUE(write_site(*disk, files({{"a.html", "4"}, {"p/b.html", "2"}}), out, s4).ok);
  EXPECT_EQ(disk->read(out + "/a.html").bytes, "4");
  EXPECT_EQ(disk->read(out + ".old/a.html").bytes, "1");
  EXPECT_EQ(disk->read(out + "/p/b.html").bytes, "2");
  disk->remove_all(dir);
}

// publish compares content_hash of a rendered file with the hash the marker file lists for it.
TEST(Output, ContentHashIsTheMarkerFilesHash) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "một"}, {"b/c.html", ""}}), "out", s).ok);
  std::string marker = m->read(fs::join("out", kMarker)).bytes;
  EXPECT_NE(marker.find(content_hash("một") + " a.html\n"), std::string::npos) << marker;
  EXPECT_NE(marker.find(content_hash("") + " b/c.html\n"), std::string::npos) << marker;
  EXPECT_EQ(content_hash("một").size(), 16u);
  EXPECT_NE(content_hash("một"), content_hash("mot"));
}

TEST(Output, AFailedWriteLeavesThePreviousSiteUntouched) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}}), "out", s).ok);
  auto before = m->files();
  fs::FaultyFileSystem faulty(*m, 2);
  auto st =
      write_site(faulty, files({{"a.html", "new"}, {"b.html", "2"}, {"c.html", "3"}}), "out", s);
  EXPECT_FALSE(st.ok);
  EXPECT_EQ(m->files(), before);
}

TEST(Output, AnOutputFolderWrittenWithATrailingSlashWorks) {
  auto m = fs::make_memory();
  Stats s;
  ASSERT_TRUE(write_site(*m, files({{"a.html", "1"}}), "out/", s).ok);
  ASSERT_TRUE(write_site(*m, files({{"a.html", "2"}}), "out//", s).ok);
  EXPECT_EQ(m->read("out/a.html").bytes, "2");
  EXPECT_EQ(m->read("out.old/a.html").bytes, "1");
  EXPECT_FALSE(m->is_dir("out/.staging"));
  EXPECT_FALSE(write_site(*m, files({{"a.html", "1"}}), "./", s).ok);
}

TEST(Output, RefusesToReplaceAFolderItDidNotMake) {
  auto m = fs::make_memory();
  m->write("docs/important.txt", "keep");
  Stats s;
  auto st = write_site(*m, files({{"a.html", "1"}}), "docs", s);
  EXPECT_FALSE(st.ok);
  EXPECT_EQ(m->read("docs/important.txt").bytes, "keep");
}

TEST(Output, FindsLeakedPrivateValues) {
  auto leaks = find_leaks(files({{"a.html", "call 0912 345 678"}, {"b.html", "ok"}}),
                          {{"p.md", {"0912 345 678", "abc"}}});
  ASSERT_EQ(leaks.size(), 1u);
  EXPECT_EQ(leaks[0].file, "a.html");
}

TEST(Output, RefusesPathsOutsideTheOutputFolderAndDuplicates) {
  for (const char* bad : {"../x.html", "a/../../x", "/etc/passwd", "a//b", "./a", "a/", "",
                          ".vinhdanh-output", "a\\..\\b"})
    EXPECT_FALSE(safe_output_path(bad)) << bad;
  EXPECT_TRUE(safe_output_path("dien-hinh/2023-2024/a/index.html"));
  EXPECT_TRUE(safe_output_path("a..b/c.html"));
  for (const char* bad : {"../escaped.html", "x.html"}) {
    auto m = fs::make_memory();
    Stats s;
    auto st = write_site(*m, files({{"x.html", "1"}, {bad, "2"}}), "out", s);
    EXPECT_FALSE(st.ok) << bad;
    EXPECT_FALSE(m->is_file("escaped.html"));
    EXPECT_FALSE(m->is_dir("out"));
  }
}

TEST(Output, FindsPhoneNumbersAndEmailsInAnyShape) {
  PrivateValues privates = {{"p.md", {"0912 345 678", "Thuy.Nguyen@Truong.edu.vn", "ghi"}}};
  for (const char* page : {"gọi 0912.345.678", "gọi +84 912-345-678", "(091) 2345678",
                           "84912345678", "thuy.nguyen@truong.edu.vn",
                           "THUY.NGUYEN [at] TRUONG.EDU.VN", "thuy.nguyen(at)truong.edu.vn"}) {
    auto leaks = find_leaks(files({{"a.html", page}}), privates);
    ASSERT_EQ(leaks.size(), 1u) << page;
    EXPECT_EQ(leaks[0].value_owner, "p.md");
  }
  for (const char* page : {"năm học 2023-2024, 15/03/2024", "0912 345 67", "912 345 679",
                           "thuy.nguyen@truong.edu", "ghi"})
    EXPECT_TRUE(find_leaks(files({{"a.html", page}}), privates).empty()) << page;
}

}  // namespace
}  // namespace vd::output
