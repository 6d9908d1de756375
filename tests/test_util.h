// Shared helpers for the whole-site tests: sites written inline as small archives.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "fs/fs.h"
#include "pipeline/pipeline.h"

namespace vd::testing {

// Parses "=== path\n<content>=== path2\n…" into {path → content}.
std::map<std::string, std::string> parse_archive(const std::string& text);
// Reads a file of the repository (tests run from the source tree).
std::string read_repo_file(const std::string& rel);
// Copies the repository's default theme (layouts/, assets/, i18n/) into fs under "theme/".
void add_theme(fs::MemoryFileSystem& fs);
// A memory file system holding the archive under "site/" plus the theme.
std::unique_ptr<fs::MemoryFileSystem> site_fs(const std::map<std::string, std::string>& files);
// Build options for such a site: source "site", out "out", theme "theme", a fixed date.
pipeline::BuildOptions site_options();
// A fresh, empty folder on the real disk for one test; the process id keeps test runs of several
// worktrees on one machine apart.
std::string temp_dir(const std::string& name);
// Builds the archive (as site_fs) in memory, expecting no error: the output files by path.
std::map<std::string, std::string> built(const std::map<std::string, std::string>& files);
// A minimal valid site (site.yml, units, one campaign, two profiles) to start tests from.
std::map<std::string, std::string> minimal_site();
// A bulletin of that site (content/bulletins/2023-2024/ket-qua.md) naming both profiles, with
// an attachment.
std::map<std::string, std::string> example_bulletin();

}  // namespace vd::testing
