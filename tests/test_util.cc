#include "test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace vd::testing {

std::map<std::string, std::string> parse_archive(const std::string& text) {
  std::map<std::string, std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (line.rfind("=== ", 0) == 0) {
      current = line.substr(4);
      out[current];
      continue;
    }
    if (!current.empty()) out[current] += line + (nl == std::string::npos ? "" : "\n");
  }
  return out;
}

std::string read_repo_file(const std::string& rel) {
  auto real = fs::make_real();
  fs::ReadResult r = real->read(fs::join(VD_SOURCE_DIR, rel));
  EXPECT_TRUE(r.status.ok) << r.status.message;
  return r.bytes;
}

void add_theme(fs::MemoryFileSystem& mem) {
  auto real = fs::make_real();
  for (const char* dir : {"layouts", "assets", "i18n"}) {
    std::string root = fs::join(VD_SOURCE_DIR, dir);
    for (const std::string& f : real->list(root))
      mem.write("theme/" + std::string(dir) + "/" + f, real->read(fs::join(root, f)).bytes);
  }
}

std::unique_ptr<fs::MemoryFileSystem> site_fs(const std::map<std::string, std::string>& files) {
  auto mem = fs::make_memory();
  for (const auto& [path, bytes] : files) mem->write("site/" + path, bytes);
  add_theme(*mem);
  return mem;
}

pipeline::BuildOptions site_options() {
  pipeline::BuildOptions o;
  o.source = "site";
  o.out = "out";
  o.theme = "theme";
  o.today = {2024, 9, 1};
  o.threads = 2;
  return o;
}

std::map<std::string, std::string> minimal_site() {
  return parse_archive(R"(=== site.yml
title: Vinh danh thử nghiệm
base_url: https://example.edu.vn/
issuer:
  name: Phòng Giáo dục và Đào tạo huyện Thử
  place: Thử
=== content/units.yml
- id: th-a
  name: Trường Tiểu học A
  kind: school
  former_names:
    - name: Trường Tiểu học thị trấn A
      to: 2023-06-30
  staff:
    2023-2024: 20
- id: pgd
  name: Phòng Giáo dục và Đào tạo huyện Thử
  kind: office
=== content/campaigns/thi-dua-2024.md
---
title: Phát động phong trào thi đua năm học 2023-2024
number: 12/KH-PGDĐT
issuer: pgd
place: Thử
date: 2023-09-15
timeline:
  - date: 2024-01-15
    label: Sơ kết học kỳ I
    kind: review
---
Nội dung kế hoạch.
=== content/profiles/2023-2024/nguyen-thi-thuy.md
---
name: Nguyễn Thị Thúy
kind: individual
unit: th-a
position: Giáo viên lớp 3A
teaching_years: 12
campaigns: [thi-dua-2024]
awards:
  - award: chien-si-thi-dua-co-so
    decision: {number: 15/QĐ-PGDĐT, date: 2024-05-20, issuer: Phòng GD&ĐT huyện Thử}
summary: Mười hai năm đứng lớp.
tags: [đổi mới phương pháp]
consent: true
private:
  phone: "0912 000 111"
---
Cô Thúy dạy đọc cho học sinh lớp 3.
=== content/profiles/2023-2024/to-toan.md
---
name: Tổ Toán Trường Tiểu học A
kind: collective
unit: th-a
awards:
  - award: tap-the-lao-dong-tien-tien
summary: Tổ chuyên môn xuất sắc.
consent: true
---
Tổ Toán có năm giáo viên.
)");
}

std::map<std::string, std::string> example_bulletin() {
  return parse_archive(R"(=== content/bulletins/2023-2024/ket-qua.md
---
number: 30/TB-PGDĐT
issuer: pgd
parent_name: UBND huyện Thử
place: Thử
date: 2024-02-01
campaign: thi-dua-2024
title: Kết quả thi đua học kỳ I năm học 2023-2024
honourees:
  - award: Chiến sĩ thi đua cơ sở
    profiles: [2023-2024/nguyen-thi-thuy]
  - award: tap-the-lao-dong-tien-tien
    profiles: [to-toan]
recipients:
  - Các trường trực thuộc
signer:
  prefix: KT.
  position: "Trưởng phòng\nPhó Trưởng phòng"
  name: Đặng Văn Ưu
attachment: true
---
Phòng Giáo dục và Đào tạo thông báo kết quả thi đua.
)");
}

std::string temp_dir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "vd_cli_" + std::to_string(::getpid()) + "_" + name;
  fs::make_real()->remove_all(dir);
  fs::make_real()->make_dirs(dir);
  return dir;
}

std::map<std::string, std::string> built(const std::map<std::string, std::string>& files) {
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  EXPECT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : mem->files())
    if (path.rfind("out/", 0) == 0) out[path.substr(4)] = bytes;
  return out;
}

}  // namespace vd::testing

// libgit2 1.5.1 (Debian 12) leaks PCRE2 match data during a push (28 small blocks per push, inside
// libpcre2 called from libgit2's regexp wrapper); LeakSanitizer reads these suppressions in the
// sanitizer build. Only that library is named, so a leak of ours is still reported.
// fontconfig (social cards, through Pango) keeps its font caches for the life of the process.
// The vinhdanh binary carries the same list (cli/main.cc).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpcre2-8.so\nleak:libfontconfig.so\n";
}
