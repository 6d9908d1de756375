// render: turns the site graph into bytes. Markdown (cmark-gfm), layouts (Mustache) fed with plain
// view data (JSON values prepared here, never logic in templates), feeds, sitemap, JSON rolls,
// theme assets with content-hash names.
// In: site::Site and the theme files. Out: Output, a sorted list of {path → bytes}.
// Never touches disk; template problems are diagnostics naming the layout file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"
#include "load/load.h"
#include "site/site.h"

namespace vd::render {

struct File {
  std::string path;  // relative to the output folder, '/'-separated
  std::string bytes;
};

struct Output {
  std::vector<File> files;  // sorted by path
};

// Receives rendered files as they are made, from several threads at once: put() must be
// thread-safe. Streaming them out keeps memory flat however large the site.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void put(File file) = 0;
};

// Rendered Markdown kept across builds (serve mode), keyed by a 128-bit hash of the source and
// the rendering options. Thread-safe. `sweep` drops what the last builds did not use.
class MarkdownCache {
 public:
  MarkdownCache();
  ~MarkdownCache();
  std::string html(std::string_view markdown, bool allow_html, int shift);
  void sweep();  // forgets entries unused since the previous sweep
  std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The search index's pieces kept across builds (serve mode): each profile's entry and summary and
// each summary shard, keyed by a hash of everything they are made of, so a rebuild serialises only
// what changed. Used by one build at a time; each build keeps only the pieces it used.
// A build reads every profile to find what changed, unless serve tells it first: when the site
// object the cache last indexed is patched in place, the calls below say what changed in it, in
// order (indexes as they are after the calls before), and the next build of that same object
// reads only those profiles. A call about another object is ignored: its build reads everything.
class SearchCache {
 public:
  SearchCache();
  ~SearchCache();
  SearchCache(const SearchCache&) = delete;
  SearchCache& operator=(const SearchCache&) = delete;
  void unchanged(const site::Site& s);                // nothing changed in s (yet)
  void changed(const site::Site& s, int index);       // honouree `index` may be another record
  void moved(const site::Site& s, int from, int to);  // and moved (those between shift by one)
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// The site's colours on its social cards, from the theme's assets/style.css (a site that
// overrides the file recolours its cards): --c-red the background, --c-gold the rule,
// --c-gold-light the site's title and the unit line; each as #rrggbb or #rgb. A property that is
// missing or written otherwise keeps the default theme's colour.
struct CardColours {
  std::array<std::uint8_t, 3> background{155, 28, 28}, rule{183, 121, 31}, light{253, 230, 138};
  bool operator==(const CardColours&) const = default;
};
CardColours card_colours(const std::vector<load::ThemeFile>& assets);

struct Options {
  int threads = 0;            // 0 = all cores
  bool pretty_links = false;  // false: links end in index.html so the site also works from disk
  // Called now and then from a render thread with the pages done so far (for a progress line).
  std::function<void(std::size_t done, std::size_t total)> progress;
  MarkdownCache* markdown_cache = nullptr;  // serve: reuse rendered Markdown across builds
  bool pdf = false;  // bulletins get a PDF (made later by output/); pages link to it
  SearchCache* search_cache = nullptr;  // serve: reuse the search index's pieces across builds
  CardColours card_colours;             // the social cards' colours (pages name their card)
};

// A part of the site (serve's incremental rebuilds): the pages at these indexes of site.pages,
// the feed and JSON roll of these units, feed.xml, sitemap.xml and robots.txt when site_files is
// set, the assets, images and embed script when theme_files is set, the search index when
// search is set.
struct Selection {
  std::vector<int> pages;
  std::set<std::string> units;
  bool site_files = true;
  bool theme_files = true;
  bool search = true;  // the search index (its URL is always computed: the search page shows it)
  // false: the search index is not even made, and the search page names none. Only for `check`
  // of a site without private values: it makes the index only to scan it for them.
  bool search_index = true;
  bool initials_pictures = true;  // the initials pictures of honourees without a photo
};

// A photo of content/images as output/ prepares it (libvips): resized copies at `widths`, each as
// images/<hash>-<w>.webp and images/<hash>-<w>.jpg, metadata stripped. Sizes are after EXIF
// rotation.
struct Image {
  std::string hash;           // of the source bytes (10 hex digits)
  int width = 0, height = 0;  // of the source
  std::vector<int> widths;    // ascending; never wider than the source
  int height_at(int w) const { return width ? (height * w + width / 2) / width : 0; }
};

struct Theme {
  std::vector<load::ThemeFile> layouts;
  std::vector<load::ThemeFile> assets;
  std::map<std::string, std::string> images;  // content/images
  // Raster photos that output/ could read, by content/images name. A photo missing here (or an
  // empty map) is shown as its generated initials picture.
  std::map<std::string, Image> photos;
};

// A social card: the Open Graph picture of a profile, a 1200×630 JPEG that output/ draws with
// libvips text at `path`. The path is a hash of every line, of the photo's content and of the
// drawing recipe, so a card of an earlier build with the same name holds the same picture and is
// linked instead of drawn again.
struct SocialCard {
  std::string path;                     // "images/the/<hash>.jpg"
  std::string site, name, award, unit;  // lines, top to bottom ("" = none)
  std::string photo;                    // a Theme::images name drawn beside the lines ("" = none)
  CardColours colours;
};
// The cards of the published profiles, one per distinct path, in a stable order (none when
// site.yml sets social_cards: false). A profile with a readable photo gets its portrait on the
// card. `photos` as in Theme.
std::vector<SocialCard> social_cards(const site::Site& s,
                                     const std::map<std::string, Image>& photos,
                                     const CardColours& colours = {});
// The card of s.honourees[honouree], whether or not the site draws cards.
SocialCard social_card(const site::Site& s, int honouree,
                       const std::map<std::string, Image>& photos, const CardColours& colours = {});

// Markdown to safe HTML: GFM tables, strikethrough, autolinks, tagfilter, smart punctuation,
// heading ids; raw HTML dropped unless allow_html; javascript:/vbscript:/data: links blanked.
// `shift` lowers every heading level (## → h3 with shift 1) so a story fits under the page's h2.
std::string markdown_to_html(std::string_view markdown, bool allow_html, int shift = 0);

// What a story must not hold: raw HTML when the site does not allow it (and, even when it does,
// scripts, frames, event handlers and javascript: inside it), links or images to javascript:,
// vbscript: or data: addresses. Lines are 1-based in `markdown`, columns in code points.
struct MarkdownProblem {
  int line = 0, column = 0;
  std::string message, hint;
};
std::vector<MarkdownProblem> check_markdown(std::string_view markdown, bool allow_html);
// Markdown to plain text wrapped at `width` columns (e-mail versions of bulletins).
std::string markdown_to_text(std::string_view markdown, int width = 72);
// Plain text wrapped at `width` code points between words, every line starting with `indent`
// (a word longer than the line stays whole); ends with a newline.
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent = {});

// Renders every file of the site into `sink`.
void render_site(const site::Site& site, const Theme& theme, const Options& opts,
                 diag::Diagnostics& diags, Sink& sink);
// Renders only the selected files into `sink`.
void render_site(const site::Site& site, const Theme& theme, const Options& opts,
                 const Selection& selection, diag::Diagnostics& diags, Sink& sink);
// The selection of everything.
Selection everything(const site::Site& site);
// The same, collected in memory and sorted by path (tests, tools).
Output render_site(const site::Site& site, const Theme& theme, const Options& opts,
                   diag::Diagnostics& diags);

}  // namespace vd::render
