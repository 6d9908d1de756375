#include "serve/deps.h"

#include <xxhash.h>

#include <algorithm>
#include <map>

namespace vd::serve {

namespace {

const std::vector<int>& members(const std::map<std::string, std::vector<int>>& index,
                                const std::string& key) {
  static const std::vector<int> none;
  auto it = index.find(key);
  return it == index.end() ? none : it->second;
}

// What identifies the page's entity across builds (indexes move when profiles are added).
std::string entity_key(const site::Site& s, const site::Page& p) {
  using K = site::PageKind;
  switch (p.kind) {
    case K::kProfile:
      return s.honourees[p.entity].profile.path;
    case K::kCampaign:
    case K::kCampaignHonourees:
    case K::kCampaignStats:
      return s.campaigns[p.entity].id;
    case K::kUnit:
    case K::kUnitEmbed:
    case K::kUnitStats:
      return s.units[p.entity].id;
    case K::kAward:
      return s.awards[p.entity].id;
    case K::kTag:
      return s.tags[p.entity].slug;
    default:
      return p.key;
  }
}

// The size of the whole list a paginated page belongs to (shown as a total).
std::size_t list_size(const site::Site& s, const site::Page& p) {
  using K = site::PageKind;
  switch (p.kind) {
    case K::kCampaignHonourees:
      return members(s.by_campaign, s.campaigns[p.entity].id).size();
    case K::kYear:
      return members(s.by_year, p.key).size();
    case K::kAward:
      return members(s.by_award, s.awards[p.entity].id).size();
    case K::kTag:
      return s.tags[p.entity].profiles.size();
    default:
      return 0;
  }
}

// A hash of everything about a page's place in the site except the profiles' own data. A
// profile page's URL comes from its file's path: the URL says it all.
XXH64_hash_t signature(const site::Site& s, const site::Page& p, std::string& buf) {
  if (p.kind == site::PageKind::kProfile) return 0;
  buf.clear();
  std::size_t nums[] = {static_cast<std::size_t>(p.kind), static_cast<std::size_t>(p.number),
                        static_cast<std::size_t>(p.count), list_size(s, p), p.items.size()};
  buf.append(reinterpret_cast<const char*>(nums), sizeof nums);
  auto add = [&](std::string_view v) {
    buf += v;
    buf += '\0';
  };
  add(entity_key(s, p));
  add(p.target);
  for (int i : p.items) add(s.honourees[i].profile.path);
  return XXH3_64bits(buf.data(), buf.size());
}

// The first six other members of the unit: the colleague cards of a profile page.
void colleagues(const site::Site& s, int self, std::vector<int>& out) {
  const std::vector<int>& same = members(s.by_unit, s.honourees[self].profile.unit);
  std::size_t n = 0;
  for (int i : same)
    if (i != self && n < 6) {
      out.push_back(i);
      ++n;
    }
}

// Indexes of the changed profiles in one site.
std::vector<bool> changed_in(const site::Site& s, const std::set<std::string>& changed) {
  std::vector<bool> out(s.honourees.size(), false);
  for (std::size_t i = 0; i < s.honourees.size(); ++i)
    out[i] = changed.count(s.honourees[i].profile.path) > 0;
  return out;
}

// Units whose members changed: their feeds and JSON rolls.
void changed_units(const site::Site& s, const std::vector<bool>& changed,
                   std::set<std::string>& out) {
  for (std::size_t i = 0; i < changed.size(); ++i)
    if (changed[i]) out.insert(s.honourees[i].profile.unit);
}

// Calls f(list) for each list of profiles the page reads; returns true when it reads them all.
template <class F>
bool visit_inputs(const site::Site& s, const site::Page& p, F f) {
  using K = site::PageKind;
  switch (p.kind) {
    case K::kProfile: {
      std::vector<int> own{p.entity};
      colleagues(s, p.entity, own);
      f(own);
      return false;
    }
    case K::kCampaign:
      f(members(s.by_campaign, s.campaigns[p.entity].id));  // statistics by award
      return false;
    case K::kUnit:
    case K::kUnitEmbed:
    case K::kUnitStats:
      f(members(s.by_unit, s.units[p.entity].id));  // the whole honour roll
      return false;
    case K::kCampaignStats:  // counts by award, unit, kind and school year
      f(members(s.by_campaign, s.campaigns[p.entity].id));
      return false;
    case K::kYear:
      f(p.number == 1 ? members(s.by_year, p.key) : p.items);  // statistics on page 1
      return false;
    case K::kCampaignHonourees:
    case K::kAward:
    case K::kTag:
      f(p.items);
      return false;
    case K::kHome:
    case K::kCampaigns:
    case K::kUnits:
    case K::kYears:
    case K::kAwards:
    case K::kInitiatives:
    case K::kTags:
    case K::kSearch:  // the search index's URL is a hash of every profile's entry
    case K::kStats:
    case K::kYearStats:  // the trend over school years counts every year
      return true;
    case K::kBulletin:
    case K::kBulletinPrint:
    case K::kBulletinEmail: {  // names, positions, units and summaries of its honourees
      std::vector<int> named;
      for (const std::vector<int>& g : s.bulletins[p.entity].groups)
        named.insert(named.end(), g.begin(), g.end());
      f(named);
      return false;
    }
    case K::kBulletins:
    case K::kNotFound:
    case K::kAlias:
    case K::kWithdrawn:  // a neutral notice and edition records read no profile
    case K::kEditions:
    case K::kEdition:
      return false;
  }
  return true;
}

bool reads_changed(const site::Site& s, const site::Page& p, const std::vector<bool>& changed,
                   bool any) {
  if (!any) return false;
  bool hit = false;
  bool all = visit_inputs(s, p, [&](const std::vector<int>& list) {
    hit = hit || std::any_of(list.begin(), list.end(), [&](int i) { return changed[i]; });
  });
  return all || hit;
}
}  // namespace

PageInputs page_inputs(const site::Site& s, const site::Page& p) {
  PageInputs in;
  in.all = visit_inputs(s, p, [&](const std::vector<int>& list) {
    in.profiles.insert(in.profiles.end(), list.begin(), list.end());
  });
  return in;
}

Plan plan_profiles(const site::Site& before, const site::Site& after,
                   const std::set<std::string>& changed) {
  Plan plan;
  plan.search = !changed.empty();
  plan.initials_pictures = !changed.empty();
  std::vector<bool> old_changed = changed_in(before, changed);
  std::vector<bool> new_changed = changed_in(after, changed);
  bool any = !changed.empty();
  // Both page lists are sorted by URL: walk them side by side.
  std::string a, b;
  std::size_t j = 0;
  const std::vector<site::Page>& old = before.pages;
  for (std::size_t i = 0; i < after.pages.size(); ++i) {
    const site::Page& p = after.pages[i];
    while (j < old.size() && old[j].url < p.url)
      plan.removed.push_back(site::output_path(old[j++].url));
    bool existed = j < old.size() && old[j].url == p.url;
    bool render = !existed || reads_changed(after, p, new_changed, any) ||
                  reads_changed(before, old[j], old_changed, any) ||
                  signature(before, old[j], a) != signature(after, p, b);
    if (render) plan.pages.push_back(static_cast<int>(i));
    if (existed) ++j;
  }
  while (j < old.size()) plan.removed.push_back(site::output_path(old[j++].url));
  changed_units(before, old_changed, plan.units);
  changed_units(after, new_changed, plan.units);
  return plan;
}

namespace {

bool any_of(const std::vector<int>& list, const std::vector<bool>& changed) {
  return std::any_of(list.begin(), list.end(), [&](int i) { return changed[i]; });
}

}  // namespace

Plan plan_patch(const site::Site& s, const std::vector<int>& changed, bool initiatives) {
  using K = site::PageKind;
  Plan plan;
  plan.initials_pictures = false;  // the names did not change
  std::vector<bool> hit(s.honourees.size(), false);
  for (int i : changed) hit[static_cast<std::size_t>(i)] = true;
  changed_units(s, hit, plan.units);
  // Newest decision first, then name order (a rename plans before and after the change, so this
  // runs twice per rename over every honouree): the feed's 50, the home page's first 12.
  std::vector<int> all(s.honourees.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  std::vector<int> feed = site::newest(s, std::move(all), 50);
  plan.site_files = any_of(feed, hit);
  if (feed.size() > 12) feed.resize(12);
  bool home = any_of(feed, hit);
  // Units where a changed profile is among the first seven: their profile pages show it as a
  // colleague.
  std::set<std::string> shown_as_colleague;
  for (const auto& [unit, members] : s.by_unit)
    for (std::size_t i = 0; i < members.size() && i < 7; ++i)
      if (hit[members[i]]) shown_as_colleague.insert(unit);
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    const site::Page& p = s.pages[i];
    bool render = false;
    switch (p.kind) {
      case K::kProfile:
        render = hit[p.entity] || (!shown_as_colleague.empty() &&
                                   shown_as_colleague.count(s.honourees[p.entity].profile.unit) &&
                                   reads_changed(s, p, hit, true));
        break;
      case K::kYear:  // the statistics on page 1 count awards, which did not change
        render = any_of(p.items, hit);
        break;
      case K::kHome:
        render = home;
        break;
      case K::kInitiatives:
        render = initiatives;
        break;
      case K::kSearch:
        render = true;  // the index changed, and with it its URL
        break;
      case K::kCampaigns:
      case K::kUnits:
      case K::kYears:
      case K::kAwards:
      case K::kTags:
      case K::kStats:  // counts by award, unit, kind (same_place) and year only
      case K::kYearStats:
      case K::kCampaignStats:
      case K::kUnitStats:
        break;  // counts only
      default:
        render = reads_changed(s, p, hit, true);
    }
    if (render) plan.pages.push_back(static_cast<int>(i));
  }
  return plan;
}

Plan plan_kinds(const site::Site& after, const std::set<std::string>& kinds) {
  Plan plan;
  plan.search = false;
  plan.initials_pictures = false;
  for (std::size_t i = 0; i < after.pages.size(); ++i)
    if (kinds.count(site::kind_name(after.pages[i].kind)))
      plan.pages.push_back(static_cast<int>(i));
  return plan;
}

Plan plan_all(const site::Site& before, const site::Site& after) {
  Plan plan;
  std::set<std::string_view> now;
  for (std::size_t i = 0; i < after.pages.size(); ++i) {
    plan.pages.push_back(static_cast<int>(i));
    now.insert(after.pages[i].url);
  }
  for (const site::Page& p : before.pages)
    if (!now.count(p.url)) plan.removed.push_back(site::output_path(p.url));
  for (const model::Unit& u : after.units) plan.units.insert(u.id);
  return plan;
}

}  // namespace vd::serve
