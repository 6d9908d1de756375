// The preview build: the whole site rendered into memory, then rebuilt incrementally.
// In: a FileSystem holding the site (and theme) folders, BuildOptions, and the files that changed.
// Out: the files of the last good build (path → bytes) and each rebuild's diagnostics.
// Never writes to disk; a failed rebuild leaves the last good files in place. Parsed profiles,
// name keys and rendered Markdown are kept across rebuilds, keyed by content.
#pragma once

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
  bool full = false;                  // every page was rendered
  diag::Diagnostics diags;            // of the whole site
  diag::SourceMap sources;            // texts of the files named in diags
  std::vector<std::string> rendered;  // output paths rendered, sorted
  std::size_t updated = 0;            // output files added, changed or removed
  double seconds = 0;
  double cpu_seconds = 0;  // processor time of all threads (a figure less noisy than wall time)
  std::vector<std::pair<std::string, double>> timings;  // seconds per stage
};

class Preview {
 public:
  Preview(fs::FileSystem& fs, pipeline::BuildOptions opts);
  ~Preview();
  Preview(const Preview&) = delete;
  Preview& operator=(const Preview&) = delete;

  // Reads everything and renders the whole site.
  RebuildResult build();
  // After these files changed: paths relative to the site root ("content/profiles/…/a.md",
  // "site.yml") or to the theme folder ("layouts/profile.mustache"). A folder name makes the
  // profile folder be listed again.
  RebuildResult rebuild(const std::vector<std::string>& changed);

  // One output file of the last good build ("dien-hinh/…/index.html"); null when absent.
  // Thread-safe: may be called while a rebuild runs.
  std::shared_ptr<const std::string> file(const std::string& path) const;
  std::size_t file_count() const;
  // A copy of every file (tests compare it with a full build).
  std::map<std::string, std::string> files() const;

 private:
  struct State;
  class Laps;
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
