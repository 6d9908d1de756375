// Portraits: libvips copies without metadata, srcset in pages, the cache between builds, initials
// pictures. The fixture photo carries GPS, camera and XMP data (written with exiftool);
// tests/browser/ also checks the published files with exiftool itself.
#include <gtest/gtest.h>

#include "output/output.h"
#include "test_util.h"

namespace vd::testing {
namespace {

const char* kPhoto = "tests/browser/fixture/content/images/nguyen-thi-thuy.jpg";

std::map<std::string, std::string> site_with_photo() {
  auto files = minimal_site();
  files["content/images/thuy.jpg"] = read_repo_file(kPhoto);
  std::string& p = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  p.insert(p.find("summary:"), "photo: thuy.jpg\n");
  return files;
}

std::map<std::string, std::string> out_files(const fs::MemoryFileSystem& m) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : m.files())
    if (path.rfind("out/", 0) == 0) out[path.substr(4)] = bytes;
  return out;
}

TEST(Images, ProbeReadsTheSizeAndPicksWidthsNoWiderThanTheSource) {
  diag::Diagnostics d;
  auto photos =
      output::probe_photos({{"a.jpg", read_repo_file(kPhoto)}, {"b.png", "not a png"}}, d);
  ASSERT_EQ(photos.count("a.jpg"), 1u);
  EXPECT_EQ(photos["a.jpg"].width, 600);
  EXPECT_EQ(photos["a.jpg"].height, 800);
  EXPECT_EQ(photos["a.jpg"].widths, (std::vector<int>{160, 320, 600}));
  EXPECT_EQ(photos["a.jpg"].height_at(320), 427);
  EXPECT_EQ(photos.count("b.png"), 0u);
  ASSERT_EQ(d.all().size(), 1u);
  EXPECT_EQ(d.all()[0].pos.file, "content/images/b.png");
  EXPECT_FALSE(d.has_errors());  // a warning: the profile shows its initials instead
}

TEST(Images, PublishedCopiesCarryNoMetadataAtAll) {
  auto mem = site_fs(site_with_photo());
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  int copies = 0;
  for (const auto& [path, bytes] : out_files(*mem)) {
    if (path.rfind("images/", 0) != 0 || path.ends_with(".svg")) continue;
    copies += path.rfind("images/the/", 0) != 0;  // social cards are checked too, not counted
    for (const char* marker : {"VinhDanhTestCam", "GPS-Leak", "Nguoi Chup", "Exif",
                               "http://ns.adobe.com/xap", "ICC_PROFILE", "EXIF", "XMP ", "ICCP"})
      EXPECT_EQ(bytes.find(marker), std::string::npos) << path << " holds " << marker;
  }
  EXPECT_EQ(copies, 7);  // 3 widths × (WebP + JPEG), and the photo under its own name
}

TEST(Images, PagesGetSrcsetSizesDimensionsAndLazyLoading) {
  auto mem = site_fs(site_with_photo());
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors());
  auto out = out_files(*mem);
  diag::Diagnostics d;
  auto photos = output::probe_photos({{"thuy.jpg", read_repo_file(kPhoto)}}, d);
  const std::string h = photos["thuy.jpg"].hash;
  const std::string& page = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  EXPECT_NE(page.find("<source type=\"image/webp\" srcset=\"../../../images/" + h +
                      "-160.webp 160w, ../../../images/" + h + "-320.webp 320w, ../../../images/" +
                      h + "-600.webp 600w\" sizes=\"10rem\">"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("src=\"../../../images/" + h + "-320.jpg\""), std::string::npos);
  EXPECT_NE(page.find("width=\"320\" height=\"427\" loading=\"lazy\""), std::string::npos);
  EXPECT_TRUE(out.count("images/" + h + "-600.jpg"));
  // The collective has no photo: its generated initials picture ("TA", initials of "Tổ … A").
  const std::string& other = out["dien-hinh/2023-2024/to-toan/index.html"];
  EXPECT_NE(other.find("images/chu-cai/"), std::string::npos);
}

TEST(Images, SecondBuildLinksTheCopiesInsteadOfEncodingThemAgain) {
  auto mem = site_fs(site_with_photo());
  pipeline::BuildResult first = pipeline::build(*mem, site_options());
  ASSERT_FALSE(first.diags.has_errors());
  auto before = out_files(*mem);
  pipeline::BuildResult second = pipeline::build(*mem, site_options());
  EXPECT_EQ(second.stats.written, 0u);
  EXPECT_EQ(out_files(*mem), before);
}

TEST(Images, InitialsPictureShowsVietnameseInitials) {
  auto files = minimal_site();
  files["content/profiles/2023-2024/dang-van-uu.md"] =
      "---\nname: Đặng Văn Ưu\nkind: individual\nunit: th-a\nawards:\n"
      "  - award: lao-dong-tien-tien\nsummary: Thầy Ưu.\nconsent: true\n---\nx\n";
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors());
  auto out = out_files(*mem);
  // "ĐƯ" = c4 90 c6 af in UTF-8.
  const std::string& svg = out["images/chu-cai/c490c6af.svg"];
  EXPECT_NE(svg.find(">ĐƯ</text>"), std::string::npos) << svg;
  EXPECT_NE(out["dien-hinh/2023-2024/dang-van-uu/index.html"].find(
                "src=\"../../../images/chu-cai/c490c6af.svg\""),
            std::string::npos);
}

TEST(Images, StripWebpDropsMetadataChunksAndFixesTheHeader) {
  auto chunk = [](const std::string& fourcc, const std::string& data) {
    std::string c = fourcc;
    for (int i = 0; i < 4; ++i) c += static_cast<char>((data.size() >> (8 * i)) & 0xff);
    return c + data + (data.size() % 2 ? std::string(1, '\0') : "");
  };
  std::string body = "WEBP" + chunk("VP8X", std::string("\x2c\0\0\0\0\0\0\0\0\0", 10)) +
                     chunk("ICCP", "icc") + chunk("VP8 ", "pixels") + chunk("EXIF", "GPS!") +
                     chunk("XMP ", "<x/>");
  std::string riff = "RIFF    " + body;
  std::string out = output::strip_webp(riff);
  EXPECT_EQ(out.find("EXIF"), std::string::npos);
  EXPECT_EQ(out.find("XMP "), std::string::npos);
  EXPECT_EQ(out.find("ICCP"), std::string::npos);
  EXPECT_NE(out.find("VP8 "), std::string::npos);
  EXPECT_EQ(out[20], '\0');  // VP8X flags: ICC, EXIF and XMP bits cleared
  std::size_t size = static_cast<unsigned char>(out[4]) | static_cast<unsigned char>(out[5]) << 8;
  EXPECT_EQ(size, out.size() - 8);
}

}  // namespace
}  // namespace vd::testing
