// The site stage's pages: the fixed ones, one per honouree, campaign, unit and bulletin, the
// paginated lists, the embeds, the statistics and the editions, sorted by URL.
#include <fmt/format.h>

#include <algorithm>

#include "parallel/parallel.h"
#include "site/builder.h"

namespace vd::site {
namespace detail {

// A list page and its continuation pages "<url>trang/2/".
void Builder::paginated(PageKind kind, const std::string& url, int entity, const std::string& key,
                        const std::vector<int>& items) {
  int per = std::max(1, s_.config.paginate);
  int count = std::max<int>(1, (static_cast<int>(items.size()) + per - 1) / per);
  for (int n = 1; n <= count; ++n) {
    Page p{kind, n == 1 ? url : fmt::format("{}trang/{}/", url, n), entity, key, n, count, {}, {}};
    p.items = page_items(items, n, per);
    add(std::move(p));
  }
}

void Builder::pages() {
  add({PageKind::kHome, "/"});
  add({PageKind::kNotFound, "/404.html"});
  add({PageKind::kCampaigns, "/phong-trao/"});
  add({PageKind::kUnits, "/don-vi/"});
  add({PageKind::kYears, "/nam-hoc/"});
  add({PageKind::kAwards, "/danh-hieu/"});
  add({PageKind::kInitiatives, "/sang-kien/"});
  add({PageKind::kTags, "/chu-de/"});
  add({PageKind::kSearch, "/tim-kiem/"});
  for (int i = 0; i < static_cast<int>(s_.honourees.size()); ++i)
    add({PageKind::kProfile, s_.honourees[i].url, i});
  for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i)
    add({PageKind::kCampaign, s_.campaign_url(s_.campaigns[i].id), i});
  for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i) {
    const std::string& id = s_.campaigns[i].id;
    auto members = s_.by_campaign.find(id);
    if (members != s_.by_campaign.end() || gone_campaigns_.count(id))
      paginated(PageKind::kCampaignHonourees, s_.campaign_honourees_url(id), i, {},
                members != s_.by_campaign.end() ? members->second : std::vector<int>{});
  }
  for (int i = 0; i < static_cast<int>(s_.units.size()); ++i) {
    add({PageKind::kUnit, s_.unit_url(s_.units[i].id), i});
    embeds(i);
  }
  for (const std::string& y : s_.years)
    paginated(PageKind::kYear, s_.year_url(y), -1, y, s_.by_year[y]);
  for (int i = 0; i < static_cast<int>(s_.awards.size()); ++i)
    paginated(PageKind::kAward, s_.award_url(s_.awards[i].id), i, {}, s_.by_award[s_.awards[i].id]);
  for (int i = 0; i < static_cast<int>(s_.tags.size()); ++i)
    paginated(PageKind::kTag, "/chu-de/" + s_.tags[i].slug + "/", i, {}, s_.tags[i].profiles);
  for (const Withdrawn& w : s_.withdrawn) add({PageKind::kWithdrawn, w.url});
  stats_pages();
  bulletin_pages();
  aliases();
  // Collisions are looked for while the pages' URL order is worked out: both only read them.
  std::vector<std::size_t> order;
  parallel::parallel_for(2, o_.threads, [&](std::size_t k) {
    if (k == 0)
      check_collisions();
    else
      order = url_order();
  });
  std::vector<Page> sorted;
  sorted.reserve(s_.pages.size());
  for (std::size_t i : order) sorted.push_back(std::move(s_.pages[i]));
  s_.pages = std::move(sorted);
  for (const Edition& e : o_.editions) add_edition(s_, e);
}

// The pages' indexes in URL order; each page is then moved once into its place (moving whole
// pages around in the sort cost more than the comparisons). std::sort takes the same steps on
// the indexes as it took on the pages, so even equal URLs (reported as collisions) keep the
// order they had.
std::vector<std::size_t> Builder::url_order() const {
  const std::vector<Page>& pages = s_.pages;
  std::vector<std::size_t> order(pages.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return pages[a].url < pages[b].url; });
  return order;
}

// A unit with honourees gets compact rolls for iframes: all years, and one per school year
// (kept when its last honouree of that year is withdrawn: a school's iframe never breaks).
void Builder::embeds(int unit) {
  const std::string& id = s_.units[unit].id;
  auto members = s_.by_unit.find(id);
  auto gone = gone_years_.find(id);
  std::set<std::string> years;
  if (members != s_.by_unit.end())
    for (int i : members->second) years.insert(s_.honourees[i].profile.school_year);
  if (gone != gone_years_.end()) years.insert(gone->second.begin(), gone->second.end());
  if (years.empty()) return;
  add({PageKind::kUnitEmbed, s_.unit_embed_url(id), unit});
  for (const std::string& y : years) add({PageKind::kUnitEmbed, s_.unit_embed_url(id, y), unit, y});
}

// One beside every year, campaign and unit page (so it lives exactly as long as they do), and
// one for the whole site.
void Builder::stats_pages() {
  add({PageKind::kStats, Site::stats_url()});
  for (const std::string& y : s_.years) {
    Page p{PageKind::kYearStats, Site::stats_url(s_.year_url(y))};
    p.key = y;
    add(std::move(p));
  }
  for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i)
    add({PageKind::kCampaignStats, Site::stats_url(s_.campaign_url(s_.campaigns[i].id)), i});
  for (int i = 0; i < static_cast<int>(s_.units.size()); ++i)
    add({PageKind::kUnitStats, Site::stats_url(s_.unit_url(s_.units[i].id)), i});
}

void Builder::bulletin_pages() {
  if (s_.bulletin_years.empty()) return;
  add({PageKind::kBulletins, s_.bulletins_url()});
  for (const std::string& y : s_.bulletin_years) {
    Page p{PageKind::kBulletins, s_.bulletins_url(y)};
    p.key = y;
    add(std::move(p));
  }
  for (int i = 0; i < static_cast<int>(s_.bulletins.size()); ++i) {
    const std::string& url = s_.bulletins[i].url;
    add({PageKind::kBulletin, url, i});
    add({PageKind::kBulletinPrint, url + "ban-in/", i});
    add({PageKind::kBulletinEmail, url + "email.html", i});
  }
}

std::vector<int> page_items(const std::vector<int>& list, int number, int per) {
  std::size_t from = std::min(list.size(), static_cast<std::size_t>(number - 1) * per);
  std::size_t to = std::min(list.size(), from + static_cast<std::size_t>(per));
  return {list.begin() + from, list.begin() + to};
}

}  // namespace detail

void add_edition(Site& s, Edition e) {
  auto insert = [&](Page p) {
    auto at = std::lower_bound(s.pages.begin(), s.pages.end(), p.url,
                               [](const Page& q, const std::string& u) { return q.url < u; });
    if (at == s.pages.end() || at->url != p.url) s.pages.insert(at, std::move(p));
  };
  insert({PageKind::kEditions, "/editions/"});
  // A withdrawn person disappears from the changelogs of earlier editions too.
  for (EditionChange& c : e.changes)
    for (const Withdrawn& w : s.withdrawn)
      if (w.what == Withdrawn::What::kProfile && !c.url.empty() && c.url == w.url)
        c.title.clear(), c.url.clear();
  Page one{PageKind::kEdition, fmt::format("/editions/{}/", e.number)};
  one.entity = static_cast<int>(s.editions.size());
  insert(std::move(one));
  s.editions.push_back(std::move(e));
}

}  // namespace vd::site
