// The fuzz targets' bodies, shared by the libFuzzer binaries (tests/fuzz/fuzz_*.cc, `make fuzz`)
// and by the normal test binary, which replays every seed and every input that once crashed
// (tests/fuzz/corpus/<target>/, tests/fuzz/regressions/<target>/).
// In: any bytes. Out: nothing; a crash, a sanitizer report or a broken invariant (abort) is the
// finding. Never writes to disk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vd::fuzz {

// The bytes as a Markdown file with front matter: UTF-8 cleaning, the --- split, YAML → value
// tree, then the model reading it as a profile and as the registry of units; diagnostics are
// formatted (excerpts, carets) as the CLI prints them.
int front_matter(const std::uint8_t* data, std::size_t size);
// The bytes (after a first byte of options) as a story: Markdown to HTML and the story check.
// Invariant: without allow_html no <script and no javascript: link reaches the HTML.
int markdown(const std::uint8_t* data, std::size_t size);
// A whole build on the in-memory file system: the golden site tests/golden/basic with one of its
// files (chosen by the first byte) replaced by the rest of the bytes. Invariant: every output
// path stays inside the output folder.
int site(const std::uint8_t* data, std::size_t size);
// The bytes as a nomination list (CSV in any encoding) imported into the golden site. Invariants:
// diagnostics have a position (line 0: the whole file); planned files stay in the school year's
// folder, are never written when a row has an error, and the model reads every written file without
// an error.
int import_list(const std::uint8_t* data, std::size_t size);

struct Target {
  const char* name;
  int (*run)(const std::uint8_t*, std::size_t);
};
const std::vector<Target>& targets();

}  // namespace vd::fuzz
