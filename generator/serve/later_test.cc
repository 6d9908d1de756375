// Fast render: a page left for later goes through the checks of a rebuild when it is rendered.
// A problem found then is reported as a failed rebuild is (every problem not yet fixed, through
// the preview's report), the page is not served with it, and the next good rebuild clears it.
#include <gtest/gtest.h>

#include <mutex>

#include "serve/preview.h"
#include "serve/preview_test_util.h"
#include "test_util.h"

namespace vd::serve {
namespace {

const std::string kThuy = "content/profiles/2023-2024/nguyen-thi-thuy.md";

// A preview with fast render over a site whose theme the test has changed, keeping every result
// it reports.
class LaterProblems : public ::testing::Test {
 protected:
  void start(const std::map<std::string, std::string>& site,
             const std::map<std::string, std::string>& theme_edits,
             const std::vector<std::string>& theme_removals = {}) {
    fs_ = testing::site_fs(site);
    for (const auto& [path, edit] : theme_edits)
      ASSERT_TRUE(fs_->write("theme/" + path, fs_->read("theme/" + path).bytes + edit));
    for (const std::string& path : theme_removals) ASSERT_TRUE(fs_->remove("theme/" + path));
    preview_ = std::make_unique<Preview>(*fs_, testing::site_options(), true,
                                         [this](const RebuildResult& r) {
                                           std::lock_guard<std::mutex> lock(mutex_);
                                           reports_.push_back(r);
                                         });
    RebuildResult r = preview_->build();
    ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  }
  RebuildResult edit(const std::string& rel, const std::string& from, const std::string& to) {
    return edit_and_rebuild(*fs_, *preview_, rel, from, to);
  }
  // What was reported so far: "ok" for a good build, the problems printed for the others.
  std::vector<std::string> reported() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const RebuildResult& r : reports_)
      out.push_back(
          r.ok ? "ok" : (r.later ? "later: " : "failed: ") + diag::format_all(r.diags, r.sources));
    return out;
  }
  std::map<std::string, std::string> fresh() { return fresh_files(*fs_, testing::site_options()); }
  std::unique_ptr<fs::MemoryFileSystem> fs_;
  std::unique_ptr<Preview> preview_;
  std::mutex mutex_;
  std::vector<RebuildResult> reports_;
};

// A theme without a layout for tag pages, on a site without tags: the first tag's page is new and
// nobody has looked at it, so it is left for later, and only rendering it finds the layout missing.
TEST_F(LaterProblems, AMissingLayoutFoundLaterIsReportedAndItsPageNotServedUntilFixed) {
  auto site = testing::minimal_site();
  const std::string tags = "tags: [đổi mới phương pháp]\n";
  site.at(kThuy).erase(site.at(kThuy).find(tags), tags.size());
  start(site, {}, {"layouts/tag.mustache"});
  const std::string tag = "chu-de/ky-nang-song/index.html";
  RebuildResult r = edit(kThuy, "consent: true", "tags: [kỹ năng sống]\nconsent: true");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_GT(r.deferred, 0u);
  EXPECT_FALSE(std::binary_search(r.rendered.begin(), r.rendered.end(), tag));
  EXPECT_EQ(preview_->file(tag), nullptr);  // rendered now, with its problem: not served
  EXPECT_EQ(reported(), (std::vector<std::string>{
                            "ok", "ok",
                            "later: layouts: error: layout 'tag.mustache' not found in layouts/\n"
                            "hint: fix the layout; the page was /chu-de/ky-nang-song/\n"}));
  // The layout is added: the page is rendered and the problem gone.
  ASSERT_TRUE(
      fs_->write("theme/layouts/tag.mustache", testing::read_repo_file("layouts/tag.mustache")));
  r = preview_->rebuild({"layouts/tag.mustache"});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_TRUE(std::binary_search(r.rendered.begin(), r.rendered.end(), tag));
  EXPECT_EQ(preview_->files(), fresh());
  EXPECT_EQ(reported().size(), 4u);
  EXPECT_EQ(reported().back(), "ok");
}

// A theme that prints the office's hotline on topic pages; a teacher gives that number as her
// own private phone (and shortens her summary). Her page and the data files do not show the number
// and are rendered at once; her topic's page, left for later, does: it must never be served again,
// not even as it was, while the other pages rendered with it show the new summary.
TEST_F(LaterProblems, APrivateValueFoundLaterIsReportedAndNeverServedUntilFixed) {
  auto site = testing::minimal_site();
  std::string team = site.at("content/profiles/2023-2024/to-toan.md");
  team.replace(team.find("Tổ Toán"), std::string("Tổ Toán").size(), "Tổ Văn");
  site["content/profiles/2022-2023/to-van.md"] = team;  // on no topic page
  start(site, {{"layouts/tag.mustache", "<p>Đường dây nóng: 0912 999 888</p>\n"}});
  const std::string topic = "chu-de/doi-moi-phuong-phap/index.html";
  ASSERT_NE(preview_->files().at(topic).find("0912 999 888"), std::string::npos);
  std::string text = fs_->read("site/" + kThuy).bytes;
  text.replace(text.find("0912 000 111"), 12, "0912 999 888");
  text.replace(text.find("Mười hai năm đứng lớp."), std::string("Mười hai năm đứng lớp.").size(),
               "Mười hai năm.");
  ASSERT_TRUE(fs_->write("site/" + kThuy, text));
  RebuildResult r = preview_->rebuild({kThuy});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  ASSERT_GT(r.deferred, 1u);
  const std::string unit = "don-vi/th-a/index.html";
  EXPECT_FALSE(std::binary_search(r.rendered.begin(), r.rendered.end(), unit));
  EXPECT_NE(preview_->files().at(unit).find("Mười hai năm.</p>"), std::string::npos);
  EXPECT_EQ(preview_->file(topic), nullptr);
  const std::string problem =
      kThuy + ": error: a value from this profile's 'private:' block appears in the output file " +
      topic +
      "\nhint: remove the private value from the public fields and the story; private data is "
      "never published\n";
  EXPECT_EQ(reported(), (std::vector<std::string>{"ok", "ok", "later: " + problem}));
  for (const auto& [path, bytes] : preview_->files())
    EXPECT_EQ(bytes.find("0912 999 888"), std::string::npos) << path;
  // An edit that changes nothing on the topic page: that page is rendered again at once all the
  // same, and the rebuild fails while the problem is there.
  r = edit("content/profiles/2022-2023/to-van.md", "Tổ chuyên môn xuất sắc.", "Tổ chuyên môn.");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(reported().back(), "failed: " + problem);
  EXPECT_EQ(preview_->file(topic), nullptr);
  // Fixed: her own number again.
  r = edit(kThuy, "0912 999 888", "0912 000 111");
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(preview_->files(), fresh());
  EXPECT_NE(preview_->file(topic)->find("0912 999 888"), std::string::npos);
  EXPECT_EQ(reported().back(), "ok");
}

}  // namespace
}  // namespace vd::serve
