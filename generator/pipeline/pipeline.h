// pipeline: the one short file that chains the stages: load → model → site → render → output.
// In: a FileSystem and BuildOptions. Out: BuildResult (diagnostics, source texts for printing,
// counts). Nothing is written when any stage reported an error. Never prints.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "load/load.h"
#include "output/output.h"
#include "site/site.h"
#include "text/text.h"

namespace vd::pipeline {

struct BuildOptions {
  std::string source = ".";
  std::string out = "public";
  std::string theme;     // default theme folder; empty = the source folder itself
  std::string base_url;  // overrides site.yml when set
  bool drafts = false, future = false, expired = false;
  bool write = true;  // false: `check` (validate and render, write nothing)
  bool pretty_links = false;
  bool pdf = false;  // also print every bulletin to PDF with headless Chromium
  int threads = 0;
  text::Date today;  // decides publish_date / expiry_date
  std::function<void(std::size_t done, std::size_t total)> progress;  // pages rendered so far
  load::History history;                // content file dates from git (publish/ works them out)
  std::vector<site::Edition> editions;  // earlier published editions, oldest first
  // When set, called once the files are loaded (before the model is built) to fill the history
  // and editions the build uses, in place of the two above: `check` works them out from git on
  // another thread while the files load, and waits for them there.
  std::function<void(load::History&, std::vector<site::Edition>&)> late_history;
  // Called once the site graph is known and before anything is rendered (publish/ compares it
  // with the previous edition there, adds the new edition and reports vanishing URLs as errors).
  std::function<void(site::Site&, diag::Diagnostics&)> before_render;
  // Called with every rendered file the build writes, from the render threads, after the privacy
  // scan and before it is written (publish hashes it into the repository from memory). Photos and
  // PDFs, which output/ makes itself, are not passed.
  std::function<void(const render::File&)> on_output;
  // With `write`: where the files go instead of the output folder `out`, which is then neither
  // read nor written by the build (publish/ commits them straight into the repository). PDFs are
  // printed only into the output folder.
  output::Writer* writer = nullptr;
  // Hand the site graph and theme over in BuildResult::kept instead of freeing them at the end
  // (a caller about to exit need not free them: ~10 000 honourees take a while to free).
  bool keep_site = false;
};

// User + system time of the whole process so far (all threads), in seconds.
double process_cpu_seconds();

struct BuildResult {
  diag::Diagnostics diags;
  diag::SourceMap sources;
  std::size_t pages = 0, files = 0;
  std::size_t pdfs = 0;  // PDFs printed by Chromium in this build (unchanged ones are reused)
  output::Stats stats;
  diag::Status status;  // a system failure (I/O), separate from content errors
  struct Timing {
    std::string stage;
    double seconds = 0;
    long peak_kib = 0;        // the process's peak memory at the end of the stage (0 if unknown)
    double cpu_seconds = -1;  // user + system time of the whole process during it (-1: unknown)
  };
  std::vector<Timing> timings;  // per stage, in order
  std::shared_ptr<void> kept;   // with keep_site: the site graph and theme, still allocated
};

BuildResult build(fs::FileSystem& fs, const BuildOptions& opts);

// Today's date from the system clock (local time), for the CLI.
text::Date today();

}  // namespace vd::pipeline
