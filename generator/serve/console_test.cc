// What serve prints after each build: a warning when it appears, not at every rebuild while it
// stays; errors every time.
#include "serve/serve.h"

#include <gtest/gtest.h>

namespace vd::serve {
namespace {

const diag::Position kA{"content/profiles/2023-2024/a.md", 3, 1};
const diag::Position kB{"content/profiles/2023-2024/b.md", 5, 7};

std::string describe(Console& c, const RebuildResult& r, std::vector<std::string> changed) {
  Event ev;
  ev.kind = r.ok ? Event::Kind::kBuilt : Event::Kind::kFailed;
  ev.result = &r;
  ev.changed = std::move(changed);
  return c.describe(ev);
}

TEST(Console, AWarningIsPrintedWhenItAppearsNotAtEveryRebuild) {
  Console c(false, false);
  RebuildResult first;
  first.diags.warning(kA, "the summary is long", "shorten it");
  std::string out = describe(c, first, {});
  EXPECT_NE(out.find("the summary is long"), std::string::npos) << out;
  EXPECT_NE(out.find("built in"), std::string::npos) << out;

  RebuildResult same = first;  // an edit elsewhere: the warning stays
  out = describe(c, same, {"content/profiles/2023-2024/c.md"});
  EXPECT_EQ(out.find("the summary is long"), std::string::npos) << out;
  EXPECT_NE(out.find("rebuilt after content/profiles/2023-2024/c.md"), std::string::npos) << out;

  RebuildResult more = first;  // an edit brings a new one in
  more.diags.warning(kB, "no photo", "add one");
  out = describe(c, more, {"content/profiles/2023-2024/b.md"});
  EXPECT_NE(out.find("no photo"), std::string::npos) << out;
  EXPECT_EQ(out.find("the summary is long"), std::string::npos) << out;

  RebuildResult fixed;  // both fixed, then the first comes back: printed again
  describe(c, fixed, {"content/profiles/2023-2024/a.md"});
  out = describe(c, first, {"content/profiles/2023-2024/a.md"});
  EXPECT_NE(out.find("the summary is long"), std::string::npos) << out;
}

TEST(Console, ErrorsArePrintedAtEveryFailedRebuild) {
  Console c(false, false);
  RebuildResult bad;
  bad.ok = false;
  bad.diags.error(kA, "unknown key 'nmae'", "did you mean 'name'?");
  for (int i = 0; i < 2; ++i) {
    std::string out = describe(c, bad, {"content/profiles/2023-2024/a.md"});
    EXPECT_NE(out.find("unknown key 'nmae'"), std::string::npos) << out;
    EXPECT_NE(out.find("still serving the last good build"), std::string::npos) << out;
  }
}

TEST(Console, ProblemsOfPagesRenderedLaterAddToThoseShown) {
  Console c(false, false);
  RebuildResult first;
  first.diags.warning(kA, "the summary is long", "shorten it");
  describe(c, first, {});
  RebuildResult later;
  later.later = true;
  later.diags.warning(kB, "no photo", "add one");
  std::string out = describe(c, later, {});
  EXPECT_NE(out.find("no photo"), std::string::npos) << out;
  // The next rebuild has both: neither is new.
  RebuildResult both = first;
  both.diags.warning(kB, "no photo", "add one");
  out = describe(c, both, {"content/profiles/2023-2024/c.md"});
  EXPECT_EQ(out.find("no photo"), std::string::npos) << out;
  EXPECT_EQ(out.find("the summary is long"), std::string::npos) << out;
}

}  // namespace
}  // namespace vd::serve
