// serve: the preview server. Builds the site into memory, serves it over HTTP (loopback by
// default, GET and HEAD only, nothing outside the built site), watches the site's folders and
// rebuilds only what a change affects, then tells open pages to reload (Server-Sent Events, through
// /__vinhdanh/reload.js, which is added to HTML pages only here, never to a build).
// In: BuildOptions, the address and port. Out: events for the command line to print. A failed
// rebuild never stops the server: the last good site stays served and pages show the problems.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "diag/diag.h"
#include "pipeline/pipeline.h"
#include "serve/preview.h"

namespace vd::serve {

struct Options {
  pipeline::BuildOptions build;  // source, theme, drafts… (out and write are not used)
  std::string bind = "127.0.0.1";
  int port = 1313;  // 0: any free port
  bool watch = true;
  bool fast_render = true;  // changed pages not viewed lately are rendered when asked for
};

struct Event {
  enum class Kind { kListening, kBuilt, kFailed };
  Kind kind = Kind::kBuilt;
  std::string url;                        // kListening: "http://127.0.0.1:1313/"
  const RebuildResult* result = nullptr;  // kBuilt, kFailed (result->later: problems found in
                                          // pages rendered later, from any thread)
  std::vector<std::string> changed;       // the files that started the rebuild (empty: first build)
};

class Server {
 public:
  Server(Options opts, std::function<void(const Event&)> report);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Builds the site, starts listening and watching; returns at once. A failed first build still
  // serves (the error page). Fails when the address cannot be bound or watched.
  diag::Status start();
  int port() const;
  // Rebuilds after these files changed (what the watcher calls; tests may call it directly).
  void changed(std::vector<std::string> paths);
  // How many builds were published so far (each one sends a reload).
  long generation() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What `serve` prints on the terminal after each build: the problems and a summary line. A
// warning is printed when it appears (the first build's, or one an edit brought in), not again
// at every later rebuild while it stays; errors are printed every time.
class Console {
 public:
  Console(bool quiet, bool timings) : quiet_(quiet), timings_(timings) {}
  // The text to print on the error stream for a kBuilt or kFailed event (thread-safe: problems
  // found in pages rendered later come from other threads).
  std::string describe(const Event& ev);

 private:
  bool quiet_, timings_;
  std::mutex mutex_;
  std::set<std::string> shown_;  // the warnings of the last build, as printed
};

}  // namespace vd::serve
