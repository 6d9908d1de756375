// The site stage (site.h): build_site runs the Builder's steps in order (builder.h: select.cc,
// indexes.cc, pages.cc, aliases.cc); here also the page kinds' layout names, output paths and
// the lookups by id.
#include "site/site.h"

#include <algorithm>

#include "site/builder.h"

namespace vd::site {

const char* kind_name(PageKind k) {
  switch (k) {
    case PageKind::kHome:
      return "home";
    case PageKind::kProfile:
      return "profile";
    case PageKind::kCampaign:
      return "campaign";
    case PageKind::kCampaignHonourees:
      return "campaign_honourees";
    case PageKind::kCampaigns:
      return "campaigns";
    case PageKind::kUnit:
      return "unit";
    case PageKind::kUnits:
      return "units";
    case PageKind::kYear:
      return "year";
    case PageKind::kYears:
      return "years";
    case PageKind::kAward:
      return "award";
    case PageKind::kAwards:
      return "awards";
    case PageKind::kInitiatives:
      return "initiatives";
    case PageKind::kTag:
      return "tag";
    case PageKind::kTags:
      return "tags";
    case PageKind::kSearch:
      return "search";
    case PageKind::kUnitEmbed:
      return "unit_embed";
    case PageKind::kBulletin:
      return "bulletin";
    case PageKind::kBulletinPrint:
      return "bulletin_print";
    case PageKind::kBulletinEmail:
      return "bulletin_email";
    case PageKind::kBulletins:
      return "bulletins";
    case PageKind::kNotFound:
      return "404";
    case PageKind::kAlias:
      return "alias";
    case PageKind::kWithdrawn:
      return "withdrawn";
    case PageKind::kEditions:
      return "editions";
    case PageKind::kEdition:
      return "edition";
    case PageKind::kStats:
    case PageKind::kYearStats:
    case PageKind::kCampaignStats:
    case PageKind::kUnitStats:
      return "stats";
  }
  return "404";
}

std::string output_path(std::string_view url) {
  std::string p(url.substr(url.empty() || url[0] != '/' ? 0 : 1));
  if (p.empty() || p.back() == '/') p += "index.html";
  return p;
}

// Units and campaigns are sorted by id (the model sorts them); awards are few, in rank order.
template <class T>
static int sorted_index_of(const std::vector<T>& v, std::string_view id) {
  auto it = std::lower_bound(v.begin(), v.end(), id,
                             [](const T& x, std::string_view k) { return x.id < k; });
  return it != v.end() && it->id == id ? static_cast<int>(it - v.begin()) : -1;
}
int Site::unit_index(std::string_view id) const {
  return sorted_index_of(units, id);
}
int Site::campaign_index(std::string_view id) const {
  return sorted_index_of(campaigns, id);
}
int Site::award_index(std::string_view id) const {
  for (std::size_t i = 0; i < awards.size(); ++i)
    if (awards[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace detail {

Site Builder::build() {
  s_.config = m_.config;
  s_.today = o_.today;
  s_.units = m_.units;
  s_.awards = m_.awards;
  select_campaigns();
  select_profiles();
  select_bulletins();
  index();
  pages();
  return std::move(s_);
}

}  // namespace detail

std::vector<int> newest(const Site& s, std::vector<int> items, std::size_t n) {
  // Positions in `items`, so that ties keep their order there; dates read once, in order.
  std::vector<std::pair<std::optional<text::Date>, std::size_t>> keyed(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) keyed[k] = {s.honourees[items[k]].honoured, k};
  auto first = [](const auto& a, const auto& b) {
    if (a.first > b.first || b.first > a.first) return a.first > b.first;
    return a.second < b.second;
  };
  n = std::min(n, keyed.size());
  std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(n), keyed.end(),
                    first);
  std::vector<int> out(n);
  for (std::size_t k = 0; k < n; ++k) out[k] = items[keyed[k].second];
  return out;
}

Site build_site(model::Model m, const Options& opts, diag::Diagnostics& diags) {
  return detail::Builder(m, opts, diags).build();
}

}  // namespace vd::site
