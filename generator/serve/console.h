// What `serve` prints on the terminal after each build: the problems and a summary line. A
// warning is printed when it appears (the first build's, or one an edit brought in), not again
// at every later rebuild while it stays; errors are printed every time.
#pragma once

#include <mutex>
#include <set>
#include <string>

#include "serve/serve.h"

namespace vd::serve {

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
