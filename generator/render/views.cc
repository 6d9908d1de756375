// View data shared by every page kind: the view context (links, UI strings, Markdown), cards,
// pagination, names of units and awards, decisions, signatures, and page_view, which hands each
// page kind to its own builder (profile.cc, campaign.cc, bulletin.cc, stats.cc, lists.cc).
#include "render/views.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace vd::render {

namespace {
std::mutex g_missing_mutex;
std::set<std::string> g_missing;
}  // namespace

std::string date_text(const std::optional<text::Date>& d) {
  return d ? text::vi_short_date(*d) : "";
}

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

}  // namespace vd::render
