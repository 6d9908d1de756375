// The dependency graph of an incremental rebuild (serve): which pages read which profiles.
// In: the site graph before and after a change, and the profile files that changed. Out: a Plan,
// the pages to render again, the output files to remove and the units whose feed and JSON roll
// changed. Never renders; a plan is exact: a page not in it would come out byte-identical.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "site/site.h"

namespace vd::serve {

// The profiles (indexes into site.honourees) whose data a page shows or counts; `all` when it
// reads every profile (home, indexes with counts).
struct PageInputs {
  std::vector<int> profiles;
  bool all = false;
};
PageInputs page_inputs(const site::Site& s, const site::Page& p);

struct Plan {
  std::vector<int> pages;            // indexes into after.pages, ascending
  std::vector<std::string> removed;  // output paths of pages that no longer exist
  std::set<std::string> units;       // units whose feed and JSON roll are rendered again
  bool site_files = true;            // feed.xml, sitemap.xml, robots.txt
  bool search = true;                // the search index
  bool initials_pictures = true;     // the initials pictures (they follow the names)
};

// After profile files changed (paths relative to the site root, e.g.
// "content/profiles/2023-2024/a.md"): a page is rendered again when it is new, when its place in
// a list changed (items, page count, list size, alias target), or when it reads a changed profile
// before or after the change.
Plan plan_profiles(const site::Site& before, const site::Site& after,
                   const std::set<std::string>& changed);
// The quick path (serve's patch): the changed profiles kept their place in the site (same name,
// unit, year, campaigns, awards and decision dates, tags), so no count or order changed: the index
// pages stay, the home page and the feeds are rendered only when they show a changed profile, the
// initiatives page only when `initiatives` (a changed profile has or had initiatives). `changed`
// holds the changed honourees' indexes in s.honourees.
Plan plan_patch(const site::Site& s, const std::vector<int>& changed, bool initiatives);
// After a layout changed: every page of these kinds (by layout name: "profile", "unit", …).
Plan plan_kinds(const site::Site& after, const std::set<std::string>& kinds);
// Everything (site.yml, i18n, units, campaigns, base layout, partials, assets).
Plan plan_all(const site::Site& before, const site::Site& after);

}  // namespace vd::serve
