// The cpp-httplib adapter: the only file that includes <httplib.h>. Serves the in-memory site.
// cpp-httplib 0.11 (Debian) notes: its fixed 8-thread pool would be starved by open event streams
// (one worker each), so the queue is replaced; it redirects no "dir" to "dir/" and puts no
// charset on text/html, so both are done here.
#include <httplib.h>

#include <fmt/format.h>

#include <atomic>
#include <thread>

#include "serve/http.h"

namespace vd::serve {

void Channel::publish(bool ok, std::string json) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++state_.generation;
    state_.ok = ok;
    state_.status_json = std::move(json);
  }
  cv_.notify_all();
}

Channel::State Channel::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

bool Channel::wait(long seen, std::chrono::milliseconds timeout, State& out) const {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return closed_ || state_.generation != seen; });
  out = state_;
  return !closed_;
}

void Channel::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  cv_.notify_all();
}

namespace {

constexpr int kWorkers = 64;  // event streams hold one each

std::string content_type(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".webp", "image/webp"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".pdf", "application/pdf"}};
  for (const auto& [ext, type] : types)
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext)
      return std::string(type);
  return "application/octet-stream";
}

// "/a/b/" → "a/b/index.html"; "" when the path could name something outside the site.
std::string site_path(const std::string& url_path) {
  if (url_path.empty() || url_path[0] != '/') return {};
  if (url_path.find('\0') != std::string::npos || url_path.find('\\') != std::string::npos)
    return {};
  std::string p = url_path.substr(1);
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string_view seg(p.data() + start, end - start);
    if (seg == ".." || seg == ".") return {};
    if (seg.empty() && end != p.size()) return {};  // "//"
    start = end + 1;
  }
  if (p.empty() || p.back() == '/') p += "index.html";
  return p;
}

}  // namespace

struct Http::Impl {
  const Preview& preview;
  Channel& channel;
  httplib::Server server;
  std::thread thread;
  int port = 0;

  Impl(const Preview& p, Channel& c) : preview(p), channel(c) {}

  void send(httplib::Response& res, int status, const std::string& path, const std::string& bytes) {
    res.status = status;
    bool html = path.size() >= 5 && path.compare(path.size() - 5, 5, ".html") == 0;
    res.set_content(html ? inject_reload(bytes) : bytes, content_type(path).c_str());
  }

  void get(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (req.path == "/__vinhdanh/reload.js") {
      res.set_content(std::string(reload_script()), "text/javascript; charset=utf-8");
      return;
    }
    if (req.path == "/__vinhdanh/status.json") {
      res.set_content(channel.current().status_json, "application/json");
      return;
    }
    if (req.path == "/__vinhdanh/events") return events(res);
    std::string path = site_path(req.path);
    if (path.empty()) return not_found(res);
    if (auto bytes = preview.file(path)) return send(res, 200, path, *bytes);
    // "/don-vi/x" → "/don-vi/x/" (cpp-httplib does not redirect by itself)
    if (preview.file(path + "/index.html")) {
      std::string to = req.path + "/";
      if (!req.params.empty()) to += "?" + httplib::detail::params_to_query_str(req.params);
      res.set_redirect(to, 301);
      return;
    }
    not_found(res);
  }

  void not_found(httplib::Response& res) {
    if (auto page = preview.file("404.html")) return send(res, 404, "404.html", *page);
    res.status = 404;
    res.set_content("not found\n", "text/plain; charset=utf-8");
  }

  void events(httplib::Response& res) {
    auto seen = std::make_shared<long>(-1);
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider("text/event-stream", [this, seen](std::size_t,
                                                                       httplib::DataSink& sink) {
      Channel::State st;
      if (*seen >= 0 && !channel.wait(*seen, std::chrono::seconds(15), st)) return false;
      if (*seen < 0) st = channel.current();
      std::string msg = st.generation == *seen
                            ? std::string(": ping\n\n")
                            : fmt::format("event: build\ndata: {{\"generation\":{},\"ok\":{}}}\n\n",
                                          st.generation, st.ok ? "true" : "false");
      *seen = st.generation;
      return sink.is_writable() && sink.write(msg.data(), msg.size());
    });
  }
};

Http::Http(const Preview& preview, Channel& channel)
    : impl_(std::make_unique<Impl>(preview, channel)) {}
Http::~Http() {
  stop();
}

diag::Status Http::listen(const std::string& bind, int port) {
  httplib::Server& s = impl_->server;
  s.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  s.Get(".*",
        [this](const httplib::Request& req, httplib::Response& res) { impl_->get(req, res); });
  auto refuse = [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content("only GET and HEAD\n", "text/plain; charset=utf-8");
  };
  s.Post(".*", refuse);
  s.Put(".*", refuse);
  s.Patch(".*", refuse);
  s.Delete(".*", refuse);
  s.Options(".*", refuse);
  try {
    if (port == 0) {
      impl_->port = s.bind_to_any_port(bind);
      if (impl_->port <= 0) impl_->port = 0;
    } else if (s.bind_to_port(bind, port)) {
      impl_->port = port;
    }
  } catch (const std::exception& e) {
    return diag::Status::failure(fmt::format("cannot listen on {}:{}: {}", bind, port, e.what()));
  }
  if (impl_->port == 0)
    return diag::Status::failure(fmt::format(
        "cannot listen on {}:{} (in use, or not an address of this machine)", bind, port));
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  return diag::Status::success();
}

int Http::port() const {
  return impl_->port;
}

void Http::stop() {
  if (!impl_) return;
  impl_->channel.close();
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace vd::serve
