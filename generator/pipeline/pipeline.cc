#include "pipeline/pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <tuple>

#include "load/load.h"
#include "model/model.h"
#include "render/render.h"
#include "site/site.h"

namespace vd::pipeline {

text::Date today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

namespace {
class StageClock {
 public:
  explicit StageClock(BuildResult& r) : r_(r), t_(std::chrono::steady_clock::now()) {}
  void lap(const char* stage) {
    auto now = std::chrono::steady_clock::now();
    r_.timings.push_back({stage, std::chrono::duration<double>(now - t_).count(), peak_kib()});
    t_ = now;
  }

  // VmHWM from /proc (Linux): the peak resident memory so far.
  static long peak_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long kib = 0;
    while (std::fgets(line, sizeof line, f))
      if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(f);
    return kib;
  }

 private:
  BuildResult& r_;
  std::chrono::steady_clock::time_point t_;
};
}  // namespace

// Scans each file for private values, then hands it on (to the staging writer, or nowhere
// for `check`). Thread-safe: files come from every render thread.
class ScanningSink : public render::Sink {
 public:
  ScanningSink(const output::PrivateValues& privates, render::Sink* next)
      : scanner_(privates), next_(next) {}
  void put(render::File f) override {
    std::vector<output::Leak> found;
    scanner_.scan(f, found);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++files_;
      leaks_.insert(leaks_.end(), found.begin(), found.end());
    }
    if (found.empty() && next_) next_->put(std::move(f));  // a leaking file is never written
  }
  std::size_t files() const { return files_; }
  std::vector<output::Leak> leaks() {
    std::sort(leaks_.begin(), leaks_.end(), [](const auto& a, const auto& b) {
      return std::tie(a.value_owner, a.file, a.shape) < std::tie(b.value_owner, b.file, b.shape);
    });
    return leaks_;
  }

 private:
  const output::LeakScanner scanner_;
  render::Sink* next_;
  std::mutex mutex_;
  std::size_t files_ = 0;
  std::vector<output::Leak> leaks_;
};

BuildResult build(fs::FileSystem& fs, const BuildOptions& opts) {
  BuildResult r;
  StageClock clock(r);
  load::LoadOptions lo{opts.source, opts.theme.empty() ? opts.source : opts.theme, opts.threads};
  load::SourceTree tree = load::load_site(fs, lo, r.diags);
  clock.lap("load");
  model::Model model = model::build_model(tree, r.diags, opts.drafts);
  // The value trees are no longer needed once the model holds typed records: free them before
  // rendering (they are a large share of the peak memory on big sites).
  std::vector<load::Document>().swap(tree.profiles);
  std::vector<load::Document>().swap(tree.campaigns);
  if (!opts.base_url.empty()) {
    model.config.base_url = opts.base_url;
    if (model.config.base_url.back() != '/') model.config.base_url += '/';
  }
  clock.lap("model");
  output::PrivateValues privates;
  for (const model::PrivateData& p : model.private_data)
    privates.emplace_back(p.profile_path, p.values);
  site::Site site = site::build_site(std::move(model),
                                     {opts.drafts, opts.future, opts.expired, opts.today}, r.diags);
  clock.lap("site");
  // Keep the text of files that have diagnostics (for printing their lines), free the rest.
  for (const diag::Diagnostic& d : r.diags.all()) {
    auto it = tree.sources.find(d.pos.file);
    if (it != tree.sources.end()) r.sources.insert(*it);
  }
  diag::SourceMap().swap(tree.sources);
  if (r.diags.has_errors()) return r;  // content errors: nothing is rendered or written

  // Files stream from the render threads through the privacy scan into the staging folder;
  // the staging folder replaces the output only when everything succeeded.
  render::Theme theme{std::move(tree.layouts), std::move(tree.assets), std::move(tree.images), {}};
  theme.photos = output::probe_photos(theme.images, r.diags);
  output::StagingWriter writer(fs, opts.out, r.stats);
  if (opts.write) {
    r.status = writer.begin();
    if (!r.status) return r;
  }
  ScanningSink sink(privates, opts.write ? &writer : nullptr);
  render::render_site(site, theme, {opts.threads, opts.pretty_links, opts.progress}, r.diags, sink);
  clock.lap("render");
  if (opts.write && !r.diags.has_errors()) {
    output::write_photos(theme.images, theme.photos, writer, opts.threads, r.diags);
    clock.lap("images");
  }
  r.pages = site.pages.size();
  r.files = sink.files();
  for (const output::Leak& leak : sink.leaks())
    r.diags.error(
        {leak.value_owner, 1, 1},
        fmt::format("a {} from this profile's 'private:' block appears in the output file {}",
                    leak.shape, leak.file),
        "remove the private value from the public fields and the story; private data is never "
        "published");
  if (!opts.write) return r;
  if (r.diags.has_errors()) {
    writer.abort();
    return r;
  }
  r.status = writer.commit();
  clock.lap("swap");
  return r;
}

}  // namespace vd::pipeline
