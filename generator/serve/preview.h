// The preview build: the whole site rendered into memory, then rebuilt incrementally.
// In: a FileSystem holding the site (and theme) folders, BuildOptions, and the files that changed.
// Out: the files of the last good build (path → bytes) and each rebuild's diagnostics.
// Never writes to disk; a failed rebuild leaves the last good files in place, except that a file
// showing a value the current sources mark private is never served: when the private values
// change, every served file is scanned again (privacy.cc). Parsed profiles, name keys and
// rendered Markdown are kept across rebuilds, keyed by content.
// Fast render (as Hugo's server): a rebuild renders at once only the changed pages that browsers
// asked for lately and the pages of the edited profiles; the other changed pages are rendered
// when asked for, or by a background thread soon after. Either way a page read after a rebuild is
// exactly what a full build makes. A page rendered later goes through the same checks (render
// diagnostics, privacy scan); a problem found then is reported like a failed rebuild, and the page
// keeps its last good file until a rebuild renders it without one.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "pipeline/pipeline.h"
#include "site/site.h"

namespace vd::serve {

struct Plan;  // deps.h
}  // namespace vd::serve
namespace vd::render {
class Sink;
}  // namespace vd::render
namespace vd::serve {

struct RebuildResult {
  bool ok = true;
  bool later = false;                 // not a rebuild: problems found in pages rendered later
  bool full = false;                  // every page was rendered
  diag::Diagnostics diags;            // of the whole site
  diag::SourceMap sources;            // texts of the files named in diags
  std::vector<std::string> rendered;  // output paths rendered, sorted
  std::size_t updated = 0;            // output files added, changed or removed
  std::size_t deferred = 0;           // changed pages left for later (fast render)
  double seconds = 0;
  double cpu_seconds = 0;  // processor time of all threads (a figure less noisy than wall time)
  std::vector<std::pair<std::string, double>> timings;  // seconds per stage
};

class Preview {
 public:
  // fast_render: defer the changed pages nobody looked at lately (see above). report: called with
  // every result in the order they happen, each build's and rebuild's before it returns and, from
  // any thread, the problems found in pages rendered later (`later`, every one not yet fixed).
  Preview(fs::FileSystem& fs, pipeline::BuildOptions opts, bool fast_render = false,
          std::function<void(const RebuildResult&)> report = {});
  ~Preview();
  Preview(const Preview&) = delete;
  Preview& operator=(const Preview&) = delete;

  // Reads everything and renders the whole site.
  RebuildResult build();
  // After these files changed: paths relative to the site root ("content/profiles/…/a.md",
  // "site.yml") or to the theme folder ("layouts/profile.mustache"). A folder name makes the
  // profile folder be listed again.
  RebuildResult rebuild(const std::vector<std::string>& changed);

  // One output file of the last good build ("dien-hinh/…/index.html"); null when absent. A page
  // left for later is rendered now (after the rebuild running, if one is). Thread-safe. An HTML
  // file asked for joins the pages rendered at once by the next rebuilds.
  std::shared_ptr<const std::string> file(const std::string& path) const;
  std::size_t file_count() const;
  // A copy of every file (tests compare it with a full build); renders what was left for later.
  std::map<std::string, std::string> files() const;
  // How many changed pages are still left for later.
  std::size_t stale_count() const;

 private:
  struct State;
  class Laps;
  struct Checked;  // fast.cc
  RebuildResult run(const std::vector<std::string>& changed);
  // Fast render (fast.cc): the plan's pages to render now; the others go to `later`.
  std::vector<int> render_now(const site::Site& s, const Plan& plan,
                              std::map<std::string, std::string>& later) const;
  void render_stale(const std::vector<std::string>& paths) const;  // the site lock held
  void render_checked(const std::vector<int>& pages, Checked& out) const;
  void report_later(const diag::Diagnostics& found, double seconds) const;
  std::vector<int> failed_pages(const site::Site& s) const;
  void flush() const;
  void work() const;  // the background thread
  void wake() const;
  bool patch(const std::set<std::string>& paths, RebuildResult& r);
  void rename(int honouree, model::Profile p, bool initiatives, Plan& moved);
  void rebuild_site(bool full, const std::set<std::string>& profiles,
                    const std::set<std::string>& layout_kinds, RebuildResult& r, Laps& lap);
  bool publish(site::Site& s, const Plan& plan, bool full, RebuildResult& r, Laps& lap);
  void fail(RebuildResult& r);
  void add_photos(render::Sink& sink, diag::Diagnostics& diags);
  void name_cards(const site::Site& s, const Plan& plan, bool full,
                  const render::CardColours& colours);
  std::shared_ptr<const std::string> card(const std::string& path) const;
  std::unique_ptr<State> st_;
};

}  // namespace vd::serve
