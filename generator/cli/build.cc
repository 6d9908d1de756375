// `vinhdanh build` and `vinhdanh check`.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <unistd.h>

#include "cli/commands.h"

namespace vd::cli {

namespace {
// Whether the process runs under AddressSanitizer, whose LeakSanitizer checks at exit that
// everything was freed: such a build frees everything, as it would without the shortcut below.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kLeakChecked = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kLeakChecked = true;
#else
constexpr bool kLeakChecked = false;
#endif
#else
constexpr bool kLeakChecked = false;
#endif
}  // namespace

std::string default_theme() {
  if (const char* env = std::getenv("VINHDANH_THEME"); env && *env) return env;
  return VD_THEME_DIR;
}

bool interactive() {
  return ::isatty(STDERR_FILENO) && !std::getenv("CI");
}

void print_diagnostics(const pipeline::BuildResult& r, bool quiet) {
  for (const diag::Diagnostic& d : r.diags.sorted()) {
    if (quiet && d.severity == diag::Severity::kNote) continue;
    std::fputs(diag::format(d, r.sources).c_str(), stderr);
  }
}

namespace {

int finish(const pipeline::BuildResult& r, bool quiet, double seconds, const std::string& what) {
  print_diagnostics(r, quiet);
  if (!r.status) {
    std::fprintf(stderr, "error: %s\n", r.status.message.c_str());
    return kSystemError;
  }
  std::string line = fmt::format("{} in {:.2f} s: {}", what, seconds, diag::summary(r.diags));
  if (r.diags.has_errors()) {
    std::fprintf(stderr, "%s; nothing was written\n", line.c_str());
    return kContentErrors;
  }
  if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
  return kOk;
}

}  // namespace

void print_timings(const pipeline::BuildResult& r, const Common& common) {
  if (!common.timings) return;
  for (const auto& t : r.timings) {
    std::string cpu = t.cpu_seconds < 0 ? "" : fmt::format("   cpu {:7.3f} s", t.cpu_seconds);
    std::fprintf(stderr, "%-8s %7.3f s%s   peak memory %6.1f MiB\n", t.stage.c_str(), t.seconds,
                 cpu.c_str(), t.peak_kib / 1024.0);
  }
}

namespace {

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int run_build(pipeline::BuildOptions opts, const Common& common, const std::string& at) {
  auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<fs::FileSystem> fs = fs::make_real();
  publish::Revision revision;
  if (!at.empty()) {
    // The site as it was at a revision, read from git objects (no checkout).
    if (diag::Status s = publish::open_revision(opts.source, at, *fs, opts, revision); !s) {
      std::fprintf(stderr, "error: %s\n", s.message.c_str());
      return kSystemError;
    }
    if (!common.quiet)
      std::fprintf(stderr, "building %s (source %.12s%s)\n", at.c_str(),
                   revision.source_commit.c_str(),
                   revision.edition ? fmt::format(", edition {}", revision.edition).c_str() : "");
  } else {
    opts.history = publish::worktree_history(*fs, opts.source);
    opts.editions = publish::published_editions(*fs, opts.source);
  }
  double history_seconds = since(t0);
  fs::FileSystem& files = revision.fs ? *revision.fs : *fs;
  if (!files.is_file(fs::join(opts.source, "site.yml"))) {
    std::fprintf(stderr,
                 "error: no site.yml in '%s'; run vinhdanh in a site folder or pass --source DIR\n",
                 opts.source.c_str());
    return kSystemError;
  }
  if (interactive() && !common.quiet) {
    // A progress line on a terminal only: CI logs get the one-line summary.
    opts.progress = [](std::size_t done, std::size_t total) {
      std::fprintf(stderr, "\rrendering %zu/%zu pages", done, total);
    };
  }
  pipeline::BuildResult r = pipeline::build(files, opts);
  r.timings.insert(r.timings.begin(), {"history", history_seconds, 0});
  if (opts.progress) std::fputs("\r\033[K", stderr);
  print_timings(r, common);
  std::string what = fmt::format("built {} pages ({} files: {} written, {} unchanged) into {}/",
                                 r.pages, r.files, r.stats.written, r.stats.kept, opts.out);
  if (opts.pdf) what += fmt::format(", {} PDF{} printed", r.pdfs, r.pdfs == 1 ? "" : "s");
  int code = finish(r, common.quiet, since(t0), r.diags.has_errors() ? "build failed" : what);
  if (code == kOk && !common.quiet) std::fprintf(stderr, "open %s/index.html\n", opts.out.c_str());
  return code;
}

int run_check(pipeline::BuildOptions opts, const Common& common) {
  auto t0 = std::chrono::steady_clock::now();
  auto fs = fs::make_real();
  if (!fs->is_file(fs::join(opts.source, "site.yml"))) {
    std::fprintf(stderr, "error: no site.yml in '%s'; pass --source DIR\n", opts.source.c_str());
    return kSystemError;
  }
  opts.write = false;
  opts.keep_site = !kLeakChecked;
  // The dates from git and the published editions (libgit2's start alone, which reads the
  // system's certificates, takes a few ms of one core) are worked out while the files load,
  // unless one thread was asked for.
  load::History history;
  std::vector<site::Edition> editions;
  double history_seconds = 0;
  auto from_git = [&] {
    auto start = std::chrono::steady_clock::now();
    history = publish::worktree_history(*fs, opts.source);
    editions = publish::published_editions(*fs, opts.source);
    history_seconds = since(start);
  };
  std::thread git;
  if (opts.threads == 1)
    from_git();
  else
    git = std::thread(from_git);
  opts.late_history = [&](load::History& h, std::vector<site::Edition>& e) {
    if (git.joinable()) git.join();
    h = std::move(history);
    e = std::move(editions);
  };
  pipeline::BuildResult r = pipeline::build(*fs, opts);
  if (git.joinable()) git.join();
  r.timings.insert(r.timings.begin(), {"history", history_seconds, 0});
  print_timings(r, common);
  int code = finish(r, common.quiet, since(t0), "checked");
  if (r.kept) {
    // check ends the process here, and writes nothing: the kernel takes back the site graph at
    // once, where freeing its ~10 000 honourees, stories and pages one by one took ~10 ms.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
  }
  return code;
}

}  // namespace vd::cli
