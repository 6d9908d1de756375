// Watches the site's folders with inotify (Linux) and reports the files that changed.
// In: folders to watch, each with the prefix its files are reported under. Out: batches of
// changed paths ("content/profiles/2023-2024/a.md", "site.yml"), delivered on the watcher's own
// thread once changes have settled for a moment (an editor's save is several events). Never
// reads file contents; editors' temporary files (.x.swp, x~, 4913, #x#) are ignored.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diag/diag.h"

namespace vd::serve {

struct WatchRoot {
  std::string dir;                   // on disk
  std::string prefix;                // reported paths: prefix + path below dir ("" or "layouts/")
  bool recursive = true;             // false: only the files named in `only`
  std::vector<std::string> only;     // non-recursive roots: the file names reported
  std::vector<std::string> subdirs;  // non-recursive roots: folders watched when they appear
};

class Watcher {
 public:
  using Callback = std::function<void(std::vector<std::string> changed)>;
  Watcher(std::vector<WatchRoot> roots, Callback on_change, int settle_ms = 20);
  ~Watcher();  // stops
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;
  diag::Status start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vd::serve
