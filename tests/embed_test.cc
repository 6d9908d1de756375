// Embeddable honour rolls: the JSONP roll, the compact pages for iframes, the unit page snippets
// (tests/browser/ renders them on a page of another origin in Chromium).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace vd::testing {
namespace {

TEST(Embed, ScriptRollIsTheJsonRollWrappedInACall) {
  auto out = built(minimal_site());
  const std::string& js = out["api/units/th-a.js"];
  ASSERT_EQ(js.rfind("vinhdanhRoll(", 0), 0u);
  ASSERT_EQ(js.substr(js.size() - 3), ");\n");
  // vinhdanhRoll(<roll>, <labels>): the roll is the JSON file's content.
  auto args = nlohmann::json::parse("[" + js.substr(13, js.size() - 16) + "]");
  EXPECT_EQ(args[0], nlohmann::json::parse(out["api/units/th-a.json"]));
  EXPECT_EQ(args[1]["school_year"], "Năm học");
  EXPECT_EQ(js.find("0912 000 111"), std::string::npos);  // a private value of the site
  // The stable embed script (not hashed: schools paste its URL).
  EXPECT_NE(out["api/embed.js"].find("vinhdanhRoll"), std::string::npos);
  // A unit without honourees has a JSON roll but nothing to embed.
  EXPECT_FALSE(out.count("don-vi/pgd/nhung/index.html"));
}

TEST(Embed, CompactPagesPerYearAreStandaloneAndNotInTheSitemap) {
  auto out = built(minimal_site());
  const std::string& all = out["don-vi/th-a/nhung/index.html"];
  const std::string& year = out["don-vi/th-a/nhung/2023-2024/index.html"];
  ASSERT_FALSE(all.empty());
  ASSERT_FALSE(year.empty());
  EXPECT_NE(year.find("Nguyễn Thị Thúy"), std::string::npos);
  EXPECT_NE(year.find("href=\"https://example.edu.vn/dien-hinh/2023-2024/nguyen-thi-thuy/\""),
            std::string::npos);
  EXPECT_NE(year.find("<meta name=\"robots\" content=\"noindex\">"), std::string::npos);
  EXPECT_EQ(year.find("site-nav"), std::string::npos);  // no portal navigation in a frame
  EXPECT_EQ(year.find("<script"), std::string::npos);
  EXPECT_EQ(out["sitemap.xml"].find("/nhung/"), std::string::npos);
}

TEST(Embed, UnitPageOffersSnippetsForEveryYearChoice) {
  auto out = built(minimal_site());
  const std::string& page = out["don-vi/th-a/index.html"];
  EXPECT_NE(page.find("id=\"embed-year\""), std::string::npos);
  EXPECT_NE(page.find("&lt;div data-vinhdanh-unit=&quot;th-a&quot;&gt;&lt;/div&gt;\n&lt;script "
                      "src=&quot;https://example.edu.vn/api/embed.js&quot; async&gt;"),
            std::string::npos);
  EXPECT_NE(page.find("data-vinhdanh-unit=&quot;th-a&quot; data-year=&quot;2023-2024&quot;"),
            std::string::npos);
  EXPECT_NE(page.find("https://example.edu.vn/don-vi/th-a/nhung/2023-2024/"), std::string::npos);
  EXPECT_EQ(out["don-vi/pgd/index.html"].find("id=\"embed-year\""), std::string::npos);
}

}  // namespace
}  // namespace vd::testing
