// Fast render: a rebuild renders the viewed pages and the edited profile's page at once and leaves
// the other changed pages for later; every page read afterwards (on demand, in the background or
// after a failed rebuild) is byte-identical to a fresh build's.
#include <gtest/gtest.h>

#include "serve/preview.h"
#include "serve/preview_test_util.h"
#include "test_util.h"

namespace vd::serve {
namespace {

const std::string kThuy = "content/profiles/2023-2024/nguyen-thi-thuy.md";

std::string copy_path(int i) {
  return "content/profiles/2023-2024/nguyen-thi-thuy-" + std::to_string(i) + ".md";
}

// The minimal site with 25 more teachers of the same school: the school year's list has two
// pages.
std::map<std::string, std::string> crowded_school() {
  auto files = testing::minimal_site();
  const std::string thuy = files.at(kThuy);
  for (int i = 0; i < 25; ++i) {
    std::string copy = thuy;
    copy.replace(copy.find("Nguyễn Thị Thúy"), std::string("Nguyễn Thị Thúy").size(),
                 "Nguyễn Thị Thúy " + std::to_string(i));
    files[copy_path(i)] = copy;
  }
  return files;
}

class FastRender : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = testing::site_fs(crowded_school());
    preview_ = std::make_unique<Preview>(*fs_, testing::site_options(), true);
    RebuildResult r = preview_->build();
    ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
    EXPECT_EQ(r.deferred, 0u);  // the first build renders everything
  }
  RebuildResult edit(const std::string& rel, const std::string& from, const std::string& to) {
    return edit_and_rebuild(*fs_, *preview_, rel, from, to);
  }
  std::map<std::string, std::string> fresh() { return fresh_files(*fs_, testing::site_options()); }
  // Reads every file of `want` one by one, as browsers do; "" when all are identical.
  std::string read_each(const std::map<std::string, std::string>& want) {
    for (const auto& [path, bytes] : want) {
      auto got = preview_->file(path);
      if (!got) return "missing " + path;
      if (*got != bytes) return "differs " + path;
    }
    return preview_->file_count() == want.size() ? "" : "another number of files";
  }
  std::unique_ptr<fs::MemoryFileSystem> fs_;
  std::unique_ptr<Preview> preview_;
};

bool has(const RebuildResult& r, const std::string& path) {
  return std::binary_search(r.rendered.begin(), r.rendered.end(), path);
}

TEST_F(FastRender, ARenameRendersTheViewedPagesNowAndTheOthersExactlyWhenAsked) {
  const std::string year = "nam-hoc/2023-2024/index.html";
  ASSERT_NE(preview_->file(year), nullptr);  // a browser shows the year's first page
  RebuildResult r = edit(copy_path(3), "name: Nguyễn Thị Thúy 3", "name: Nguyễn Thị Ánh");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_TRUE(has(r, year));
  EXPECT_TRUE(has(r, "dien-hinh/2023-2024/nguyen-thi-thuy-3/index.html"));  // the edited one
  EXPECT_FALSE(has(r, "nam-hoc/2023-2024/trang/2/index.html"));             // nobody looked
  EXPECT_GT(r.deferred, 0u);
  EXPECT_EQ(read_each(fresh()), "");
  // Again, read at once: whatever the background thread has done by then.
  r = edit(copy_path(7), "name: Nguyễn Thị Thúy 7", "name: Nguyễn Thị Yến");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(read_each(fresh()), "");
  r = edit(copy_path(7), "name: Nguyễn Thị Yến", "name: Nguyễn Thị An");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(preview_->files(), fresh());
  EXPECT_EQ(preview_->stale_count(), 0u);
}

// A rebuild that fails after a rename left pages for later: those pages show the last good site.
TEST_F(FastRender, PagesLeftForLaterShowTheLastGoodSiteWhenTheNextRebuildFails) {
  RebuildResult r = edit(copy_path(5), "name: Nguyễn Thị Thúy 5", "name: Nguyễn Thị Ánh");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  ASSERT_GT(r.deferred, 0u);
  r = edit(copy_path(9), "name: Nguyễn Thị Thúy 9", "name: Nguyễn Thị Bích");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  ASSERT_GT(r.deferred, 0u);
  // At once (pages are still left for later): renamed again, with its own private phone number
  // in the summary. The quick path moves it in the graph, then finds the leak.
  const std::string last_good = fs_->read("site/" + copy_path(9)).bytes;
  std::string text = last_good;
  text.replace(text.find("Bích"), std::string("Bích").size(), "Cúc");
  text.replace(text.find("Mười hai năm đứng lớp."), std::string("Mười hai năm đứng lớp.").size(),
               "Gọi 0912 000 111.");
  ASSERT_TRUE(fs_->write("site/" + copy_path(9), text));
  r = preview_->rebuild({copy_path(9)});
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(fs_->write("site/" + copy_path(9), last_good));
  EXPECT_EQ(read_each(fresh()), "");
  ASSERT_TRUE(fs_->write("site/" + copy_path(9), text));
  // Fixed: the site follows again.
  r = edit(copy_path(9), "summary: Gọi 0912 000 111.", "summary: Mười hai năm.");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(read_each(fresh()), "");
}

// Strings, settings and layouts render everything they change at once: a UI string that is
// missing shows only while a page is rendered, and the rebuild must report it.
TEST_F(FastRender, AThemeChangeRendersItsPagesAtOnce) {
  std::string path = "theme/i18n/vi.yml";
  std::string text = fs_->read(path).bytes;
  text.replace(text.find("nav_years: \"Năm học\""), std::string("nav_years: \"Năm học\"").size(),
               "nav_years: \"Các năm học\"");
  ASSERT_TRUE(fs_->write(path, text));
  RebuildResult r = preview_->rebuild({"i18n/vi.yml"});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(r.deferred, 0u);
  EXPECT_TRUE(has(r, "nam-hoc/2023-2024/trang/2/index.html"));
  EXPECT_EQ(preview_->stale_count(), 0u);
}

TEST(FastRenderOff, EveryChangedPageIsRenderedAtOnce) {
  auto fs = testing::site_fs(crowded_school());
  Preview preview(*fs, testing::site_options());
  ASSERT_TRUE(preview.build().ok);
  std::string text = fs->read("site/" + copy_path(3)).bytes;
  text.replace(text.find("Thúy 3"), std::string("Thúy 3").size(), "Ánh");
  ASSERT_TRUE(fs->write("site/" + copy_path(3), text));
  RebuildResult r = preview.rebuild({copy_path(3)});
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.deferred, 0u);
  EXPECT_TRUE(has(r, "nam-hoc/2023-2024/trang/2/index.html"));
}

}  // namespace
}  // namespace vd::serve
