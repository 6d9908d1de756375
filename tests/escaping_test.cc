// Escaping per output context, with hostile strings in every field they can reach: HTML text,
// HTML attributes, URLs in attributes, JSON (the roll and its JSONP form), XML (Atom feeds,
// sitemap). Each test finds the hostile value in its escaped form and never in its raw form.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

#include "test_util.h"

namespace vd::testing {
namespace {

// Quotes of both kinds, an ampersand, angle brackets (not a tag: the model refuses those), the
// end of a CDATA section and of a comment, a line separator that breaks old JavaScript parsers.
const std::string kHostile = "Trần \"Xuân\" & 'Thu' <3 > ]]> --> \u2028 x";
const std::string kHostileYaml = "'Trần \"Xuân\" & ''Thu'' <3 > ]]> --> \u2028 x'";

std::map<std::string, std::string> hostile_build() {
  auto files = minimal_site();
  std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  auto replace = [](std::string& text, const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace(p, "name: Nguyễn Thị Thúy", "name: " + kHostileYaml);
  replace(p, "summary: Mười hai năm đứng lớp.", "summary: " + kHostileYaml);
  // Quotes and angle brackets are refused in addresses (model); '&' must still be escaped.
  replace(files["content/units.yml"], "  kind: school\n",
          "  kind: school\n  website: https://a.vn/?a=1&b=2\n");
  return built(files);
}

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1))
    ++n;
  return n;
}

TEST(Escaping, HtmlTextAndAttributes) {
  auto out = hostile_build();
  const std::string& page = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  ASSERT_FALSE(page.empty());
  const std::string escaped =
      "Trần &quot;Xuân&quot; &amp; &#39;Thu&#39; &lt;3 &gt; ]]&gt; --&gt; \u2028 x";
  EXPECT_GE(count(page, "<h1"), 1u);
  EXPECT_GE(count(page, "content=\"" + escaped), 2u) << "og:title and og:description";
  EXPECT_GE(count(page, ">" + escaped), 1u) << "the heading's text";
  for (const auto& [path, bytes] : out) {
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0) {
      EXPECT_EQ(bytes.find(kHostile), std::string::npos) << "raw in " << path;
    }
  }
}

TEST(Escaping, UrlsInAttributes) {
  auto out = hostile_build();
  const std::string& unit = out["don-vi/th-a/index.html"];
  EXPECT_NE(unit.find("href=\"https://a.vn/?a=1&amp;b=2\""), std::string::npos) << unit;
  EXPECT_EQ(unit.find("a=1&b=2"), std::string::npos);
}

TEST(Escaping, JsonRollAndItsScriptForm) {
  auto out = hostile_build();
  nlohmann::json roll = nlohmann::json::parse(out.at("api/units/th-a.json"));
  bool found = false;
  for (const auto& y : roll["years"])
    for (const auto& h : y["honourees"])
      if (h["name"] == kHostile) found = h["summary"] == kHostile;
  EXPECT_TRUE(found) << roll.dump();
  const std::string& js = out.at("api/units/th-a.js");
  ASSERT_EQ(js.rfind("vinhdanhRoll(", 0), 0u);
  EXPECT_NE(js.find("\\\"Xuân\\\""), std::string::npos);  // quotes escaped inside the string
  EXPECT_EQ(js.find("</"), std::string::npos);
}

// Replaces the five predefined XML entities.
std::string xml_unescape(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"},
                                                                          {"&gt;", ">"},
                                                                          {"&quot;", "\""},
                                                                          {"&apos;", "'"},
                                                                          {"&#39;", "'"},
                                                                          {"&amp;", "&"}})
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, from.size(), to);
  return s;
}

TEST(Escaping, XmlFeedsAndSitemap) {
  auto out = hostile_build();
  static const std::regex kBareAmpersand("&(?!(amp|lt|gt|quot|apos|#[0-9]+);)");
  for (const char* f : {"feed.xml", "don-vi/th-a/feed.xml", "sitemap.xml"}) {
    const std::string& xml = out.at(f);
    EXPECT_FALSE(std::regex_search(xml, kBareAmpersand)) << f;
    EXPECT_EQ(xml.find(kHostile), std::string::npos) << f;
    EXPECT_EQ(xml.find("]]>"), std::string::npos) << f;
  }
  const std::string& feed = out.at("feed.xml");
  bool found = false;
  for (std::size_t at = feed.find("<entry>\n    <title>"); at != std::string::npos;
       at = feed.find("<entry>\n    <title>", at + 1)) {
    std::size_t from = at + 19;
    found |= xml_unescape(feed.substr(from, feed.find("</title>", from) - from)) == kHostile;
  }
  EXPECT_TRUE(found) << feed;
}

}  // namespace
}  // namespace vd::testing
