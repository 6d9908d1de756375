// cli: the `vinhdanh` command. One file per verb; the only place that prints or exits.
// Exit codes: 0 ok, 1 content errors, 2 usage or system errors.
#pragma once

#include <string>

#include "import/import.h"
#include "pipeline/pipeline.h"
#include "publish/publish.h"

namespace vd::cli {

// Has TCMalloc take its memory in 2 MiB pages (huge_pages.cc); nothing without TCMalloc.
void use_huge_pages();

inline constexpr int kOk = 0, kContentErrors = 1, kSystemError = 2;

struct Common {
  bool quiet = false;
  bool timings = false;  // print the time each stage took
};

// `at`: a git revision to build from instead of the work tree ("" = the work tree).
int run_build(pipeline::BuildOptions opts, const Common& common, const std::string& at = "");
int run_check(pipeline::BuildOptions opts, const Common& common);
struct ServeFlags {
  std::string bind = "127.0.0.1";
  int port = 1313;  // 0: any free port (the URL is printed)
  bool disable_fast_render = false;
};
int run_serve(const pipeline::BuildOptions& opts, const ServeFlags& flags, const Common& common);
int run_new(const std::string& kind, const std::string& name, const std::string& source,
            const Common& common);
int run_import(const import::Options& opts, bool dry_run, const Common& common);

int run_publish(pipeline::BuildOptions opts, const publish::Options& po, const Common& common);
// Prints the time of each stage when --timings was given.
void print_timings(const pipeline::BuildResult& r, const Common& common);
// Prints every diagnostic (notes too unless quiet) compiler-style on stderr.
void print_diagnostics(const pipeline::BuildResult& r, bool quiet);

// The default theme folder: $VINHDANH_THEME, else the folder this binary was built from.
std::string default_theme();
// True when stderr is an interactive terminal and not a CI log.
bool interactive();

}  // namespace vd::cli
