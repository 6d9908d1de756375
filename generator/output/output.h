// output: puts rendered files on disk atomically.
// In: rendered files (streamed through StagingWriter, a render::Sink) and the target folder.
// Out: the folder replaced as a whole, or left exactly as it was when anything fails. Unchanged
// files are hard-linked from the previous build instead of rewritten (rewriting is the slow
// case on ext4, see PERFORMANCE.md). Never renders; refuses to replace a folder it did not make.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "render/render.h"

namespace vd::output {

struct Stats {
  std::size_t written = 0;  // new or changed files
  std::size_t kept = 0;     // unchanged files linked from the previous build
};

// The marker file that says "this folder was made by vinhdanh and may be replaced". It also
// lists the content hash of every file, so the next build knows which files are unchanged
// without reading them.
inline constexpr const char* kMarker = ".vinhdanh-output";

// Writes files into "<out>.staging" as they come (from any thread), then swaps the staging
// folder in place of `out` on commit(). Dropping it without commit() removes the staging folder.
class StagingWriter : public render::Sink {
 public:
  StagingWriter(fs::FileSystem& fs, std::string out, Stats& stats);
  ~StagingWriter() override;
  // Checks the target and prepares an empty staging folder.
  diag::Status begin();
  void put(render::File file) override;
  // The first write failure, if any.
  diag::Status status() const;
  // Swaps the staging folder in; fails (and leaves `out` untouched) after any write failure.
  diag::Status commit();
  void abort();

 private:
  void write_one(const render::File& f);
  void read_manifest();

  fs::FileSystem& fs_;
  std::string out_, staging_;
  Stats& stats_;
  bool had_old_ = false, open_ = false;
  std::map<std::string, std::uint64_t> old_hashes_, new_hashes_;  // path → XXH3 of the bytes
  mutable std::mutex mutex_;  // guards status_, stats_ and, for file systems that need it, fs_
  diag::Status status_;
};

// Writes a whole in-memory output (tests, tools).
diag::Status write_site(fs::FileSystem& fs, const render::Output& files, const std::string& out,
                        Stats& stats);

// A private value found in an output file.
struct Leak {
  std::string file, value_owner;
};
using PrivateValues = std::vector<std::pair<std::string, std::vector<std::string>>>;
// Looks for every private value in one output file (defence in depth behind the model's
// separation of private data). Values shorter than 8 bytes are ignored.
void find_leaks(const render::File& file, const PrivateValues& privates, std::vector<Leak>& leaks);
std::vector<Leak> find_leaks(const render::Output& files, const PrivateValues& privates);

}  // namespace vd::output
