// The profile page's view data: the honouree, awards with their decisions, campaigns, tags,
// bulletins that name them, initiatives and colleagues of the same unit.
#include "render/views.h"

namespace vd::render {

namespace {

json decision_json(const model::Decision& d) {
  return {{"has_decision", !d.number.empty() || d.date.has_value()},
          {"decision_number", d.number},
          {"decision_date", date_text(d.date)},
          {"decision_issuer", d.issuer}};
}

}  // namespace

json profile_view(const ViewContext& c, std::string& title, std::string& description) {
  const site::Site& s = c.site();
  const site::Honouree& h = s.honourees[c.page().entity];
  const model::Profile& p = h.profile;
  title = p.name;
  description = p.summary;
  bool collective = p.kind == model::Kind::kCollective;
  std::string unit_now = unit_name(s, p.unit);
  std::string unit_then = unit_name_for(s, h);
  json awards = json::array();
  for (const model::AwardGrant& g : p.awards) {
    int a = s.award_index(g.award);
    if (a < 0) continue;
    const model::Award& aw = s.awards[a];
    json j = decision_json(g.decision);
    j.update({{"name", aw.name},
              {"url", c.link(s.award_url(aw.id))},
              {"type_label", c.str("award_type_" + aw.type)},
              {"level_label", aw.level.empty() ? "" : c.str("level_" + aw.level)}});
    awards.push_back(j);
  }
  json campaigns = json::array();
  for (const std::string& id : p.campaigns) {
    int ci = s.campaign_index(id);
    if (ci >= 0)
      campaigns.push_back({{"title", s.campaigns[ci].title}, {"url", c.link(s.campaign_url(id))}});
  }
  json tags = json::array();
  for (const std::string& t : p.tags)
    tags.push_back({{"name", t}, {"url", c.link("/chu-de/" + text::slugify(t) + "/")}});
  json bulletins = json::array();
  if (auto it = s.bulletins_of.find(c.page().entity); it != s.bulletins_of.end())
    for (int bi : it->second) bulletins.push_back(bulletin_item(c, bi));
  json initiatives = json::array();
  for (const model::Initiative& in : p.initiatives) {
    std::string dt = in.decision ? decision_text(c, *in.decision) : "";
    initiatives.push_back({{"title", in.title},
                           {"school_year", in.school_year},
                           {"scope", in.scope},
                           {"has_decision", !dt.empty()},
                           {"decision_text", dt},
                           {"summary", in.summary}});
  }
  std::vector<int> colleagues;
  auto same_unit = s.by_unit.find(p.unit);
  if (same_unit != s.by_unit.end())
    for (int i : same_unit->second)
      if (i != c.page().entity && colleagues.size() < 6) colleagues.push_back(i);
  json profile = {{"name", p.name},
                  {"kind_label", c.str(collective ? "kind_collective" : "kind_individual")},
                  {"is_collective", collective},
                  {"position", p.position},
                  {"subject", p.subject},
                  {"has_teaching_years", p.teaching_years.has_value()},
                  {"teaching_years", p.teaching_years.value_or(0)},
                  {"school_year", p.school_year},
                  {"school_year_url", c.link(s.year_url(p.school_year))},
                  {"summary", p.summary},
                  {"story_html", c.markdown(p.body, s.config.allow_html, 1)},
                  {"initials", h.initials},
                  {"unit_name", unit_then},
                  {"unit_url", c.link(s.unit_url(p.unit))},
                  {"has_unit_renamed", unit_then != unit_now},
                  {"unit_current_name", unit_now},
                  {"awards", awards},
                  {"campaigns", campaigns},
                  {"has_campaigns", !campaigns.empty()},
                  {"tags", tags},
                  {"has_tags", !tags.empty()},
                  {"has_initiatives", !initiatives.empty()},
                  {"bulletins", bulletins},
                  {"has_bulletins", !bulletins.empty()},
                  {"initiatives", initiatives}};
  profile.update(photo_view(c, p.photo, h.initials));
  return {{"profile", std::move(profile)},  // moved: it holds the story's HTML
          {"has_colleagues", !colleagues.empty()},
          {"colleagues", cards(c, colleagues)}};
}

}  // namespace vd::render
