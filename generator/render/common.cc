// The data every page shares: its own common data (page, nav, breadcrumbs, root, feed URL) and
// the site-wide data built once per render (site, i18n, assets).
#include "render/views.h"

namespace vd::render {

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
