// Test helpers shared by serve's tests: edit a site file held in memory and rebuild the preview,
// build the current sources afresh to compare with, compare two output trees, and the
// `Incremental` fixture (a built preview of two schools) of deps_test.cc and preview_test.cc.
// In: a memory file system made by testing::site_fs (sources under "site/"). Never used outside
// tests.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "fs/fs.h"
#include "serve/preview.h"
#include "test_util.h"

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

// The minimal site with a second school and its teacher, Lê Văn Bình.
inline std::map<std::string, std::string> two_schools() {
  auto files = testing::minimal_site();
  files["content/units.yml"] += R"(- id: th-b
  name: Trường Tiểu học B
  kind: school
)";
  files["content/profiles/2023-2024/le-van-binh.md"] = R"(---
name: Lê Văn Bình
kind: individual
unit: th-b
awards:
  - award: lao-dong-tien-tien
    decision: {number: 16/QĐ-PGDĐT, date: 2024-05-21, issuer: Phòng GD&ĐT huyện Thử}
summary: Thầy dạy Toán.
consent: true
---
Thầy Bình dạy Toán.
)";
  return files;
}

// "" when both trees are equal; else the first path that differs.
inline std::string difference(const std::map<std::string, std::string>& got,
                              const std::map<std::string, std::string>& want) {
  for (const auto& [path, bytes] : want) {
    auto it = got.find(path);
    if (it == got.end()) return "missing " + path;
    if (it->second != bytes) {
      std::size_t at = 0;
      while (at < bytes.size() && at < it->second.size() && bytes[at] == it->second[at]) ++at;
      std::size_t from = at < 80 ? 0 : at - 80;
      return "differs " + path + ": got …" + it->second.substr(from, 160) + "… want …" +
             bytes.substr(from, 160);
    }
  }
  for (const auto& [path, bytes] : got)
    if (!want.count(path)) return "extra " + path;
  return "";
}

// A preview of two_schools() (or of site_files()), built once before each test.
class Incremental : public ::testing::Test {
 protected:
  virtual std::map<std::string, std::string> site_files() { return two_schools(); }
  virtual pipeline::BuildOptions options() { return testing::site_options(); }
  void SetUp() override {
    fs_ = testing::site_fs(site_files());
    preview_ = std::make_unique<Preview>(*fs_, options());
    RebuildResult r = preview_->build();
    ASSERT_TRUE(r.ok) << diag::format_all(r.diags, r.sources);
    ASSERT_TRUE(r.full);
    ASSERT_NE(preview_->file("dien-hinh/2023-2024/nguyen-thi-thuy/index.html"), nullptr);
  }
  // Rewrites a site file with one substitution, then rebuilds.
  RebuildResult edit(const std::string& rel, const std::string& from, const std::string& to) {
    return edit_and_rebuild(*fs_, *preview_, rel, from, to);
  }
  std::map<std::string, std::string> fresh() { return fresh_files(*fs_, options()); }
  std::unique_ptr<fs::MemoryFileSystem> fs_;
  std::unique_ptr<Preview> preview_;
};

}  // namespace vd::serve
