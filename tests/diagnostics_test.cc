// The diagnostics corpus: each tests/diagnostics/<case>.txt holds files that are laid over a
// minimal valid site and, after "=== expected", the exact text `vinhdanh check` prints.
// VD_UPDATE_GOLDEN=1 rewrites the expected sections (refused when CI is set).
#include <gtest/gtest.h>

#include <cstdlib>

#include "test_util.h"

namespace vd::testing {
namespace {

std::string check_output(const std::map<std::string, std::string>& overlay) {
  auto files = minimal_site();
  for (const auto& [path, bytes] : overlay) {
    if (path == "expected") continue;
    if (bytes == "(delete)\n")
      files.erase(path);
    else
      files[path] = bytes;
  }
  auto mem = site_fs(files);
  pipeline::BuildOptions o = site_options();
  o.write = false;
  pipeline::BuildResult r = pipeline::build(*mem, o);
  return diag::format_all(r.diags, r.sources);
}

class Diagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(Diagnostics, PrintsExactly) {
  std::string rel = "tests/diagnostics/" + GetParam();
  std::string text = read_repo_file(rel);
  auto overlay = parse_archive(text);
  ASSERT_TRUE(overlay.count("expected")) << rel << " has no '=== expected' section";
  std::string actual = check_output(overlay);
  if (std::getenv("VD_UPDATE_GOLDEN") && !std::getenv("CI")) {
    std::string head = text.substr(0, text.find("=== expected\n"));
    fs::make_real()->write(fs::join(VD_SOURCE_DIR, rel), head + "=== expected\n" + actual);
    return;
  }
  EXPECT_EQ(overlay["expected"], actual) << "in " << rel;
  EXPECT_NE(actual, "") << rel << " must produce a diagnostic";
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const std::string& f : fs::make_real()->list(fs::join(VD_SOURCE_DIR, "tests/diagnostics")))
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".txt") == 0) out.push_back(f);
  return out;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.size() - 4);
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Diagnostics, ::testing::ValuesIn(cases()), case_name);

TEST(DiagnosticsCorpus, MinimalSiteIsClean) {
  EXPECT_EQ("", check_output({}));
}

// check (keep_site) leaves the site graph allocated for a caller that is about to exit, with or
// without content errors, and reports exactly what it reports otherwise; build frees it.
TEST(DiagnosticsCorpus, KeepSiteHandsTheGraphOverWithTheSameReport) {
  for (bool broken : {false, true}) {
    auto files = minimal_site();
    if (broken)
      files["content/profiles/2023-2024/x.md"] = "---\nname: X\nkind: individual\n---\nx\n";
    auto mem = site_fs(files);
    pipeline::BuildOptions o = site_options();
    o.write = false;
    pipeline::BuildResult freed = pipeline::build(*mem, o);
    o.keep_site = true;
    pipeline::BuildResult kept = pipeline::build(*mem, o);
    EXPECT_EQ(freed.kept, nullptr);
    EXPECT_NE(kept.kept, nullptr);
    EXPECT_EQ(freed.diags.has_errors(), broken);
    EXPECT_EQ(diag::format_all(kept.diags, kept.sources),
              diag::format_all(freed.diags, freed.sources));
  }
}

}  // namespace
}  // namespace vd::testing
