// The statistics charts: bar lengths follow the values, texts are escaped, nothing to draw gives
// no chart, and the markup carries no style attribute (the CSP) and hides itself from screen
// readers (the page's table says the same).
#include "render/charts.h"

#include <gtest/gtest.h>

#include <regex>

namespace vd::render {
namespace {

// The width="…" of every <rect>, in document order.
std::vector<double> rect_widths(const std::string& svg, const char* attr = "width") {
  std::vector<double> out;
  std::regex re(std::string("<rect [^>]*") + attr + "=\"([0-9.]+)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

TEST(Charts, BarLengthsAreProportionalToTheValues) {
  std::string svg = bar_chart_svg({{"Lao động tiên tiến", 40, "40"},
                                   {"Chiến sĩ thi đua cơ sở", 10, "10"},
                                   {"Giấy khen", 20, "20"}});
  std::vector<double> w = rect_widths(svg);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_DOUBLE_EQ(w[0], 530);  // the largest value fills the plot (640 less the value's room)
  EXPECT_NEAR(w[1], w[0] / 4, 0.05);
  EXPECT_NEAR(w[2], w[0] / 2, 0.05);
  EXPECT_NE(svg.find(">Chiến sĩ thi đua cơ sở</text>"), std::string::npos);
  EXPECT_NE(svg.find(">20</text>"), std::string::npos);
}

TEST(Charts, ColumnHeightsAreProportionalAndTheMarkedOneIsHighlighted) {
  std::string svg = column_chart_svg(
      {{"2021-2022", 3, "3"}, {"2022-2023", 6, "6"}, {"2023-2024", 12, "12", true}});
  std::vector<double> h = rect_widths(svg, "height");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_DOUBLE_EQ(h[2], 160);
  EXPECT_DOUBLE_EQ(h[1], 80);
  EXPECT_DOUBLE_EQ(h[0], 40);
  // Only the last column carries the highlight class.
  std::size_t mark = svg.find("chart__bar--highlight");
  ASSERT_NE(mark, std::string::npos);
  EXPECT_EQ(svg.find("chart__bar--highlight", mark + 1), std::string::npos);
  EXPECT_GT(mark, svg.find(">6</text>"));
}

TEST(Charts, TextsAreEscaped) {
  std::string svg = bar_chart_svg({{"<script>alert(1)</script> & \"x\"", 1, "<b>1</b>"}});
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"),
            std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;1&lt;/b&gt;"), std::string::npos);
}

TEST(Charts, NothingToDrawGivesNoChart) {
  EXPECT_EQ(bar_chart_svg({}), "");
  EXPECT_EQ(bar_chart_svg({{"Cá nhân", 0, "0"}, {"Tập thể", 0, "0"}}), "");
  EXPECT_EQ(column_chart_svg({}), "");
  EXPECT_EQ(target_chart_svg({}, {"Chỉ tiêu", "Kết quả", "Chưa báo cáo"}), "");
}

TEST(Charts, AZeroBesideOthersIsAnEmptyBarAndASmallValueStaysVisible) {
  std::vector<double> w =
      rect_widths(bar_chart_svg({{"a", 1000, "1000"}, {"b", 0, "0"}, {"c", 1, "1"}}));
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[1], 0);
  EXPECT_EQ(w[2], 2);  // 0.53 units would not be seen
}

TEST(Charts, TargetsBesideResultsEachOnItsOwnScale) {
  TargetLegend legend{"Chỉ tiêu", "Kết quả", "Chưa báo cáo"};
  std::string svg = target_chart_svg({{"Tỷ lệ trường đạt chuẩn", 79.63, "79,63%", 81.48, "81,48%"},
                                      {"Số sáng kiến", 40, "40", 20, "20"},
                                      {"Huy động trẻ", 100, "100%", std::nullopt, ""}},
                                     legend);
  std::vector<double> w = rect_widths(svg);
  ASSERT_EQ(w.size(), 5u);      // two bars per reported target, one for the unreported
  EXPECT_DOUBLE_EQ(w[1], 420);  // the result is the larger: it fills the row
  EXPECT_NEAR(w[0], 420 * 79.63 / 81.48, 0.05);
  EXPECT_DOUBLE_EQ(w[2], 420);  // here the target is the larger
  EXPECT_DOUBLE_EQ(w[3], 210);
  EXPECT_DOUBLE_EQ(w[4], 420);
  EXPECT_NE(svg.find("chart__reported chart__reported--met"), std::string::npos);
  EXPECT_NE(svg.find("class=\"chart__reported\""), std::string::npos);  // 20 of 40: not met
  EXPECT_NE(svg.find(">Kết quả 81,48%</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Chưa báo cáo</text>"), std::string::npos);
}

TEST(Charts, HiddenFromScreenReadersAndFreeOfInlineStyle) {
  for (const std::string& svg : {bar_chart_svg({{"a", 1, "1"}}), column_chart_svg({{"a", 1, "1"}}),
                                 target_chart_svg({{"a", 1, "1", 2, "2"}}, {"t", "r", "n"})}) {
    EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << svg;
    EXPECT_NE(svg.find("aria-hidden=\"true\""), std::string::npos);
    EXPECT_EQ(svg.find("style"), std::string::npos) << svg;
    EXPECT_EQ(svg.find("fill="), std::string::npos) << svg;  // colours come from the stylesheet
    EXPECT_TRUE(svg.ends_with("</svg>"));
  }
}

TEST(Charts, LongLabelsAreShortenedByCodePoints) {
  EXPECT_EQ(shorten("Trường Tiểu học Tràm Chim 2", 6), "Trường…");
  EXPECT_EQ(shorten("Đặng", 4), "Đặng");
  EXPECT_EQ(shorten("", 3), "");
}

TEST(Charts, SameDataSameBytes) {
  std::vector<ChartItem> items{{"x", 3, "3"}, {"y", 7, "7"}};
  EXPECT_EQ(bar_chart_svg(items), bar_chart_svg(items));
  EXPECT_EQ(column_chart_svg(items), column_chart_svg(items));
}

}  // namespace
}  // namespace vd::render
