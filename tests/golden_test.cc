// Golden sites: tests/golden/<case>/ holds a site (site.yml, content/) and expected/, the exact
// output tree. The first differing file is reported. `make golden` refreshes expected/
// (VD_UPDATE_GOLDEN=1), which is refused when CI is set.
#include <gtest/gtest.h>

#include <cstdlib>

#include "test_util.h"

namespace vd::testing {
namespace {

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, OutputTreeMatchesExpected) {
  auto real = fs::make_real();
  std::string dir = fs::join(VD_SOURCE_DIR, "tests/golden/" + GetParam());
  std::map<std::string, std::string> files;
  for (const std::string& f : real->list(dir))
    if (f.rfind("expected/", 0) != 0) files[f] = real->read(fs::join(dir, f)).bytes;
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  std::map<std::string, std::string> actual;
  for (const auto& [path, bytes] : mem->files())
    if (path.rfind("out/", 0) == 0) actual[path.substr(4)] = bytes;
  // Fonts are copied byte for byte: compare them with the theme's files here rather than keep a
  // second copy of 1.5 MB of fonts under expected/.
  for (auto it = actual.begin(); it != actual.end();) {
    if (!it->first.ends_with(".ttf")) {
      ++it;
      continue;
    }
    std::string name = it->first.substr(0, it->first.rfind('.'));  // drop ".ttf"
    name = name.substr(0, name.rfind('.')) + ".ttf";               // drop the hash
    EXPECT_EQ(it->second, real->read(fs::join(VD_SOURCE_DIR, name)).bytes) << it->first;
    it = actual.erase(it);
  }
  std::string expected_dir = fs::join(dir, "expected");
  if (std::getenv("VD_UPDATE_GOLDEN")) {
    ASSERT_EQ(std::getenv("CI"), nullptr) << "refusing to refresh golden files on CI";
    real->remove_all(expected_dir);
    for (const auto& [path, bytes] : actual)
      ASSERT_TRUE(real->write(fs::join(expected_dir, path), bytes).ok);
    return;
  }
  std::map<std::string, std::string> expected;
  for (const std::string& f : real->list(expected_dir))
    expected[f] = real->read(fs::join(expected_dir, f)).bytes;
  for (const auto& [path, bytes] : expected) {
    auto it = actual.find(path);
    ASSERT_NE(it, actual.end()) << "missing from the output: " << path;
    ASSERT_EQ(bytes, it->second) << "first differing file: " << path
                                 << " (refresh with `make golden` if intended)";
  }
  for (const auto& [path, bytes] : actual)
    ASSERT_TRUE(expected.count(path)) << "unexpected output file: " << path;
}

std::vector<std::string> cases() {
  auto real = fs::make_real();
  std::set<std::string> names;
  for (const std::string& f : real->list(fs::join(VD_SOURCE_DIR, "tests/golden")))
    names.insert(f.substr(0, f.find('/')));
  return {names.begin(), names.end()};
}

INSTANTIATE_TEST_SUITE_P(Sites, Golden, ::testing::ValuesIn(cases()));

}  // namespace
}  // namespace vd::testing
