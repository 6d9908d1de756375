#include "diag/diag.h"

#include <gtest/gtest.h>

namespace vd::diag {
namespace {

TEST(Diag, PrintsLineAndCaretUnderCodePointColumn) {
  SourceMap src{{"a.md", "---\naward: Chiến sĩ thi đua cơ sơ\n---\n"}};
  Diagnostics ds;
  ds.error({"a.md", 2, 8}, "unknown award 'Chiến sĩ thi đua cơ sơ'",
           "did you mean 'Chiến sĩ thi đua cơ sở'?");
  EXPECT_EQ(format(ds.all()[0], src),
            "a.md:2:8: error: unknown award 'Chiến sĩ thi đua cơ sơ'\n"
            "    2 | award: Chiến sĩ thi đua cơ sơ\n"
            "      |        ^\n"
            "hint: did you mean 'Chiến sĩ thi đua cơ sở'?\n");
}

TEST(Diag, CaretCountsCodePointsNotBytes) {
  SourceMap src{{"a.md", "tên: Đặng Văn Ưu x"}};
  Diagnostics ds;
  ds.warning({"a.md", 1, 18}, "m");
  EXPECT_EQ(format(ds.all()[0], src),
            "a.md:1:18: warning: m\n    1 | tên: Đặng Văn Ưu x\n      |                  ^\n");
}

TEST(Diag, WholeFileDiagnosticHasNoSnippet) {
  Diagnostics ds;
  ds.note({"a.md", 0, 0}, "not published");
  EXPECT_EQ(format(ds.all()[0], {}), "a.md: note: not published\n");
}

TEST(Diag, SortsByFileLineColumnAndCounts) {
  Diagnostics ds;
  ds.error({"b.md", 1, 1}, "b");
  ds.warning({"a.md", 3, 1}, "a3");
  ds.error({"a.md", 1, 5}, "a1");
  auto s = ds.sorted();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].message, "a1");
  EXPECT_EQ(s[1].message, "a3");
  EXPECT_EQ(s[2].message, "b");
  EXPECT_EQ(summary(ds), "2 errors, 1 warning");
  EXPECT_EQ(summary(Diagnostics{}), "no problems");
}

}  // namespace
}  // namespace vd::diag
