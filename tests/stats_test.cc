// Statistics pages on a whole (small) site: where they live, what they count, the table beside
// every chart, targets beside results, and the sentence when there is nothing to draw.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace vd::testing {
namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
    ++n;
  return n;
}

// A table row of the chart tables: label, count (and share).
std::string row(const std::string& label, int n) {
  return fmt::format("{}</th><td class=\"num\">{}</td>", label, n);
}

std::map<std::string, std::string> with_targets() {
  auto files = minimal_site();
  std::string& plan = files["content/campaigns/thi-dua-2024.md"];
  plan.replace(plan.find("timeline:"), 0, R"(targets:
  - label: Tỷ lệ trường đạt chuẩn quốc gia
    value: 79.63
    unit: "%"
    reported: 81.48
  - label: Số sáng kiến & giải pháp
    value: 40
    reported: 20
  - label: Huy động trẻ ra lớp
    value: 100
    unit: "%"
)");
  return files;
}

TEST(Stats, OnePageBesideEveryYearCampaignAndUnitAndOneForTheSite) {
  auto out = built(minimal_site());
  for (const char* page : {"thong-ke/index.html", "nam-hoc/2023-2024/thong-ke/index.html",
                           "phong-trao/thi-dua-2024/thong-ke/index.html",
                           "don-vi/th-a/thong-ke/index.html", "don-vi/pgd/thong-ke/index.html"})
    EXPECT_TRUE(out.count(page)) << page;
  // Linked from the pages they belong to.
  EXPECT_NE(out["nam-hoc/2023-2024/index.html"].find("nam-hoc/2023-2024/thong-ke/index.html\""),
            std::string::npos);
  EXPECT_NE(out["don-vi/th-a/index.html"].find("don-vi/th-a/thong-ke/index.html\""),
            std::string::npos);
  EXPECT_NE(out["phong-trao/thi-dua-2024/index.html"].find(
                "phong-trao/thi-dua-2024/thong-ke/index.html\""),
            std::string::npos);
  EXPECT_NE(out["index.html"].find("href=\"thong-ke/index.html\""), std::string::npos);
  EXPECT_NE(out["sitemap.xml"].find("/don-vi/th-a/thong-ke/</loc>"), std::string::npos);
}

TEST(Stats, EveryChartHasItsTableAndIsHiddenFromScreenReaders) {
  auto out = built(minimal_site());
  const std::string& page = out["nam-hoc/2023-2024/thong-ke/index.html"];
  std::size_t charts = count(page, "<svg class=\"chart");
  EXPECT_EQ(charts, 4u);  // awards, units, kinds, trend
  EXPECT_EQ(count(page, "aria-hidden=\"true\" focusable=\"false\">"), charts);
  EXPECT_EQ(count(page, "<table class=\"data-table chart-table\">"), charts);
  // One individual (Chiến sĩ thi đua cơ sở) and one collective in Trường Tiểu học A.
  EXPECT_NE(page.find(row("Cá nhân", 1)), std::string::npos);
  EXPECT_NE(page.find(row("Tập thể", 1)), std::string::npos);
  EXPECT_NE(page.find(row("Trường Tiểu học A</a>", 2)), std::string::npos);
  EXPECT_NE(page.find(row("Chiến sĩ thi đua cơ sở</a>", 1)), std::string::npos);
  // The trend marks this year in the chart and in the table.
  EXPECT_NE(page.find("chart__bar chart__bar--highlight"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"is-highlight\">"), std::string::npos);
  EXPECT_EQ(page.find(" style="), std::string::npos);
}

TEST(Stats, AUnitWithoutHonoureesSaysSoInsteadOfDrawing) {
  auto out = built(minimal_site());
  const std::string& page = out["don-vi/pgd/thong-ke/index.html"];
  EXPECT_EQ(page.find("<svg class=\"chart"), std::string::npos);
  EXPECT_EQ(page.find("chart-table"), std::string::npos);
  EXPECT_NE(page.find("Chưa có số liệu để vẽ biểu đồ."), std::string::npos);
  // A unit's page does not chart units.
  EXPECT_EQ(page.find("Điển hình theo đơn vị"), std::string::npos);
}

TEST(Stats, ACampaignsTargetsBesideWhatWasReported) {
  auto out = built(with_targets());
  const std::string& page = out["phong-trao/thi-dua-2024/thong-ke/index.html"];
  EXPECT_NE(page.find("<svg class=\"chart chart--targets\""), std::string::npos);
  EXPECT_NE(page.find(">Kết quả 81,48%</text>"), std::string::npos);
  EXPECT_NE(page.find("chart__reported chart__reported--met"), std::string::npos);
  EXPECT_NE(page.find("class=\"chart__reported\""), std::string::npos);  // 20 of 40
  EXPECT_NE(page.find(">Chưa báo cáo</text>"), std::string::npos);
  // Escaped in the chart and in its table.
  EXPECT_EQ(page.find("kiến & giải"), std::string::npos);
  EXPECT_EQ(count(page, "Số sáng kiến &amp; giải pháp"), 2u);
  EXPECT_NE(page.find("<span class=\"status status--unmet\">Chưa đạt</span>"), std::string::npos);
  // Without targets there is no such section.
  auto plain = built(minimal_site());
  EXPECT_EQ(plain["phong-trao/thi-dua-2024/thong-ke/index.html"].find("chart--targets"),
            std::string::npos);
}

TEST(Stats, UnpublishedProfilesAreNotCounted) {
  auto files = minimal_site();
  std::string& p = files["content/profiles/2023-2024/to-toan.md"];
  p.replace(p.find("consent: true"), 13, "consent: false");
  auto out = built(files);
  const std::string& page = out["thong-ke/index.html"];
  EXPECT_NE(page.find(row("Cá nhân", 1)), std::string::npos);
  EXPECT_NE(page.find(row("Tập thể", 0)), std::string::npos);
}

}  // namespace
}  // namespace vd::testing
