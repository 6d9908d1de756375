// "Never serve a private value" wins over "keep the last good build": when a rebuild changes the
// private values (or fails after reading new ones), the files served were scanned against other
// values, so every one of them is scanned again; one that shows a value is withheld until a good
// rebuild renders it without one.
#include <algorithm>
#include <chrono>

#include "parallel/parallel.h"
#include "serve/state.h"

namespace vd::serve {

namespace {

// True when `d` is already in `ds` (a page may be reported by its render and by this scan).
bool known(const diag::Diagnostics& ds, const diag::Diagnostic& d) {
  const std::vector<diag::Diagnostic>& all = ds.all();
  return std::any_of(all.begin(), all.end(), [&](const diag::Diagnostic& k) {
    return k.severity == d.severity && k.pos.file == d.pos.file && k.pos.line == d.pos.line &&
           k.pos.column == d.pos.column && k.message == d.message && k.hint == d.hint;
  });
}

// Every file of `files` scanned on all cores; the leaks sorted by file, then owner.
std::vector<output::Leak> scan_all(
    const std::unordered_map<std::string, std::shared_ptr<const std::string>>& files,
    const output::PrivateValues& privates, int threads) {
  std::vector<const std::pair<const std::string, std::shared_ptr<const std::string>>*> items;
  items.reserve(files.size());
  for (const auto& item : files) items.push_back(&item);
  output::LeakScanner scanner(privates);
  std::vector<std::vector<output::Leak>> found(items.size());
  parallel::parallel_for(
      items.size(), threads,
      [&](std::size_t i) {
        scanner.scan({items[i]->first, *items[i]->second}, found[i]);
      },
      64);
  std::vector<output::Leak> leaks;
  for (auto& f : found) leaks.insert(leaks.end(), f.begin(), f.end());
  std::sort(leaks.begin(), leaks.end(), [](const output::Leak& a, const output::Leak& b) {
    return std::tie(a.file, a.value_owner) < std::tie(b.file, b.value_owner);
  });
  return leaks;
}

}  // namespace

void Preview::State::withhold_leaks(const output::PrivateValues& now, RebuildResult& r,
                                    bool rendered_all) {
  output::PrivateValues sorted = now;
  std::sort(sorted.begin(), sorted.end());
  if (rendered_all) scanned = sorted;
  if (sorted == scanned) return;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<output::Leak> leaks;
  {
    std::shared_lock<std::shared_mutex> lock(files_mutex);  // only a build changes `files`
    leaks = scan_all(files, sorted, opts.threads);
  }
  r.timings.emplace_back(
      "privacy", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  scanned = std::move(sorted);
  if (leaks.empty()) return;
  std::map<std::string, std::string> url_of;  // output path → URL of the site's pages
  for (const site::Page& p : site.pages) url_of.emplace(site::output_path(p.url), p.url);
  diag::Diagnostics problems;
  {
    std::unique_lock<std::shared_mutex> lock(files_mutex);
    for (const output::Leak& leak : leaks) {
      files.erase(leak.file);
      if (stale.count(leak.file)) continue;  // rendered later, with the current values
      auto page = url_of.find(leak.file);
      if (page != url_of.end())
        failed.insert(*page);  // rendered at once by the next rebuild
      else
        have_site = false;  // a site file (feed, search index, …): the next rebuild makes all
      add_leaks({leak}, problems);
    }
  }
  for (const diag::Diagnostic& d : problems.all()) {
    if (!known(r.diags, d)) r.diags.add(d.severity, d.pos, d.message, d.hint);
    if (!known(later, d)) later.add(d.severity, d.pos, d.message, d.hint);
  }
  if (!problems.has_errors()) return;
  r.ok = false;
  add_sources(r.diags, r.sources);
}

}  // namespace vd::serve
