#include "render/charts.h"

#include <fmt/format.h>

#include <algorithm>

#include "text/text.h"

namespace vd::render {

namespace {

constexpr double kWidth = 640;         // bar and target charts: the viewBox width
constexpr double kValueRoom = 110;     // right of the longest bar: its value
constexpr std::size_t kLabelMax = 64;  // code points of a label on one line

// Coordinates with one decimal: enough for a screen, and stable text.
std::string num(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

std::string open_svg(double w, double h, const char* kind) {
  return fmt::format(
      "<svg class=\"chart chart--{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" aria-hidden=\"true\" focusable=\"false\">",
      kind, num(w), num(h), num(w), num(h));
}

std::string text_el(double x, double y, const char* cls, const std::string& t,
                    const char* anchor = nullptr) {
  return fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\"{}>{}</text>", cls, num(x), num(y),
                     anchor ? fmt::format(" text-anchor=\"{}\"", anchor) : "",
                     text::html_escape(t));
}

std::string rect(double x, double y, double w, double h, const std::string& cls) {
  return fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", cls,
                     num(x), num(y), num(std::max(0.0, w)), num(h));
}

// value / top of `span`, at least 2 units for a value above zero (so it is seen).
double length(double value, double top, double span) {
  if (value <= 0 || top <= 0) return 0;
  return std::max(2.0, value / top * span);
}

double largest(const std::vector<ChartItem>& items) {
  double top = 0;
  for (const ChartItem& i : items) top = std::max(top, i.value);
  return top;
}

}  // namespace

std::string shorten(const std::string& s, std::size_t max) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (points++ == max) return s.substr(0, i) + "…";
  }
  return s;
}

std::string bar_chart_svg(const std::vector<ChartItem>& items) {
  double top = largest(items);
  if (top <= 0) return {};
  constexpr double kRow = 48, kBar = 18;
  double span = kWidth - kValueRoom;
  std::string out = open_svg(kWidth, kRow * static_cast<double>(items.size()), "bars");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ChartItem& it = items[i];
    double y = kRow * static_cast<double>(i);
    double w = length(it.value, top, span);
    out += text_el(0, y + 15, "chart__label", shorten(it.label, kLabelMax));
    out +=
        rect(0, y + 22, w, kBar, it.highlight ? "chart__bar chart__bar--highlight" : "chart__bar");
    out += text_el(w + 8, y + 36, "chart__value", it.value_text);
  }
  return out + "</svg>";
}

std::string column_chart_svg(const std::vector<ChartItem>& items) {
  double top = largest(items);
  if (top <= 0) return {};
  constexpr double kSlot = 88, kColumn = 44, kHeight = 236, kBase = 196, kSpan = 160;
  double w = std::max(kWidth / 2, kSlot * static_cast<double>(items.size()));
  double left = (w - kSlot * static_cast<double>(items.size())) / 2;
  std::string out = open_svg(w, kHeight, "columns");
  out += fmt::format("<line class=\"chart__axis\" x1=\"0\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                     num(kBase), num(w), num(kBase));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ChartItem& it = items[i];
    double centre = left + kSlot * (static_cast<double>(i) + 0.5);
    double h = length(it.value, top, kSpan);
    out += rect(centre - kColumn / 2, kBase - h, kColumn, h,
                it.highlight ? "chart__bar chart__bar--highlight" : "chart__bar");
    out += text_el(centre, kBase - h - 8, "chart__value", it.value_text, "middle");
    out += text_el(centre, kBase + 24, "chart__label", shorten(it.label, 12), "middle");
  }
  return out + "</svg>";
}

std::string target_chart_svg(const std::vector<TargetItem>& items, const TargetLegend& legend) {
  if (items.empty()) return {};
  constexpr double kRow = 76, kBar = 14;
  double span = kWidth - 2 * kValueRoom;
  std::string out = open_svg(kWidth, kRow * static_cast<double>(items.size()), "targets");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const TargetItem& it = items[i];
    double y = kRow * static_cast<double>(i);
    double reported = it.reported ? std::max(0.0, *it.reported) : 0;
    double top = std::max(it.target, reported);
    double tw = length(it.target, top, span);
    out += text_el(0, y + 15, "chart__label", shorten(it.label, kLabelMax));
    out += rect(0, y + 24, tw, kBar, "chart__target");
    out += text_el(tw + 8, y + 36, "chart__value", legend.target + " " + it.target_text);
    if (!it.reported) {
      out += text_el(0, y + 60, "chart__note", legend.no_report);
      continue;
    }
    double rw = length(reported, top, span);
    bool met = reported >= it.target;
    out +=
        rect(0, y + 44, rw, kBar, met ? "chart__reported chart__reported--met" : "chart__reported");
    out += text_el(rw + 8, y + 56, "chart__value", legend.reported + " " + it.reported_text);
  }
  return out + "</svg>";
}

}  // namespace vd::render
