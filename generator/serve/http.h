// The HTTP side of serve (internal to serve/): the build channel the event streams follow, and
// the server over the in-memory site. cpp-httplib stays inside http.cc.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "diag/diag.h"
#include "serve/preview.h"

namespace vd::serve {

// Published builds, for the event streams and /__vinhdanh/status.json. Thread-safe.
class Channel {
 public:
  struct State {
    long generation = 0;
    bool ok = true;
    std::string status_json;  // {"generation":…,"ok":…,"title":…,"problems":[…]}
  };
  void publish(bool ok, std::string status_json);
  State current() const;
  // Waits until a build other than `seen` is published, `timeout` passes or close() is called;
  // returns false once closed.
  bool wait(long seen, std::chrono::milliseconds timeout, State& out) const;
  void close();

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  State state_;
  bool closed_ = false;
};

class Http {
 public:
  Http(const Preview& preview, Channel& channel);
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;
  // Binds (port 0: any free port) and serves on a thread of its own.
  diag::Status listen(const std::string& bind, int port);
  int port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The script added to every HTML page in serve mode, and the way it is added.
std::string_view reload_script();
std::string inject_reload(const std::string& html);
// The status document the script reads after a failed build: problems printed compiler-style.
std::string status_json(long generation, const RebuildResult& r);

}  // namespace vd::serve
