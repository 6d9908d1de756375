// publish: the site's git side. Version-control dates for every build, `build --at REV` (a
// revision read straight from git objects), and `publish`: build, compare with the previous
// edition, commit the output tree to the publication branch, tag, push.
// In: the site folder, build options, a FileSystem for the output. Out: results and diagnostics.
// Never touches HEAD, the index or the work tree of the site's repository, never forces a push,
// never prints (cli/ does).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"
#include "git/git.h"
#include "load/load.h"
#include "pipeline/pipeline.h"

namespace vd::publish {

// The site's repository and where the site lies in it.
struct Source {
  git::Repository repo;
  std::string prefix;  // the site folder relative to the work tree ("" = its root)
};
// Opens the repository holding the site folder.
diag::Status open_source(const std::string& site_dir, Source& out);

// Dates of every content file at `commit`, from ONE walk of its history, cached by commit id in
// <git dir>/vinhdanh/history (a later commit only walks the commits since). With `worktree`,
// files changed since the last commit get their file time and are marked as uncommitted (those
// listed in `uncommitted` when the caller has them, else git's status of every file).
diag::Status history(const Source& src, const git::Commit& commit, bool worktree,
                     const fs::FileSystem& fs, const std::string& site_dir, load::History& out,
                     const std::vector<std::string>* uncommitted = nullptr);

// Dates for a plain build: none (and no error) when the site is not in a git repository.
load::History worktree_history(const fs::FileSystem& fs, const std::string& site_dir);

// The editions published so far: /editions/index.json at the tip of the publication branch
// (site.yml publication.branch). None, and no error, outside a repository or before the first
// publish. A plain build renders them, so its /editions/ pages are those the last publish made.
std::vector<site::Edition> published_editions(const fs::FileSystem& fs,
                                              const std::string& site_dir);

// `build --at REV`: the site as it was at a tag or commit. When REV is an edition (a publication
// commit or its tag) or a source commit that was published, the build reproduces that edition
// byte for byte: same source, same dates, same editions list, the edition's date as "today".
struct Revision {
  Source src;
  std::unique_ptr<git::TreeFileSystem> fs;
  std::string source_commit;
  int edition = 0;  // the edition reproduced (0: none, a plain revision)
};
diag::Status open_revision(const std::string& site_dir, const std::string& rev,
                           fs::FileSystem& real, pipeline::BuildOptions& opts, Revision& out);

struct Options {
  bool allow_dirty = false;         // publish even with uncommitted changes in the site folder
  bool tag = false;                 // create the annotated tag edition/YYYY-MM-DD[-n]
  std::optional<std::string> push;  // remote name, path or URL to push to
};

struct Result {
  pipeline::BuildResult build;
  diag::Status status;             // system, git or push failure
  std::vector<std::string> dirty;  // uncommitted files (refused unless allow_dirty)
  std::string branch;              // refs/heads/<branch>
  int edition = 0;                 // the new edition (0 when nothing was committed)
  bool unchanged = false;          // the output equals the previous edition: no commit
  std::string commit, tag, message;
  bool pushed = false;
};

Result publish(fs::FileSystem& fs, pipeline::BuildOptions opts, const Options& po);

}  // namespace vd::publish
