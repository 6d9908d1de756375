// View data of the statistics pages (layout "stats"): each chart (charts.h) with the table that is
// its accessible equivalent — the same rows, the same numbers.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "render/charts.h"
#include "render/views.h"

namespace vd::render {

namespace {

constexpr std::size_t kUnitsShown = 12;  // larger rolls: the rest become one "other units" row

struct Row {
  std::string label, url;
  int count = 0;
  bool highlight = false;
};

// What one statistics page counts.
struct Scope {
  std::vector<int> members;  // indexes into Site::honourees
  std::string heading, parent_label, parent_url;
  std::optional<text::Date> names_on;  // unit names as they were then (a school year's end)
  bool by_unit = true;                 // a unit's own page does not chart units
  std::vector<Row> trend;              // oldest school year first
  const model::Campaign* campaign = nullptr;
};

json chart(const ViewContext& c, const char* id, const std::string& title,
           const std::string& label_heading, const std::vector<Row>& rows, std::size_t total,
           bool columns) {
  std::vector<ChartItem> items;
  json table = json::array();
  for (const Row& r : rows) {
    items.push_back({r.label, static_cast<double>(r.count), std::to_string(r.count), r.highlight});
    table.push_back({{"label", r.label},
                     {"has_url", !r.url.empty()},
                     {"url", r.url.empty() ? "" : c.link(r.url)},
                     {"count", r.count},
                     {"share", total ? text::percent(r.count, static_cast<int>(total)) : ""},
                     {"is_highlight", r.highlight}});
  }
  std::string svg = columns ? column_chart_svg(items) : bar_chart_svg(items);
  return {{"id", id},
          {"title", title},
          {"label_heading", label_heading},
          {"svg", svg},
          {"has_chart", !svg.empty()},
          {"has_share", !columns && total > 0},
          {"rows", table}};
}

std::vector<Row> by_award(const site::Site& s, const std::vector<int>& members) {
  std::vector<Row> rows;
  for (const model::Award& a : s.awards) {
    int n = 0;
    for (int i : members)
      for (const model::AwardGrant& g : s.honourees[i].profile.awards)
        if (g.award == a.id) {
          ++n;
          break;
        }
    if (n) rows.push_back({a.name, s.award_url(a.id), n});
  }
  return rows;
}

std::vector<Row> by_unit(const ViewContext& c, const Scope& sc) {
  const site::Site& s = c.site();
  std::map<std::string, int> counts;
  for (int i : sc.members) ++counts[s.honourees[i].profile.unit];
  std::vector<Row> rows;
  for (const auto& [id, n] : counts)
    rows.push_back({unit_name(s, id, sc.names_on), s.unit_index(id) >= 0 ? s.unit_url(id) : "", n});
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.count != b.count ? a.count > b.count : text::compare_vi(a.label, b.label) < 0;
  });
  if (rows.size() > kUnitsShown + 1) {
    std::string label = c.str("stats_other_units");
    if (auto at = label.find("{n}"); at != std::string::npos)
      label.replace(at, 3, std::to_string(rows.size() - kUnitsShown));
    Row other{label, "", 0};
    for (std::size_t i = kUnitsShown; i < rows.size(); ++i) other.count += rows[i].count;
    rows.resize(kUnitsShown);
    rows.push_back(other);
  }
  return rows;
}

std::vector<Row> kinds(const ViewContext& c, const std::vector<int>& members) {
  int collectives = 0;
  for (int i : members)
    collectives += c.site().honourees[i].profile.kind == model::Kind::kCollective;
  if (members.empty()) return {};
  return {{c.str("kind_individual"), "", static_cast<int>(members.size()) - collectives},
          {c.str("kind_collective"), "", collectives}};
}

// Honourees per school year, oldest first: of the whole site (`only` empty), else of `only`.
std::vector<Row> trend(const site::Site& s, const std::vector<int>* only, const std::string& mark) {
  std::vector<Row> rows;
  for (auto y = s.years.rbegin(); y != s.years.rend(); ++y) {
    int n = 0;
    if (!only) {
      auto it = s.by_year.find(*y);
      n = it == s.by_year.end() ? 0 : static_cast<int>(it->second.size());
    } else {
      for (int i : *only) n += s.honourees[i].profile.school_year == *y;
    }
    // The site's own trend links each year's statistics.
    rows.push_back({*y, only ? "" : site::Site::stats_url(s.year_url(*y)), n, *y == mark});
  }
  return rows;
}

std::string number_text(double v, const std::string& unit) {
  bool whole = v == static_cast<double>(static_cast<long long>(v));
  return text::format_decimal(v, whole ? 0 : 2) + unit;
}

json targets(const ViewContext& c, const model::Campaign& k) {
  std::vector<TargetItem> items;
  json rows = json::array();
  for (const model::Target& t : k.targets) {
    std::string reported = t.reported ? number_text(*t.reported, t.unit) : "";
    items.push_back({t.label, t.value, number_text(t.value, t.unit), t.reported, reported});
    rows.push_back({{"label", t.label},
                    {"value_text", number_text(t.value, t.unit)},
                    {"has_reported", t.reported.has_value()},
                    {"reported_text", reported},
                    {"is_met", t.reported && *t.reported >= t.value}});
  }
  std::string svg = target_chart_svg(
      items, {c.str("target_value"), c.str("target_reported"), c.str("target_no_report")});
  return {{"svg", svg}, {"has_chart", !svg.empty()}, {"rows", rows}};
}

Scope scope_of(const ViewContext& c) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  auto members = [&](const std::map<std::string, std::vector<int>>& index, const std::string& k) {
    auto it = index.find(k);
    return it == index.end() ? std::vector<int>{} : it->second;
  };
  Scope sc;
  switch (p.kind) {
    case site::PageKind::kYearStats:
      sc.members = members(s.by_year, p.key);
      sc.heading = c.str("school_year") + " " + p.key;
      sc.parent_url = s.year_url(p.key);
      if (text::is_school_year(p.key))
        sc.names_on = text::Date{std::atoi(p.key.c_str() + 5), 8, 31};
      sc.trend = trend(s, nullptr, p.key);
      break;
    case site::PageKind::kCampaignStats: {
      sc.campaign = &s.campaigns[p.entity];
      sc.members = members(s.by_campaign, sc.campaign->id);
      sc.heading = sc.campaign->title;
      sc.parent_url = s.campaign_url(sc.campaign->id);
      std::set<std::string> years;
      for (int i : sc.members) years.insert(s.honourees[i].profile.school_year);
      if (years.size() > 1) sc.trend = trend(s, &sc.members, "");
      std::erase_if(sc.trend, [&](const Row& r) { return !years.count(r.label); });
      break;
    }
    case site::PageKind::kUnitStats: {
      const model::Unit& u = s.units[p.entity];
      sc.members = members(s.by_unit, u.id);
      sc.heading = u.name;
      sc.parent_url = s.unit_url(u.id);
      sc.by_unit = false;
      if (!sc.members.empty()) sc.trend = trend(s, &sc.members, "");
      break;
    }
    default:  // the whole site
      for (int i = 0; i < static_cast<int>(s.honourees.size()); ++i) sc.members.push_back(i);
      sc.heading = s.config.title;
      sc.parent_url = "/";
      sc.trend = trend(s, nullptr, "");
  }
  return sc;
}

}  // namespace

json stats_view(const ViewContext& c, std::string& title, std::string& description) {
  const site::Site& s = c.site();
  Scope sc = scope_of(c);
  title = c.str("stats_title") + " – " + sc.heading;
  description = title;
  std::size_t total = sc.members.size();
  json charts = json::array();
  charts.push_back(chart(c, "stats-awards", c.str("stats_by_award"), c.str("award"),
                         by_award(s, sc.members), total, false));
  if (sc.by_unit)
    charts.push_back(chart(c, "stats-units", c.str("stats_by_unit"), c.str("stats_unit"),
                           by_unit(c, sc), total, false));
  charts.push_back(chart(c, "stats-kinds", c.str("stats_kinds"), c.str("profile_kind"),
                         kinds(c, sc.members), total, false));
  if (!sc.trend.empty())
    charts.push_back(
        chart(c, "stats-trend", c.str("stats_trend"), c.str("school_year"), sc.trend, 0, true));
  json years = json::array();
  if (c.page().kind == site::PageKind::kStats)
    for (const std::string& y : s.years)
      years.push_back({{"school_year", y}, {"url", c.link(site::Site::stats_url(s.year_url(y)))}});
  bool has_targets = sc.campaign && !sc.campaign->targets.empty();
  return {{"stats",
           {{"heading", sc.heading},
            {"parent_url", c.link(sc.parent_url)},
            {"total", total},
            {"charts", charts},
            {"has_targets", has_targets},
            {"targets", has_targets ? targets(c, *sc.campaign) : json::object()},
            {"has_years", !years.empty()},
            {"years", years}}}};
}

}  // namespace vd::render
