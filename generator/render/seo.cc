// Sharing: Open Graph images and schema.org JSON-LD. The JSON-LD is data (application/ld+json), not
// script: a strict CSP allows it.
#include <fmt/format.h>

#include "render/views.h"

namespace vd::render {

namespace {

// JSON inside <script type="application/ld+json">: "<", ">" and "&" escaped so the text can
// never close the element.
std::string ld_json(const nlohmann::json& j) {
  std::string out;
  for (char ch : j.dump()) {
    if (ch == '<')
      out += "\\u003c";
    else if (ch == '>')
      out += "\\u003e";
    else if (ch == '&')
      out += "\\u0026";
    else
      out += ch;
  }
  return out;
}

nlohmann::json unit_ld(const ViewContext& c, const model::Unit& u, const std::string& name) {
  return {{"@type", u.kind == "school" ? "EducationalOrganization" : "GovernmentOrganization"},
          {"name", name},
          {"url", c.absolute(c.site().unit_url(u.id))}};
}

}  // namespace

std::string json_ld(const ViewContext& c) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  nlohmann::json j;
  if (p.kind == site::PageKind::kProfile) {
    const site::Honouree& h = s.honourees[p.entity];
    bool collective = h.profile.kind == model::Kind::kCollective;
    nlohmann::json awards = nlohmann::json::array();
    for (const model::AwardGrant& g : h.profile.awards) {
      int a = s.award_index(g.award);
      if (a < 0) continue;
      std::string d = decision_text(c, g.decision);
      awards.push_back(s.awards[a].name + (d.empty() ? "" : " (" + d + ")"));
    }
    int u = s.unit_index(h.profile.unit);
    j = {{"@type", collective ? "Organization" : "Person"},
         {"name", h.profile.name},
         {"url", c.absolute(h.url)},
         {"description", h.profile.summary},
         {"award", awards}};
    if (!collective && !h.profile.position.empty()) j["jobTitle"] = h.profile.position;
    if (u >= 0)
      j[collective ? "parentOrganization" : "worksFor"] =
          unit_ld(c, s.units[u], unit_name_for(s, h));
  } else if (p.kind == site::PageKind::kUnit) {
    const model::Unit& u = s.units[p.entity];
    j = unit_ld(c, u, u.name);
    if (!u.address.empty()) j["address"] = u.address;
    if (!u.parent.empty() && s.unit_index(u.parent) >= 0)
      j["parentOrganization"] = unit_ld(c, s.units[s.unit_index(u.parent)], unit_name(s, u.parent));
  } else if (p.kind == site::PageKind::kHome) {
    j = {{"@type", "WebSite"},
         {"name", s.config.title},
         {"url", c.absolute("/")},
         {"publisher", {{"@type", "GovernmentOrganization"}, {"name", s.config.issuer.name}}},
         {"potentialAction",
          {{"@type", "SearchAction"},
           {"target", c.absolute("/tim-kiem/") + "?q={search_term_string}"},
           {"query-input", "required name=search_term_string"}}}};
  } else {
    return "";
  }
  j["@context"] = "https://schema.org";
  return ld_json(j);
}

// The page's Open Graph image: a profile's photo (its largest copy). Pictures drawn per profile
// (name, award, unit) were tried with libvips text: Pango 1.50.12 (Debian 12) crashed with SIGFPE
// in its fontconfig thread in about one build in three, so they are left out.
json og_image(const ViewContext& c) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  if (p.kind == site::PageKind::kProfile) {
    const model::Profile& pr = s.honourees[p.entity].profile;
    auto it = c.photos().find(pr.photo);
    if (it != c.photos().end()) {
      int w = it->second.widths.back();
      return {{"has_image", true},
              {"url", c.absolute(fmt::format("/images/{}-{}.jpg", it->second.hash, w))},
              {"width", w},
              {"height", it->second.height_at(w)},
              {"alt", pr.name}};
    }
  }
  return {{"has_image", false}};
}

}  // namespace vd::render
