// `vinhdanh serve`: the preview server. Prints each rebuild (and its problems) until Ctrl-C.
#include "serve/serve.h"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>

#include <pthread.h>

#include "cli/commands.h"

namespace vd::cli {

namespace {

void print(const serve::Event& ev, const Common& common) {
  bool quiet = common.quiet;
  using K = serve::Event::Kind;
  if (ev.kind == K::kListening) {
    std::fprintf(stdout, "serving %s (Ctrl-C to stop)\n", ev.url.c_str());
    std::fflush(stdout);
    return;
  }
  const serve::RebuildResult& r = *ev.result;
  for (const diag::Diagnostic& d : r.diags.sorted()) {
    if (d.severity == diag::Severity::kNote && (quiet || r.ok)) continue;
    if (d.severity == diag::Severity::kWarning && r.ok && !ev.changed.empty()) continue;
    std::fputs(diag::format(d, r.sources).c_str(), stderr);
  }
  std::string what = r.later              ? std::string("rendering pages left for later")
                     : ev.changed.empty() ? std::string("built")
                     : ev.changed.size() == 1
                         ? "rebuilt after " + ev.changed[0]
                         : fmt::format("rebuilt after {} changes", ev.changed.size());
  if (r.ok)
    std::fprintf(
        stderr, "%s in %.0f ms: %zu files rendered, %zu changed%s%s\n", what.c_str(),
        r.seconds * 1000, r.rendered.size(), r.updated, r.full ? " (full)" : "",
        r.deferred ? fmt::format(", {} pages rendered when viewed", r.deferred).c_str() : "");
  if (r.ok && common.timings) {
    std::string t;
    for (const auto& [stage, seconds] : r.timings)
      t += fmt::format(" {} {:.1f}", stage, seconds * 1000);
    std::fprintf(stderr, "  ms:%s; processor time %.0f ms\n", t.c_str(), r.cpu_seconds * 1000);
  }
  if (!r.ok)
    std::fprintf(stderr, "%s failed in %.0f ms: %s; still serving the last good build%s\n",
                 what.c_str(), r.seconds * 1000, diag::summary(r.diags).c_str(),
                 r.later ? " of those pages" : "");
}

}  // namespace

int run_serve(const pipeline::BuildOptions& build, const ServeFlags& flags, const Common& common) {
  auto fs = fs::make_real();
  if (!fs->is_file(fs::join(build.source, "site.yml"))) {
    std::fprintf(stderr, "error: no site.yml in '%s'; pass --source DIR\n", build.source.c_str());
    return kSystemError;
  }
  // Ctrl-C and SIGTERM are taken by this thread (sigwait) and never by the server's threads.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  serve::Options opts{build, flags.bind, flags.port, true, !flags.disable_fast_render};
  opts.build.write = false;
  // The same created/updated dates and /editions/ pages as `build` (read once: a commit or an
  // edition made while serving shows after a restart).
  opts.build.history = publish::worktree_history(*fs, build.source);
  opts.build.editions = publish::published_editions(*fs, build.source);
  serve::Server server(opts, [&](const serve::Event& ev) { print(ev, common); });
  if (diag::Status st = server.start(); !st) {
    std::fprintf(stderr, "error: %s\n", st.message.c_str());
    return kSystemError;
  }
  if (flags.bind != "127.0.0.1" && flags.bind != "::1" && flags.bind != "localhost")
    std::fprintf(stderr, "warning: listening on %s: other machines can see this preview\n",
                 flags.bind.c_str());
  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "stopping\n");
  server.stop();
  return kOk;
}

}  // namespace vd::cli
