#include "render/render.h"
#include "render/views.h"

#include <gtest/gtest.h>

namespace vd::render {
namespace {

TEST(Markdown, HeadingsGetSlugIds) {
  EXPECT_EQ(markdown_to_html("## Thành tích nổi bật\n\n## Thành tích nổi bật\n", false),
            "<h2 id=\"thanh-tich-noi-bat\">Thành tích nổi bật</h2>\n<h2 "
            "id=\"thanh-tich-noi-bat-2\">Thành tích nổi bật</h2>\n");
}

TEST(Markdown, HeadingKeepsInlineMarkup) {
  EXPECT_EQ(markdown_to_html("# Cô *Thúy*\n", false), "<h1 id=\"co-thuy\">Cô <em>Thúy</em></h1>\n");
}

TEST(Markdown, RawHtmlIsDroppedByDefault) {
  std::string html = markdown_to_html("<script>alert(1)</script>\n\nchữ <b>đậm</b>\n", false);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
}

TEST(Markdown, DangerousLinksAreBlankedEvenWithHtmlAllowed) {
  for (bool allow : {false, true}) {
    std::string html = markdown_to_html(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html,x) ![d](vbscript:y)\n",
        allow);
    EXPECT_EQ(html.find("javascript"), std::string::npos) << html;
    EXPECT_EQ(html.find("JaVaScRiPt"), std::string::npos) << html;
    EXPECT_EQ(html.find("data:"), std::string::npos) << html;
    EXPECT_EQ(html.find("vbscript"), std::string::npos) << html;
  }
}

TEST(Markdown, GfmTablesStrikethroughAndSmartQuotes) {
  std::string html =
      markdown_to_html("| Năm | Kết quả |\n|---|---|\n| 2023 | ~~tốt~~ \"xuất sắc\" |\n", false);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("<del>tốt</del>"), std::string::npos);
  EXPECT_NE(html.find("“xuất sắc”"), std::string::npos);
}

TEST(Markdown, CheckReportsRawHtmlAndDangerousLinksWithPositions) {
  auto problems = check_markdown("Chữ đầu.\n\nCô <b>Thúy</b> [x](javascript:a()).\n", false);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_EQ(problems[0].column, 4);  // code points: "Cô " is 3 of them, 4 bytes
  EXPECT_EQ(problems[2].column, 16);
  EXPECT_NE(problems[2].message.find("javascript:"), std::string::npos);
  EXPECT_TRUE(check_markdown("**đậm** [trang](https://a.vn/) ![ảnh](anh.jpg)\n", false).empty());
}

TEST(Markdown, ExternalLinksGetNoopener) {
  std::string html = markdown_to_html(
      "[a](https://a.vn/) [b](http://b.vn/x \"t\") [c](/dien-hinh/) <https://d.vn/>\n", false);
  EXPECT_NE(html.find("<a rel=\"noopener\" href=\"https://a.vn/\">a</a>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<a rel=\"noopener\" href=\"http://b.vn/x\" title=\"t\">"),
            std::string::npos);
  EXPECT_NE(html.find("<a href=\"/dien-hinh/\">c</a>"), std::string::npos);
  EXPECT_NE(html.find("<a rel=\"noopener\" href=\"https://d.vn/\">"), std::string::npos);
}

TEST(Markdown, ProblemsAlwaysHaveAPosition) {
  // Found by fuzzing: cmark-gfm gives no line to HTML after a bracket that is no link.
  for (const auto& p : check_markdown("[a]<b>x</b>\n| a |\n|---|\n| [b]<i>y</i> |\n", false)) {
    EXPECT_GE(p.line, 1);
    EXPECT_GE(p.column, 1);
  }
}

// check_markdown skips the parse of stories that cannot hold a problem: every way of writing a
// dangerous address without '<' or '&' must still be parsed and reported.
TEST(Markdown, CheckFindsDangerousLinksWrittenInEveryWay) {
  for (bool allow : {false, true}) {
    for (const char* bad :
         {"[a](javascript:x)\n", "[a](JavaScript\\:x)\n", "[a](java\x01script:x)\n",
          "[a](vbscript:x)\n", "![a](DATA:image/png,x)\n", "![a](file:///etc/passwd)\n",
          "[a]\n\n[a]: javascript:x\n", "| a |\n|---|\n| [b](data:x) |\n",
          "[a](javascript\x02\\:x)\n"})
      EXPECT_EQ(check_markdown(bad, allow).size(), 1u) << bad;
  }
  EXPECT_TRUE(
      check_markdown("Kết quả: tốt. [a](https://x.vn/data) [b](script.html)\n", false).empty());
}

TEST(Markdown, AllowedHtmlStillRefusesScriptsFramesAndHandlers) {
  EXPECT_TRUE(check_markdown("<b>đậm</b> <sup>2</sup>\n", true).empty());
  for (const char* bad :
       {"<script>x()</script>\n", "<iframe src=x></iframe>\n", "<p onclick=\"x()\">a</p>\n",
        "<a href=\"JAVASCRIPT:x\">a</a>\n", "<img src=x onerror = y>\n"})
    EXPECT_EQ(check_markdown(bad, true).size(), 1u) << bad;
}

}  // namespace
}  // namespace vd::render

namespace vd::render {
namespace {

TEST(Markdown, PlainTextForEmail) {
  EXPECT_EQ(markdown_to_text("Kết quả *thi đua* của [trường](https://x.vn/).\n"),
            "Kết quả thi đua của trường (https://x.vn/).\n");
}

TEST(Markdown, WrapsPlainTextByCodePointsWithAnIndent) {
  // 10 columns: "Đặng Văn" is 8 code points (12 bytes), so "Ưu" goes to the next line.
  EXPECT_EQ(wrap_text("Đặng Văn Ưu  dạy\nToán", 10, "  "), "  Đặng Văn\n  Ưu dạy\n  Toán\n");
  EXPECT_EQ(wrap_text("Siêuuuuuuuuuuuudài x", 5), "Siêuuuuuuuuuuuudài\nx\n");
  EXPECT_EQ(wrap_text("", 5, "- "), "- \n");
}

TEST(Assets, StylesheetsPointAtTheHashedNamesOfTheirFonts) {
  Theme theme;
  theme.assets.push_back({"fonts/a.ttf", "font bytes", "assets/fonts/a.ttf"});
  theme.assets.push_back(
      {"x.css",
       "@font-face{src:url(fonts/a.ttf) format(\"truetype\")}\nb{background:url(\"data:,\")}",
       "assets/x.css"});
  site::Site s;
  s.config.language = "vi";
  diag::Diagnostics d;
  Output out = render_site(s, theme, {}, d);
  std::string font, css;
  for (const File& f : out.files) {
    if (f.path.starts_with("assets/fonts/a.")) font = f.path;
    if (f.path.starts_with("assets/x.")) css = f.bytes;
  }
  ASSERT_FALSE(font.empty());
  EXPECT_NE(css.find("url(" + font.substr(7) + ")"), std::string::npos) << css;
  EXPECT_NE(css.find("url(\"data:,\")"), std::string::npos) << css;
}

// A cached card is the card of the page's depth: its links are relative to the page showing it.
TEST(Cards, TheCacheGivesEachPageDepthItsOwnCard) {
  site::Site s;
  s.config.language = "vi";
  s.config.strings = {{"kind_individual", "Cá nhân"}, {"kind_collective", "Tập thể"}};
  site::Honouree h;
  h.profile.name = "Nguyễn Thị Thúy";
  h.profile.unit = "th-a";
  h.url = "/dien-hinh/2023-2024/nguyen-thi-thuy/";
  h.initials = "T";
  s.honourees.push_back(h);
  site::Page deep{site::PageKind::kProfile, "/dien-hinh/2023-2024/le-van-binh/"};
  site::Page shallow{site::PageKind::kYear, "/nam-hoc/2023-2024/"};
  Options o;
  std::map<std::string, std::string> assets;
  std::map<std::string, Image> photos;
  ViewContext a(s, o, deep, assets, photos), b(s, o, shallow, assets, photos);
  CardCache cache(1);
  a.use_cards(&cache);
  b.use_cards(&cache);
  const SharedView* first[2] = {&cache.get(a, 0), &cache.get(b, 0)};
  EXPECT_NE(first[0], first[1]);
  for (int round = 0; round < 2; ++round) {  // built, then taken from the cache
    EXPECT_EQ(cache.get(a, 0).value(), card(a, 0));
    EXPECT_EQ(cache.get(b, 0).value(), card(b, 0));
    EXPECT_EQ(&cache.get(a, 0), first[0]);
    EXPECT_EQ(&cache.get(b, 0), first[1]);
  }
  EXPECT_EQ(cache.get(a, 0).value()["url"],
            "../../../dien-hinh/2023-2024/nguyen-thi-thuy/index.html");
  EXPECT_EQ(cache.get(b, 0).value()["url"], "../../dien-hinh/2023-2024/nguyen-thi-thuy/index.html");
  // Pages hold references to the cached card, not copies.
  EXPECT_EQ(cards(a, {0, 0}), View::array({first[0]->ref(), first[0]->ref()}));
  ViewContext uncached(s, o, deep, assets, photos);
  EXPECT_EQ(cards(uncached, {0})[0], card(a, 0));
}

}  // namespace
}  // namespace vd::render
