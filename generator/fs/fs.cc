#include "fs/fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vd::fs {

namespace stdfs = std::filesystem;

std::string join(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out(a);
  if (out.back() != '/') out += '/';
  out += b;
  return out;
}

std::string parent_path(std::string_view p) {
  auto slash = p.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(p.substr(0, slash));
}

namespace {

Status os_failure(const char* what, const std::string& path, int err) {
  return Status::failure(std::string(what) + " '" + path + "': " + std::strerror(err));
}

// Reads an open file to its end and closes it; name() gives its path for messages (made only
// when one is needed).
template <class Name>
ReadResult read_open_file(int fd, const Name& name) {
  std::string bytes;
  struct stat st {};
  // Straight into the string (one more byte than the size, to see the end in one read); a
  // file that grows meanwhile is read on in steps.
  std::size_t cap = ::fstat(fd, &st) == 0 && st.st_size > 0
                        ? static_cast<std::size_t>(st.st_size) + 1
                        : std::size_t{65536};
  std::size_t size = 0;
  for (;;) {
    if (bytes.size() < size + 1) bytes.resize(std::max(cap, 2 * bytes.size()));
    ssize_t n = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return {os_failure("cannot read", name(), err), {}};
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
    // The whole announced size of a regular file, and room left: no second read just to see
    // 0 bytes (a file that grew meanwhile fills the extra byte and is read on).
    if (S_ISREG(st.st_mode) && size == static_cast<std::size_t>(st.st_size) && size < bytes.size())
      break;
  }
  bytes.resize(size);
  ::close(fd);
  return {Status::success(), std::move(bytes)};
}

// Adds the regular files below the open folder `fd` (closed here) to `out` and its symbolic
// links to `skipped`, by their paths after `rel`. Straight readdir with the entry types the
// kernel gives: std::filesystem's iterator built and parsed a path object per entry, a visible
// share of listing 10 000 files. Symbolic links are not followed; a folder that cannot be opened
// is left out, as one without permission always was.
void walk(int fd, const std::string& rel, std::vector<std::string>& out,
          std::vector<std::string>* skipped) {
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return;
  }
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {  // some file systems do not say: ask
      struct stat st {};
      if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISLNK(st.st_mode)   ? DT_LNK
             : S_ISDIR(st.st_mode) ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
                                   : DT_UNKNOWN;
    }
    std::string path = rel.empty() ? std::string(name) : rel + '/' + std::string(name);
    if (type == DT_LNK) {
      if (skipped) skipped->push_back(std::move(path));
    } else if (type == DT_REG) {
      out.push_back(std::move(path));
    } else if (type == DT_DIR) {
      int sub = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0) walk(sub, path, out, skipped);
    }
  }
  ::closedir(d);
}

// A folder held open: its files are opened relative to it.
class RealFolder : public Folder {
 public:
  RealFolder(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}
  ~RealFolder() override { ::close(fd_); }
  RealFolder(const RealFolder&) = delete;
  RealFolder& operator=(const RealFolder&) = delete;
  ReadResult read(const std::string& rel) const override {
    auto name = [&] { return join(dir_, rel); };
    int fd = ::openat(fd_, rel.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {os_failure("cannot read", name(), errno), {}};
    return read_open_file(fd, name);
  }

 private:
  int fd_;
  std::string dir_;
};

class RealFileSystem : public FileSystem {
 public:
  // The folder `path` goes into.
  Status make_parent(const std::string& path) {
    std::string dir = parent_path(path);
    return dir.empty() ? Status::success() : make_dirs(dir);
  }

  ReadResult read(const std::string& path) const override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {os_failure("cannot read", path, errno), {}};
    return read_open_file(fd, [&] { return path; });
  }
  std::unique_ptr<Folder> folder(const std::string& dir) const override;

  Status write(const std::string& path, std::string_view bytes) override {
    // The folder is made only when the file cannot be created without it: most files go into a
    // folder that exists already, and asking first cost a stat per folder level of every file.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
      if (Status s = make_parent(path); !s) return s;
      fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
    if (fd < 0) return os_failure("cannot write", path, errno);
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      ssize_t n = ::write(fd, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        return os_failure("cannot write", path, err);
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return os_failure("cannot write", path, errno);
    return Status::success();
  }

  std::vector<std::string> list(const std::string& dir,
                                std::vector<std::string>* skipped) const override {
    std::vector<std::string> out;
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return out;
    walk(fd, "", out, skipped);
    std::sort(out.begin(), out.end());
    return out;
  }

  bool is_file(const std::string& path) const override {
    std::error_code ec;
    return stdfs::is_regular_file(path, ec);
  }
  bool is_dir(const std::string& path) const override {
    std::error_code ec;
    return stdfs::is_directory(path, ec);
  }
  // One mkdir per folder that is missing, none for those that exist (after the first try).
  Status make_dirs(const std::string& path) override {
    if (path.empty() || ::mkdir(path.c_str(), 0755) == 0) return Status::success();
    int err = errno;
    if (err == ENOENT) {
      std::string parent = parent_path(path);
      if (!parent.empty() && parent != path) {
        if (Status s = make_dirs(parent); !s) return s;
        if (::mkdir(path.c_str(), 0755) == 0) return Status::success();
        err = errno;
      }
    }
    struct stat st {};
    if (err == EEXIST && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return Status::success();  // there already (or made by another thread meanwhile)
    return os_failure("cannot create folder", path, err == EEXIST ? ENOTDIR : err);
  }
  Status remove_all(const std::string& path) override {
    std::error_code ec;
    stdfs::remove_all(path, ec);
    if (ec) return Status::failure("cannot remove '" + path + "': " + ec.message());
    return Status::success();
  }
  Status rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return os_failure("cannot rename", from, errno);
    return Status::success();
  }
  Status link(const std::string& from, const std::string& to) override {
    if (::link(from.c_str(), to.c_str()) == 0) return Status::success();
    if (errno == ENOENT) {  // no folder for `to` yet (or no `from`: the copy below says so)
      if (Status s = make_parent(to); !s) return s;
      if (::link(from.c_str(), to.c_str()) == 0) return Status::success();
    }
    if (errno == EEXIST && ::unlink(to.c_str()) == 0 && ::link(from.c_str(), to.c_str()) == 0)
      return Status::success();
    if (::unlink(to.c_str()) != 0 && errno != ENOENT)
      return os_failure("cannot replace", to, errno);
    ReadResult r = read(from);  // another file system or no hard links: copy
    if (!r.status) return r.status;
    return write(to, r.bytes);
  }
  Status remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return os_failure("cannot remove", path, errno);
    return Status::success();
  }
  bool remove_dir(const std::string& path) override { return ::rmdir(path.c_str()) == 0; }
  std::optional<std::uint64_t> file_size(const std::string& path) const override {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return static_cast<std::uint64_t>(st.st_size);
  }
  bool thread_safe() const override { return true; }
  void remove_all_later(const std::string& path) override {
    // `rm -rf` in a child we do not wait for: it outlives this process if need be.
    std::string p = path;
    char* argv[] = {const_cast<char*>("rm"), const_cast<char*>("-rf"), const_cast<char*>("--"),
                    p.data(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    if (posix_spawnp(&pid, "rm", &actions, nullptr, argv, environ) != 0) remove_all(path);
    posix_spawn_file_actions_destroy(&actions);
  }
  std::string real_path(const std::string& path) const override {
    std::error_code ec;
    stdfs::path p = stdfs::weakly_canonical(path, ec);
    return ec ? path : p.generic_string();
  }
  bool is_link(const std::string& path) const override {
    std::error_code ec;
    return stdfs::is_symlink(stdfs::symlink_status(path, ec));
  }
  std::int64_t mtime(const std::string& path) const override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    return static_cast<std::int64_t>(st.st_mtime);
  }
};

bool under(const std::string& path, const std::string& dir) {
  return dir.empty() || path == dir ||
         (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
          path[dir.size()] == '/');
}

// Reads through the file system it came from, path by path.
class JoinedFolder : public Folder {
 public:
  JoinedFolder(const FileSystem& fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {}
  ReadResult read(const std::string& rel) const override { return fs_.read(join(dir_, rel)); }

 private:
  const FileSystem& fs_;
  std::string dir_;
};

std::unique_ptr<Folder> RealFileSystem::folder(const std::string& dir) const {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::make_unique<JoinedFolder>(*this, dir);  // each read says why
  return std::make_unique<RealFolder>(fd, dir);
}

}  // namespace

std::unique_ptr<Folder> FileSystem::folder(const std::string& dir) const {
  return std::make_unique<JoinedFolder>(*this, dir);
}

std::unique_ptr<FileSystem> make_real() {
  return std::make_unique<RealFileSystem>();
}
std::unique_ptr<MemoryFileSystem> make_memory() {
  return std::make_unique<MemoryFileSystem>();
}

ReadResult MemoryFileSystem::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end())
    return {Status::failure("cannot read '" + path + "': No such file or directory"), {}};
  return {Status::success(), it->second};
}

Status MemoryFileSystem::write(const std::string& path, std::string_view bytes) {
  files_[path] = std::string(bytes);
  for (std::string d = parent_path(path); !d.empty(); d = parent_path(d)) dirs_[d] = true;
  return Status::success();
}

std::vector<std::string> MemoryFileSystem::list(const std::string& dir,
                                                std::vector<std::string>*) const {
  std::vector<std::string> out;
  std::string prefix = dir.empty() ? "" : dir + "/";
  for (auto it = files_.lower_bound(prefix); it != files_.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    out.push_back(it->first.substr(prefix.size()));
  }
  return out;
}

bool MemoryFileSystem::is_file(const std::string& path) const {
  return files_.count(path) > 0;
}

bool MemoryFileSystem::is_dir(const std::string& path) const {
  if (dirs_.count(path)) return true;
  auto it = files_.lower_bound(path + "/");
  return it != files_.end() && under(it->first, path);
}

Status MemoryFileSystem::make_dirs(const std::string& path) {
  for (std::string d = path; !d.empty(); d = parent_path(d)) dirs_[d] = true;
  return Status::success();
}

Status MemoryFileSystem::remove_all(const std::string& path) {
  std::erase_if(files_, [&](const auto& kv) { return under(kv.first, path); });
  std::erase_if(dirs_, [&](const auto& kv) { return under(kv.first, path); });
  return Status::success();
}

Status MemoryFileSystem::rename(const std::string& from, const std::string& to) {
  if (!is_file(from) && !is_dir(from)) {
    return Status::failure("cannot rename '" + from + "': No such file or directory");
  }
  std::map<std::string, std::string> moved;
  for (auto it = files_.begin(); it != files_.end();) {
    if (under(it->first, from)) {
      moved[to + it->first.substr(from.size())] = std::move(it->second);
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  std::erase_if(dirs_, [&](const auto& kv) { return under(kv.first, from); });
  remove_all(to);
  for (auto& [p, b] : moved) write(p, b);
  make_dirs(to);
  return Status::success();
}

Status MemoryFileSystem::link(const std::string& from, const std::string& to) {
  auto it = files_.find(from);
  if (it == files_.end())
    return Status::failure("cannot link '" + from + "': No such file or directory");
  std::string bytes = it->second;
  return write(to, bytes);
}

Status MemoryFileSystem::remove(const std::string& path) {
  files_.erase(path);
  return Status::success();
}

bool MemoryFileSystem::remove_dir(const std::string& path) {
  auto it = files_.lower_bound(path + "/");
  if (it != files_.end() && under(it->first, path)) return false;
  auto d = dirs_.lower_bound(path + "/");
  if (d != dirs_.end() && under(d->first, path)) return false;
  return dirs_.erase(path) > 0;
}

std::optional<std::uint64_t> MemoryFileSystem::file_size(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second.size();
}

ReadResult FaultyFileSystem::read(const std::string& p) const {
  if (std::find(unreadable_.begin(), unreadable_.end(), p) != unreadable_.end())
    return {Status::failure("cannot read '" + p + "': Permission denied"), {}};
  return inner_.read(p);
}

Status FaultyFileSystem::write(const std::string& path, std::string_view bytes) {
  if (++writes_ >= fail_at_)
    return Status::failure("cannot write '" + path + "': No space left on device");
  return inner_.write(path, bytes);
}

Status FaultyFileSystem::link(const std::string& from, const std::string& to) {
  if (++writes_ >= fail_at_)
    return Status::failure("cannot write '" + to + "': No space left on device");
  return inner_.link(from, to);
}

}  // namespace vd::fs
