#include "render/embed.h"

#include <fmt/format.h>

namespace vd::render {

namespace {

std::string str(const site::Site& s, const char* key) {
  auto it = s.config.strings.find(key);
  return it == s.config.strings.end() ? std::string(key) : it->second;
}

}  // namespace

json embed_snippets(const ViewContext& c, const model::Unit& u) {
  const site::Site& s = c.site();
  auto members = s.by_unit.find(u.id);
  if (members == s.by_unit.end()) return json::object();
  std::set<std::string> present;
  for (int i : members->second) present.insert(s.honourees[i].profile.school_year);
  std::string title = text::html_escape(c.str("embed_frame_title") + " – " + u.name);
  json choices = json::array();
  auto add = [&](const std::string& year, const std::string& label) {
    std::string year_attr = year.empty() ? "" : fmt::format(" data-year=\"{}\"", year);
    choices.push_back(
        {{"value", year},
         {"label", label},
         {"script", fmt::format("<div data-vinhdanh-unit=\"{}\"{}></div>\n<script src=\"{}\" "
                                "async></script>",
                                u.id, year_attr, c.absolute("/api/embed.js"))},
         {"iframe", fmt::format("<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" "
                                "loading=\"lazy\"></iframe>",
                                c.absolute(s.unit_embed_url(u.id, year)), title)},
         {"preview_url", c.link(s.unit_embed_url(u.id, year))}});
  };
  add("", c.str("embed_all_years"));
  for (const std::string& y : s.years)
    if (present.count(y)) add(y, y);
  return {{"choices", choices}, {"first", choices[0]}};
}

json embed_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  const model::Unit& u = s.units[p.entity];
  title = c.str("embed_frame_title") + " – " + u.name;
  auto members = s.by_unit.find(u.id);
  json years = json::array(), choices = json::array();
  choices.push_back({{"label", c.str("embed_all_years")},
                     {"url", c.link(s.unit_embed_url(u.id))},
                     {"is_current", p.key.empty()}});
  static const std::vector<int> kNone;
  const std::vector<int>& people = members == s.by_unit.end() ? kNone : members->second;
  for (const std::string& y : s.years) {
    json items = json::array();
    for (int i : people) {
      const site::Honouree& h = s.honourees[i];
      if (h.profile.school_year != y) continue;
      items.push_back({{"name", h.profile.name},
                       {"url", c.absolute(h.url)},
                       {"position", h.profile.position},
                       {"awards", award_names(s, h.profile)},
                       {"initials", h.initials}});
    }
    if (items.empty()) continue;
    choices.push_back(
        {{"label", y}, {"url", c.link(s.unit_embed_url(u.id, y))}, {"is_current", p.key == y}});
    if (p.key.empty() || p.key == y) years.push_back({{"school_year", y}, {"items", items}});
  }
  return {{"embed",
           {{"unit_name", u.name},
            {"unit_url", c.absolute(s.unit_url(u.id))},
            {"school_year", p.key},
            {"years", years},
            {"empty", years.empty()},
            {"choices", choices}}}};
}

std::string embed_script_data(const site::Site& s, const nlohmann::json& roll) {
  nlohmann::json labels = {{"school_year", str(s, "school_year")},
                           {"all_years", str(s, "embed_all_years")},
                           {"more", str(s, "embed_more")},
                           {"empty", str(s, "empty_unit")}};
  return "vinhdanhRoll(" + roll.dump() + ", " + labels.dump() + ");\n";
}

}  // namespace vd::render
