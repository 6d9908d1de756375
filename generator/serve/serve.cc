#include "serve/serve.h"

#include <fmt/format.h>

#include <exception>
#include <mutex>

#include "fs/fs.h"
#include "serve/http.h"
#include "serve/watch.h"

namespace vd::serve {

struct Server::Impl {
  Options opts;
  std::function<void(const Event&)> report;
  std::unique_ptr<fs::FileSystem> fs = fs::make_real();
  Channel channel;
  std::mutex announce_mutex;            // one announcement at a time
  std::mutex build_mutex;               // one build at a time
  std::vector<std::string> rebuilding;  // the files of the build running (under build_mutex)
  // Destroyed before the members above: the preview's thread may announce until it is joined.
  Preview preview;
  Http http;
  std::unique_ptr<Watcher> watcher;

  Impl(Options o, std::function<void(const Event&)> r)
      : opts(std::move(o)),
        report(std::move(r)),
        preview(*fs, opts.build, opts.fast_render,
                [this](const RebuildResult& result) { announce(result); }),
        http(preview, channel) {}

  // Runs a build; whatever happens, the server goes on with the last good site. The preview
  // announces its result (and problems found in pages rendered later) in the order they happen.
  void run(const std::vector<std::string>& changed, bool first) {
    std::lock_guard<std::mutex> lock(build_mutex);
    rebuilding = changed;
    try {
      if (first)
        preview.build();
      else
        preview.rebuild(changed);
    } catch (const std::exception& e) {
      RebuildResult r;
      r.ok = false;
      r.diags.error({"", 0, 0}, fmt::format("the build stopped: {}", e.what()),
                    "the last good build is still served; save the file again to retry");
      announce(r);
    }
  }

  // Tells the event streams (a good build reloads the pages, problems are drawn over them) and
  // the command line.
  void announce(const RebuildResult& r) {
    std::lock_guard<std::mutex> lock(announce_mutex);
    channel.publish(r.ok, status_json(channel.current().generation + 1, r));
    Event ev;
    ev.kind = r.ok ? Event::Kind::kBuilt : Event::Kind::kFailed;
    ev.result = &r;
    if (!r.later) ev.changed = rebuilding;  // `later` results may come from other threads
    if (report) report(ev);
  }

  std::vector<WatchRoot> roots() const {
    std::vector<WatchRoot> out;
    const pipeline::BuildOptions& b = opts.build;
    out.push_back({b.source, "", false, {"site.yml"}, {"content", "layouts", "assets", "i18n"}});
    if (!b.theme.empty() && b.theme != b.source)
      out.push_back({b.theme, "", false, {}, {"layouts", "assets", "i18n"}});
    return out;
  }
};

Server::Server(Options opts, std::function<void(const Event&)> report)
    : impl_(std::make_unique<Impl>(std::move(opts), std::move(report))) {}

Server::~Server() {
  stop();
}

diag::Status Server::start() {
  Impl& m = *impl_;
  m.run({}, true);
  if (diag::Status st = m.http.listen(m.opts.bind, m.opts.port); !st) return st;
  if (m.opts.watch) {
    m.watcher = std::make_unique<Watcher>(
        m.roots(), [this](std::vector<std::string> paths) { changed(std::move(paths)); });
    if (diag::Status st = m.watcher->start(); !st) return st;
  }
  std::string host =
      m.opts.bind.find(':') != std::string::npos ? "[" + m.opts.bind + "]" : m.opts.bind;
  Event ev;
  ev.kind = Event::Kind::kListening;
  ev.url = fmt::format("http://{}:{}/", host, m.http.port());
  if (m.report) m.report(ev);
  return diag::Status::success();
}

int Server::port() const {
  return impl_->http.port();
}

void Server::changed(std::vector<std::string> paths) {
  impl_->run(paths, false);
}

long Server::generation() const {
  return impl_->channel.current().generation;
}

void Server::stop() {
  if (!impl_) return;
  if (impl_->watcher) impl_->watcher->stop();
  impl_->http.stop();
}

}  // namespace vd::serve
