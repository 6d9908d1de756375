// The dependency graph: editing a profile renders exactly the pages that show it (its lists,
// colleagues, statistics, the bulletins that name it), and the incremental result is
// byte-identical to a fresh build; page_inputs, what each page kind reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "serve/deps.h"
#include "serve/preview.h"
#include "serve/preview_test_util.h"
#include "test_util.h"

namespace vd::serve {
namespace {

// True when the rebuild took the quick path (the edited profiles kept their place in the site).
bool patched(const RebuildResult& r) {
  return std::any_of(r.timings.begin(), r.timings.end(),
                     [](const auto& t) { return t.first == "patch"; });
}

std::string fmt_path(int i) {
  return "site/content/profiles/2023-2024/le-van-binh-" + std::to_string(i) + ".md";
}

// The rendered files without the search index's (their names are content hashes), after
// checking that the index was written.
std::vector<std::string> without_index(const std::vector<std::string>& rendered) {
  std::vector<std::string> out;
  bool index = false;
  for (const std::string& f : rendered) {
    bool js =
        f.rfind("tim-kiem/", 0) == 0 && f.size() > 3 && f.compare(f.size() - 3, 3, ".js") == 0;
    index |= js && f.rfind("tim-kiem/chi-muc.", 0) == 0;
    // initials pictures and social cards (named after what they show)
    if (!js && f.rfind("images/chu-cai/", 0) != 0 && f.rfind("images/the/", 0) != 0)
      out.push_back(f);
  }
  EXPECT_TRUE(index);
  return out;
}

TEST_F(Incremental, EditingAStoryRendersItsPageItsListsAndItsColleagues) {
  RebuildResult r = edit("content/profiles/2023-2024/nguyen-thi-thuy.md", "Cô Thúy dạy đọc",
                         "Cô Thúy dạy đọc và viết");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_FALSE(r.full);
  EXPECT_TRUE(patched(r));
  // Its place in the site did not change, so no count or order did: the index pages stay.
  EXPECT_EQ(without_index(r.rendered),
            (std::vector<std::string>{
                "api/units/th-a.js", "api/units/th-a.json", "chu-de/doi-moi-phuong-phap/index.html",
                "danh-hieu/chien-si-thi-dua-co-so/index.html",
                "dien-hinh/2023-2024/nguyen-thi-thuy/index.html",
                "dien-hinh/2023-2024/to-toan/index.html",  // a colleague's card
                "don-vi/th-a/feed.xml", "don-vi/th-a/index.html",
                "don-vi/th-a/nhung/2023-2024/index.html",  // embeds of its roll
                "don-vi/th-a/nhung/index.html", "feed.xml",
                "index.html",  // among the latest honourees
                "nam-hoc/2023-2024/index.html", "phong-trao/thi-dua-2024/dien-hinh/index.html",
                "phong-trao/thi-dua-2024/index.html", "robots.txt", "sitemap.xml",
                "tim-kiem/index.html",  // the search page names the new index
            }));
  EXPECT_NE(
      preview_->file("dien-hinh/2023-2024/nguyen-thi-thuy/index.html")->find("dạy đọc và viết"),
      std::string::npos);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, RenamingAProfileOfAnotherSchoolLeavesThisSchoolAlone) {
  RebuildResult r = edit("content/profiles/2023-2024/le-van-binh.md", "name: Lê Văn Bình",
                         "name: Lê Văn Bính");  // a new name: a new place in the lists
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_TRUE(patched(r));  // a name change moves it in the lists of the graph kept in memory
  // Counts do not change: the indexes and statistics stay.
  EXPECT_EQ(
      without_index(r.rendered),
      (std::vector<std::string>{
          "api/units/th-b.js", "api/units/th-b.json", "danh-hieu/lao-dong-tien-tien/index.html",
          "dien-hinh/2023-2024/le-van-binh/index.html", "don-vi/th-b/feed.xml",
          "don-vi/th-b/index.html", "don-vi/th-b/nhung/2023-2024/index.html",
          "don-vi/th-b/nhung/index.html", "feed.xml",
          "index.html",  // among the latest honourees
          "nam-hoc/2023-2024/index.html", "robots.txt", "sitemap.xml", "tim-kiem/index.html"}));
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, MovingAProfileToAnotherSchoolRendersBothSchools) {
  RebuildResult r = edit("content/profiles/2023-2024/le-van-binh.md", "unit: th-b", "unit: th-a");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_FALSE(patched(r));  // its place in the site changed: the whole graph is rebuilt
  for (const char* page : {"don-vi/th-a/index.html", "don-vi/th-b/index.html",
                           "dien-hinh/2023-2024/nguyen-thi-thuy/index.html", "api/units/th-b.json"})
    EXPECT_TRUE(std::binary_search(r.rendered.begin(), r.rendered.end(), page)) << page;
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, AddingAndRemovingProfilesKeepsTheSiteExact) {
  std::string binh = fs_->read("site/content/profiles/2023-2024/le-van-binh.md").bytes;
  for (int i = 0; i < 25; ++i) {  // enough for a second page of the year's list
    std::string copy = binh;
    copy.replace(copy.find("Lê Văn Bình"), std::string("Lê Văn Bình").size(),
                 "Lê Văn Bình " + std::to_string(i));
    ASSERT_TRUE(fs_->write(fmt_path(i), copy));
  }
  std::vector<std::string> added;
  for (int i = 0; i < 25; ++i) added.push_back(fmt_path(i).substr(5));
  RebuildResult r = preview_->rebuild(added);
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
  ASSERT_TRUE(fs_->remove_all(fmt_path(3)));
  r = preview_->rebuild({fmt_path(3).substr(5)});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(preview_->file("dien-hinh/2023-2024/le-van-binh-3/index.html"), nullptr);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

// Renames move a profile across a page boundary of the year's list, before and after others, and
// onto a name another profile has (the source path decides): each is patched and exact.
TEST_F(Incremental, RenamesMoveAProfileThroughPaginatedListsExactly) {
  std::string binh = fs_->read("site/content/profiles/2023-2024/le-van-binh.md").bytes;
  std::vector<std::string> added;
  for (int i = 0; i < 25; ++i) {
    std::string copy = binh;
    copy.replace(copy.find("Lê Văn Bình"), std::string("Lê Văn Bình").size(),
                 "Lê Văn Bình " + std::to_string(i));
    ASSERT_TRUE(fs_->write(fmt_path(i), copy));
    added.push_back(fmt_path(i).substr(5));
  }
  ASSERT_TRUE(preview_->rebuild(added).ok);
  struct Step {
    int file;
    std::string from, to;
  } steps[] = {{2, "Lê Văn Bình 2", "Lê Văn Yến"},      // to the end: the year's second page
               {2, "Lê Văn Yến", "Lê Văn An"},          // to the start
               {7, "Lê Văn Bình 7", "Lê Văn Bình 3"},   // the same name as le-van-binh-3
               {3, "Lê Văn Bình 3", "Lê Văn Bình 30"},  // and past it
               {3, "Lê Văn Bình 30", "Lê Văn Bình 30"}};
  for (const Step& s : steps) {
    std::string rel = fmt_path(s.file).substr(5);
    RebuildResult r = edit(rel, "name: " + s.from, "name: " + s.to + "\n# " + s.to);
    ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
    EXPECT_TRUE(patched(r)) << s.to;
    EXPECT_EQ(difference(preview_->files(), fresh()), "") << s.to;
  }
  RebuildResult r = edit(fmt_path(2).substr(5), "name: Lê Văn An", "name: Lê Văn Yến");
  EXPECT_TRUE(std::binary_search(r.rendered.begin(), r.rendered.end(),
                                 std::string("nam-hoc/2023-2024/trang/2/index.html")));
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, ChangingOnlyTheKindRecountsTheStatisticsThatCountIt) {
  // Giấy khen is for individuals and collectives alike: the kind alone can change.
  const std::string path = "content/profiles/2023-2024/to-chuyen-mon.md";
  ASSERT_TRUE(fs_->write("site/" + path, R"(---
name: Tổ Chuyên môn
kind: individual
unit: th-b
campaigns: [thi-dua-2024]
awards:
  - award: giay-khen
    decision: {number: 17/QĐ-PGDĐT, date: 2024-05-21, issuer: Phòng GD&ĐT huyện Thử}
summary: Tổ dạy giỏi.
consent: true
---
Tổ dạy giỏi.
)"));
  ASSERT_TRUE(preview_->rebuild({path}).ok);
  const std::string collectives = "Tập thể</th><td class=\"num\">";
  auto unit = preview_->file("don-vi/th-b/thong-ke/index.html");
  ASSERT_NE(unit, nullptr);
  EXPECT_NE(unit->find(collectives + "0<"), std::string::npos);
  RebuildResult r = edit(path, "kind: individual", "kind: collective");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_FALSE(patched(r));  // the kind places a profile in the statistics
  for (const char* page :
       {"thong-ke/index.html", "nam-hoc/2023-2024/thong-ke/index.html",
        "phong-trao/thi-dua-2024/thong-ke/index.html", "don-vi/th-b/thong-ke/index.html"})
    EXPECT_TRUE(std::binary_search(r.rendered.begin(), r.rendered.end(), page)) << page;
  EXPECT_FALSE(std::binary_search(r.rendered.begin(), r.rendered.end(),
                                  std::string("don-vi/th-a/thong-ke/index.html")));
  EXPECT_NE(preview_->file("don-vi/th-b/thong-ke/index.html")->find(collectives + "1<"),
            std::string::npos);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

class IncrementalBulletin : public Incremental {
 protected:
  std::map<std::string, std::string> site_files() override {
    auto files = two_schools();
    files.merge(testing::example_bulletin());
    return files;
  }
};

TEST_F(IncrementalBulletin, EditingASummaryRedrawsTheBulletinsThatNameTheProfile) {
  RebuildResult r = edit("content/profiles/2023-2024/nguyen-thi-thuy.md",
                         "summary: Mười hai năm đứng lớp.", "summary: Mười ba năm đứng lớp.");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_TRUE(patched(r));
  for (const char* page :
       {"thong-bao/2023-2024/ket-qua/index.html", "thong-bao/2023-2024/ket-qua/ban-in/index.html",
        "thong-bao/2023-2024/ket-qua/email.html"}) {
    EXPECT_NE(std::find(r.rendered.begin(), r.rendered.end(), page), r.rendered.end())
        << page << " " << ::testing::PrintToString(r.rendered);
  }
  // The attachment's summaries (the e-mail names the honourees without it).
  for (const char* page :
       {"thong-bao/2023-2024/ket-qua/index.html", "thong-bao/2023-2024/ket-qua/ban-in/index.html"})
    EXPECT_NE(preview_->file(page)->find("Mười ba năm đứng lớp"), std::string::npos) << page;
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
  // A profile the bulletin does not name leaves it alone.
  r = edit("content/profiles/2023-2024/le-van-binh.md", "Thầy dạy Toán.", "Thầy dạy Toán giỏi.");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(
      std::find(r.rendered.begin(), r.rendered.end(), "thong-bao/2023-2024/ket-qua/index.html"),
      r.rendered.end());
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST(PageInputs, ListPagesReadTheirItemsAndIndexesReadEverything) {
  site::Site s;
  site::Page home{site::PageKind::kHome, "/"};
  EXPECT_TRUE(page_inputs(s, home).all);
  site::Page missing{site::PageKind::kNotFound, "/404.html"};
  EXPECT_FALSE(page_inputs(s, missing).all);
  EXPECT_TRUE(page_inputs(s, missing).profiles.empty());
  site::Page tag{site::PageKind::kTag, "/chu-de/x/", 0};
  tag.items = {3, 1};
  EXPECT_EQ(page_inputs(s, tag).profiles, (std::vector<int>{3, 1}));
}

TEST(PageInputs, StatisticsReadWhatTheyCount) {
  site::Site s;
  s.units.push_back({});
  s.units[0].id = "th-a";
  s.by_unit["th-a"] = {0, 2};
  s.campaigns.push_back({});
  s.campaigns[0].id = "k";
  s.by_campaign["k"] = {1};
  EXPECT_EQ(page_inputs(s, {site::PageKind::kUnitStats, "/don-vi/th-a/thong-ke/", 0}).profiles,
            (std::vector<int>{0, 2}));
  EXPECT_EQ(page_inputs(s, {site::PageKind::kCampaignStats, "/phong-trao/k/thong-ke/", 0}).profiles,
            (std::vector<int>{1}));
  // A year's statistics show the trend over every school year; the site's count everything.
  EXPECT_TRUE(page_inputs(s, {site::PageKind::kYearStats, "/nam-hoc/2023-2024/thong-ke/"}).all);
  EXPECT_TRUE(page_inputs(s, {site::PageKind::kStats, "/thong-ke/"}).all);
}

}  // namespace
}  // namespace vd::serve
