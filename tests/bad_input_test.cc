// The bad-input corpus: each tests/bad_input/<case>.txt lays hostile files over a minimal valid
// site whose output folder was built before, runs `vinhdanh build` on the real disk under a time
// limit, and checks: no crash, no hang, exit status 1, the exact printed text, every error naming
// a file, a line and a column, and the previous output folder left byte for byte as it was.
// Besides "=== <path>" sections (laid over the site; "(delete)" removes a file; a path may leave
// the site folder, e.g. "../outside/x.md"), a case may use these directives:
//   === @symlink <path>       makes <path> a symbolic link to the body's first line
//   === @pad <bytes> <path>   writes the body, then filler lines up to <bytes> (big files are
//                             made at test time, never committed)
//   === @unreadable <path>    reading <path> fails with "Permission denied". Tests run as root,
//                             which chmod 000 does not stop, so such a case runs in-process over a
//                             FaultyFileSystem instead of the binary.
//   === @output-fails <n>     the n-th write into the output fails (a full or read-only disk):
//                             in-process too; a system error, so the status is 2 (README).
// In a body, <<repeat N:TEXT>> stands for TEXT written N times.
// VD_UPDATE_GOLDEN=1 rewrites the expected sections (refused when CI is set).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace vd::testing {
namespace {

namespace stdfs = std::filesystem;

std::string expand(const std::string& body) {
  static const std::regex kRepeat("<<repeat ([0-9]+):([^>]*)>>");
  std::string out;
  auto begin = std::sregex_iterator(body.begin(), body.end(), kRepeat);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += body.substr(last, static_cast<std::size_t>(it->position()) - last);
    for (int i = std::stoi((*it)[1]); i > 0; --i) out += (*it)[2];
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  return out + body.substr(last);
}

std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

struct Case {
  std::map<std::string, std::string> overlay;  // the archive's sections, directives included
  std::string unreadable;
  int output_fails = 0;
  bool in_process() const { return !unreadable.empty() || output_fails > 0; }
};

// Every file below dir, with its bytes (the output folder's snapshot).
std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  auto real = fs::make_real();
  for (const std::string& f : real->list(dir)) out[f] = real->read(fs::join(dir, f)).bytes;
  return out;
}

class BadInput : public ::testing::TestWithParam<std::string> {
 protected:
  // One real build of the minimal site; each case starts from a copy of its output.
  static void SetUpTestSuite() {
    // ctest runs each case in its own process, several at once: one base folder per process.
    base_ = ::testing::TempDir() + "vd_bad_input_base_" + std::to_string(::getpid());
    stdfs::remove_all(base_);
    write_files(base_ + "/site", minimal_site());
    std::string log;
    ASSERT_EQ(run_binary(base_, log), 0) << log;
  }

  static void TearDownTestSuite() { stdfs::remove_all(base_); }

  static void write_files(const std::string& dir, const std::map<std::string, std::string>& m) {
    auto real = fs::make_real();
    for (const auto& [path, bytes] : m) ASSERT_TRUE(real->write(fs::join(dir, path), bytes).ok);
  }

  static std::string build_args(const std::string& dir) {
    return "build --source " + dir + "/site --out " + dir + "/public --theme " + VD_SOURCE_DIR;
  }

  // Runs the binary with a time limit; stderr into `log`. Returns the exit status (124: hang).
  static int run_binary(const std::string& dir, std::string& log) {
    std::string cmd = "timeout -s KILL 120 " + std::string(VD_BINARY) + " " + build_args(dir) +
                      " 2>" + dir + "/stderr.txt >/dev/null";
    int status = std::system(cmd.c_str());
    log = fs::make_real()->read(dir + "/stderr.txt").bytes;
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Lays the case over the site folder; returns false when a file could not be made.
  void apply(const std::string& dir, const Case& c) {
    auto real = fs::make_real();
    std::string site = dir + "/site";
    for (const auto& [key, raw] : c.overlay) {
      std::string body = expand(raw);
      if (key == "expected" || key.rfind("@unreadable", 0) == 0 ||
          key.rfind("@output-fails", 0) == 0)
        continue;
      if (key.rfind("@symlink ", 0) == 0) {
        std::string path = fs::join(site, key.substr(9));
        real->make_dirs(fs::parent_path(path));
        stdfs::remove_all(path);
        stdfs::create_symlink(first_line(body), path);
      } else if (key.rfind("@pad ", 0) == 0) {
        std::size_t sp = key.find(' ', 5);
        std::size_t size = std::stoul(key.substr(5, sp - 5));
        std::string bytes = body;
        std::string filler = "Dòng đệm để tệp lớn tới năm mươi megabyte. ";
        filler += filler + "\n";
        while (bytes.size() + filler.size() <= size) bytes += filler;
        ASSERT_TRUE(real->write(fs::join(site, key.substr(sp + 1)), bytes).ok);
      } else if (body == "(delete)\n") {
        real->remove_all(fs::join(site, key));
      } else {
        ASSERT_TRUE(real->write(fs::join(site, key), body).ok) << key;
      }
    }
  }

  // The fault cases: the pipeline in-process over a FaultyFileSystem on the same real folders.
  static int run_in_process(const std::string& dir, const Case& c, std::string& log) {
    auto real = fs::make_real();
    fs::FaultyFileSystem faulty(*real, c.output_fails > 0 ? c.output_fails : 1 << 30);
    if (!c.unreadable.empty()) faulty.fail_read(dir + "/site/" + c.unreadable);
    pipeline::BuildOptions o;
    o.source = dir + "/site";
    o.out = dir + "/public";
    o.theme = VD_SOURCE_DIR;
    o.today = pipeline::today();
    o.threads = 1;  // the n-th write is the same file at every run
    pipeline::BuildResult r = pipeline::build(faulty, o);
    log = diag::format_all(r.diags, r.sources);
    if (!r.status) log += "error: " + r.status.message + "\n";
    return !r.status ? 2 : r.diags.has_errors() ? 1 : 0;
  }

  static std::string base_;
};

std::string BadInput::base_;

Case read_case(const std::string& text) {
  Case c;
  c.overlay = parse_archive(text);
  for (const auto& [key, body] : c.overlay) {
    if (key.rfind("@unreadable ", 0) == 0) c.unreadable = key.substr(12);
    if (key.rfind("@output-fails ", 0) == 0) c.output_fails = std::stoi(key.substr(14));
  }
  return c;
}

// Timings, the temporary folder and the theme's file names vary from run to run.
std::string normalise(std::string log, const std::string& dir) {
  for (std::size_t at; (at = log.find(dir)) != std::string::npos;)
    log.replace(at, dir.size(), "{dir}");
  log = std::regex_replace(log, std::regex(" in [0-9]+\\.[0-9]+ s: "), " in T s: ");
  // Which file the disk fills up on depends on the theme's assets: only the folder matters.
  return std::regex_replace(log, std::regex("public\\.staging/[^']*'"), "public.staging/…'");
}

TEST_P(BadInput, FailsCleanlyAndLeavesTheOutputAlone) {
  std::string rel = "tests/bad_input/" + GetParam();
  std::string text = read_repo_file(rel);
  Case c = read_case(text);
  ASSERT_TRUE(c.overlay.count("expected")) << rel << " has no '=== expected' section";
  std::string dir =
      ::testing::TempDir() + "vd_bad_" + std::to_string(::getpid()) + "_" + GetParam();
  stdfs::remove_all(dir);
  write_files(dir + "/site", minimal_site());
  stdfs::copy(base_ + "/public", dir + "/public", stdfs::copy_options::recursive);
  auto before = snapshot(dir + "/public");
  ASSERT_FALSE(before.empty());
  apply(dir, c);

  std::string log;
  int code = c.in_process() ? run_in_process(dir, c, log) : run_binary(dir, log);
  log = normalise(log, dir);
  if (std::getenv("VD_UPDATE_GOLDEN") && !std::getenv("CI")) {
    std::string head = text.substr(0, text.find("=== expected\n"));
    fs::make_real()->write(fs::join(VD_SOURCE_DIR, rel), head + "=== expected\n" + log);
  } else {
    EXPECT_EQ(c.overlay["expected"], log) << "in " << rel;
  }
  EXPECT_EQ(code, c.output_fails > 0 ? 2 : 1) << rel << " (124/137: hang, 134/139: crash)\n" << log;
  // Every error names a file, a line and a column.
  static const std::regex kPositioned("^[^ :]+:[0-9]+:[0-9]+: error: .*");
  std::size_t errors = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(": error: ") == std::string::npos) continue;
    ++errors;
    EXPECT_TRUE(std::regex_match(line, kPositioned)) << rel << ": no position in: " << line;
  }
  if (c.output_fails == 0) {
    EXPECT_GT(errors, 0u) << rel << " must report an error";
  }
  EXPECT_EQ(before, snapshot(dir + "/public")) << rel << ": the previous output was changed";
  EXPECT_FALSE(stdfs::exists(dir + "/public.staging")) << rel << ": staging folder left behind";
  if (!::testing::Test::HasFailure()) stdfs::remove_all(dir);
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const std::string& f : fs::make_real()->list(fs::join(VD_SOURCE_DIR, "tests/bad_input")))
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".txt") == 0) out.push_back(f);
  return out;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.size() - 4);
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(cases()), case_name);

TEST(BadInputCorpus, HasAtLeastFiftyCases) {
  EXPECT_GE(cases().size(), 50u);
}

}  // namespace
}  // namespace vd::testing
