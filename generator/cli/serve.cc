// `vinhdanh serve`: the preview server. Prints each rebuild (and its problems) until Ctrl-C.
#include "serve/serve.h"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>

#include <pthread.h>

#include "cli/commands.h"

namespace vd::cli {

namespace {

void print(const serve::Event& ev, serve::Console& console) {
  if (ev.kind == serve::Event::Kind::kListening) {
    std::fprintf(stdout, "serving %s (Ctrl-C to stop)\n", ev.url.c_str());
    std::fflush(stdout);
    return;
  }
  std::fputs(console.describe(ev).c_str(), stderr);
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
  serve::Console console(common.quiet, common.timings);
  serve::Server server(opts, [&](const serve::Event& ev) { print(ev, console); });
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
