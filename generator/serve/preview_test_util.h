// Test helpers shared by serve's tests: edit a site file held in memory and rebuild the preview,
// or build the current sources afresh to compare with. In: a memory file system made by
// testing::site_fs (sources under "site/"). Never used outside tests.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "fs/fs.h"
#include "serve/preview.h"

namespace vd::serve {

// Rewrites `rel` (relative to the site) with one substitution, then rebuilds `preview`.
inline RebuildResult edit_and_rebuild(fs::FileSystem& fs, Preview& preview, const std::string& rel,
                                      const std::string& from, const std::string& to) {
  std::string path = "site/" + rel;
  std::string text = fs.read(path).bytes;
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  EXPECT_TRUE(fs.write(path, text));
  return preview.rebuild({rel});
}

// The files a fresh build of the current sources makes.
inline std::map<std::string, std::string> fresh_files(fs::FileSystem& fs,
                                                      const pipeline::BuildOptions& options) {
  Preview again(fs, options);
  RebuildResult r = again.build();
  EXPECT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
  return again.files();
}

}  // namespace vd::serve
