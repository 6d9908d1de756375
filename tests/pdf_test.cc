// Bulletins printed to PDF by headless Chromium, checked with poppler's pdfinfo and pdftotext:
// A4 pages, the page count, the national motto, the number, the date line, every honouree's
// name with its diacritics, the signer, and no private data. Needs the Debian packages chromium
// and poppler-utils; without them the test is skipped on a workstation and fails on CI.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include <unistd.h>

#include "output/output.h"
#include "test_util.h"

namespace vd::testing {
namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  ::pclose(p);
  return out;
}

bool have(const char* program) {
  return !run(std::string("command -v ") + program + " 2>/dev/null").empty();
}

class Pdf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (output::find_chromium().empty() || !have("pdfinfo") || !have("pdftotext")) {
      if (std::getenv("CI")) FAIL() << "CI must install chromium and poppler-utils";
      GTEST_SKIP() << "chromium or poppler-utils is not installed";
    }
    char tmpl[] = "/tmp/vinhdanh-pdf-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::make_real()->remove_all(dir_);
  }
  std::string dir_;
};

TEST_F(Pdf, PrintsTheBulletinAsSelectableA4Text) {
  auto real = fs::make_real();
  std::map<std::string, std::string> files = minimal_site();
  files.merge(example_bulletin());
  files["content/profiles/2023-2024/nguyen-thi-thuy.md"].replace(
      files["content/profiles/2023-2024/nguyen-thi-thuy.md"].find("private:\n"), 9,
      "private:\n  email: thuy.nguyen.private@example.com\n");
  for (const auto& [path, bytes] : files) ASSERT_TRUE(real->write(dir_ + "/site/" + path, bytes));
  pipeline::BuildOptions o = site_options();
  o.source = dir_ + "/site";
  o.out = dir_ + "/out";
  o.theme = VD_SOURCE_DIR;
  o.pdf = true;
  pipeline::BuildResult r = pipeline::build(*real, o);
  ASSERT_TRUE(r.status) << r.status.message;
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  EXPECT_EQ(r.pdfs, 1u);
  std::string pdf = o.out + "/thong-bao/2023-2024/ket-qua/ket-qua.pdf";
  std::string info = run("pdfinfo '" + pdf + "'");
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Pages:           2"), std::string::npos) << info;  // + the attachment
  EXPECT_NE(info.find("CreationDate:    Thu Feb  1 00:00:00 2024"), std::string::npos) << info;
  std::string text = run("pdftotext -layout '" + pdf + "' -");
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 30/TB-PGDĐT",
        "Thử, ngày 01 tháng 02 năm 2024", "THÔNG BÁO", "UBND HUYỆN THỬ", "Nguyễn Thị Thúy",
        "Tổ Toán Trường Tiểu học A", "KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Đặng Văn Ưu",
        "Nơi nhận:", "- Lưu: VT.", "DANH SÁCH"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing from:\n" << text;
  for (const char* secret : {"0912 000 111", "thuy.nguyen.private@example.com"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;

  // A second build reuses the PDF (same print page) and keeps its bytes.
  std::string first = real->read(pdf).bytes;
  r = pipeline::build(*real, o);
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_EQ(r.pdfs, 0u);
  EXPECT_EQ(real->read(pdf).bytes, first);
}

TEST(PdfDates, AreSetToTheDocumentDateWithoutMovingOffsets) {
  std::string pdf =
      "%PDF-1.4\n<</CreationDate (D:20261124163215+00'00')\n/ModDate (D:20261124163215+00'00')>>";
  std::size_t size = pdf.size();
  output::set_pdf_dates(pdf, "20240201");
  EXPECT_EQ(pdf.size(), size);
  EXPECT_NE(pdf.find("/CreationDate (D:20240201000000+00'00')"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("/ModDate (D:20240201000000+00'00')"), std::string::npos) << pdf;
}

}  // namespace
}  // namespace vd::testing
