// inotify: the only file of the project that uses it.
#include "serve/watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <set>
#include <thread>

namespace vd::serve {

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB | IN_MODIFY;

bool is_dir(const std::string& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Editors write temporary files next to the one being saved.
bool ignored(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '#') return true;
  if (name.back() == '~' || name == "4913") return true;
  auto ends = [&](const char* s) {
    std::size_t n = std::strlen(s);
    return name.size() >= n && name.compare(name.size() - n, n, s) == 0;
  };
  return ends(".swp") || ends(".swx") || ends(".tmp");
}

}  // namespace

struct Watcher::Impl {
  std::vector<WatchRoot> roots;
  Callback on_change;
  int settle_ms;
  int fd = -1, wake = -1;
  std::thread thread;
  struct Watch {
    std::string dir, rel;  // rel: the reported prefix of files inside ("content/profiles/x/")
    const WatchRoot* root;
  };
  std::map<int, Watch> watches;

  void add(const std::string& dir, const std::string& rel, const WatchRoot* root) {
    int wd = ::inotify_add_watch(fd, dir.c_str(), kMask | IN_ONLYDIR);
    if (wd < 0) return;
    watches[wd] = {dir, rel, root};
    if (!root->recursive) {
      for (const std::string& sub : root->subdirs)
        if (is_dir(dir + "/" + sub)) add(dir + "/" + sub, rel + sub + "/", recursive());
      return;
    }
    if (DIR* d = ::opendir(dir.c_str())) {
      while (dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == ".." || ignored(name)) continue;
        if (is_dir(dir + "/" + name)) add(dir + "/" + name, rel + name + "/", root);
      }
      ::closedir(d);
    }
  }

  // The named sub-folders of a non-recursive root are watched recursively.
  static const WatchRoot* recursive() {
    static const WatchRoot kRecursive{"", "", true, {}, {}};
    return &kRecursive;
  }

  // Handles one event; adds the changed path (if any) to `out`.
  void handle(const inotify_event& ev, std::set<std::string>& out) {
    auto it = watches.find(ev.wd);
    if (it == watches.end()) return;
    const Watch w = it->second;
    if (ev.mask & (IN_IGNORED | IN_DELETE_SELF)) {
      if (ev.mask & IN_IGNORED) watches.erase(ev.wd);
      if (!w.rel.empty()) out.insert(w.rel.substr(0, w.rel.size() - 1));  // the folder went away
      return;
    }
    if (ev.len == 0) return;
    std::string name = ev.name;
    if (ignored(name)) return;
    bool dir = (ev.mask & IN_ISDIR) != 0;
    if (!w.root->recursive) {
      bool wanted = false;
      for (const std::string& f : w.root->only) wanted |= f == name;
      for (const std::string& s : w.root->subdirs)
        if (dir && s == name) {
          wanted = true;
          if (ev.mask & (IN_CREATE | IN_MOVED_TO))
            add(w.dir + "/" + name, w.rel + name + "/", recursive());
        }
      if (wanted) out.insert(w.rel + name);
      return;
    }
    if (dir && (ev.mask & (IN_CREATE | IN_MOVED_TO)))
      add(w.dir + "/" + name, w.rel + name + "/", w.root);
    out.insert(w.rel + name);
  }

  enum class Wait { kStop, kQuiet, kEvents };
  // Waits up to timeout_ms (-1: for ever) and reads what came.
  Wait drain(std::set<std::string>& out, int timeout_ms) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    int n = ::poll(fds, 2, timeout_ms);
    if (n < 0) return errno == EINTR ? Wait::kEvents : Wait::kStop;
    if (n == 0) return Wait::kQuiet;
    if (fds[1].revents) return Wait::kStop;
    alignas(inotify_event) char buf[64 * 1024];
    ssize_t len = ::read(fd, buf, sizeof buf);
    for (char* p = buf; len > 0 && p < buf + len;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      handle(*ev, out);
      p += sizeof(inotify_event) + ev->len;
    }
    return Wait::kEvents;
  }

  void run() {
    for (;;) {
      std::set<std::string> changed;
      Wait w = drain(changed, -1);
      // Let the burst of a save settle: go on until nothing happens for settle_ms.
      while (w == Wait::kEvents) w = drain(changed, settle_ms);
      if (w == Wait::kStop) return;
      if (!changed.empty()) on_change({changed.begin(), changed.end()});
    }
  }
};

Watcher::Watcher(std::vector<WatchRoot> roots, Callback on_change, int settle_ms)
    : impl_(std::make_unique<Impl>()) {
  impl_->roots = std::move(roots);
  impl_->on_change = std::move(on_change);
  impl_->settle_ms = settle_ms;
}

Watcher::~Watcher() {
  stop();
}

diag::Status Watcher::start() {
  impl_->fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  impl_->wake = ::eventfd(0, EFD_CLOEXEC);
  if (impl_->fd < 0 || impl_->wake < 0)
    return diag::Status::failure(std::string("cannot watch files: ") + std::strerror(errno));
  for (const WatchRoot& r : impl_->roots)
    if (is_dir(r.dir)) impl_->add(r.dir, r.prefix, &r);
  impl_->thread = std::thread([this] { impl_->run(); });
  return diag::Status::success();
}

void Watcher::stop() {
  if (!impl_ || impl_->fd < 0) return;
  std::uint64_t one = 1;
  if (::write(impl_->wake, &one, sizeof one) < 0) {
  }
  if (impl_->thread.joinable()) impl_->thread.join();
  ::close(impl_->fd);
  ::close(impl_->wake);
  impl_->fd = impl_->wake = -1;
}

}  // namespace vd::serve
