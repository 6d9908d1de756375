// Internal to serve/: the state a Preview keeps between builds, and the pieces of a rebuild.
#pragma once

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "load/load.h"
#include "model/model.h"
#include "output/output.h"
#include "render/render.h"
#include "serve/deps.h"
#include "serve/preview.h"
#include "site/site.h"

namespace vd::serve {

constexpr std::string_view kProfiles = "content/profiles/";

inline bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// One profile file as last read: its record and what it said about itself.
struct ProfileEntry {
  XXH64_hash_t hash = 0;
  bool ok = false;              // parsed; the record is usable
  model::ProfileRecord record;  // without its body: copying 10 000 stories at every rebuild
  std::string body;             // would cost more than the rebuild; lent to the pages rendered
  std::string source;           // front matter (diagnostics print its lines)
  diag::Diagnostics load_diags;
};

// Reads and parses one profile file. nullopt: it no longer exists. When its bytes hash like
// `old`'s, returns an entry with hash 0 and nothing else: keep the old one.
std::optional<ProfileEntry> read_entry(const fs::FileSystem& fs, const std::string& root,
                                       const std::string& rel, const ProfileEntry* old);

// Collects rendered files from the render threads, scanning each for private values.
class Collector : public render::Sink {
 public:
  explicit Collector(const output::PrivateValues& privates) : privates_(privates) {}
  void put(render::File f) override;
  std::vector<render::File> files;
  std::vector<output::Leak> leaks;

 private:
  const output::PrivateValues& privates_;
  std::mutex mutex_;
};

// What a set of changed paths asks for.
struct Change {
  std::set<std::string> profiles;      // profile files to read again
  std::set<std::string> layout_kinds;  // layouts of one page kind
  bool base = false;                   // anything else: reload the small files and the theme
  bool theme = false;                  // a page kind's layout: reload the theme
  bool rescan = false;                 // list content/profiles/ again
};

Change classify(const std::set<std::string>& paths);

// The errors a leak found by a Collector is reported as (the owner's file, the file it is in).
void add_leaks(const std::vector<output::Leak>& leaks, diag::Diagnostics& diags);

// The stories of the profile pages about to be rendered, lent by the cache for the render.
class LentBodies {
 public:
  LentBodies(site::Site& s, const std::vector<int>& pages,
             std::map<std::string, ProfileEntry>& cache);
  ~LentBodies();
  LentBodies(const LentBodies&) = delete;
  LentBodies& operator=(const LentBodies&) = delete;

 private:
  std::vector<std::pair<std::string*, std::string*>> lent_;
};

struct Preview::State {
  fs::FileSystem& fs;
  pipeline::BuildOptions opts;
  std::map<std::string, ProfileEntry> profiles;  // by path (the order of a full load)
  load::SourceTree base;                         // site.yml, units, awards, campaigns, i18n
  diag::Diagnostics base_diags;
  render::Theme theme;
  site::Site site;
  bool have_site = false;
  site::Memo memo;
  render::MarkdownCache markdown;
  render::SearchCache search;     // the search index's entries and shards
  std::set<std::string> pending;  // changes not yet in a good build
  // From the last good build, for the quick path (one profile edited, nothing moved):
  model::Model skeleton;                          // config, units, awards, campaigns (no profiles)
  diag::Diagnostics diags;                        // every diagnostic of that build
  output::PrivateValues privates;                 // by profile path
  std::unordered_map<std::string, int> honouree;  // profile path → index in site.honourees
  std::set<std::string> search_files;             // the search index's files (names carry hashes)
  std::set<std::string> initials_files;           // the initials pictures
  // Social cards, drawn when first asked for (drawing all 10 000 took ~27 s at start-up):
  std::unordered_map<std::string, render::SocialCard> card_of;       // profile path → its card
  std::mutex cards_mutex;                                            // guards the two below
  std::unordered_map<std::string, const render::SocialCard*> cards;  // card path → card_of's card
  std::unordered_map<std::string, std::shared_ptr<const std::string>> card_bytes;  // drawn ones
  // The photos (theme.images) of the last good build while a failed rebuild has loaded others:
  // the cards served are that build's and are drawn from them (a card drawn from a newer photo
  // would keep its old name and be served again once the photo is back).
  std::optional<std::map<std::string, std::string>> card_images;
  const std::map<std::string, std::string>& card_photos() const {
    return card_images ? *card_images : theme.images;
  }

  // When `rendered_now`, the files of `set` (prefix…suffix) are the ones just rendered; the
  // others go to `removed`.
  static void replace_set(std::set<std::string>& set, bool rendered_now, std::string_view prefix,
                          std::string_view suffix, const std::vector<render::File>& files,
                          std::vector<std::string>& removed) {
    if (!rendered_now) return;
    std::set<std::string> now;
    for (const render::File& f : files)
      if (starts_with(f.path, prefix) && ends_with(f.path, suffix)) now.insert(f.path);
    for (const std::string& old : set)
      if (!now.count(old)) removed.push_back(old);
    set = std::move(now);
  }
  mutable std::shared_mutex files_mutex;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> files;
  // Fast render. `site_mutex` is held by a build and by each render of stale pages (the site
  // graph and the caches are used by one at a time). Under files_mutex: the pages of the current
  // site whose file in `files` is out of date (or missing), output path → URL.
  bool fast_render = false;
  bool defer = false;  // this rebuild may leave pages for later
  std::mutex site_mutex;
  std::map<std::string, std::string> stale;
  // Under site_mutex: the pages whose render left for later found a problem (output path → URL).
  // They keep their last good file (none if it would show a private value) and are rendered at
  // once by the next rebuild, which fails while they still have one; `later` holds the problems.
  std::map<std::string, std::string> failed;
  diag::Diagnostics later;
  // Under site_mutex: the private values (sorted) every served file was last scanned against.
  output::PrivateValues scanned;
  // privacy.cc. When `now` (the current sources' private values) differs from `scanned`, scans
  // every served file (pages left for later and pinned ones too) against it: a file that shows a
  // value is withheld (its page waits in `failed`, a site file makes the next rebuild a full one)
  // and its problem joins `later` and r (then failed); the scan's time is r's "privacy" stage.
  // `rendered_all`: every file was just rendered and scanned against `now`. Under site_mutex.
  void withhold_leaks(const output::PrivateValues& now, RebuildResult& r,
                      bool rendered_all = false);
  std::function<void(const RebuildResult&)> report;  // every result, in order (preview.h)
  render::CardColours colours;
  std::mutex visited_mutex;
  std::deque<std::string> visited;  // HTML files asked for lately, newest first
  std::mutex worker_mutex;
  std::condition_variable worker_wake;
  bool worker_due = false, stopping = false;
  std::thread worker;

  void visit(const std::string& path) {
    if (!ends_with(path, ".html")) return;
    std::lock_guard<std::mutex> lock(visited_mutex);
    auto it = std::find(visited.begin(), visited.end(), path);
    if (it != visited.end()) visited.erase(it);
    visited.push_front(path);
    if (visited.size() > 32) visited.pop_back();
  }
  bool was_visited(const std::string& path) {
    std::lock_guard<std::mutex> lock(visited_mutex);
    return std::find(visited.begin(), visited.end(), path) != visited.end();
  }

  State(fs::FileSystem& f, pipeline::BuildOptions o) : fs(f), opts(std::move(o)) {}

  std::string theme_root() const { return opts.theme.empty() ? opts.source : opts.theme; }

  void load_base() {
    diag::Diagnostics d;
    load::LoadOptions lo{opts.source, theme_root(), opts.threads, false};
    base = load::load_site(fs, lo, d);
    auto photos = output::probe_photos(base.images, d);
    {
      std::lock_guard<std::mutex> lock(cards_mutex);    // cards are drawn from theme.images
      if (!card_images && theme.images != base.images)  // until a build names cards again
        card_images = std::move(theme.images);
      theme = {std::move(base.layouts), std::move(base.assets), std::move(base.images), {}};
      theme.photos = std::move(photos);
    }
    base.layouts.clear();
    base.assets.clear();
    base.images.clear();
    base_diags = std::move(d);
  }

  // Reads and parses one profile file again unless its bytes are unchanged.
  void read_profile(const std::string& rel) {
    auto it = profiles.find(rel);
    std::optional<ProfileEntry> e =
        read_entry(fs, opts.source, rel, it == profiles.end() ? nullptr : &it->second);
    if (!e)
      profiles.erase(rel);
    else if (e->hash != 0)  // 0: the bytes did not change
      profiles[rel] = std::move(*e);
  }

  std::vector<std::string> list_profiles() const {
    std::vector<std::string> out;
    for (const std::string& f : fs.list(fs::join(opts.source, "content/profiles")))
      if (ends_with(f, ".md")) out.push_back(std::string(kProfiles) + f);
    return out;
  }

  // Reads every profile file on all cores.
  void read_all_profiles() {
    std::vector<std::string> names = list_profiles();
    std::vector<std::optional<ProfileEntry>> entries(names.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next++) < names.size();)
        entries[i] = read_entry(fs, opts.source, names[i], nullptr);
    };
    unsigned n = opts.threads > 0 ? static_cast<unsigned>(opts.threads)
                                  : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    if (fs.thread_safe())
      for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    profiles.clear();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (entries[i]) profiles[names[i]] = std::move(*entries[i]);
  }

  // Files that appeared or vanished in content/profiles/ join the changed set.
  void rescan(std::set<std::string>& changed) {
    std::vector<std::string> now = list_profiles();
    std::set<std::string> on_disk(now.begin(), now.end());
    for (auto it = profiles.begin(); it != profiles.end();) {
      if (!on_disk.count(it->first)) {
        changed.insert(it->first);
        it = profiles.erase(it);
      } else {
        ++it;
      }
    }
    for (const std::string& p : now)
      if (!profiles.count(p)) changed.insert(p);
  }

  load::SourceTree tree_copy() const {
    load::SourceTree t;
    t.root = base.root;
    t.site = base.site;
    t.units = base.units;
    t.awards = base.awards;
    t.campaigns = base.campaigns;
    t.bulletins = base.bulletins;
    t.i18n = base.i18n;
    t.history = opts.history;
    for (const auto& [name, bytes] : theme.images) t.images[name];  // names only
    return t;
  }

  // Puts rendered files in place of the old ones; returns how many files changed. A full
  // build's files replace the whole set.
  // The pages left for later (output path → URL) join `stale` and, in a full build, keep their
  // old file until rendered.
  std::size_t swap_in(std::vector<render::File>& rendered, const std::vector<std::string>& removed,
                      bool full, std::map<std::string, std::string>&& later = {}) {
    std::size_t updated = 0;
    std::unique_lock<std::shared_mutex> lock(files_mutex);
    for (const render::File& f : rendered) stale.erase(f.path);
    for (const std::string& path : removed) stale.erase(path);
    stale.merge(later);
    if (!full) {
      for (render::File& f : rendered) {
        auto& slot = files[f.path];
        if (slot && *slot == f.bytes) continue;
        slot = std::make_shared<const std::string>(std::move(f.bytes));
        ++updated;
      }
      for (const std::string& path : removed) updated += files.erase(path);
      return updated;
    }
    std::unordered_map<std::string, std::shared_ptr<const std::string>> next;
    for (render::File& f : rendered) {
      auto old = files.find(f.path);
      bool same = old != files.end() && *old->second == f.bytes;
      if (!same) ++updated;
      next[f.path] = same ? old->second : std::make_shared<const std::string>(std::move(f.bytes));
    }
    for (const auto& [path, bytes] : files)
      if (!next.count(path) && stale.count(path))
        next[path] = bytes;  // rendered when asked for
      else if (!next.count(path))
        ++updated;
    files.swap(next);
    return updated;
  }

  void add_sources(const diag::Diagnostics& diags, diag::SourceMap& out) const {
    for (const diag::Diagnostic& d : diags.all()) {
      if (out.count(d.pos.file)) continue;
      if (auto p = profiles.find(d.pos.file); p != profiles.end())
        out[d.pos.file] = p->second.source;
      else if (auto s = base.sources.find(d.pos.file); s != base.sources.end())
        out[d.pos.file] = s->second;
    }
  }
};

}  // namespace vd::serve
