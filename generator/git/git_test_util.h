// The temporary-repository fixture of the git/ tests (no network).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "fs/fs.h"
#include "git/git.h"

namespace vd::git {

class TempRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vd-git-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    ASSERT_TRUE(Repository::init(dir_, false, repo_)) << dir_;
    disk_ = fs::make_real();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& path, const std::string& text) {
    ASSERT_TRUE(disk_->write(dir_ + "/" + path, text));
  }
  void remove(const std::string& path) { std::filesystem::remove(dir_ + "/" + path); }
  std::string commit(std::int64_t seconds, const std::string& msg = "change") {
    std::string id;
    EXPECT_TRUE(repo_.commit_all(msg, {seconds, 420}, id));
    return id;
  }
  std::string dir_;
  Repository repo_;
  std::unique_ptr<fs::FileSystem> disk_;
};

}  // namespace vd::git
