// View data: what each layout receives (docs/templates.md is the contract). Internal to render/.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/render.h"
#include "render/templates.h"

namespace vd::render {

using json = View;

class CardCache;

// Everything a view builder needs for one page.
class ViewContext {
 public:
  ViewContext(const site::Site& s, const Options& o, const site::Page& page,
              const std::map<std::string, std::string>& asset_urls,
              const std::map<std::string, Image>& photos);
  const site::Site& site() const { return s_; }
  const site::Page& page() const { return page_; }
  // A site URL ("/don-vi/x/") as a link relative to this page.
  std::string link(const std::string& url) const;
  // An absolute URL for canonical links, feeds and the sitemap.
  std::string absolute(const std::string& url) const;
  // A UI string of the site's language; a missing key is recorded and rendered as the key.
  std::string str(const std::string& key) const;
  const std::string& root() const { return root_; }
  // Markdown to HTML through the options' cache when there is one.
  std::string markdown(std::string_view md, bool allow_html, int shift = 0) const;
  const Options& options() const { return o_; }
  const std::map<std::string, std::string>& asset_urls() const { return assets_; }
  const std::map<std::string, Image>& photos() const { return photos_; }
  // Cards shared by the pages of one render (none: each card is built where it is shown).
  void use_cards(CardCache* cache) { cards_ = cache; }
  CardCache* card_cache() const { return cards_; }

  // Names of UI strings that were missing, across all pages.
  static std::set<std::string> missing_strings();
  static void reset_missing_strings();

 private:
  const site::Site& s_;
  const Options& o_;
  const site::Page& page_;
  const std::map<std::string, std::string>& assets_;
  const std::map<std::string, Image>& photos_;
  std::string root_;
  CardCache* cards_ = nullptr;
};

// The cards of one render: an honouree appears on a dozen pages (its colleagues', its lists'),
// and a card's links depend only on the depth of the page showing it, so each card is built once
// per depth and pages hold references to it (SharedView), which also keeps the card partial's
// output. Safe to share between the render threads.
class CardCache {
 public:
  explicit CardCache(std::size_t honourees) : slots_(honourees) {}
  // The card of `honouree` as seen from c's page depth (the same object for every page there).
  const SharedView& get(const ViewContext& c, int honouree);

 private:
  struct Built {
    std::string root;
    std::unique_ptr<SharedView> card;
  };
  std::vector<std::vector<Built>> slots_;  // per honouree: one per page depth seen
  std::array<std::mutex, 64> locks_;       // honouree i is guarded by locks_[i % 64]
};

// The page kind's own data (merged with the common data by render.cc); sets `title`.
json page_view(const ViewContext& c, std::string& title, std::string& description);
// Per-page common data (common.cc): page, nav, breadcrumbs, root, feed_url.
json common_view(const ViewContext& c, const std::string& title, const std::string& description);
// Site-wide data shared by every page (built once): site, i18n, assets (relative to `root`).
json global_view(const site::Site& s, const std::map<std::string, std::string>& asset_urls);

// The views of one page kind: profile.cc, campaign.cc.
json profile_view(const ViewContext& c, std::string& title, std::string& description);
json campaign_view(const ViewContext& c, std::string& title, std::string& description);

// Shared pieces (views.cc) used by the view builders.
// A date as "05/07/2023" (text::vi_short_date); "" without one.
std::string date_text(const std::optional<text::Date>& d);
json card(const ViewContext& c, int honouree);
// The cards of `honourees`: references to the page's CardCache when it has one.
json cards(const ViewContext& c, const std::vector<int>& honourees);
json pagination(const ViewContext& c, const std::string& first_url);
std::string award_names(const site::Site& s, const model::Profile& p);
// "Quyết định số 12/QĐ-UBND, 05/7/2023 – UBND huyện …" in the site's language.
std::string decision_text(const ViewContext& c, const model::Decision& d);
std::string unit_name_for(const site::Site& s, const site::Honouree& h);
// A unit's name on `when` (its current name without a date); the id itself if it is unknown.
std::string unit_name(const site::Site& s, std::string_view id,
                      const std::optional<text::Date>& when = std::nullopt);
// A campaign in a list: {title, url, number, issuer_name (as named on the plan's date), date}.
json campaign_item(const ViewContext& c, const model::Campaign& k);
json home_view(const ViewContext& c, std::string& title);
// Portraits (media.cc): {has_photo, initials_url, photo: {src, srcset_webp, srcset_jpeg,
// width, height}}; the initials picture is images/chu-cai/<hex of the initials>.svg.
json photo_view(const ViewContext& c, const std::string& photo, const std::string& initials);
std::string initials_path(std::string_view initials);
std::string initials_svg(std::string_view initials);
// Sharing (seo.cc): the page's JSON-LD ("" for pages without
// any) and its Open Graph image {has_image, url, width, height, alt}.
std::string json_ld(const ViewContext& c);
json og_image(const ViewContext& c);
// Bulletins (bulletin.cc): the official document's data, a bulletin in a list, the page views.
// The signature block of an official document: "lines" holds the authority prefix joined to the
// first position line, then the remaining lines; `uppercase` applies Decree 30 capitals.
json signer_view(const model::Signer& sg, bool uppercase);
json bulletin_document(const ViewContext& c, int bulletin);
json bulletin_item(const ViewContext& c, int bulletin);
json bulletin_view(const ViewContext& c, std::string& title, std::string& description);
std::string bulletin_email_text(const ViewContext& c, int bulletin);
std::string bulletins_atom(const site::Site& s, const std::string& title);
json list_view(const ViewContext& c, std::string& title);
// Statistics pages (stats.cc): charts and their tables for the site, a year, campaign or unit.
json stats_view(const ViewContext& c, std::string& title, std::string& description);

}  // namespace vd::render
