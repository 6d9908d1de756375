// fs: the only door to the disk. Real, in-memory (tests, serve) and faulty (fails the Nth write).
// In: '/'-separated paths. Out: bytes, sorted listings, Status values naming the path and reason.
// Never throws; never interprets content.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"

namespace vd::fs {

using diag::Status;

struct ReadResult {
  Status status;
  std::string bytes;
};

// Files of one folder, read by their paths relative to it (see FileSystem::folder).
class Folder {
 public:
  virtual ~Folder() = default;
  // What FileSystem::read(join(folder, rel)) gives, messages included. Thread-safe.
  virtual ReadResult read(const std::string& rel) const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual ReadResult read(const std::string& path) const = 0;
  // For reading many files of one folder: on disk the folder is opened once and each file
  // relative to it (openat), so the kernel does not walk the folder's own path again for each
  // of 10 000 files. By default, read(join(dir, rel)).
  virtual std::unique_ptr<Folder> folder(const std::string& dir) const;
  // Creates missing parent folders. Replaces an existing file.
  virtual Status write(const std::string& path, std::string_view bytes) = 0;
  // Every regular file below dir, relative to dir, sorted bytewise. Symlinks are not followed
  // (a symlink is reported in `skipped` so callers can warn about it).
  virtual std::vector<std::string> list(const std::string& dir,
                                        std::vector<std::string>* skipped = nullptr) const = 0;
  virtual bool is_file(const std::string& path) const = 0;
  virtual bool is_dir(const std::string& path) const = 0;
  virtual Status make_dirs(const std::string& path) = 0;
  virtual Status remove_all(const std::string& path) = 0;
  // Removes a folder nobody uses any more; on disk it happens in a background process so the
  // caller need not wait for thousands of unlinks.
  virtual void remove_all_later(const std::string& path) { remove_all(path); }
  // Atomic on the real disk when both paths are on one file system.
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // Makes `to` have the bytes of `from` cheaply (a hard link on disk). Replaces an existing
  // `to` by unlinking it first, never by writing into it (it may share its bytes with another
  // name).
  virtual Status link(const std::string& from, const std::string& to) = 0;
  // Removes one file (not a folder); a file that is not there is no failure.
  virtual Status remove(const std::string& path) = 0;
  // Removes a folder if it is empty; false when it is not empty or not there.
  virtual bool remove_dir(const std::string& path) = 0;
  // The size of a regular file (not following a symbolic link); nothing for anything else.
  virtual std::optional<std::uint64_t> file_size(const std::string& path) const = 0;
  // Modification time, seconds since the epoch (0 if unknown).
  virtual std::int64_t mtime(const std::string& path) const = 0;
  // True when calls may come from several threads at once.
  virtual bool thread_safe() const { return false; }
  // The path with every symbolic link resolved (on disk), to tell whether a file or folder
  // really lies inside another one. Folders without links (and memory file systems) give the
  // path unchanged.
  virtual std::string real_path(const std::string& path) const { return path; }
  // True when the path itself is a symbolic link (not followed).
  virtual bool is_link(const std::string&) const { return false; }
};

std::unique_ptr<FileSystem> make_real();
// Files live in a map; folders exist implicitly.
class MemoryFileSystem;
std::unique_ptr<MemoryFileSystem> make_memory();

class MemoryFileSystem : public FileSystem {
 public:
  ReadResult read(const std::string& path) const override;
  Status write(const std::string& path, std::string_view bytes) override;
  std::vector<std::string> list(const std::string& dir,
                                std::vector<std::string>* skipped = nullptr) const override;
  bool is_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  Status make_dirs(const std::string& path) override;
  Status remove_all(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status link(const std::string& from, const std::string& to) override;
  Status remove(const std::string& path) override;
  bool remove_dir(const std::string& path) override;
  std::optional<std::uint64_t> file_size(const std::string& path) const override;
  std::int64_t mtime(const std::string&) const override { return 0; }
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> dirs_;
};

// Wraps another file system and fails the Nth write (1-based) and every later one, and every
// read of the paths given to fail_read (an unreadable file; chmod 000 does not stop root).
class FaultyFileSystem : public FileSystem {
 public:
  FaultyFileSystem(FileSystem& inner, int fail_from_write)
      : inner_(inner), fail_at_(fail_from_write) {}
  void fail_read(std::string path) { unreadable_.push_back(std::move(path)); }
  ReadResult read(const std::string& p) const override;
  Status write(const std::string& path, std::string_view bytes) override;
  std::vector<std::string> list(const std::string& d,
                                std::vector<std::string>* s = nullptr) const override {
    return inner_.list(d, s);
  }
  bool is_file(const std::string& p) const override { return inner_.is_file(p); }
  bool is_dir(const std::string& p) const override { return inner_.is_dir(p); }
  Status make_dirs(const std::string& p) override { return inner_.make_dirs(p); }
  Status remove_all(const std::string& p) override { return inner_.remove_all(p); }
  Status rename(const std::string& f, const std::string& t) override { return inner_.rename(f, t); }
  Status link(const std::string& f, const std::string& t) override;
  Status remove(const std::string& p) override { return inner_.remove(p); }
  bool remove_dir(const std::string& p) override { return inner_.remove_dir(p); }
  std::optional<std::uint64_t> file_size(const std::string& p) const override {
    return inner_.file_size(p);
  }
  std::int64_t mtime(const std::string& p) const override { return inner_.mtime(p); }
  std::string real_path(const std::string& p) const override { return inner_.real_path(p); }
  bool is_link(const std::string& p) const override { return inner_.is_link(p); }
  int writes() const { return writes_; }

 private:
  FileSystem& inner_;
  std::vector<std::string> unreadable_;
  int fail_at_;
  int writes_ = 0;
};

// "a/b" + "c" → "a/b/c"; empty parts are skipped.
std::string join(std::string_view a, std::string_view b);
// "a/b/c.md" → "a/b"; "c.md" → "".
std::string parent_path(std::string_view p);

}  // namespace vd::fs
