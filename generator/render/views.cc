#include "render/views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace vd::render {

namespace {
std::mutex g_missing_mutex;
std::set<std::string> g_missing;

std::string date_text(const std::optional<text::Date>& d) {
  return d ? text::vi_short_date(*d) : "";
}
}  // namespace

std::string ViewContext::markdown(std::string_view md, bool allow_html, int shift) const {
  return o_.markdown_cache ? o_.markdown_cache->html(md, allow_html, shift)
                           : markdown_to_html(md, allow_html, shift);
}

ViewContext::ViewContext(const site::Site& s, const Options& o, const site::Page& page,
                         const std::map<std::string, std::string>& asset_urls,
                         const std::map<std::string, Image>& photos)
    : s_(s), o_(o), page_(page), assets_(asset_urls), photos_(photos) {
  int depth = static_cast<int>(std::count(page.url.begin(), page.url.end(), '/')) - 1;
  for (int i = 0; i < depth; ++i) root_ += "../";
}

std::string ViewContext::link(const std::string& url) const {
  std::string out = root_ + url.substr(url.empty() ? 0 : 1);
  if (!out.empty() && out.back() != '/') return out;
  if (o_.pretty_links) return out.empty() ? "./" : out;
  return out + "index.html";
}

std::string ViewContext::absolute(const std::string& url) const {
  return s_.config.base_url + url.substr(url.empty() ? 0 : 1);
}

std::string ViewContext::str(const std::string& key) const {
  auto it = s_.config.strings.find(key);
  if (it != s_.config.strings.end()) return it->second;
  std::lock_guard<std::mutex> lock(g_missing_mutex);
  g_missing.insert(key);
  return key;
}

void ViewContext::reset_missing_strings() {
  std::lock_guard<std::mutex> lock(g_missing_mutex);
  g_missing.clear();
}

std::set<std::string> ViewContext::missing_strings() {
  std::lock_guard<std::mutex> lock(g_missing_mutex);
  return g_missing;
}

std::string award_names(const site::Site& s, const model::Profile& p) {
  std::string out;
  for (const model::AwardGrant& g : p.awards) {
    int a = s.award_index(g.award);
    if (a < 0) continue;
    if (!out.empty()) out += ", ";
    out += s.awards[a].name;
  }
  return out;
}

std::string decision_text(const ViewContext& c, const model::Decision& d) {
  std::string out = d.number.empty() ? "" : c.str("decision") + " " + d.number;
  if (d.date) out += (out.empty() ? "" : ", ") + text::vi_short_date(*d.date);
  if (!d.issuer.empty()) out += (out.empty() ? "" : " – ") + d.issuer;
  return out;
}

std::string unit_name(const site::Site& s, std::string_view id,
                      const std::optional<text::Date>& when) {
  int u = s.unit_index(id);
  return u < 0 ? std::string(id) : s.units[u].name_at(when);
}

std::string unit_name_for(const site::Site& s, const site::Honouree& h) {
  return unit_name(s, h.profile.unit, h.honoured);
}

json campaign_item(const ViewContext& c, const model::Campaign& k) {
  return {{"title", k.title},
          {"url", c.link(c.site().campaign_url(k.id))},
          {"number", k.number},
          {"issuer_name", unit_name(c.site(), k.issuer, k.date)},
          {"date", k.date ? text::vi_short_date(*k.date) : ""}};
}

json card(const ViewContext& c, int i) {
  const site::Honouree& h = c.site().honourees[i];
  const model::Profile& p = h.profile;
  bool collective = p.kind == model::Kind::kCollective;
  json j = photo_view(c, p.photo, h.initials);
  j.update({{"name", p.name},
            {"url", c.link(h.url)},
            {"kind_label", c.str(collective ? "kind_collective" : "kind_individual")},
            {"is_collective", collective},
            {"unit_name", unit_name_for(c.site(), h)},
            {"unit_url", c.link(c.site().unit_url(p.unit))},
            {"position", p.position},
            {"school_year", p.school_year},
            {"awards", award_names(c.site(), p)},
            {"summary", p.summary},
            {"initials", h.initials}});
  return j;
}

json cards(const ViewContext& c, const std::vector<int>& honourees) {
  json out = json::array();
  CardCache* cache = c.card_cache();
  for (int i : honourees) out.push_back(cache ? cache->get(c, i).ref() : card(c, i));
  return out;
}

const SharedView& CardCache::get(const ViewContext& c, int honouree) {
  std::size_t i = static_cast<std::size_t>(honouree);
  std::mutex& lock = locks_[i % locks_.size()];
  {
    std::lock_guard<std::mutex> held(lock);
    for (const Built& b : slots_[i])
      if (b.root == c.root()) return *b.card;
  }
  // Built outside the lock; a race builds the same card twice and keeps the first.
  auto made = std::make_unique<SharedView>(card(c, honouree));
  std::lock_guard<std::mutex> held(lock);
  for (const Built& b : slots_[i])
    if (b.root == c.root()) return *b.card;
  slots_[i].push_back({c.root(), std::move(made)});
  return *slots_[i].back().card;
}

json pagination(const ViewContext& c, const std::string& first_url) {
  const site::Page& p = c.page();
  auto url_of = [&](int n) {
    return c.link(n == 1 ? first_url : fmt::format("{}trang/{}/", first_url, n));
  };
  // First, last and two either side of the current page; a gap marks what is left out, so a
  // list of 500 pages does not link every page from every page.
  json pages = json::array();
  for (int n = 1; n <= p.count; ++n) {
    bool shown = n == 1 || n == p.count || std::abs(n - p.number) <= 2;
    if (shown)
      pages.push_back(
          {{"number", n}, {"url", url_of(n)}, {"is_current", n == p.number}, {"is_gap", false}});
    else if (pages.empty() || !pages.back()["is_gap"].get<bool>())
      pages.push_back({{"number", 0}, {"url", ""}, {"is_current", false}, {"is_gap", true}});
  }
  return {{"has_pages", p.count > 1},
          {"has_prev", p.number > 1},
          {"has_next", p.number < p.count},
          {"prev_url", p.number > 1 ? url_of(p.number - 1) : ""},
          {"next_url", p.number < p.count ? url_of(p.number + 1) : ""},
          {"pages", pages},
          {"current", p.number},
          {"total", p.count}};
}

namespace {

json decision_json(const model::Decision& d) {
  return {{"has_decision", !d.number.empty() || d.date.has_value()},
          {"decision_number", d.number},
          {"decision_date", date_text(d.date)},
          {"decision_issuer", d.issuer}};
}

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

}  // namespace

// Decree 30/2020: the authority prefix and the first position on one line ("KT. TRƯỞNG PHÒNG"),
// then the signer's own position ("PHÓ TRƯỞNG PHÒNG") below it.
json signer_view(const model::Signer& sg, bool uppercase) {
  json lines = json::array();
  const std::string pos = uppercase ? text::upper(sg.position) : sg.position;
  for (std::size_t start = 0, nl; start <= pos.size(); start = nl + 1) {
    nl = pos.find('\n', start);
    if (nl == std::string::npos) nl = pos.size();
    std::string line = pos.substr(start, nl - start);
    if (lines.empty() && !sg.prefix.empty()) line = sg.prefix + " " + line;
    if (!line.empty()) lines.push_back({{"text", line}});
  }
  return {{"prefix", sg.prefix}, {"position", sg.position}, {"name", sg.name}, {"lines", lines}};
}

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

}  // namespace

json page_view(const ViewContext& c, std::string& title, std::string& description) {
  switch (c.page().kind) {
    case site::PageKind::kProfile:
      return profile_view(c, title, description);
    case site::PageKind::kCampaign:
      return campaign_view(c, title, description);
    case site::PageKind::kBulletin:
    case site::PageKind::kBulletinPrint:
    case site::PageKind::kBulletinEmail:
    case site::PageKind::kBulletins:
      return bulletin_view(c, title, description);
    case site::PageKind::kStats:
    case site::PageKind::kYearStats:
    case site::PageKind::kCampaignStats:
    case site::PageKind::kUnitStats:
      return stats_view(c, title, description);
    case site::PageKind::kHome: {
      json j = home_view(c, title);
      description = c.site().config.description;
      return j;
    }
    default:
      return list_view(c, title);
  }
}

json common_view(const ViewContext& c, const std::string& title, const std::string& description) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  static const std::vector<std::pair<site::PageKind, std::pair<const char*, const char*>>> kNav = {
      {site::PageKind::kHome, {"nav_home", "/"}},
      {site::PageKind::kCampaigns, {"nav_campaigns", "/phong-trao/"}},
      {site::PageKind::kUnits, {"nav_units", "/don-vi/"}},
      {site::PageKind::kYears, {"nav_years", "/nam-hoc/"}},
      {site::PageKind::kAwards, {"nav_awards", "/danh-hieu/"}},
      {site::PageKind::kInitiatives, {"nav_initiatives", "/sang-kien/"}},
      {site::PageKind::kBulletins, {"nav_bulletins", "/thong-bao/"}},
      {site::PageKind::kTags, {"nav_tags", "/chu-de/"}},
      {site::PageKind::kSearch, {"nav_search", "/tim-kiem/"}}};
  json nav = json::array();
  for (const auto& [kind, item] : kNav)
    if (kind != site::PageKind::kBulletins || !s.bulletins.empty())
      nav.push_back({{"label", c.str(item.first)},
                     {"url", c.link(item.second)},
                     {"is_current", p.url == item.second}});
  json crumbs = json::array();
  if (p.kind != site::PageKind::kHome)
    crumbs.push_back({{"label", c.str("nav_home")}, {"url", c.link("/")}});
  auto section = [&](const char* key, const char* url) {
    crumbs.push_back({{"label", c.str(key)}, {"url", c.link(url)}});
  };
  switch (p.kind) {
    case site::PageKind::kProfile:
      section("nav_years", "/nam-hoc/");
      crumbs.push_back({{"label", s.honourees[p.entity].profile.school_year},
                        {"url", c.link(s.year_url(s.honourees[p.entity].profile.school_year))}});
      break;
    case site::PageKind::kCampaign:
      section("nav_campaigns", "/phong-trao/");
      break;
    case site::PageKind::kCampaignHonourees:
      section("nav_campaigns", "/phong-trao/");
      crumbs.push_back({{"label", s.campaigns[p.entity].title},
                        {"url", c.link(s.campaign_url(s.campaigns[p.entity].id))}});
      break;
    case site::PageKind::kUnit:
      section("nav_units", "/don-vi/");
      break;
    case site::PageKind::kYear:
      section("nav_years", "/nam-hoc/");
      break;
    case site::PageKind::kYearStats:
      section("nav_years", "/nam-hoc/");
      crumbs.push_back({{"label", p.key}, {"url", c.link(s.year_url(p.key))}});
      break;
    case site::PageKind::kCampaignStats:
      section("nav_campaigns", "/phong-trao/");
      crumbs.push_back({{"label", s.campaigns[p.entity].title},
                        {"url", c.link(s.campaign_url(s.campaigns[p.entity].id))}});
      break;
    case site::PageKind::kUnitStats:
      section("nav_units", "/don-vi/");
      crumbs.push_back(
          {{"label", s.units[p.entity].name}, {"url", c.link(s.unit_url(s.units[p.entity].id))}});
      break;
    case site::PageKind::kAward:
      section("nav_awards", "/danh-hieu/");
      break;
    case site::PageKind::kTag:
      section("nav_tags", "/chu-de/");
      break;
    case site::PageKind::kBulletin:
      section("nav_bulletins", "/thong-bao/");
      crumbs.push_back(
          {{"label", s.bulletins[p.entity].bulletin.school_year},
           {"url", c.link(s.bulletins_url(s.bulletins[p.entity].bulletin.school_year))}});
      break;
    case site::PageKind::kBulletins:
      if (!p.key.empty()) section("nav_bulletins", "/thong-bao/");
      break;
    default:
      break;
  }
  std::string ld = json_ld(c);
  return {{"page",
           {{"title", title},
            {"description", description},
            {"url", p.url},
            {"canonical", c.absolute(p.url)},
            {"og_type", p.kind == site::PageKind::kProfile ? "profile" : "website"},
            {"og_image", og_image(c)},
            {"json_ld", ld},
            {"has_json_ld", !ld.empty()},
            {"kind", site::kind_name(p.kind)},
            {"is_document", p.kind == site::PageKind::kBulletin}}},
          {"nav", nav},
          {"breadcrumbs", crumbs},
          {"has_breadcrumbs", crumbs.size() > 1 || p.kind != site::PageKind::kHome},
          {"root", c.root().empty() ? "./" : c.root()},
          {"feed_url", c.link("/feed.xml")}};
}

}  // namespace vd::render

namespace vd::render {

json global_view(const site::Site& s, const std::map<std::string, std::string>& asset_urls) {
  json assets = json::object();
  for (const auto& [name, url] : asset_urls) assets[name] = url.substr(1);
  json i18n = json::object();
  for (const auto& [k, v] : s.config.strings) i18n[k] = v;
  return {{"site",
           {{"title", s.config.title},
            {"description", s.config.description},
            {"language", s.config.language},
            {"base_url", s.config.base_url},
            {"portal", s.config.portal},
            {"has_portal", !s.config.portal.empty()},
            {"issuer_name", s.config.issuer.name},
            {"issuer_parent", s.config.issuer.parent}}},
          {"i18n", i18n},
          {"assets", assets}};
}

}  // namespace vd::render
