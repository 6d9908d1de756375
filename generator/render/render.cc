#include "render/render.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "parallel/parallel.h"
#include "render/atom.h"
#include "render/embed.h"
#include "render/publication.h"
#include "render/search.h"
#include "render/templates.h"
#include "render/views.h"

namespace vd::render {

namespace {

std::string hash8(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size())).substr(0, 10);
}

std::string hashed_name(const std::string& name, std::string_view bytes) {
  auto dot = name.rfind('.');
  auto slash = name.rfind('/');
  return (dot == std::string::npos || (slash != std::string::npos && dot < slash))
             ? name + "." + hash8(bytes)
             : name.substr(0, dot) + "." + hash8(bytes) + name.substr(dot);
}

// Points a stylesheet's relative url(…) references (fonts, images) at their hashed names, so a
// changed font also changes the stylesheet's own hash.
std::string rewrite_css_urls(const std::string& css, const std::string& css_name,
                             const std::map<std::string, std::string>& hashed) {
  std::string dir = css_name.substr(0, css_name.rfind('/') + 1);
  if (css_name.find('/') == std::string::npos) dir.clear();
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = css.find("url(", from)) != std::string::npos;) {
    std::size_t start = at + 4;
    while (start < css.size() && (css[start] == '"' || css[start] == '\'' || css[start] == ' '))
      ++start;
    std::size_t end = css.find_first_of("\"') ", start);
    if (end == std::string::npos) break;
    std::string ref = css.substr(start, end - start);
    auto it = hashed.find(dir + ref);
    out += css.substr(from, start - from);
    if (it != hashed.end() && ref.find(':') == std::string::npos)
      out += it->second.substr(dir.size());
    else
      out += ref;
    from = end;
  }
  return out + css.substr(from);
}

// assets/style.css → /assets/style.<hash>.css; the template name is "style_css". Stylesheets come
// last: their url(…) references are rewritten to the other assets' hashed names first.
void hashed_assets(const Theme& theme, Sink& out, std::map<std::string, std::string>& urls) {
  std::map<std::string, std::string> hashed;  // source name → hashed name
  auto is_css = [](const std::string& n) { return n.size() > 4 && n.ends_with(".css"); };
  auto emit = [&](const std::string& name, std::string bytes) {
    std::string h = hashed_name(name, bytes);
    std::string key = name;
    for (char& ch : key)
      if (ch == '.' || ch == '/' || ch == '-') ch = '_';
    urls[key] = "/assets/" + h;
    hashed[name] = h;
    out.put({"assets/" + h, std::move(bytes)});
  };
  for (const load::ThemeFile& f : theme.assets)
    if (!is_css(f.name)) emit(f.name, f.bytes);
  for (const load::ThemeFile& f : theme.assets)
    if (is_css(f.name)) emit(f.name, rewrite_css_urls(f.bytes, f.name, hashed));
}

bool is_photo_name(std::string name) {
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* ext : {".jpg", ".jpeg", ".png", ".webp"})
    if (name.ends_with(ext)) return true;
  return false;
}

std::string render_page(const Templates& t, const site::Site& s, const Options& o,
                        const site::Page& p, const std::map<std::string, std::string>& assets,
                        const std::map<std::string, Image>& photos, const Globals& globals,
                        CardCache& cards, std::string& errors) {
  ViewContext c(s, o, p, assets, photos);
  c.use_cards(&cards);
  if (p.kind == site::PageKind::kUnitEmbed) {  // a whole document of its own, for iframes
    std::string title, description;
    json view = embed_view(c, title);
    view.update(common_view(c, title, description));
    return t.render("unit_embed", view, errors, &globals);
  }
  if (p.kind == site::PageKind::kAlias) {
    json view = common_view(c, s.config.title, "");
    view["target_url"] = c.absolute(p.target);
    view["target_link"] = c.link(p.target);
    return t.render("alias", view, errors, &globals);
  }
  std::string title, description;
  json view;
  if (!publication_view(c, view, title)) view = page_view(c, title, description);
  if (p.kind == site::PageKind::kProfile)
    view["history"] = history_view(s.honourees[p.entity].profile.history);
  else if (p.kind == site::PageKind::kCampaign)
    view["history"] = history_view(s.campaigns[p.entity].history);
  json common = common_view(c, title, description);
  for (auto it = common.begin(); it != common.end(); ++it)
    view[it.key()] = std::move(*it);  // as view.update(common), without copying
  // The print and e-mail editions of a bulletin are whole documents of their own.
  if (p.kind == site::PageKind::kBulletinPrint || p.kind == site::PageKind::kBulletinEmail)
    return t.render(site::kind_name(p.kind), view, errors, &globals);
  view["content"] = t.render(site::kind_name(p.kind), view, errors, &globals);
  return t.render("base", view, errors, &globals);
}

void render_pages(const site::Site& s, const Theme& theme, const Options& o,
                  const std::vector<int>& pages, const std::map<std::string, std::string>& assets,
                  Sink& out, diag::Diagnostics& diags) {
  std::vector<std::string> errors(pages.size());
  const Templates t(theme.layouts);
  const Globals globals(global_view(s, assets));
  CardCache cards(s.honourees.size());
  std::atomic<std::size_t> done{0};
  parallel::parallel_for(
      pages.size(), o.threads,
      [&](std::size_t i) {
        const site::Page& page = s.pages[static_cast<std::size_t>(pages[i])];
        out.put({site::output_path(page.url),
                 render_page(t, s, o, page, assets, theme.photos, globals, cards, errors[i])});
        if (page.kind == site::PageKind::kBulletinEmail) {
          ViewContext c(s, o, page, assets, theme.photos);
          out.put({site::output_path(s.bulletins[page.entity].url + "email.txt"),
                   bulletin_email_text(c, page.entity)});
        }
        std::size_t d = ++done;
        if (o.progress && d % 500 == 0) o.progress(d, pages.size());
      },
      2);  // a page takes ~0.1-2 ms: even check's ~20 sample pages are worth two threads
  std::set<std::string> reported;  // one report per distinct problem, in page order
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (!errors[i].empty() && reported.insert(errors[i]).second)
      diags.error(
          {"layouts", 0, 0}, errors[i].substr(0, errors[i].size() - 1),
          "fix the layout; the page was " + s.pages[static_cast<std::size_t>(pages[i])].url);
}

// Atom feed of the newest honourees (by decision date, then name order): deterministic, no clock.
std::string atom(const site::Site& s, std::vector<int> items, const std::string& title,
                 const std::string& self) {
  items = site::newest(s, std::move(items), 50);
  std::optional<text::Date> newest;  // the newest entry date (git dates when known)
  std::vector<AtomEntry> entries;
  for (int i : items) {
    const site::Honouree& h = s.honourees[i];
    std::optional<text::Date> d = h.profile.history ? h.profile.history->updated : h.honoured;
    if (d && (!newest || *newest < *d)) newest = d;
    entries.push_back({h.profile.name, s.config.base_url + h.url.substr(1),
                       d ? text::iso_date(*d) : "2000-01-01", h.profile.summary,
                       award_names(s, h.profile)});
  }
  return atom_feed(s, title, self, "/", newest ? text::iso_date(*newest) : "2000-01-01", entries);
}

std::string sitemap(const site::Site& s) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset "
      "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  // Escaping is character by character: the base URL is escaped once, each page's path alone.
  const std::string base = text::xml_escape(s.config.base_url);
  for (const site::Page& p : s.pages) {
    if (p.kind == site::PageKind::kAlias || p.kind == site::PageKind::kNotFound ||
        p.kind == site::PageKind::kUnitEmbed || p.kind == site::PageKind::kWithdrawn ||
        p.kind == site::PageKind::kEditions || p.kind == site::PageKind::kEdition ||
        p.kind == site::PageKind::kBulletinPrint || p.kind == site::PageKind::kBulletinEmail)
      continue;  // edition pages stay out so an unchanged site makes an unchanged sitemap
    out += "  <url><loc>";
    out += base;
    out += text::xml_escape(std::string_view(p.url).substr(1));
    out += "</loc>";
    if (std::optional<text::Date> d = last_change(s, p)) {
      out += "<lastmod>";
      out += text::iso_date(*d);
      out += "</lastmod>";
    }
    out += "</url>\n";
  }
  return out + "</urlset>\n";
}

nlohmann::json unit_roll(const site::Site& s, const model::Unit& u) {
  nlohmann::json years = nlohmann::json::array();
  auto members = s.by_unit.find(u.id);
  for (const std::string& y : s.years) {
    nlohmann::json people = nlohmann::json::array();
    if (members != s.by_unit.end())
      for (int i : members->second) {
        const site::Honouree& h = s.honourees[i];
        if (h.profile.school_year != y) continue;
        nlohmann::json awards = nlohmann::json::array();
        for (const model::AwardGrant& g : h.profile.awards) {
          int a = s.award_index(g.award);
          awards.push_back({{"id", g.award},
                            {"name", a < 0 ? g.award : s.awards[a].name},
                            {"decision",
                             {{"number", g.decision.number},
                              {"date", g.decision.date ? text::iso_date(*g.decision.date) : ""},
                              {"issuer", g.decision.issuer}}}});
        }
        people.push_back(
            {{"name", h.profile.name},
             {"kind", h.profile.kind == model::Kind::kCollective ? "collective" : "individual"},
             {"url", s.config.base_url + h.url.substr(1)},
             {"position", h.profile.position},
             {"unit_name", unit_name_for(s, h)},
             {"summary", h.profile.summary},
             {"awards", awards}});
      }
    if (people.empty()) continue;
    auto staff = u.staff.find(y);
    years.push_back(
        {{"school_year", y},
         {"staff", staff == u.staff.end() ? nlohmann::json() : nlohmann::json(staff->second)},
         {"honourees", people}});
  }
  nlohmann::json former = nlohmann::json::array();
  for (const model::FormerName& f : u.former_names)
    former.push_back({{"name", f.name},
                      {"from", f.from ? text::iso_date(*f.from) : ""},
                      {"to", f.to ? text::iso_date(*f.to) : ""}});
  return {{"version", 1},
          {"unit",
           {{"id", u.id},
            {"name", u.name},
            {"kind", u.kind},
            {"url", s.config.base_url + s.unit_url(u.id).substr(1)},
            {"former_names", former},
            {"successor", u.successor.empty() ? nlohmann::json() : nlohmann::json(u.successor)}}},
          {"years", years}};
}

// The feeds, sitemap and edition files of the site, and each unit's feed and rolls: on all cores
// (the site's files first, the largest task), as ~3 500 files of a 10 000-profile site took
// ~0.3 s of one core after the pages.
void data_files(const site::Site& s, const Selection& sel, int threads, Sink& out) {
  std::vector<const model::Unit*> units;
  for (const model::Unit& u : s.units)
    if (sel.units.count(u.id)) units.push_back(&u);
  auto str = [&](const char* k) {
    auto it = s.config.strings.find(k);
    return it == s.config.strings.end() ? std::string(k) : it->second;
  };
  parallel::parallel_for(units.size() + 1, threads, [&](std::size_t i) {
    if (i == 0) {
      if (!sel.site_files) return;
      std::vector<int> all(s.honourees.size());
      for (std::size_t h = 0; h < all.size(); ++h) all[h] = static_cast<int>(h);
      out.put({"feed.xml", atom(s, all, s.config.title + " – " + str("feed_title"), "/feed.xml")});
      out.put({"sitemap.xml", sitemap(s)});
      edition_files(s, out);
      out.put({"robots.txt",
               "User-agent: *\nAllow: /\nSitemap: " + s.config.base_url + "sitemap.xml\n"});
      if (!s.bulletins.empty())
        out.put({"thong-bao/atom.xml",
                 bulletins_atom(s, s.config.title + " – " + str("nav_bulletins"))});
      return;
    }
    const model::Unit& u = *units[i - 1];
    auto m = s.by_unit.find(u.id);
    std::vector<int> members = m == s.by_unit.end() ? std::vector<int>{} : m->second;
    std::string feed_url = s.unit_url(u.id) + "feed.xml";
    out.put(
        {feed_url.substr(1), atom(s, members, str("feed_unit_title") + " " + u.name, feed_url)});
    nlohmann::json roll = unit_roll(s, u);
    out.put({"api/units/" + u.id + ".js", embed_script_data(s, roll)});
    out.put({"api/units/" + u.id + ".json", roll.dump(2) + "\n"});
  });
}

}  // namespace

namespace {
void check_story(const model::Page& p, bool allow_html, diag::Diagnostics& diags) {
  for (const MarkdownProblem& m : check_markdown(p.body, allow_html))
    diags.error({p.path, p.body_line + m.line - 1, m.column}, m.message, m.hint);
}

// Every story (profiles in site order, then campaigns, then bulletins) checked on all cores; the
// diagnostics are added in that order, as one thread would.
void check_stories(const site::Site& s, int threads, diag::Diagnostics& diags) {
  std::vector<const model::Page*> pages;
  pages.reserve(s.honourees.size() + s.campaigns.size() + s.bulletins.size());
  for (const site::Honouree& h : s.honourees) pages.push_back(&h.profile);
  for (const model::Campaign& c : s.campaigns) pages.push_back(&c);
  for (const site::PublishedBulletin& b : s.bulletins) pages.push_back(&b.bulletin);
  std::vector<diag::Diagnostics> found(pages.size());
  parallel::parallel_for(
      pages.size(), threads,
      [&](std::size_t i) { check_story(*pages[i], s.config.allow_html, found[i]); }, 64);
  for (diag::Diagnostics& d : found) diags.append(d);
}
}  // namespace

Selection everything(const site::Site& s) {
  Selection sel;
  sel.pages.resize(s.pages.size());
  for (std::size_t i = 0; i < s.pages.size(); ++i) sel.pages[i] = static_cast<int>(i);
  for (const model::Unit& u : s.units) sel.units.insert(u.id);
  return sel;
}

void render_site(const site::Site& s, const Theme& theme, const Options& o,
                 diag::Diagnostics& diags, Sink& out) {
  render_site(s, theme, o, everything(s), diags, out);
}

void render_site(const site::Site& s, const Theme& theme, const Options& o, const Selection& sel,
                 diag::Diagnostics& diags, Sink& out) {
  ViewContext::reset_missing_strings();
  // The search index (one thread: it reads the whole site) is made while the stories are checked,
  // unless the build was asked to use one thread.
  SearchFiles search;
  auto make_search = [&] { search = search_files(s, o.search_cache, sel.search); };
  std::thread searching;
  if (sel.search_index && o.threads == 1)
    make_search();
  else if (sel.search_index)
    searching = std::thread(make_search);
  check_stories(s, o.threads, diags);
  check_layouts(theme.layouts, diags);
  if (searching.joinable()) searching.join();
  if (diags.has_errors()) return;
  std::map<std::string, std::string> assets;
  struct Discard : Sink {
    void put(File) override {}
  } discard;
  hashed_assets(theme, sel.theme_files ? out : discard, assets);  // the URLs are always needed
  if (sel.search_index) assets["search_index"] = search.index_url;
  if (sel.search)
    for (File& f : search.files) out.put(std::move(f));
  render_pages(s, theme, o, sel.pages, assets, out, diags);
  if (sel.initials_pictures) {
    std::set<std::string> initials;  // one picture per distinct pair of initials
    for (const site::Honouree& h : s.honourees) initials.insert(h.initials);
    for (const std::string& i : initials) out.put({initials_path(i), initials_svg(i)});
  }
  data_files(s, sel, o.threads, out);
  if (sel.theme_files) {
    // Photos (JPEG, PNG, WebP) are published by output/ only as resized, metadata-free copies.
    for (const auto& [name, bytes] : theme.images)
      if (!is_photo_name(name)) out.put({"images/" + name, bytes});
    // The embed script keeps one URL for ever (schools paste it into their sites): not hashed.
    for (const load::ThemeFile& f : theme.assets)
      if (f.name == "embed.js") out.put({"api/embed.js", f.bytes});
  }
  for (const std::string& key : ViewContext::missing_strings())
    diags.error({"i18n/" + s.config.language + ".yml", 0, 0},
                fmt::format("UI string '{}' is missing", key),
                fmt::format("add a line '{}: \"…\"'", key));
}

Output render_site(const site::Site& s, const Theme& theme, const Options& o,
                   diag::Diagnostics& diags) {
  struct Collect : Sink {
    Output out;
    std::mutex mutex;
    void put(File f) override {
      std::lock_guard<std::mutex> lock(mutex);
      out.files.push_back(std::move(f));
    }
  } collect;
  render_site(s, theme, o, diags, collect);
  std::sort(collect.out.files.begin(), collect.out.files.end(),
            [](const File& a, const File& b) { return a.path < b.path; });
  return std::move(collect.out);
}

}  // namespace vd::render
