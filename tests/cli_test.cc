// End-to-end tests of the `vinhdanh` binary: exit codes, messages, files written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/wait.h>
#include <cstdio>
#include <cstdlib>

#include "test_util.h"

namespace vd::testing {
namespace {

struct Result {
  int code = -1;
  std::string output;  // stdout and stderr
};

Result shell(const std::string& command) {
  std::string cmd = command + " 2>&1";
  Result r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Result run(const std::string& args) {
  return shell(std::string(VD_BINARY) + " " + args);
}

void write_site(const std::string& dir, const std::map<std::string, std::string>& files) {
  auto real = fs::make_real();
  for (const auto& [path, bytes] : files) ASSERT_TRUE(real->write(fs::join(dir, path), bytes).ok);
}

TEST(Cli, ExampleSiteChecksCleanly) {
  Result r = run(std::string("check --source ") + VD_SOURCE_DIR);
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("not published: no recorded consent"), std::string::npos);
}

TEST(Cli, ContentErrorsExitOneAndWriteNothing) {
  std::string dir = temp_dir("errors");
  auto files = minimal_site();
  files["content/profiles/2023-2024/x.md"] = "---\nname: X\nkind: individual\nunit: nope\n---\nx\n";
  write_site(dir, files);
  Result r = run("build --source " + dir + " --out " + dir + "/public --theme " + VD_SOURCE_DIR);
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_NE(r.output.find("x.md:4:7: error: unknown unit 'nope'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was written"), std::string::npos);
  EXPECT_FALSE(fs::make_real()->is_dir(dir + "/public"));
}

// check leaves the process without freeing the site (outside sanitizer builds): every problem
// must still be printed, with the summary line and the exit code.
TEST(Cli, CheckPrintsEveryProblemAndExitsOne) {
  std::string dir = temp_dir("check-errors");
  auto files = minimal_site();
  files["content/profiles/2023-2024/x.md"] = "---\nname: X\nkind: individual\nunit: nope\n---\nx\n";
  files["content/profiles/2023-2024/y.md"] = "---\nname: Y\nkind: individual\nunit: nope\n---\ny\n";
  write_site(dir, files);
  Result r = run("check --source " + dir + " --theme " + VD_SOURCE_DIR);
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_NE(r.output.find("x.md:4:7: error: unknown unit 'nope'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("y.md:4:7: error: unknown unit 'nope'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was written"), std::string::npos) << r.output;
  Result clean = run(std::string("check --source ") + VD_SOURCE_DIR);
  EXPECT_EQ(clean.code, 0) << clean.output;
  EXPECT_NE(clean.output.find("checked in "), std::string::npos) << clean.output;
}

TEST(Cli, UsageAndSystemErrorsExitTwo) {
  EXPECT_EQ(run("build --source /nonexistent-vd").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("build --help").code, 0);
  EXPECT_EQ(run("version").output, "vinhdanh " VD_VERSION_STRING "\n");
}

TEST(Cli, BuildTwiceKeepsUnchangedFiles) {
  std::string dir = temp_dir("twice");
  write_site(dir, minimal_site());
  std::string args = "build --source " + dir + " --out " + dir + "/public --theme " + VD_SOURCE_DIR;
  Result first = run(args);
  ASSERT_EQ(first.code, 0) << first.output;
  Result second = run(args);
  ASSERT_EQ(second.code, 0) << second.output;
  EXPECT_NE(second.output.find(" 0 written"), std::string::npos) << second.output;
  EXPECT_TRUE(fs::make_real()->is_file(dir + "/public/index.html"));
  EXPECT_FALSE(fs::make_real()->is_dir(dir + "/public.staging"));
}

TEST(Cli, RefusesToOverwriteAForeignFolder) {
  std::string dir = temp_dir("foreign");
  write_site(dir, minimal_site());
  write_site(dir, {{"docs/keep.txt", "keep"}});
  Result r = run("build --source " + dir + " --out " + dir + "/docs --theme " + VD_SOURCE_DIR);
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_EQ(fs::make_real()->read(dir + "/docs/keep.txt").bytes, "keep");
}

// Sanitizer builds link libvips at start (generator/CMakeLists.txt: LeakSanitizer's scan at exit
// crashed after a dlopen of it).
#ifdef __SANITIZE_ADDRESS__
constexpr bool kVipsAtStart = true;
#else
constexpr bool kVipsAtStart = false;
#endif

// libvips and the ~80 libraries it needs are not loaded when the program starts (they cost
// ~18 ms of every run): the plugin beside the program loads them when a photo or a card is made.
TEST(Cli, LibvipsIsLoadedOnlyToMakeImages) {
  // What the dynamic loader maps at start (how ldd lists them), without running the program.
  Result at_start = shell(std::string("LD_TRACE_LOADED_OBJECTS=1 ") + VD_BINARY);
  ASSERT_EQ(at_start.code, 0) << at_start.output;
  EXPECT_NE(at_start.output.find("libstdc++"), std::string::npos) << at_start.output;
  EXPECT_EQ(at_start.output.find("libvips") != std::string::npos, kVipsAtStart) << at_start.output;
  EXPECT_EQ(at_start.output.find("libglib") != std::string::npos, kVipsAtStart) << at_start.output;

  std::string dir = temp_dir("photo");
  auto files = minimal_site();
  files["content/images/thuy.jpg"] =
      read_repo_file("tests/browser/fixture/content/images/nguyen-thi-thuy.jpg");
  std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  p.insert(p.find("summary:"), "photo: thuy.jpg\n");
  write_site(dir, files);
  Result r = run("build --source " + dir + " --out " + dir + "/public --theme " + VD_SOURCE_DIR);
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
  int webp = 0, cards = 0;
  for (const std::string& f : fs::make_real()->list(dir + "/public")) {
    webp += f.size() > 5 && f.substr(f.size() - 5) == ".webp";
    cards += f.find("images/the/") != std::string::npos;  // social cards
  }
  EXPECT_EQ(webp, 3) << r.output;  // 160, 320 and 600 pixels wide
  EXPECT_GE(cards, 1) << r.output;
  EXPECT_TRUE(fs::make_real()->is_file(dir + "/public/images/thuy.jpg"));
}

TEST(Cli, NewDerivesTheFileNameFromTheName) {
  std::string dir = temp_dir("new");
  write_site(dir, minimal_site());
  Result r = run("new profile \"Đặng Văn Ưu\" --source " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  auto files = fs::make_real()->list(dir + "/content/profiles");
  bool found = false;
  for (const auto& f : files)
    found |= f.size() > 15 && f.substr(f.size() - 15) == "/dang-van-uu.md";
  EXPECT_TRUE(found) << r.output;
  Result again = run("new profile \"Đặng Văn Ưu\" --source " + dir);
  EXPECT_NE(again.output.find("dang-van-uu-2.md"), std::string::npos) << again.output;
  EXPECT_EQ(run("new campaign \"Thi đua 2025\" --source " + dir).code, 0);
  EXPECT_TRUE(fs::make_real()->is_file(dir + "/content/campaigns/thi-dua-2025.md"));
  Result bulletin = run("new bulletin \"Kết quả thi đua học kỳ I\" --source " + dir);
  ASSERT_EQ(bulletin.code, 0) << bulletin.output;
  EXPECT_NE(bulletin.output.find("/ket-qua-thi-dua-hoc-ky-i.md"), std::string::npos)
      << bulletin.output;
  EXPECT_EQ(run("new unit \"Trường THCS Lê Quý Đôn\" --source " + dir).code, 0);
  EXPECT_NE(
      fs::make_real()->read(dir + "/content/units.yml").bytes.find("- id: truong-thcs-le-quy-don"),
      std::string::npos);
  // A new draft profile is reported, not published, and the site still checks.
  Result check = run("check --source " + dir + " --theme " + VD_SOURCE_DIR);
  EXPECT_EQ(check.code, 0) << check.output;  // a draft's missing fields are warnings, not errors
  EXPECT_NE(check.output.find("dang-van-uu.md:4:1: warning: required field 'unit' is empty"),
            std::string::npos)
      << check.output;
  EXPECT_NE(check.output.find("ket-qua-thi-dua-hoc-ky-i.md:3:1: warning: required field "
                              "'number' is empty in this bulletin (in a draft)"),
            std::string::npos)
      << check.output;
  EXPECT_EQ(run("check --drafts --source " + dir + " --theme " + VD_SOURCE_DIR).code, 1);
}

}  // namespace
}  // namespace vd::testing
