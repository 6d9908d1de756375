// The preview beyond profile edits: a layout renders the pages of its kind, settings render
// everything, a failed rebuild keeps the last good site, social cards are drawn when asked for,
// the editions are served, and the files served are exactly those `build` writes.
#include <gtest/gtest.h>

#include "output/output.h"
#include "serve/preview.h"
#include "serve/preview_test_util.h"
#include "test_util.h"

namespace vd::serve {
namespace {

// The og:image of a page as a path of the preview ("" if none).
std::string card_of(const Preview& p, const std::string& page) {
  auto html = p.file(page);
  if (!html) return "";
  const std::string tag = "og:image\" content=\"https://example.edu.vn/";
  auto at = html->find(tag);
  if (at == std::string::npos) return "";
  at += tag.size();
  return html->substr(at, html->find('"', at) - at);
}

TEST_F(Incremental, SocialCardsAreDrawnWhenAskedForAndFollowTheName) {
  const std::string page = "dien-hinh/2023-2024/nguyen-thi-thuy/index.html";
  std::string before = card_of(*preview_, page);
  ASSERT_EQ(before.rfind("images/the/", 0), 0u) << before;
  auto jpeg = preview_->file(before);  // drawn now, then kept
  ASSERT_NE(jpeg, nullptr);
  EXPECT_EQ(jpeg->compare(0, 3, "\xFF\xD8\xFF"), 0);
  EXPECT_EQ(preview_->file(before), jpeg);
  RebuildResult r = edit("content/profiles/2023-2024/nguyen-thi-thuy.md", "name: Nguyễn Thị Thúy",
                         "name: Nguyễn Thị Thu Thúy");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  std::string after = card_of(*preview_, page);
  ASSERT_EQ(after.rfind("images/the/", 0), 0u) << after;
  EXPECT_NE(after, before);
  EXPECT_EQ(preview_->file(before), nullptr);  // nobody shows the old card any more
  ASSERT_NE(preview_->file(after), nullptr);
  EXPECT_NE(*preview_->file(after), *jpeg);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

// Thúy's profile with a photo.
class IncrementalPhoto : public Incremental {
 protected:
  std::map<std::string, std::string> site_files() override {
    auto files = two_schools();
    files["content/images/thuy.jpg"] = testing::read_repo_file(kPhoto);
    std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
    p.insert(p.find("summary:"), "photo: thuy.jpg\n");
    return files;
  }
  static constexpr const char* kPhoto = "tests/browser/fixture/content/images/nguyen-thi-thuy.jpg";
};

// The cards served while a rebuild fails are those of the last good build, drawn from its photos:
// a card drawn then from a photo saved since showed the new photo under the old card's name, and
// was served again under that name once the photo was put back.
TEST_F(IncrementalPhoto, ACardDrawnDuringAFailedRebuildShowsTheLastGoodPhoto) {
  const std::string page = "dien-hinh/2023-2024/nguyen-thi-thuy/index.html";
  const std::string photo = "content/images/thuy.jpg";
  const std::string binh = "content/profiles/2023-2024/le-van-binh.md";
  std::map<std::string, std::string> good = fresh();
  std::string card = card_of(*preview_, page);
  ASSERT_TRUE(good.count(card)) << card;
  // Another photo (a JPEG: Bình's card) is saved, and Bình's profile broken: the rebuild fails.
  auto other = preview_->file(card_of(*preview_, "dien-hinh/2023-2024/le-van-binh/index.html"));
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(fs_->write("site/" + photo, *other));
  std::string text = fs_->read("site/" + binh).bytes;
  const std::string name = "name: Lê";
  std::string broken = text;
  broken.replace(broken.find(name), name.size(), "name: [Lê");
  ASSERT_TRUE(fs_->write("site/" + binh, broken));
  EXPECT_FALSE(preview_->rebuild({photo, binh}).ok);
  EXPECT_EQ(card_of(*preview_, page), card);
  auto drawn = preview_->file(card);  // drawn now, from the last good build's photo
  ASSERT_NE(drawn, nullptr);
  EXPECT_TRUE(*drawn == good.at(card)) << "the card shows the photo of the failed rebuild";
  // The photo is put back and the profile fixed: the card is the one a fresh build draws.
  ASSERT_TRUE(fs_->write("site/" + photo, testing::read_repo_file(kPhoto)));
  ASSERT_TRUE(fs_->write("site/" + binh, text));
  RebuildResult r = preview_->rebuild({photo, binh});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(card_of(*preview_, page), card);
  ASSERT_NE(preview_->file(card), nullptr);
  EXPECT_TRUE(*preview_->file(card) == good.at(card)) << "a stale card";
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, ALayoutRendersOnlyThePagesOfItsKind) {
  std::string path = "theme/layouts/unit.mustache";
  std::string text = fs_->read(path).bytes;
  ASSERT_TRUE(fs_->write(path, text + "<!-- unit -->\n"));
  RebuildResult r = preview_->rebuild({"layouts/unit.mustache"});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(r.rendered, (std::vector<std::string>{"don-vi/pgd/index.html", "don-vi/th-a/index.html",
                                                  "don-vi/th-b/index.html", "feed.xml",
                                                  "robots.txt", "sitemap.xml"}));
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, TheStatisticsLayoutRendersEveryStatisticsPage) {
  std::string path = "theme/layouts/stats.mustache";
  ASSERT_TRUE(fs_->write(path, fs_->read(path).bytes + "<!-- stats -->\n"));
  RebuildResult r = preview_->rebuild({"layouts/stats.mustache"});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(r.rendered, (std::vector<std::string>{
                            "don-vi/pgd/thong-ke/index.html", "don-vi/th-a/thong-ke/index.html",
                            "don-vi/th-b/thong-ke/index.html", "feed.xml",
                            "nam-hoc/2023-2024/thong-ke/index.html",
                            "phong-trao/thi-dua-2024/thong-ke/index.html", "robots.txt",
                            "sitemap.xml", "thong-ke/index.html"}));
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, SiteSettingsRenderEverything) {
  RebuildResult r = edit("site.yml", "title: Vinh danh thử nghiệm", "title: Vinh danh mới");
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.full);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, AFailedRebuildKeepsTheLastGoodSiteAndRecovers) {
  auto before = preview_->file("dien-hinh/2023-2024/nguyen-thi-thuy/index.html");
  ASSERT_NE(before, nullptr);
  std::string page = *before;
  RebuildResult bad =
      edit("content/profiles/2023-2024/nguyen-thi-thuy.md", "name: Nguyễn", "name: [Nguyễn");
  EXPECT_FALSE(bad.ok);
  ASSERT_EQ(bad.diags.errors(), 1u) << diag::format_all(bad.diags, bad.sources);
  EXPECT_EQ(bad.diags.sorted()[0].pos.file, "content/profiles/2023-2024/nguyen-thi-thuy.md");
  EXPECT_EQ(bad.diags.sorted()[0].pos.line, 3);
  EXPECT_EQ(*preview_->file("dien-hinh/2023-2024/nguyen-thi-thuy/index.html"), page);
  RebuildResult good =
      edit("content/profiles/2023-2024/nguyen-thi-thuy.md", "name: [Nguyễn", "name: Nguyễn");
  EXPECT_TRUE(good.ok);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

TEST_F(Incremental, ServesExactlyWhatBuildWrites) {
  pipeline::BuildResult b = pipeline::build(*fs_, testing::site_options());
  ASSERT_FALSE(b.diags.has_errors()) << diag::format_all(b.diags, b.sources);
  std::map<std::string, std::string> built;
  for (const auto& [path, bytes] : fs_->files())
    if (path.rfind("out/", 0) == 0 && path != "out/" + std::string(output::kMarker))
      built[path.substr(4)] = bytes;
  EXPECT_EQ(difference(preview_->files(), built), "");
}

// The preview shows the publication branch's editions as `build` does.
class IncrementalEditions : public Incremental {
 protected:
  pipeline::BuildOptions options() override {
    pipeline::BuildOptions o = testing::site_options();
    o.editions = {
        {1,
         {2024, 9, 2},
         "0123456789abcdef0123456789abcdef01234567",
         false,
         "edition/2024-09-02",
         {{"profile_added", "Nguyễn Thị Thúy", "/dien-hinh/2023-2024/nguyen-thi-thuy/"}}}};
    return o;
  }
};

TEST_F(IncrementalEditions, ServesTheEditionsPagesAndKeepsThemOnRebuilds) {
  ASSERT_NE(preview_->file("editions/index.html"), nullptr);
  ASSERT_NE(preview_->file("editions/1/index.html"), nullptr);
  EXPECT_NE(preview_->file("editions/1/index.html")->find("Nguyễn Thị Thúy"), std::string::npos);
  RebuildResult r =
      edit("content/profiles/2023-2024/le-van-binh.md", "Thầy dạy Toán.", "Thầy dạy Toán giỏi.");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_NE(preview_->file("editions/1/index.html"), nullptr);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

}  // namespace
}  // namespace vd::serve
