// `vinhdanh import FILE.csv --campaign ID --school-year YYYY-YYYY [--award ID] [--dry-run]`:
// a nomination list → profile files (import/ does the work; this file prints and exits).
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.h"

namespace vd::cli {

int run_import(const import::Options& opts, bool dry_run, const Common& common) {
  auto fs = fs::make_real();
  import::Plan plan = import::plan_import(*fs, opts);
  for (const diag::Diagnostic& d : plan.diags.sorted()) {
    if (common.quiet && d.severity == diag::Severity::kNote) continue;
    std::fputs(diag::format(d, plan.sources).c_str(), stderr);
  }
  if (!plan.status) {
    std::fprintf(stderr, "error: %s\n", plan.status.message.c_str());
    return kSystemError;
  }
  std::string counts = fmt::format(
      "{} row{} ({}, separator '{}'): {}", plan.rows, plan.rows == 1 ? "" : "s", plan.encoding,
      plan.separator == '\t' ? std::string("tab") : std::string(1, plan.separator),
      diag::summary(plan.diags));
  if (plan.diags.has_errors()) {
    std::fprintf(stderr, "import: %s; nothing was written\n", counts.c_str());
    return kContentErrors;
  }
  if (!dry_run) {
    diag::Status s = import::apply(*fs, plan, opts.source);
    if (!s) {
      std::fprintf(stderr, "error: %s; nothing was written\n", s.message.c_str());
      return kSystemError;
    }
  }
  if (!common.quiet || dry_run) std::fputs(import::describe(plan, dry_run).c_str(), stdout);
  if (!common.quiet)
    std::fprintf(stderr, "import: %s; %zu profile%s %s, %zu left alone\n", counts.c_str(),
                 plan.create.size(), plan.create.size() == 1 ? "" : "s",
                 dry_run ? "would be created" : "created", plan.existing.size());
  return kOk;
}

}  // namespace vd::cli
