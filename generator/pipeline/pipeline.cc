#include "pipeline/pipeline.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

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

double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

namespace {
class StageClock {
 public:
  explicit StageClock(BuildResult& r)
      : r_(r), t_(std::chrono::steady_clock::now()), cpu_(process_cpu_seconds()) {}
  void lap(const char* stage) {
    auto now = std::chrono::steady_clock::now();
    double cpu = process_cpu_seconds();
    r_.timings.push_back(
        {stage, std::chrono::duration<double>(now - t_).count(), peak_kib(), cpu - cpu_});
    t_ = now;
    cpu_ = cpu;
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
  double cpu_;
};
}  // namespace

// Scans each file for private values, then hands it on (to the staging writer, or nowhere
// for `check`). Thread-safe: files come from every render thread.
class ScanningSink : public render::Sink {
 public:
  ScanningSink(const output::PrivateValues& privates, render::Sink* next,
               const std::function<void(const render::File&)>& tap)
      : scanner_(privates), next_(next), tap_(tap) {}
  void put(render::File f) override {
    std::vector<output::Leak> found;
    scanner_.scan(f, found);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++files_;
      leaks_.insert(leaks_.end(), found.begin(), found.end());
    }
    if (!found.empty() || !next_) return;  // a leaking file is never written
    if (tap_) tap_(f);
    next_->put(std::move(f));
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
  const std::function<void(const render::File&)>& tap_;
  std::mutex mutex_;
  std::size_t files_ = 0;
  std::vector<output::Leak> leaks_;
};

namespace {

// Each profile's record on its own, made on the loading threads as soon as the file is parsed
// (the cross-checks come in build_model); its value tree is freed there, while still in the cache.
class RecordReader : public load::ProfileReader {
 public:
  void begin(std::size_t count) override {
    records_.resize(count);
    read_.assign(count, 0);
  }
  void take(std::size_t i, load::Document& doc) override {
    if (!doc.ok) return;
    records_[i] = model::read_profile_record(doc);
    read_[i] = 1;
    doc.front = load::Node();
  }
  // The records of the usable files, in file order.
  std::vector<model::ProfileRecord> records() {
    if (std::find(read_.begin(), read_.end(), 0) == read_.end()) return std::move(records_);
    std::vector<model::ProfileRecord> out;
    for (std::size_t i = 0; i < records_.size(); ++i)
      if (read_[i]) out.push_back(std::move(records_[i]));
    return out;
  }

 private:
  std::vector<model::ProfileRecord> records_;
  std::vector<char> read_;  // one byte each: threads write different elements
};

// What `check` renders: a sample that uses every layout and the UI strings the site's data can
// ask for — the first page of each kind, and one profile page per kind of honouree, per award and
// with initiatives. Rendering all 10 000 pages would take most of check's time; `build` renders
// them all and scans every output file for private values. The search index (every profile's
// name and summary) is made only to be scanned too: not at all when no profile has a private
// value.
render::Selection check_sample(const site::Site& s, const output::PrivateValues& privates) {
  render::Selection sel;
  sel.search_index = std::any_of(privates.begin(), privates.end(),
                                 [](const auto& owner) { return !owner.second.empty(); });
  std::set<int> kinds;
  std::set<std::string> awards;
  bool individual = false, collective = false, initiatives = false;
  for (std::size_t i = 0; i < s.pages.size(); ++i) {
    const site::Page& p = s.pages[i];
    bool take = kinds.insert(static_cast<int>(p.kind)).second;
    if (p.kind == site::PageKind::kProfile) {
      const model::Profile& pr = s.honourees[p.entity].profile;
      bool ind = pr.kind == model::Kind::kIndividual;
      take |= ind ? !std::exchange(individual, true) : !std::exchange(collective, true);
      if (!pr.initiatives.empty()) take |= !std::exchange(initiatives, true);
      for (const model::AwardGrant& g : pr.awards) take |= awards.insert(g.award).second;
    }
    if (take) sel.pages.push_back(static_cast<int>(i));
  }
  if (!s.units.empty()) sel.units.insert(s.units.front().id);
  return sel;
}

}  // namespace

// With keep_site, what the build made stays allocated in r.kept instead of being freed here.
template <class... Parts>
void keep(BuildResult& r, const BuildOptions& opts, Parts&... parts) {
  if (opts.keep_site) r.kept = std::make_shared<std::tuple<Parts...>>(std::move(parts)...);
}

// Every bulletin's print page becomes <its folder>/<file name>.pdf.
diag::Status print_pdfs(fs::FileSystem& fs, const site::Site& site, output::StagingWriter& writer,
                        const BuildOptions& opts, std::size_t& made) {
  std::string chromium = output::find_chromium();
  if (chromium.empty())
    return diag::Status::failure(
        "--pdf needs Chromium to print bulletins: install the Debian package 'chromium' "
        "(apt-get install chromium) or set VINHDANH_CHROMIUM to the program");
  std::vector<output::PdfJob> jobs;
  for (const site::PublishedBulletin& b : site.bulletins) {
    std::string date = b.bulletin.date ? text::iso_date(*b.bulletin.date) : "";
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    jobs.push_back(
        {site::output_path(b.url + "ban-in/"), b.url.substr(1) + b.bulletin.stem + ".pdf", date});
  }
  return output::print_pdfs(fs, writer, jobs, chromium, opts.threads, made);
}

BuildResult build(fs::FileSystem& fs, const BuildOptions& opts) {
  BuildResult r;
  StageClock clock(r);
  RecordReader reader;
  load::LoadOptions lo{opts.source, opts.theme.empty() ? opts.source : opts.theme, opts.threads};
  lo.profile_reader = &reader;
  load::SourceTree tree = load::load_site(fs, lo, r.diags);
  std::vector<site::Edition> editions = opts.editions;
  tree.history = opts.history;
  if (opts.late_history) opts.late_history(tree.history, editions);
  clock.lap("load");
  model::Model model =
      model::build_model(tree, reader.records(), r.diags, opts.drafts, opts.threads);
  // The value trees are no longer needed once the model holds typed records: free them before
  // rendering (they are a large share of the peak memory on big sites).
  std::vector<load::Document>().swap(tree.profiles);
  std::vector<load::Document>().swap(tree.bulletins);
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
                                     {.drafts = opts.drafts,
                                      .future = opts.future,
                                      .expired = opts.expired,
                                      .today = opts.today,
                                      .editions = editions,
                                      .threads = opts.threads},
                                     r.diags);
  if (opts.before_render && !r.diags.has_errors()) opts.before_render(site, r.diags);
  clock.lap("site");
  // Keep the text of files that have diagnostics (for printing their lines), free the rest
  // (with keep_site, the caller is about to exit: the tree keeps them, unfreed).
  for (const diag::Diagnostic& d : r.diags.all()) {
    auto it = tree.sources.find(d.pos.file);
    if (it != tree.sources.end()) r.sources.insert(*it);
  }
  if (!opts.keep_site) diag::SourceMap().swap(tree.sources);
  if (r.diags.has_errors()) {  // content errors: nothing is rendered or written
    keep(r, opts, site, tree);
    return r;
  }

  // Files stream from the render threads through the privacy scan into the staging folder;
  // the staging folder replaces the output only when everything succeeded.
  render::Theme theme{std::move(tree.layouts), std::move(tree.assets), std::move(tree.images), {}};
  theme.photos = output::probe_photos(theme.images, r.diags);
  output::StagingWriter folder(fs, opts.out, r.stats);
  output::Writer& writer = opts.writer ? *opts.writer : folder;
  const bool to_folder = opts.write && !opts.writer;
  if (to_folder) {
    r.status = folder.begin();
    if (!r.status) return r;
  }
  ScanningSink sink(privates, opts.write ? &writer : nullptr, opts.on_output);
  render::Options ro{opts.threads, opts.pretty_links, opts.progress, nullptr, opts.pdf};
  ro.card_colours = render::card_colours(theme.assets);
  render::render_site(site, theme, ro,
                      opts.write ? render::everything(site) : check_sample(site, privates), r.diags,
                      sink);
  clock.lap("render");
  if (opts.write && !r.diags.has_errors()) {
    output::write_photos(theme.images, theme.photos, writer, opts.threads, r.diags);
    clock.lap("images");
    output::write_social_cards(render::social_cards(site, theme.photos, ro.card_colours),
                               theme.images, writer, opts.threads, r.diags);
    clock.lap("cards");
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
  if (!opts.write) {
    keep(r, opts, site, theme, tree);
    return r;
  }
  if (!to_folder) {
    r.status = r.diags.has_errors() ? diag::Status::success() : writer.status();
    return r;
  }
  if (r.diags.has_errors()) {
    folder.abort();
    return r;
  }
  if (opts.pdf) {
    r.status = print_pdfs(fs, site, folder, opts, r.pdfs);
    clock.lap("pdf");
    if (!r.status) {
      folder.abort();
      return r;
    }
  }
  r.status = folder.commit();
  clock.lap("swap");
  return r;
}

}  // namespace vd::pipeline
