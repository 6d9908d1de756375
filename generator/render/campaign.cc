// The campaign page's view data: the plan (targets, timeline, standards, signer), the chain of
// plans it implements and those implementing it, and its honourees grouped by award.
#include "render/views.h"

namespace vd::render {

namespace {

json text_items(const std::vector<std::string>& v) {
  json out = json::array();
  for (const std::string& t : v) out.push_back({{"text", t}});
  return out;
}

std::string number_text(double v, const std::string& unit) {
  bool whole = v == static_cast<double>(static_cast<long long>(v));
  return text::format_decimal(v, whole ? 0 : 2) + unit;
}

constexpr std::size_t kCardsPerAward = 12;

json campaign_bulletins(const ViewContext& c, const std::string& id) {
  json out = json::array();
  for (int i = 0; i < static_cast<int>(c.site().bulletins.size()); ++i)
    if (c.site().bulletins[i].bulletin.campaign == id) out.push_back(bulletin_item(c, i));
  return out;
}

}  // namespace

json campaign_view(const ViewContext& c, std::string& title, std::string& description) {
  const site::Site& s = c.site();
  const model::Campaign& k = s.campaigns[c.page().entity];
  title = k.title;
  description = k.theme.empty() ? k.title : k.theme;
  std::string issuer_name = unit_name(s, k.issuer, k.date);
  json targets = json::array();
  for (const model::Target& t : k.targets)
    targets.push_back({{"label", t.label},
                       {"value_text", number_text(t.value, t.unit)},
                       {"has_reported", t.reported.has_value()},
                       {"reported_text", t.reported ? number_text(*t.reported, t.unit) : ""},
                       {"is_met", t.reported && *t.reported >= t.value}});
  json timeline = json::array();
  for (const model::Milestone& m : k.timeline)
    timeline.push_back({{"date", text::vi_short_date(m.date)},
                        {"date_iso", text::iso_date(m.date)},
                        {"label", m.label},
                        {"kind_label", c.str("milestone_" + (m.kind.empty() ? "other" : m.kind))}});
  json standards = json::array();
  for (const model::Standard& st : k.standards) {
    int a = s.award_index(st.award);
    standards.push_back({{"award_name", a < 0 ? st.award : s.awards[a].name},
                         {"award_url", c.link(s.award_url(st.award))},
                         {"text", st.text},
                         {"has_quota", !st.quota.empty()},
                         {"quota", st.quota}});
  }
  // The chain of plans this one implements, from the top down: a district plan implements the
  // province's, which implements a national directive.
  json chain = json::array();
  std::set<std::string> seen{k.id};
  for (const model::Campaign* at = &k; at && at->parent;) {
    const model::ParentRef& ref = *at->parent;
    int pi = ref.campaign.empty() ? -1 : s.campaign_index(ref.campaign);
    const model::Campaign* up = pi >= 0 ? &s.campaigns[pi] : nullptr;
    std::string issuer = ref.issuer;
    if (up && issuer.empty()) issuer = unit_name(s, up->issuer, up->date);
    chain.insert(chain.begin(), json{{"title", up ? up->title : ref.title},
                                     {"url", up ? c.link(s.campaign_url(up->id)) : ""},
                                     {"has_url", up != nullptr},
                                     {"document", up ? up->number : ref.document},
                                     {"date", date_text(up ? up->date : ref.date)},
                                     {"issuer", issuer}});
    at = up && seen.insert(up->id).second ? up : nullptr;
  }
  json parent = chain.empty() ? json::object() : chain.back();
  json children = json::array();
  for (const model::Campaign& other : s.campaigns)
    if (other.parent && other.parent->campaign == k.id) children.push_back(campaign_item(c, other));
  std::string date_line = k.place;
  if (k.date) date_line += (date_line.empty() ? "" : ", ") + text::vi_long_date(*k.date);
  json tags = json::array();
  for (const std::string& t : k.tags)
    tags.push_back({{"name", t}, {"url", c.link("/chu-de/" + text::slugify(t) + "/")}});
  json campaign = {{"title", k.title},
                   {"doc_type", k.doc_type},
                   {"number", k.number},
                   {"has_number", !k.number.empty()},
                   {"issuer_name", issuer_name},
                   {"issuer_url", c.link(s.unit_url(k.issuer))},
                   {"place", k.place},
                   {"date_line", date_line},
                   {"school_year", k.school_year},
                   {"school_year_url", c.link(s.year_url(k.school_year))},
                   {"theme", k.theme},
                   {"has_theme", !k.theme.empty()},
                   {"scope", k.scope},
                   {"has_scope", !k.scope.empty()},
                   {"body_html", c.markdown(k.body, s.config.allow_html)},
                   {"basis", text_items(k.basis)},
                   {"has_basis", !k.basis.empty()},
                   {"subjects", text_items(k.subjects)},
                   {"has_subjects", !k.subjects.empty()},
                   {"targets", targets},
                   {"has_targets", !targets.empty()},
                   {"timeline", timeline},
                   {"has_timeline", !timeline.empty()},
                   {"standards", standards},
                   {"has_standards", !standards.empty()},
                   {"has_signer", k.signer.has_value()},
                   {"signer", k.signer ? signer_view(*k.signer, false) : json::object()},
                   {"has_parent", k.parent.has_value()},
                   {"parent", parent},
                   {"chain", chain},
                   {"has_children", !children.empty()},
                   {"children", children},
                   {"tags", tags},
                   {"has_tags", !tags.empty()},
                   {"stats_url", c.link(site::Site::stats_url(s.campaign_url(k.id)))},
                   {"bulletins", campaign_bulletins(c, k.id)},
                   {"has_bulletins", !campaign_bulletins(c, k.id).empty()}};
  // Honourees grouped by award, highest rank first.
  json groups = json::array();
  std::size_t total = 0;
  auto members = s.by_campaign.find(k.id);
  for (const model::Award& a : s.awards) {
    std::vector<int> in;
    if (members != s.by_campaign.end())
      for (int i : members->second)
        for (const model::AwardGrant& g : s.honourees[i].profile.awards)
          if (g.award == a.id) {
            in.push_back(i);
            break;
          }
    if (in.empty()) continue;
    // A large campaign honours thousands: show the first few per award, and link the full,
    // paginated list.
    std::size_t count = in.size();
    if (in.size() > kCardsPerAward) in.resize(kCardsPerAward);
    groups.push_back({{"award_name", a.name},
                      {"award_url", c.link(s.award_url(a.id))},
                      {"count", count},
                      {"has_more", count > in.size()},
                      {"items", cards(c, in)}});
  }
  if (members != s.by_campaign.end()) total = members->second.size();
  bool has_groups = !groups.empty();
  return {{"campaign", std::move(campaign)},  // moved: it holds the plan's HTML
          {"groups", std::move(groups)},
          {"honourees_url", c.link(s.campaign_honourees_url(k.id))},
          {"has_groups", has_groups},
          {"honouree_count", total}};
}

}  // namespace vd::render
