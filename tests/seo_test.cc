// Sharing: Open Graph and Twitter tags, canonical URLs, schema.org JSON-LD, social card pictures
// (their drawing: cards_test.cc).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace vd::testing {
namespace {

std::string attr(const std::string& page, const std::string& before) {
  std::size_t at = page.find(before);
  if (at == std::string::npos) return "";
  at += before.size();
  return page.substr(at, page.find('"', at) - at);
}

nlohmann::json ld(const std::string& page) {
  const std::string open = "<script type=\"application/ld+json\">";
  std::size_t at = page.find(open);
  if (at == std::string::npos) return nullptr;
  at += open.size();
  return nlohmann::json::parse(page.substr(at, page.find("</script>", at) - at));
}

TEST(Seo, ProfileHasCanonicalOpenGraphTwitterAndPersonWithAward) {
  auto out = built(minimal_site());
  const std::string& page = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  const std::string url = "https://example.edu.vn/dien-hinh/2023-2024/nguyen-thi-thuy/";
  EXPECT_EQ(attr(page, "<link rel=\"canonical\" href=\""), url);
  EXPECT_EQ(attr(page, "<meta property=\"og:url\" content=\""), url);
  EXPECT_EQ(attr(page, "<meta property=\"og:type\" content=\""), "profile");
  // No photo: its social card is the picture.
  std::string image = attr(page, "<meta property=\"og:image\" content=\"");
  EXPECT_EQ(image.rfind("https://example.edu.vn/images/the/", 0), 0u) << image;
  EXPECT_EQ(attr(page, "<meta property=\"og:image:width\" content=\""), "1200");
  EXPECT_EQ(attr(page, "<meta property=\"og:image:height\" content=\""), "630");
  EXPECT_EQ(attr(page, "<meta name=\"twitter:card\" content=\""), "summary_large_image");
  nlohmann::json j = ld(page);
  EXPECT_EQ(j["@context"], "https://schema.org");
  EXPECT_EQ(j["@type"], "Person");
  EXPECT_EQ(j["name"], "Nguyễn Thị Thúy");
  EXPECT_EQ(j["award"][0],
            "Chiến sĩ thi đua cơ sở (Quyết định số 15/QĐ-PGDĐT, 20/05/2024 – Phòng GD&ĐT huyện "
            "Thử)");
  EXPECT_EQ(j["worksFor"]["name"], "Trường Tiểu học A");
  // "&" is escaped inside the script element; the JSON still reads back the same.
  EXPECT_EQ(page.find("GD&ĐT huyện Thử)\""), std::string::npos);
  EXPECT_EQ(page.find("0912 000 111"), std::string::npos);
}

TEST(Seo, CollectiveIsAnOrganizationAndTheHomePageAWebSiteWithSearch) {
  auto out = built(minimal_site());
  nlohmann::json team = ld(out["dien-hinh/2023-2024/to-toan/index.html"]);
  EXPECT_EQ(team["@type"], "Organization");
  EXPECT_EQ(team["parentOrganization"]["@type"], "EducationalOrganization");
  nlohmann::json home = ld(out["index.html"]);
  EXPECT_EQ(home["@type"], "WebSite");
  EXPECT_EQ(home["potentialAction"]["target"],
            "https://example.edu.vn/tim-kiem/?q={search_term_string}");
  nlohmann::json unit = ld(out["don-vi/th-a/index.html"]);
  EXPECT_EQ(unit["@type"], "EducationalOrganization");
}

TEST(Seo, APhotoIsSharedOnTheCardOrAloneWithoutCards) {
  auto files = minimal_site();
  files["content/images/thuy.jpg"] =
      read_repo_file("tests/browser/fixture/content/images/nguyen-thi-thuy.jpg");
  std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  p.insert(p.find("summary:"), "photo: thuy.jpg\n");
  // The card holds the portrait: previews crop pictures to about 1.91:1, a portrait photo through
  // the face.
  auto out = built(files);
  const std::string& page = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  std::string image = attr(page, "<meta property=\"og:image\" content=\"");
  ASSERT_EQ(image.rfind("https://example.edu.vn/images/the/", 0), 0u) << image;
  EXPECT_TRUE(out.count(image.substr(std::string("https://example.edu.vn/").size())));
  EXPECT_EQ(attr(page, "<meta name=\"twitter:image\" content=\""), image);
  EXPECT_EQ(attr(page, "<meta property=\"og:image:width\" content=\""), "1200");
  EXPECT_EQ(attr(page, "<meta property=\"og:image:height\" content=\""), "630");
  // Without cards, the photo itself.
  files["site.yml"] += "social_cards: false\n";
  out = built(files);
  const std::string& plain = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  image = attr(plain, "<meta property=\"og:image\" content=\"");
  ASSERT_EQ(image.rfind("https://example.edu.vn/images/", 0), 0u) << image;
  EXPECT_TRUE(image.ends_with("-600.jpg")) << image;
  EXPECT_TRUE(out.count(image.substr(std::string("https://example.edu.vn/").size())));
  EXPECT_EQ(attr(plain, "<meta property=\"og:image:width\" content=\""), "600");
  EXPECT_EQ(attr(plain, "<meta property=\"og:image:height\" content=\""), "800");
  EXPECT_EQ(attr(plain, "<meta name=\"twitter:card\" content=\""), "summary_large_image");
}

}  // namespace
}  // namespace vd::testing

namespace vd::render {
namespace {

CardColours colours_of(const std::string& css) {
  return card_colours({{"site.js", "--c-red: #000000;", "x"}, {"style.css", css, "y"}});
}

TEST(CardColours, ComeFromTheThemesStyleSheet) {
  CardColours c =
      colours_of(":root {\n  --c-red:#1E3A8A; --c-gold: #0f0;\n  --c-gold-light:  #fde68a;\n}");
  EXPECT_EQ(c.background, (std::array<std::uint8_t, 3>{30, 58, 138}));
  EXPECT_EQ(c.rule, (std::array<std::uint8_t, 3>{0, 255, 0}));
  EXPECT_EQ(c.light, (std::array<std::uint8_t, 3>{253, 230, 138}));
  // The default theme's own sheet gives the default colours.
  EXPECT_EQ(colours_of(testing::read_repo_file("assets/style.css")), CardColours{});
  // Missing, or written in a way not understood: the default theme's colour.
  for (const char* css :
       {"", "--c-red: red;", "--c-red: #12345;", "--c-red: var(--x);", "--c-red: #1234567;"})
    EXPECT_EQ(colours_of(css).background, CardColours{}.background) << css;
}

}  // namespace
}  // namespace vd::render
