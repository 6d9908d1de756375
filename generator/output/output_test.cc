#include "output/output.h"

#include <gtest/gtest.h>

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
  EXPECT_FALSE(m->is_dir("out.old"));
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
