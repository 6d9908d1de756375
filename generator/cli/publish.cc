// `vinhdanh publish`: build the site and commit it as a new edition on the publication branch.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.h"

namespace vd::cli {

namespace {

int refuse_dirty(const publish::Result& r) {
  std::fprintf(stderr, "error: the site folder has uncommitted changes:\n");
  for (std::size_t i = 0; i < r.dirty.size() && i < 20; ++i)
    std::fprintf(stderr, "  %s\n", r.dirty[i].c_str());
  if (r.dirty.size() > 20) std::fprintf(stderr, "  … and %zu more\n", r.dirty.size() - 20);
  std::fprintf(stderr,
               "hint: commit them first, so the edition records the source it was built from "
               "(or pass --allow-dirty)\n");
  return kContentErrors;
}

int report_failure(const publish::Result& r) {
  std::fprintf(stderr, "error: %s\n", r.status.message.c_str());
  if (r.status.message.rfind("non-fast-forward", 0) == 0)
    std::fprintf(stderr,
                 "hint: someone else published to the remote since this repository last saw it. "
                 "vinhdanh never forces a push: fetch the remote's publication branch, publish "
                 "again on top of it, then push\n");
  else if (!r.commit.empty())
    std::fprintf(stderr, "note: edition %d was committed locally (%.12s) but not pushed\n",
                 r.edition, r.commit.c_str());
  return kSystemError;
}

}  // namespace

int run_publish(pipeline::BuildOptions opts, const publish::Options& po, const Common& common) {
  auto t0 = std::chrono::steady_clock::now();
  auto fs = fs::make_real();
  if (!fs->is_file(fs::join(opts.source, "site.yml"))) {
    std::fprintf(stderr, "error: no site.yml in '%s'; pass --source DIR\n", opts.source.c_str());
    return kSystemError;
  }
  publish::Result r = publish::publish(*fs, opts, po);
  print_diagnostics(r.build, common.quiet);
  print_timings(r.build, common);
  if (!r.dirty.empty() && !po.allow_dirty) return refuse_dirty(r);
  if (!r.build.status) {
    std::fprintf(stderr, "error: %s\n", r.build.status.message.c_str());
    return kSystemError;
  }
  if (r.build.diags.has_errors()) {
    std::fprintf(stderr, "publish refused: %s; nothing was committed\n",
                 diag::summary(r.build.diags).c_str());
    return kContentErrors;
  }
  if (!r.status) return report_failure(r);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (common.quiet) return kOk;
  if (r.unchanged)
    std::fprintf(stderr, "nothing changed since the last edition: no commit (%.2f s)\n", secs);
  else
    std::fprintf(stderr, "published edition %d to %s (%.12s%s) in %.2f s\n%s", r.edition,
                 r.branch.c_str(), r.commit.c_str(),
                 r.tag.empty() ? "" : fmt::format(", tag {}", r.tag).c_str(), secs,
                 r.message.c_str());
  if (r.pushed) std::fprintf(stderr, "pushed to %s\n", po.push->c_str());
  return kOk;
}

}  // namespace vd::cli
