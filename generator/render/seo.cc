// Sharing: Open Graph images and schema.org JSON-LD. The JSON-LD is data (application/ld+json), not
// script: a strict CSP allows it.
#include <fmt/format.h>
#include <xxhash.h>

#include <optional>
#include <set>

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

// Bumped when output/ draws cards differently, so cards from older builds are not reused.
constexpr const char* kCardRecipe = "card-v3";

const Image* photo_of(const std::map<std::string, Image>& photos, const model::Profile& p) {
  auto it = p.photo.empty() ? photos.end() : photos.find(p.photo);
  return it == photos.end() ? nullptr : &it->second;
}

// "#9b1c1c" or "#a11" after `--name:` in the first rule that sets it.
std::optional<std::array<std::uint8_t, 3>> css_colour(std::string_view css, std::string_view name) {
  std::string needle = fmt::format("{}:", name);
  std::size_t at = css.find(needle);
  if (at == std::string_view::npos) return std::nullopt;
  at += needle.size();
  while (at < css.size() && (css[at] == ' ' || css[at] == '\t')) ++at;
  auto hex = [&](std::size_t i) -> int {
    char ch = i < css.size() ? css[i] : ' ';
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (at >= css.size() || css[at] != '#') return std::nullopt;
  int digits = 0;
  while (digits < 7 && hex(at + 1 + digits) >= 0) ++digits;
  if (digits != 6 && digits != 3) return std::nullopt;
  std::array<std::uint8_t, 3> rgb{};
  for (int k = 0; k < 3; ++k)
    rgb[k] = static_cast<std::uint8_t>(digits == 6 ? hex(at + 1 + 2 * k) * 16 + hex(at + 2 + 2 * k)
                                                   : hex(at + 1 + k) * 17);
  return rgb;
}

}  // namespace

CardColours card_colours(const std::vector<load::ThemeFile>& assets) {
  CardColours c;
  for (const load::ThemeFile& f : assets) {
    if (f.name != "style.css") continue;
    if (auto v = css_colour(f.bytes, "--c-red")) c.background = *v;
    if (auto v = css_colour(f.bytes, "--c-gold")) c.rule = *v;
    if (auto v = css_colour(f.bytes, "--c-gold-light")) c.light = *v;
  }
  return c;
}

SocialCard social_card(const site::Site& s, int honouree,
                       const std::map<std::string, Image>& photos, const CardColours& colours) {
  const site::Honouree& h = s.honourees[honouree];
  const Image* photo = photo_of(photos, h.profile);
  SocialCard c{"",
               s.config.title,
               h.profile.name,
               award_names(s, h.profile),
               unit_name_for(s, h) + " · " + h.profile.school_year,
               photo ? h.profile.photo : "",
               colours};
  std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", kCardRecipe, c.site, c.name,
                                c.award, c.unit, photo ? photo->hash : "");
  if (colours != CardColours{})  // the default theme's colours are part of the recipe
    for (const auto* rgb : {&colours.background, &colours.rule, &colours.light})
      key += fmt::format("\x1f{:02x}{:02x}{:02x}", (*rgb)[0], (*rgb)[1], (*rgb)[2]);
  c.path = fmt::format("images/the/{:016x}.jpg", XXH3_64bits(key.data(), key.size()));
  return c;
}

std::vector<SocialCard> social_cards(const site::Site& s,
                                     const std::map<std::string, Image>& photos,
                                     const CardColours& colours) {
  std::vector<SocialCard> out;
  if (!s.config.social_cards) return out;
  std::set<std::string> seen;  // two profiles may show exactly the same lines
  for (std::size_t i = 0; i < s.honourees.size(); ++i) {
    SocialCard c = social_card(s, static_cast<int>(i), photos, colours);
    if (seen.insert(c.path).second) out.push_back(std::move(c));
  }
  return out;
}

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

// The page's Open Graph image. A profile's social card (its portrait, when it has one, beside
// the name, awards and unit): link previews crop pictures to about 1.91:1, which cuts a portrait
// photo through the face, while the card keeps the whole portrait. Without cards, the photo
// itself (its largest copy).
json og_image(const ViewContext& c) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  if (p.kind != site::PageKind::kProfile) return {{"has_image", false}};
  const model::Profile& pr = s.honourees[p.entity].profile;
  if (s.config.social_cards)
    return {{"has_image", true},
            {"url",
             c.absolute("/" + social_card(s, p.entity, c.photos(), c.options().card_colours).path)},
            {"width", 1200},
            {"height", 630},
            {"alt", pr.name}};
  if (const Image* photo = photo_of(c.photos(), pr)) {
    int w = photo->widths.back();
    return {{"has_image", true},
            {"url", c.absolute(fmt::format("/images/{}-{}.jpg", photo->hash, w))},
            {"width", w},
            {"height", photo->height_at(w)},
            {"alt", pr.name}};
  }
  return {{"has_image", false}};
}

}  // namespace vd::render
