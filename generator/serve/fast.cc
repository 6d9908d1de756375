// Fast render (as `hugo server`'s): the changed pages nobody looked at lately are left for later,
// then rendered when asked for, or by a background thread soon after the reload was sent. A page
// left for later is always rendered from the current site graph, so it comes out exactly as a
// full build makes it; a rebuild renders what is left before it changes the graph.
#include <chrono>
#include <exception>

#include "serve/preview.h"
#include "serve/state.h"

namespace vd::serve {

namespace {
constexpr std::size_t kChunk = 256;  // pages the background thread renders under one lock
constexpr auto kPause = std::chrono::milliseconds(50);  // lets the browsers reload first
}  // namespace

std::vector<int> Preview::render_now(const site::Site& s, const Plan& plan,
                                     std::map<std::string, std::string>& later) const {
  State& st = *st_;
  if (!st.fast_render || !st.have_site || !st.defer) return plan.pages;
  std::vector<int> now;
  for (int i : plan.pages) {
    const site::Page& p = s.pages[static_cast<std::size_t>(i)];
    std::string path = site::output_path(p.url);
    // An edited profile's page is rendered at once: its story is checked while it renders.
    bool edited = p.kind == site::PageKind::kProfile &&
                  st.pending.count(s.honourees[static_cast<std::size_t>(p.entity)].profile.path);
    if (edited || st.was_visited(path))
      now.push_back(i);
    else
      later.emplace(std::move(path), p.url);
  }
  return now;
}

// Renders these stale pages from the current site graph and swaps them in. A page that cannot be
// rendered (it would show a private value) is dropped: never its old bytes.
void Preview::render_stale(const std::vector<std::string>& paths) const {
  State& st = *st_;
  Plan plan;
  plan.site_files = plan.search = plan.initials_pictures = false;
  {
    std::shared_lock<std::shared_mutex> lock(st.files_mutex);
    for (const std::string& path : paths) {
      auto it = st.stale.find(path);
      if (it == st.stale.end()) continue;
      const std::vector<site::Page>& pages = st.site.pages;
      auto at =
          std::lower_bound(pages.begin(), pages.end(), it->second,
                           [](const site::Page& p, const std::string& url) { return p.url < url; });
      if (at != pages.end() && at->url == it->second)
        plan.pages.push_back(static_cast<int>(at - pages.begin()));
    }
  }
  std::sort(plan.pages.begin(), plan.pages.end());
  Collector sink(st.privates);
  if (!plan.pages.empty()) {
    render::Options ro{st.opts.threads, st.opts.pretty_links, nullptr, &st.markdown};
    ro.card_colours = st.colours;
    ro.search_cache = &st.search;
    render::Selection sel;
    sel.pages = plan.pages;
    sel.site_files = sel.search = sel.initials_pictures = sel.theme_files = false;
    diag::Diagnostics diags;  // the same as the build's that planned these pages
    LentBodies lent(st.site, plan, st.profiles);
    render::render_site(st.site, st.theme, ro, sel, diags, sink);
  }
  std::unique_lock<std::shared_mutex> lock(st.files_mutex);
  for (const std::string& path : paths) {
    if (st.stale.erase(path)) st.files.erase(path);
  }
  for (render::File& f : sink.files)
    st.files[f.path] = std::make_shared<const std::string>(std::move(f.bytes));
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
