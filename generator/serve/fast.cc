// Fast render (as `hugo server`'s): the changed pages nobody looked at lately are left for later,
// then rendered when asked for, or by a background thread soon after the reload was sent. A page
// left for later is always rendered from the current site graph, so it comes out exactly as a
// full build makes it; a rebuild renders what is left before it changes the graph.
#include <algorithm>
#include <chrono>
#include <exception>
#include <iterator>

#include "serve/preview.h"
#include "serve/state.h"

namespace vd::serve {

namespace {
constexpr std::size_t kChunk = 256;  // pages the background thread renders under one lock
constexpr auto kPause = std::chrono::milliseconds(50);  // lets the browsers reload first

// The index of the page at this URL (pages are sorted by URL); -1 when there is none.
int page_index(const site::Site& s, const std::string& url) {
  auto at = std::lower_bound(s.pages.begin(), s.pages.end(), url,
                             [](const site::Page& p, const std::string& u) { return p.url < u; });
  return at != s.pages.end() && at->url == url ? static_cast<int>(at - s.pages.begin()) : -1;
}
}  // namespace

std::vector<int> Preview::render_now(const site::Site& s, const Plan& plan,
                                     std::map<std::string, std::string>& later) const {
  State& st = *st_;
  // Pages whose render left for later found a problem are rendered again at once: the rebuild
  // fails while one is still there.
  std::vector<int> again = failed_pages(s), now;
  if (!st.fast_render || !st.have_site || !st.defer) {
    now = plan.pages;
  } else {
    for (int i : plan.pages) {
      const site::Page& p = s.pages[static_cast<std::size_t>(i)];
      std::string path = site::output_path(p.url);
      // An edited profile's page is rendered at once: its story is checked while it renders.
      bool edited = p.kind == site::PageKind::kProfile &&
                    st.pending.count(s.honourees[static_cast<std::size_t>(p.entity)].profile.path);
      if (edited || st.was_visited(path) || std::binary_search(again.begin(), again.end(), i))
        now.push_back(i);
      else
        later.emplace(std::move(path), p.url);
    }
  }
  if (again.empty()) return now;
  std::vector<int> all;
  std::set_union(now.begin(), now.end(), again.begin(), again.end(), std::back_inserter(all));
  return all;
}

// The pages of `s` (ascending indexes) that are in `failed`.
std::vector<int> Preview::failed_pages(const site::Site& s) const {
  std::vector<int> pages;
  for (const auto& [path, url] : st_->failed)
    if (int i = page_index(s, url); i >= 0) pages.push_back(i);
  std::sort(pages.begin(), pages.end());
  return pages;
}

// What render_checked made: the files without a problem, the problems, the output paths of the
// pages that had one and the files that showed a private value.
struct Preview::Checked {
  std::vector<render::File> files;
  diag::Diagnostics problems;
  std::set<std::string> bad, leaky;
};

// Renders pages of the current graph with the checks of a rebuild: render diagnostics and the
// privacy scan. A file that shows a private value is dropped and its page is bad. A render error
// makes every page of the set bad, so they all keep their last good files: a missing UI string is
// reported for the whole render, and pinning it to a page by halving the set would take up to two
// renders per page (each tens of ms at 10 000 profiles). A page a browser asks for renders alone.
void Preview::render_checked(const std::vector<int>& pages, Checked& out) const {
  State& st = *st_;
  Collector sink(st.privates);
  diag::Diagnostics diags;
  {
    render::Options ro{st.opts.threads, st.opts.pretty_links, nullptr, &st.markdown};
    ro.card_colours = st.colours;
    ro.search_cache = &st.search;
    render::Selection sel;
    sel.pages = pages;
    sel.site_files = sel.search = sel.initials_pictures = sel.theme_files = false;
    LentBodies lent(st.site, pages, st.profiles);
    st.search.unchanged(st.site);  // the index only names its URL: the last build's
    render::render_site(st.site, st.theme, ro, sel, diags, sink);
  }
  std::set<std::string> paths;
  for (int i : pages)
    paths.insert(site::output_path(st.site.pages[static_cast<std::size_t>(i)].url));
  bool all = diags.has_errors();
  for (const diag::Diagnostic& d : diags.all())
    if (d.severity == diag::Severity::kError) out.problems.error(d.pos, d.message, d.hint);
  add_leaks(sink.leaks, out.problems);
  for (const output::Leak& leak : sink.leaks) {
    out.leaky.insert(leak.file);
    if (paths.count(leak.file))
      out.bad.insert(leak.file);
    else
      all = true;  // a page's second file (a bulletin's e-mail text)
  }
  if (all) {
    out.bad.insert(paths.begin(), paths.end());
    return;
  }
  std::move(sink.files.begin(), sink.files.end(), std::back_inserter(out.files));
}

// Renders these stale pages from the current site graph and swaps them in. A page with a problem
// keeps its last good file, unless that one shows a value now private (never served), waits in
// `failed` for the next rebuild, and its problem is reported.
void Preview::render_stale(const std::vector<std::string>& paths) const {
  State& st = *st_;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<int> pages;
  {
    std::shared_lock<std::shared_mutex> lock(st.files_mutex);
    for (const std::string& path : paths)
      if (auto it = st.stale.find(path); it != st.stale.end())
        if (int i = page_index(st.site, it->second); i >= 0) pages.push_back(i);
  }
  std::sort(pages.begin(), pages.end());
  Checked out;
  if (!pages.empty()) render_checked(pages, out);
  std::unique_lock<std::shared_mutex> lock(st.files_mutex);
  for (const std::string& path : paths) {
    auto it = st.stale.find(path);
    if (it == st.stale.end()) continue;
    if (out.bad.count(path))
      st.failed.insert(*it);
    else
      st.files.erase(path);
    st.stale.erase(it);
  }
  for (const std::string& path : out.leaky) out.bad.insert(path);
  for (const std::string& path : out.bad) {  // last good files that show a value private now
    auto old = st.files.find(path);
    std::vector<output::Leak> leaks;
    if (old != st.files.end()) output::find_leaks({path, *old->second}, st.privates, leaks);
    if (!leaks.empty()) st.files.erase(old);
  }
  for (render::File& f : out.files)
    st.files[f.path] = std::make_shared<const std::string>(std::move(f.bytes));
  lock.unlock();
  if (out.problems.has_errors())
    report_later(out.problems,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

// Adds problems found in pages rendered later to those not yet fixed and reports them all.
void Preview::report_later(const diag::Diagnostics& found, double seconds) const {
  State& st = *st_;
  for (const diag::Diagnostic& d : found.all()) {
    const std::vector<diag::Diagnostic>& known = st.later.all();
    if (std::none_of(known.begin(), known.end(), [&](const diag::Diagnostic& k) {
          return k.pos.file == d.pos.file && k.pos.line == d.pos.line &&
                 k.pos.column == d.pos.column && k.message == d.message && k.hint == d.hint;
        }))
      st.later.error(d.pos, d.message, d.hint);
  }
  if (!st.report) return;
  RebuildResult r;
  r.ok = false;
  r.later = true;
  r.diags = st.later;
  st.add_sources(r.diags, r.sources);
  r.seconds = seconds;
  st.report(r);
}

void Preview::flush() const {
  std::lock_guard<std::mutex> site(st_->site_mutex);
  std::vector<std::string> all;
  {
    std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
    for (const auto& [path, url] : st_->stale) all.push_back(path);
  }
  if (!all.empty()) render_stale(all);
}

void Preview::wake() const {
  {
    std::lock_guard<std::mutex> lock(st_->worker_mutex);
    st_->worker_due = true;
  }
  st_->worker_wake.notify_all();
}

void Preview::work() const {
  State& st = *st_;
  std::unique_lock<std::mutex> lock(st.worker_mutex);
  for (;;) {
    st.worker_wake.wait(lock, [&] { return st.stopping || st.worker_due; });
    if (st.stopping) return;
    st.worker_due = false;
    if (st.worker_wake.wait_for(lock, kPause, [&] { return st.stopping; })) return;
    lock.unlock();
    for (bool more = true; more;) {
      std::lock_guard<std::mutex> site(st.site_mutex);
      std::vector<std::string> chunk;
      {
        std::shared_lock<std::shared_mutex> files(st.files_mutex);
        for (auto it = st.stale.begin(); it != st.stale.end() && chunk.size() < kChunk; ++it)
          chunk.push_back(it->first);
        more = st.stale.size() > chunk.size();
      }
      try {
        if (!chunk.empty()) render_stale(chunk);
      } catch (const std::exception&) {  // out of memory: these pages wait to be asked for
        more = false;
      }
      std::lock_guard<std::mutex> stop(st.worker_mutex);
      more = more && !st.stopping;
    }
    lock.lock();
  }
}

std::shared_ptr<const std::string> Preview::file(const std::string& path) const {
  State& st = *st_;
  st.visit(path);
  {
    std::shared_lock<std::shared_mutex> lock(st.files_mutex);
    if (!st.stale.count(path)) {
      auto it = st.files.find(path);
      if (it != st.files.end()) return it->second;
      lock.unlock();
      return card(path);
    }
  }
  {
    std::lock_guard<std::mutex> site(st.site_mutex);  // after the rebuild running, if any
    render_stale({path});
  }
  std::shared_lock<std::shared_mutex> lock(st.files_mutex);
  auto it = st.files.find(path);
  return it == st.files.end() ? nullptr : it->second;
}

// A social card, drawn the first time it is asked for (nullptr if no profile shows it).
std::shared_ptr<const std::string> Preview::card(const std::string& path) const {
  State& st = *st_;
  std::lock_guard<std::mutex> lock(st.cards_mutex);
  if (auto it = st.card_bytes.find(path); it != st.card_bytes.end()) return it->second;
  auto it = st.cards.find(path);
  if (it == st.cards.end()) return nullptr;
  std::string jpeg = output::social_card_jpegs({*it->second}, st.card_photos(), 1).at(0);
  if (jpeg.empty()) return nullptr;
  return st.card_bytes[path] = std::make_shared<const std::string>(std::move(jpeg));
}

std::size_t Preview::stale_count() const {
  std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
  return st_->stale.size();
}

std::size_t Preview::file_count() const {
  std::size_t cards;
  {
    std::lock_guard<std::mutex> lock(st_->cards_mutex);
    cards = st_->cards.size();
  }
  std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
  std::size_t missing = 0;  // stale pages that are new
  for (const auto& [path, url] : st_->stale) missing += !st_->files.count(path);
  return st_->files.size() + missing + cards;
}

std::map<std::string, std::string> Preview::files() const {
  flush();
  std::map<std::string, std::string> out;
  {
    std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
    for (const auto& [path, bytes] : st_->files) out[path] = *bytes;
  }
  std::vector<std::string> cards;
  {
    std::lock_guard<std::mutex> lock(st_->cards_mutex);
    for (const auto& [path, card] : st_->cards) cards.push_back(path);
  }
  for (const std::string& path : cards)
    if (auto bytes = card(path)) out[path] = *bytes;
  return out;
}

}  // namespace vd::serve
