// Social cards: the Open Graph picture of every profile, drawn with libvips text (cards.cc).
// 1200×630 JPEG, no metadata, the same bytes for the same lines on any number of threads, every
// Vietnamese letter from DejaVu Sans, long lines set smaller or shortened inside the margins,
// the portrait beside the lines, reused between builds. libvips is read here to look at pixels.
#include <gtest/gtest.h>
#include <vips/vips8>

#include "output/output.h"
#include "test_util.h"

namespace vd::testing {
namespace {

const char* kPhoto = "tests/browser/fixture/content/images/nguyen-thi-thuy.jpg";

// Width and height from a baseline or progressive JPEG's SOF marker; {0, 0} if none.
std::pair<int, int> jpeg_size(const std::string& j) {
  for (std::size_t at = 2; at + 9 < j.size();) {
    if (static_cast<unsigned char>(j[at]) != 0xFF) return {0, 0};
    unsigned char marker = static_cast<unsigned char>(j[at + 1]);
    std::size_t len =
        static_cast<unsigned char>(j[at + 2]) << 8 | static_cast<unsigned char>(j[at + 3]);
    if (marker >= 0xC0 && marker <= 0xC2)
      return {static_cast<unsigned char>(j[at + 7]) << 8 | static_cast<unsigned char>(j[at + 8]),
              static_cast<unsigned char>(j[at + 5]) << 8 | static_cast<unsigned char>(j[at + 6])};
    at += 2 + len;
  }
  return {0, 0};
}

// The APPn segments (0xE0–0xEF) of a JPEG: where EXIF, XMP, ICC and IPTC live.
std::vector<int> app_segments(const std::string& j) {
  std::vector<int> out;
  for (std::size_t at = 2; at + 4 < j.size();) {
    unsigned char marker = static_cast<unsigned char>(j[at + 1]);
    if (static_cast<unsigned char>(j[at]) != 0xFF || marker == 0xDA) break;  // start of scan
    if (marker >= 0xE0 && marker <= 0xEF) out.push_back(marker);
    at += 2 + (static_cast<unsigned char>(j[at + 2]) << 8 | static_cast<unsigned char>(j[at + 3]));
  }
  return out;
}

render::SocialCard card(const std::string& name,
                        const std::string& award = "Chiến sĩ thi đua cơ sở",
                        const std::string& unit = "Trường Tiểu học Tràm Chim 2 · 2023-2024") {
  return {"images/the/x.jpg", "Vinh danh thử nghiệm", name, award, unit, ""};
}

std::string draw(const render::SocialCard& c,
                 const std::map<std::string, std::string>& images = {}) {
  return output::social_card_jpegs({c}, images, 1).at(0);
}

TEST(Cards, A1200By630JpegWithoutMetadataTheSameForTheSameLines) {
  std::string a = draw(card("Đặng Văn Ưu"));
  ASSERT_GT(a.size(), 1000u);
  EXPECT_EQ(a.compare(0, 3, "\xFF\xD8\xFF"), 0);
  EXPECT_EQ(jpeg_size(a), (std::pair<int, int>{1200, 630}));
  // JFIF (APP0) at most: no EXIF/XMP (APP1), ICC (APP2) or IPTC (APP13), no comment (COM).
  for (int m : app_segments(a)) EXPECT_EQ(m, 0xE0) << std::hex << m;
  EXPECT_EQ(a.find("\xFF\xFE"), std::string::npos);
  EXPECT_EQ(draw(card("Đặng Văn Ưu")), a);
  EXPECT_NE(draw(card("Nguyễn Thị Thúy")), a);
}

TEST(Cards, ManyThreadsGiveTheSameBytesAsOne) {
  // Text is laid out under one lock (libvips 8.14's text operation crashed on several threads);
  // the rest runs on every thread and must not change a byte.
  std::vector<render::SocialCard> cards;
  for (int i = 0; i < 24; ++i)
    cards.push_back(card("Điển hình " + std::to_string(i),
                         i % 2 ? "Lao động tiên tiến" : "Chiến sĩ thi đua cơ sở",
                         i % 3 ? "Trường A · 2023-2024" : "Trường B · 2022-2023"));
  std::vector<std::string> many = output::social_card_jpegs(cards, {}, 4);
  std::vector<std::string> one = output::social_card_jpegs(cards, {}, 1);
  ASSERT_EQ(many.size(), cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) {
    EXPECT_EQ(jpeg_size(many[i]), (std::pair<int, int>{1200, 630})) << i;
    EXPECT_TRUE(many[i] == one[i]) << i;
  }
  EXPECT_EQ(many[5], draw(cards[5]));  // a repeated line drawn alone is the same line
}

// True when every ink pixel of `base` is ink in `mark` at some offset: the accented letter is
// the base letter with marks added, not a "missing glyph" box.
bool contains(const output::TextInk& mark, const output::TextInk& base) {
  for (int dy = 0; dy + base.height <= mark.height; ++dy)
    for (int dx = 0; dx + base.width <= mark.width; ++dx) {
      int misses = 0, ink = 0;
      for (int y = 0; y < base.height; ++y)
        for (int x = 0; x < base.width; ++x) {
          auto b = static_cast<unsigned char>(base.coverage[y * base.width + x]);
          auto m = static_cast<unsigned char>(mark.coverage[(y + dy) * mark.width + x + dx]);
          ink += b > 160;
          misses += b > 160 && m < 96;
        }
      if (ink > 0 && misses * 50 <= ink) return true;
    }
  return false;
}

TEST(Cards, EveryVietnameseLetterComesFromTheFont) {
  // A letter the font lacks is drawn as a box holding its code: it would not hold its base.
  const std::vector<std::pair<std::string, std::string>> letters{
      {"Ễ", "E"}, {"Ấ", "A"}, {"Ỗ", "O"}, {"ễ", "e"}, {"ồ", "o"}, {"Ẵ", "Ă"}, {"Ở", "Ơ"},
      {"Ừ", "Ư"}, {"Đ", "D"}, {"đ", "d"}, {"ự", "ư"}, {"ặ", "ă"}, {"Ậ", "Â"}};
  for (const auto& [mark, base] : letters) {
    output::TextInk m = output::social_card_ink(mark, "DejaVu Sans Bold 60", 1000);
    output::TextInk b = output::social_card_ink(base, "DejaVu Sans Bold 60", 1000);
    ASSERT_GT(b.width, 0) << base;
    EXPECT_GT(m.width * m.height, b.width * b.height) << mark;
    EXPECT_TRUE(contains(m, b)) << mark << " does not hold " << base;
  }
  // And a box is not mistaken for a letter: "E" is not inside "O".
  EXPECT_FALSE(contains(output::social_card_ink("O", "DejaVu Sans Bold 60", 1000),
                        output::social_card_ink("E", "DejaVu Sans Bold 60", 1000)));
}

// The card's pixels that differ from its red background by more than JPEG noise, inside a box.
int inked(const vips::VImage& img, int left, int top, int width, int height) {
  vips::VImage box = img.crop(left, top, width, height);
  vips::VImage far = ((box - std::vector<double>{155, 28, 28}).abs() > 40).bandor();
  return static_cast<int>(far.avg() / 255 * width * height + 0.5);
}

vips::VImage decode(const std::string& jpeg) {
  return vips::VImage::new_from_buffer(jpeg.data(), jpeg.size(), "");
}

TEST(Cards, LongLinesAreSetSmallerOrShortenedNeverOverTheMargins) {
  std::string words;
  for (int i = 0; i < 40; ++i) words += "Nguyễn Thị Thùy Dương ";
  for (const render::SocialCard& c :
       {card(words, words, words), card(std::string(2000, 'W')), card("Lê", "", words)}) {
    std::string jpeg = draw(c);
    ASSERT_EQ(jpeg_size(jpeg), (std::pair<int, int>{1200, 630}));
    vips::VImage img = decode(jpeg);
    EXPECT_EQ(inked(img, 0, 0, 70, 560), 0) << "left margin";
    EXPECT_EQ(inked(img, 1130, 0, 70, 560), 0) << "right margin";
    EXPECT_EQ(inked(img, 0, 0, 1200, 40), 0) << "top margin";
    EXPECT_EQ(inked(img, 0, 540, 1200, 16), 0) << "above the rule";
    EXPECT_GT(inked(img, 80, 140, 1040, 100), 500) << "the name";
    if (!c.unit.empty()) {
      EXPECT_GT(inked(img, 80, 470, 1040, 60), 500) << "the unit is still there";
    }
  }
}

TEST(Cards, HostileTextIsDrawnNotInterpreted) {
  // Pango markup in a name is escaped: drawn as text, and the card is still made.
  std::string a = draw(card("<b>Lê</b> & <span foreground='x'>"));
  EXPECT_EQ(jpeg_size(a), (std::pair<int, int>{1200, 630}));
  EXPECT_NE(a, draw(card("Lê &")));
}

TEST(Cards, APortraitFillsTheLeftColumn) {
  render::SocialCard c = card("Nguyễn Thị Thúy");
  c.photo = "thuy.jpg";
  std::string with = draw(c, {{"thuy.jpg", read_repo_file(kPhoto)}});
  ASSERT_EQ(jpeg_size(with), (std::pair<int, int>{1200, 630}));
  vips::VImage img = decode(with);
  EXPECT_GT(inked(img, 0, 0, 420, 630), 420 * 630 / 2);  // the photo, not the red
  EXPECT_EQ(draw(c, {{"thuy.jpg", read_repo_file(kPhoto)}}), with);
  EXPECT_GT(inked(img, 480, 140, 600, 100), 500);  // the name beside it
  EXPECT_EQ(inked(img, 1130, 0, 70, 560), 0);
  // A photo that cannot be read: no card rather than a wrong one (write_social_cards warns).
  EXPECT_EQ(draw(c, {{"thuy.jpg", "not a photo"}}), "");
}

std::map<std::string, std::string> out_files(const fs::MemoryFileSystem& m) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : m.files())
    if (path.rfind("out/", 0) == 0) out[path.substr(4)] = bytes;
  return out;
}

TEST(Cards, EveryProfileGetsOneAndTheNextBuildReusesIt) {
  auto files = minimal_site();
  files["content/images/thuy.jpg"] = read_repo_file(kPhoto);
  std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  p.insert(p.find("summary:"), "photo: thuy.jpg\n");
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  for (const diag::Diagnostic& d : r.diags.all())
    EXPECT_EQ(d.message.find("social card"), std::string::npos) << d.message;
  auto out = out_files(*mem);
  std::vector<std::string> cards;
  for (const auto& [path, bytes] : out)
    if (path.rfind("images/the/", 0) == 0) cards.push_back(path);
  EXPECT_EQ(cards.size(), 2u);  // both profiles of the minimal site, with a photo or without
  for (const char* page : {"dien-hinh/2023-2024/nguyen-thi-thuy/index.html",
                           "dien-hinh/2023-2024/to-toan/index.html"}) {
    std::size_t at = out[page].find("og:image\" content=\"https://example.edu.vn/images/the/");
    ASSERT_NE(at, std::string::npos) << page;
    std::string path = out[page].substr(at + 42, out[page].find('"', at + 42) - at - 42);
    EXPECT_TRUE(out.count(path)) << path;
    EXPECT_EQ(jpeg_size(out[path]), (std::pair<int, int>{1200, 630})) << path;
  }
  // The next build links the card of the previous one (its name is a hash of what it shows)
  // instead of drawing it again: a marker written into the old file is still there.
  ASSERT_TRUE(mem->write("out/" + cards[0], "drawn before"));
  pipeline::BuildResult again = pipeline::build(*mem, site_options());
  ASSERT_FALSE(again.diags.has_errors());
  EXPECT_EQ(out_files(*mem)[cards[0]], "drawn before");
}

// The card path of a profile page's og:image.
std::string card_of(std::map<std::string, std::string>& out, const std::string& page) {
  std::size_t at = out[page].find("og:image\" content=\"https://example.edu.vn/images/the/");
  if (at == std::string::npos) return {};
  return out[page].substr(at + 42, out[page].find('"', at + 42) - at - 42);
}

// A site that overrides assets/style.css with its own colours gets cards in them (and under
// new names, so cards drawn in the old colours are not reused).
TEST(Cards, TheSitesOwnColoursRecolourItsCards) {
  const char* page = "dien-hinh/2023-2024/to-toan/index.html";
  auto plain = site_fs(minimal_site());
  ASSERT_FALSE(pipeline::build(*plain, site_options()).diags.has_errors());
  auto plain_out = out_files(*plain);
  std::string before = card_of(plain_out, page);
  auto files = minimal_site();
  files["assets/style.css"] = read_repo_file("assets/style.css");
  std::string& css = files["assets/style.css"];
  for (auto [from, to] : {std::pair{"--c-red: #9b1c1c", "--c-red: #1E3A8A"},
                          std::pair{"--c-gold: #b7791f", "--c-gold: #0f0"}}) {
    ASSERT_NE(css.find(from), std::string::npos) << from;
    css.replace(css.find(from), std::string(from).size(), to);
  }
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  auto out = out_files(*mem);
  std::string after = card_of(out, page);
  ASSERT_FALSE(before.empty());
  ASSERT_TRUE(out.count(after)) << after;
  EXPECT_NE(after, before);
  vips::VImage img = decode(out[after]);
  auto near = [&](int x, int y, std::vector<double> want) {
    std::vector<double> got = img.getpoint(x, y);
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(got[b], want[b], 12) << x << "," << y << " band " << b;
  };
  near(8, 8, {30, 58, 138});    // the background
  near(600, 565, {0, 255, 0});  // the rule
  near(8, 300, {30, 58, 138});
}

TEST(Cards, SiteCanTurnThemOff) {
  auto files = minimal_site();
  files["site.yml"] += "social_cards: false\n";
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  auto out = out_files(*mem);
  for (const auto& [path, bytes] : out) EXPECT_NE(path.rfind("images/the/", 0), 0u) << path;
  EXPECT_EQ(out["dien-hinh/2023-2024/to-toan/index.html"].find("og:image"), std::string::npos);
}

}  // namespace
}  // namespace vd::testing
