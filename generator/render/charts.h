// Charts for the statistics pages, drawn at build time as inline SVG (no script).
// In: labelled values. Out: one <svg> element, or "" when there is nothing to draw (no item, or
// every value zero): the page then says so in a sentence instead.
// Pure functions: the same data gives the same bytes. Every text is HTML-escaped; colours and
// fonts come from classes (the stylesheet), never from style attributes, so the CSP holds. The
// SVG is aria-hidden: the page puts a table with the same numbers beside it. Internal to render/.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vd::render {

struct ChartItem {
  std::string label;       // plain text (escaped here)
  double value = 0;        // ≥ 0 (negative values are drawn as 0)
  std::string value_text;  // as shown beside the bar ("12", "79,63%")
  bool highlight = false;  // drawn in the accent colour (e.g. the page's own school year)
};

// Horizontal bars, one row per item in the given order, the label above its bar; each bar's
// length is value / (largest value) of the plot width.
std::string bar_chart_svg(const std::vector<ChartItem>& items);

// Vertical columns left to right (the trend over school years): label under, value above.
std::string column_chart_svg(const std::vector<ChartItem>& items);

// A campaign target (chỉ tiêu) beside what was reported. Each row has its own scale (the larger
// of the two values): targets are in different units.
struct TargetItem {
  std::string label;
  double target = 0;
  std::string target_text;
  std::optional<double> reported;
  std::string reported_text;  // shown when reported is set
};
struct TargetLegend {
  std::string target, reported, no_report;  // "Chỉ tiêu", "Kết quả", "Chưa báo cáo"
};
std::string target_chart_svg(const std::vector<TargetItem>& items, const TargetLegend& legend);

// The first `max` code points of s, with "…" when cut (SVG text does not wrap).
std::string shorten(const std::string& s, std::size_t max);

}  // namespace vd::render
