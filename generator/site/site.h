// site: the site graph. Decides what is public and where every page lives.
// In: model::Model (validated records) and the publication options. Out: Site: published records,
// indexes (by unit, campaign, award, school year, tag), the list of pages with their URLs.
// Never renders or touches disk. Private data is not part of Site at all: it stays in the model.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diag.h"
#include "model/model.h"

namespace vd::site {

// Text keys computed from names (collation keys, initials, slugs), remembered across builds by
// serve so a rebuild does not compute 10 000 of them again. Used by one build at a time.
struct Memo {
  std::unordered_map<std::string, std::string> sort_keys, initials, slugs;
};

// One change an edition brought, for its changelog.
struct EditionChange {
  std::string kind;   // profile_added, profile_updated, profile_withdrawn, campaign_added,
                      // campaign_updated, bulletin_issued
  std::string title;  // the name or title (empty for a withdrawn profile: no personal data)
  std::string url;
};

// A published edition of the site (publish/ makes them; they are shown on /editions/ and in
// /version.json, and carried from one edition to the next in /editions/index.json).
struct Edition {
  int number = 0;
  text::Date date;
  std::string source;  // the source commit it was built from
  bool dirty = false;  // built with uncommitted changes (--allow-dirty)
  std::string tag;     // edition/YYYY-MM-DD[-n], if tagged
  std::vector<EditionChange> changes;
};

struct Options {
  bool drafts = false, future = false, expired = false;
  text::Date today;      // decides publish_date / expiry_date; passed in so builds are reproducible
  Memo* memo = nullptr;  // serve: reuse keys computed by earlier builds
  std::vector<Edition> editions;  // earlier editions, oldest first (none outside publication)
  int threads = 0;                // name keys are computed on this many threads (0: all cores)
};

enum class PageKind {
  kHome,
  kProfile,
  kCampaign,
  kCampaignHonourees,  // every honouree of a campaign, paginated
  kCampaigns,
  kUnit,
  kUnits,
  kYear,
  kYears,
  kAward,
  kAwards,
  kInitiatives,
  kTag,
  kTags,
  kSearch,         // the client-side search page
  kUnitEmbed,      // a unit's compact roll for iframes (key: school year, or all years)
  kBulletin,       // a bulletin in the site's layout
  kBulletinPrint,  // the same bulletin alone, as an A4 official document (also the PDF's source)
  kBulletinEmail,  // the same bulletin as a simple inline-styled HTML e-mail
  kBulletins,      // the bulletins of one school year (key), or of every year (key empty)
  kNotFound,
  kAlias,
  kWithdrawn,  // the old URL of a profile whose consent was withdrawn: no personal data
  kEditions,   // the list of published editions
  kEdition,    // one edition's changelog
  // Statistics with charts (layout "stats" for all four): the whole site, one school year
  // (key), one campaign (entity), one unit (entity).
  kStats,
  kYearStats,
  kCampaignStats,
  kUnitStats
};
const char* kind_name(PageKind k);  // "home", "profile", … (the layout's name)

struct Page {
  PageKind kind = PageKind::kHome;
  std::string url;  // "/don-vi/x/"; files: "/404.html"
  int entity =
      -1;  // index into the matching Site vector (profiles, campaigns, units, awards, tags)
  std::string key;            // school year for year pages
  int number = 1, count = 1;  // pagination: this page's number and the number of pages
  std::vector<int> items;     // profiles listed on this page (paginated lists)
  std::string target;         // alias: the URL it redirects to
};

struct Tag {
  std::string name, slug;
  std::vector<int> profiles;
  std::vector<int> campaigns;  // campaigns carrying the tag (indexes into Site::campaigns)
};

// A published honouree: the model record plus what the site derives for it.
struct Honouree {
  model::Profile profile;
  std::string url;
  std::string sort_key;                // Vietnamese name order (given name first)
  std::optional<text::Date> honoured;  // latest decision date (or the school year's end)
  int top_rank = 0;                    // rank of the highest award
  std::string initials;                // shown in the initials avatar when there is no photo ("NT")
};

// A profile whose consent was withdrawn, or a profile, campaign or bulletin whose expiry_date has
// passed: only where it was, never who it was. Each of its URLs keeps answering with a neutral
// notice (a published URL never vanishes).
struct Withdrawn {
  enum class What { kProfile, kCampaign, kBulletin };
  std::string path, url;
  std::optional<text::Date> expired;  // the expiry_date, for a page that expired
  What what = What::kProfile;
};

// A published bulletin: the model record plus its honourees resolved to published profiles.
struct PublishedBulletin {
  model::Bulletin bulletin;
  std::string url;                       // "/thong-bao/2023-2024/ten-file/"
  std::vector<std::vector<int>> groups;  // per award heading: indexes into Site::honourees
};

struct Site {
  model::SiteConfig config;
  std::vector<model::Unit> units;
  std::vector<model::Award> awards;
  std::vector<model::Campaign> campaigns;        // published only
  std::vector<Honouree> honourees;               // published only, in Vietnamese name order
  std::vector<Tag> tags;                         // Vietnamese order
  std::vector<Withdrawn> withdrawn;              // by source path
  std::vector<Edition> editions;                 // oldest first
  std::vector<PublishedBulletin> bulletins;      // newest first (date, then id)
  std::map<int, std::vector<int>> bulletins_of;  // honouree → the bulletins announcing them
  std::vector<std::string> bulletin_years;       // school years with bulletins, newest first
  std::vector<std::string> years;  // school years with honourees or campaigns, newest first
  std::string current_year;
  text::Date today;  // the build date (decides the next milestone)
  std::map<std::string, std::vector<int>> by_unit, by_campaign, by_award, by_year;
  std::vector<Page> pages;  // sorted by URL

  int unit_index(std::string_view id) const;
  int award_index(std::string_view id) const;
  int campaign_index(std::string_view id) const;
  std::string unit_url(std::string_view id) const { return "/don-vi/" + std::string(id) + "/"; }
  std::string award_url(std::string_view id) const { return "/danh-hieu/" + std::string(id) + "/"; }
  std::string campaign_url(std::string_view id) const {
    return "/phong-trao/" + std::string(id) + "/";
  }
  std::string campaign_honourees_url(std::string_view id) const {
    return campaign_url(id) + "dien-hinh/";
  }
  std::string year_url(std::string_view y) const { return "/nam-hoc/" + std::string(y) + "/"; }
  // The compact roll for iframes: all years ("") or one school year.
  std::string unit_embed_url(std::string_view id, std::string_view year = "") const {
    return unit_url(id) + "nhung/" + (year.empty() ? "" : std::string(year) + "/");
  }
  // The statistics page of the site ("/thong-ke/") or of the page at `under` (a year, campaign or
  // unit URL).
  static std::string stats_url(std::string_view under = "/") {
    return std::string(under) + "thong-ke/";
  }
  std::string bulletins_url(std::string_view year = {}) const {
    return year.empty() ? "/thong-bao/" : "/thong-bao/" + std::string(year) + "/";
  }
};

// Builds the site graph. Unpublished profiles are listed once each as a note; URL collisions are
// errors.
// Takes the model by value: published profiles are moved into the site, not copied.
Site build_site(model::Model m, const Options& opts, diag::Diagnostics& diags);

// serve's quick path for a name change: the honouree at `index` takes the record `p`, which
// differs from its own only in fields that do not place it in the site (its name, summary, story…;
// same unit, school year, campaigns, awards with their dates, tags, aliases, publication). The
// honouree moves to its new place in name order, and every index, profile page and paginated
// list is updated as build_site would have made them (names that sort alike keep the order of
// their source paths, the order profiles are read in). Never adds or removes a page.
struct Moved {
  int from = -1, to = -1;  // the honouree's index before and after
  std::vector<int> pages;  // paginated pages (indexes into Site::pages) whose items changed
};
Moved rename_honouree(Site& s, int index, model::Profile p, Memo& memo);

// Adds an edition record and its pages (/editions/, /editions/<n>/), keeping pages sorted.
void add_edition(Site& s, Edition e);

// "/a/b/" → "a/b/index.html"; "/feed.xml" → "feed.xml".
std::string output_path(std::string_view url);

// The first n of `items` (honourees) newest decision first, ties in their order in `items`:
// what a stable sort by date would put first, without sorting the rest (the home page's 12 and
// the feeds' 50 among 10 000).
std::vector<int> newest(const Site& s, std::vector<int> items, std::size_t n);

}  // namespace vd::site
