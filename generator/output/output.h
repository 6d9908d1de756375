// output: puts rendered files on disk atomically.
// In: render::Output and the target folder. Out: the folder replaced as a whole, or left exactly
// as it was when anything fails. Unchanged files are hard-linked from the previous build instead
// of rewritten (rewriting is the slow case on ext4, see PERFORMANCE.md).
// Never renders; refuses to replace a folder it did not create.
#pragma once

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

// The marker file that says "this folder was made by vinhdanh and may be replaced".
inline constexpr const char* kMarker = ".vinhdanh-output";

// Writes into "<out>.staging", then swaps it in place of `out`.
diag::Status write_site(fs::FileSystem& fs, const render::Output& files, const std::string& out,
                        Stats& stats);

// A private value found in an output file.
struct Leak {
  std::string file, value_owner;
};
// Looks for every private value in every output file (defence in depth behind the model's
// separation of private data). Values shorter than 8 bytes are ignored.
std::vector<Leak> find_leaks(
    const render::Output& files,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& privates);

}  // namespace vd::output
