// View data of the home page and of every index and list page.
#include <fmt/format.h>

#include <algorithm>

#include "render/embed.h"
#include "render/search.h"
#include "render/views.h"

namespace vd::render {

namespace {

std::string applies_label(const ViewContext& c, const model::Award& a) {
  return c.str(a.individual && a.collective ? "applies_both"
               : a.individual               ? "applies_individual"
                                            : "applies_collective");
}

std::size_t count_in(const std::map<std::string, std::vector<int>>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second.size();
}

json unit_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  const model::Unit& u = s.units[c.page().entity];
  title = u.name;
  auto ref = [&](const std::string& id) {
    return json{{"name", unit_name(s, id)}, {"url", c.link(s.unit_url(id))}};
  };
  json predecessors = json::array(), children = json::array(), former = json::array();
  for (const model::Unit& o : s.units) {
    if (o.successor == u.id) predecessors.push_back(ref(o.id));
    if (o.parent == u.id) children.push_back(ref(o.id));
  }
  for (const model::FormerName& f : u.former_names) {
    std::string period = f.from ? text::vi_short_date(*f.from) : "";
    period += " – " + (f.to ? text::vi_short_date(*f.to) : std::string());
    former.push_back({{"name", f.name}, {"period", period}});
  }
  // Honour roll: school years newest first, then awards by rank, with the rate where staff is
  // known.
  json years = json::array();
  auto members = s.by_unit.find(u.id);
  std::size_t total = members == s.by_unit.end() ? 0 : members->second.size();
  for (const std::string& y : s.years) {
    std::vector<int> in;
    if (members != s.by_unit.end())
      for (int i : members->second)
        if (s.honourees[i].profile.school_year == y) in.push_back(i);
    if (in.empty()) continue;
    auto staff = u.staff.find(y);
    json groups = json::array();
    for (const model::Award& a : s.awards) {
      int n = 0;
      for (int i : in)
        for (const model::AwardGrant& g : s.honourees[i].profile.awards)
          if (g.award == a.id) {
            ++n;
            break;
          }
      if (n == 0) continue;
      bool rate = staff != u.staff.end() && a.individual && !a.collective;
      groups.push_back({{"award_name", a.name},
                        {"award_url", c.link(s.award_url(a.id))},
                        {"count", n},
                        {"has_percent", rate},
                        {"percent", rate ? text::percent(n, staff->second) : ""}});
    }
    years.push_back({{"school_year", y},
                     {"url", c.link(s.year_url(y))},
                     {"count", in.size()},
                     {"has_staff", staff != u.staff.end()},
                     {"staff", staff != u.staff.end() ? staff->second : 0},
                     {"groups", groups},
                     {"items", cards(c, in)}});
  }
  json unit = {{"name", u.name},
               {"short_name", u.short_name},
               {"kind_label", c.str("unit_kind_" + u.kind)},
               {"address", u.address},
               {"website", u.website},
               {"has_website", !u.website.empty()},
               {"is_dissolved", u.dissolved.has_value()},
               {"dissolved_date", u.dissolved ? text::vi_short_date(*u.dissolved) : ""},
               {"feed_url", c.link(s.unit_url(u.id) + "feed.xml")},
               {"json_url", c.link("/api/units/" + u.id + ".json")},
               {"total", total},
               {"has_parent", !u.parent.empty()},
               {"parent", u.parent.empty() ? json::object() : ref(u.parent)},
               {"has_successor", !u.successor.empty()},
               {"successor", u.successor.empty() ? json::object() : ref(u.successor)},
               {"has_predecessors", !predecessors.empty()},
               {"predecessors", predecessors},
               {"has_former_names", !former.empty()},
               {"former_names", former},
               {"has_children", !children.empty()},
               {"children", children}};
  json embed = embed_snippets(c, u);
  bool has_years = !years.empty();
  return {
      {"unit", std::move(unit)},     {"stats_url", c.link(site::Site::stats_url(s.unit_url(u.id)))},
      {"years", std::move(years)},   {"has_years", has_years},
      {"has_embed", !embed.empty()}, {"embed", embed}};
}

json units_view(const ViewContext& c) {
  const site::Site& s = c.site();
  json groups = json::array();
  for (const char* kind : {"department", "office", "school", "team", "other"}) {
    std::vector<const model::Unit*> in;
    for (const model::Unit& u : s.units)
      if (u.kind == kind) in.push_back(&u);
    if (in.empty()) continue;
    std::stable_sort(in.begin(), in.end(),
                     [](auto* a, auto* b) { return text::compare_vi(a->name, b->name) < 0; });
    json units = json::array();
    for (const model::Unit* u : in) {
      int succ = u->successor.empty() ? -1 : s.unit_index(u->successor);
      units.push_back({{"name", u->name},
                       {"url", c.link(s.unit_url(u->id))},
                       {"count", count_in(s.by_unit, u->id)},
                       {"is_dissolved", u->dissolved.has_value()},
                       {"has_successor", succ >= 0},
                       {"successor_name", succ >= 0 ? s.units[succ].name : ""}});
    }
    groups.push_back({{"kind_label", c.str(std::string("unit_kind_") + kind)}, {"units", units}});
  }
  return {{"groups", groups}};
}

json year_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  const std::string& y = c.page().key;
  title = c.str("school_year") + " " + y;
  json campaigns = json::array();
  for (const model::Campaign& k : s.campaigns)
    if (k.school_year == y) campaigns.push_back(campaign_item(c, k));
  json stats = json::array();
  auto members = s.by_year.find(y);
  if (c.page().number > 1) members = s.by_year.end();  // the statistics are on page 1 only
  for (const model::Award& a : s.awards) {
    int n = 0;
    if (members != s.by_year.end())
      for (int i : members->second)
        for (const model::AwardGrant& g : s.honourees[i].profile.awards)
          if (g.award == a.id) {
            ++n;
            break;
          }
    if (n)
      stats.push_back(
          {{"award_name", a.name}, {"award_url", c.link(s.award_url(a.id))}, {"count", n}});
  }
  return {
      {"year", {{"school_year", y}, {"stats_url", c.link(site::Site::stats_url(s.year_url(y)))}}},
      {"campaigns", campaigns},
      {"has_campaigns", !campaigns.empty()},
      {"stats", stats},
      {"has_stats", !stats.empty()},
      {"honourees", cards(c, c.page().items)},
      {"pagination", pagination(c, s.year_url(y))},
      {"total", count_in(s.by_year, y)}};
}

json award_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  const model::Award& a = s.awards[c.page().entity];
  title = a.name;
  json award = {{"name", a.name},
                {"type_label", c.str("award_type_" + a.type)},
                {"level_label", a.level.empty() ? "" : c.str("level_" + a.level)},
                {"applies_label", applies_label(c, a)},
                {"granted_by", a.granted_by},
                {"standard_html", c.markdown(a.standard, false)},
                {"legal_basis", a.legal_basis},
                {"count", count_in(s.by_award, a.id)}};
  return {{"award", award},
          {"honourees", cards(c, c.page().items)},
          {"pagination", pagination(c, s.award_url(a.id))}};
}

json awards_view(const ViewContext& c) {
  const site::Site& s = c.site();
  json groups = json::array();
  for (const char* type : {"honorary", "title", "commendation"}) {
    json awards = json::array();
    for (const model::Award& a : s.awards)
      if (a.type == type)
        awards.push_back({{"name", a.name},
                          {"url", c.link(s.award_url(a.id))},
                          {"applies_label", applies_label(c, a)},
                          {"level_label", a.level.empty() ? "" : c.str("level_" + a.level)},
                          {"count", count_in(s.by_award, a.id)}});
    if (!awards.empty())
      groups.push_back(
          {{"type_label", c.str(std::string("award_type_") + type)}, {"awards", awards}});
  }
  return {{"groups", groups}};
}

json initiatives_view(const ViewContext& c) {
  const site::Site& s = c.site();
  struct Item {
    std::string year, key;
    json j;
  };
  std::vector<Item> items;
  for (const site::Honouree& h : s.honourees)
    for (const model::Initiative& in : h.profile.initiatives) {
      std::string dt = in.decision ? decision_text(c, *in.decision) : "";
      std::string year = in.school_year.empty() ? h.profile.school_year : in.school_year;
      items.push_back({year,
                       text::sort_key_vi(in.title),
                       {{"title", in.title},
                        {"school_year", year},
                        {"scope", in.scope},
                        {"has_decision", !dt.empty()},
                        {"decision_text", dt},
                        {"summary", in.summary},
                        {"author_name", h.profile.name},
                        {"author_url", c.link(h.url)},
                        {"unit_name", unit_name_for(s, h)}}});
    }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.year != b.year ? a.year > b.year : a.key < b.key;
  });
  json out = json::array();
  for (Item& i : items) out.push_back(std::move(i.j));
  return {{"initiatives", out}, {"has_initiatives", !out.empty()}};
}

}  // namespace

json home_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  title = c.str("home_title");
  // Latest honourees: newest decision first, then name order.
  std::vector<int> all(s.honourees.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  std::vector<int> latest = site::newest(s, std::move(all), 12);
  json running = json::array();
  for (const model::Campaign& k : s.campaigns) {
    if (k.school_year != s.current_year) continue;
    json item = campaign_item(c, k);
    const model::Milestone* next = nullptr;
    for (const model::Milestone& m : k.timeline)
      if (!next && !(m.date < s.today)) next = &m;
    item["has_next"] = next != nullptr;
    item["next"] = next ? json{{"label", next->label}, {"date", text::vi_short_date(next->date)}}
                        : json::object();
    running.push_back(item);
  }
  json years = json::array();
  for (const std::string& y : s.years)
    years.push_back(
        {{"school_year", y}, {"url", c.link(s.year_url(y))}, {"count", count_in(s.by_year, y)}});
  return {{"current_year",
           {{"school_year", s.current_year}, {"url", c.link(s.year_url(s.current_year))}}},
          {"latest", cards(c, latest)},
          {"running", running},
          {"has_running", !running.empty()},
          {"years", years},
          {"stats",
           {{"profiles", s.honourees.size()},
            {"units", s.units.size()},
            {"campaigns", s.campaigns.size()},
            {"years", s.years.size()},
            {"url", c.link(site::Site::stats_url())}}}};
}

json list_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  switch (p.kind) {
    case site::PageKind::kUnit:
      return unit_view(c, title);
    case site::PageKind::kUnits:
      title = c.str("nav_units");
      return units_view(c);
    case site::PageKind::kYear:
      return year_view(c, title);
    case site::PageKind::kAward:
      return award_view(c, title);
    case site::PageKind::kAwards:
      title = c.str("nav_awards");
      return awards_view(c);
    case site::PageKind::kInitiatives:
      title = c.str("nav_initiatives");
      return initiatives_view(c);
    case site::PageKind::kCampaigns: {
      title = c.str("nav_campaigns");
      json years = json::array();
      for (const std::string& y : s.years) {
        json items = json::array();
        for (const model::Campaign& k : s.campaigns)
          if (k.school_year == y) items.push_back(campaign_item(c, k));
        if (!items.empty())
          years.push_back(
              {{"school_year", y}, {"url", c.link(s.year_url(y))}, {"campaigns", items}});
      }
      return {{"years", years}};
    }
    case site::PageKind::kYears: {
      title = c.str("nav_years");
      json years = json::array();
      for (const std::string& y : s.years) {
        int n = 0;
        for (const model::Campaign& k : s.campaigns) n += k.school_year == y;
        years.push_back({{"school_year", y},
                         {"url", c.link(s.year_url(y))},
                         {"count", count_in(s.by_year, y)},
                         {"campaigns", n}});
      }
      return {{"years", years}, {"stats_url", c.link(site::Site::stats_url())}};
    }
    case site::PageKind::kCampaignHonourees: {
      const model::Campaign& k = s.campaigns[p.entity];
      title = c.str("campaign_honourees") + " – " + k.title;
      auto members = s.by_campaign.find(k.id);
      return {{"campaign", campaign_item(c, k)},
              {"total", members == s.by_campaign.end() ? 0 : members->second.size()},
              {"honourees", cards(c, p.items)},
              {"pagination", pagination(c, s.campaign_honourees_url(k.id))}};
    }
    case site::PageKind::kTag: {
      const site::Tag& t = s.tags[p.entity];
      title = t.name;
      json campaigns = json::array();
      if (p.number == 1)
        for (int ci : t.campaigns) campaigns.push_back(campaign_item(c, s.campaigns[ci]));
      return {{"tag", {{"name", t.name}}},
              {"campaigns", campaigns},
              {"has_campaigns", !campaigns.empty()},
              {"has_honourees", !p.items.empty()},
              {"honourees", cards(c, p.items)},
              {"pagination", pagination(c, "/chu-de/" + t.slug + "/")}};
    }
    case site::PageKind::kSearch:
      return search_view(c, title);
    case site::PageKind::kTags: {
      title = c.str("nav_tags");
      json tags = json::array();
      for (const site::Tag& t : s.tags)
        tags.push_back({{"name", t.name},
                        {"url", c.link("/chu-de/" + t.slug + "/")},
                        {"count", t.profiles.size()}});
      return {{"tags", tags}};
    }
    default:
      title = c.str("title_404");
      return json::object();
  }
}

}  // namespace vd::render
