// "Never serve a private value" wins over "keep the last good build": when a rebuild changes the
// private values, a page it does not render that shows one of them is withheld and reported like
// a failed rebuild, whether the rebuild succeeds or fails for another reason; the next good
// rebuild after the fix serves it again.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "serve/preview.h"
#include "serve/preview_test_util.h"
#include "test_util.h"

namespace vd::serve {
namespace {

const std::string kThuy = "content/profiles/2023-2024/nguyen-thi-thuy.md";
const std::string kTeam = "content/profiles/2023-2024/to-toan.md";
const std::string kBinh = "content/profiles/2023-2024/le-van-binh.md";
const std::string kPage = "dien-hinh/2023-2024/le-van-binh/index.html";  // not Thúy's colleague
const std::string kNumber = "0987 654 321";  // Bình's school's hotline, in his story

// True when the rebuild scanned every served file again (the private values changed).
bool rescanned(const RebuildResult& r) {
  return std::any_of(r.timings.begin(), r.timings.end(),
                     [](const auto& t) { return t.first == "privacy"; });
}

// A preview (with or without fast render) of two schools where Bình gives his school's hotline in
// his story, keeping every result it reports.
class PrivacyGuard : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    auto site = two_schools();
    site.at(kBinh) += "Đường dây nóng của trường: " + kNumber + ".\n";
    fs_ = testing::site_fs(site);
    preview_ = std::make_unique<Preview>(*fs_, testing::site_options(), GetParam(),
                                         [this](const RebuildResult& r) {
                                           std::lock_guard<std::mutex> lock(mutex_);
                                           reports_.push_back(r);
                                         });
    RebuildResult r = preview_->build();
    ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
    ASSERT_NE(preview_->file(kPage)->find(kNumber), std::string::npos);
  }
  void write(const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = fs_->read("site/" + rel).bytes;
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    ASSERT_TRUE(fs_->write("site/" + rel, text.replace(at, from.size(), to)));
  }
  // The last result reported: "ok", or the problems printed.
  std::string last_report() {
    std::lock_guard<std::mutex> lock(mutex_);
    const RebuildResult& r = reports_.back();
    return r.ok ? "ok" : diag::format_all(r.diags, r.sources);
  }
  // No served file shows the number.
  void expect_not_served() {
    EXPECT_TRUE(preview_->file(kPage) == nullptr) << "the page is served";
    for (const auto& [path, bytes] : preview_->files())
      EXPECT_EQ(bytes.find(kNumber), std::string::npos) << path;
  }
  std::map<std::string, std::string> fresh() { return fresh_files(*fs_, testing::site_options()); }
  const std::string problem_ =
      kThuy + ": error: a value from this profile's 'private:' block appears in the output file " +
      kPage +
      "\nhint: remove the private value from the public fields and the story; private data is "
      "never published\n";
  std::unique_ptr<fs::MemoryFileSystem> fs_;
  std::unique_ptr<Preview> preview_;
  std::mutex mutex_;
  std::vector<RebuildResult> reports_;
};

// Thúy gives Bình's school's hotline as her private phone: only her pages and lists are
// rendered, yet Bình's page, in another school and unchanged, shows it now private: it is withheld
// and reported. Bình removes the number from his story: his page is served again, as a fresh build
// makes it.
TEST_P(PrivacyGuard, AValueMadePrivateOnAnUnchangedPageIsWithheldUntilRemoved) {
  write(kThuy, "0912 000 111", kNumber);
  RebuildResult r = preview_->rebuild({kThuy});
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(rescanned(r));
  EXPECT_FALSE(std::binary_search(r.rendered.begin(), r.rendered.end(), kPage));
  EXPECT_EQ(last_report(), problem_);
  expect_not_served();
  // Another edit that leaves the private values as they are: the page stays withheld.
  write(kTeam, "Tổ chuyên môn xuất sắc.", "Tổ chuyên môn.");
  r = preview_->rebuild({kTeam});
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(rescanned(r));
  EXPECT_EQ(last_report(), problem_);
  expect_not_served();
  write(kBinh, "Đường dây nóng của trường: " + kNumber + ".\n", "");
  r = preview_->rebuild({kBinh});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_FALSE(rescanned(r));
  EXPECT_EQ(last_report(), "ok");
  ASSERT_NE(preview_->file(kPage), nullptr);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

// The same change in a rebuild that fails for another reason (the maths team's award is
// unknown): the last good build is kept, but not Bình's page. The award fixed, the rebuild still
// fails while the number is private; Thúy takes her own number back and all is served again.
TEST_P(PrivacyGuard, AValueMadePrivateIsWithheldEvenWhenTheRebuildFails) {
  write(kThuy, "0912 000 111", kNumber);
  write(kTeam, "award: tap-the-lao-dong-tien-tien", "award: khong-co");
  RebuildResult r = preview_->rebuild({kThuy, kTeam});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(last_report().find("khong-co"), std::string::npos) << last_report();
  EXPECT_NE(last_report().find(problem_), std::string::npos) << last_report();
  expect_not_served();
  write(kTeam, "award: khong-co", "award: tap-the-lao-dong-tien-tien");
  r = preview_->rebuild({kTeam});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(last_report(), problem_);
  expect_not_served();
  write(kThuy, kNumber, "0912 000 111");
  r = preview_->rebuild({kThuy});
  ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(last_report(), "ok");
  EXPECT_NE(preview_->file(kPage)->find(kNumber), std::string::npos);
  EXPECT_EQ(difference(preview_->files(), fresh()), "");
}

INSTANTIATE_TEST_SUITE_P(FastRender, PrivacyGuard, ::testing::Bool());

}  // namespace
}  // namespace vd::serve
