// Replays every fuzz seed (tests/fuzz/corpus/<target>/) and every input that once made a fuzz
// target fail (tests/fuzz/regressions/<target>/) through the same target code, so the normal test
// run (and its sanitizer build) keeps them fixed. `make fuzz` finds new ones.
#include <gtest/gtest.h>

#include "fuzz/targets.h"
#include "test_util.h"

namespace vd::testing {
namespace {

class FuzzReplay : public ::testing::TestWithParam<fuzz::Target> {};

TEST_P(FuzzReplay, SeedsAndRegressionsRunCleanly) {
  auto real = fs::make_real();
  std::size_t inputs = 0;
  for (const char* kind : {"corpus", "regressions"}) {
    std::string dir =
        fs::join(VD_SOURCE_DIR, std::string("tests/fuzz/") + kind + "/" + GetParam().name);
    for (const std::string& f : real->list(dir)) {
      std::string bytes = real->read(fs::join(dir, f)).bytes;
      SCOPED_TRACE(dir + "/" + f);
      EXPECT_EQ(0,
                GetParam().run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
      ++inputs;
    }
  }
  EXPECT_GE(inputs, 10u) << "the seed corpus of " << GetParam().name << " is missing";
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzReplay, ::testing::ValuesIn(fuzz::targets()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace vd::testing
