// Unit tests of import/: the CSV reader, headers, cells, the profile writer, unit matching.
// Whole lists (each encoding and separator) are in tests/import_test.cc.
#include <gtest/gtest.h>

#include "import/import_internal.h"
#include "load/load.h"

namespace vd::import {
namespace {

std::vector<std::vector<std::string>> values(const std::vector<Record>& rs) {
  std::vector<std::vector<std::string>> out;
  for (const Record& r : rs) {
    out.emplace_back();
    for (const Cell& c : r.cells) out.back().push_back(c.value);
  }
  return out;
}

TEST(Csv, QuotedFieldsHoldSeparatorsQuotesAndNewlines) {
  diag::Diagnostics d;
  auto rs = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\ny\",z,\n", ',', "l.csv", d);
  EXPECT_EQ(d.all().size(), 0u);
  std::vector<std::vector<std::string>> want = {{"a", "b,c", "say \"hi\""}, {"x\ny", "z", ""}};
  EXPECT_EQ(values(rs), want);
}

TEST(Csv, CellsKnowTheirLineAndCodePointColumn) {
  diag::Diagnostics d;
  auto rs = parse_csv("Họ;Đơn vị\n\"Lê\nAn\";Trường\n", ';', "l.csv", d);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].cells[1].column, 4);  // after "Họ;": three code points
  EXPECT_EQ(rs[1].line, 2);
  EXPECT_EQ(rs[1].cells[1].line, 3);  // the quoted name spans lines 2 and 3
  EXPECT_EQ(rs[1].cells[1].column, 5);
}

TEST(Csv, QuoteProblemsAreErrorsAtTheirPosition) {
  diag::Diagnostics d;
  parse_csv("a,\"b\"x,c\nd,\"never closed\n", ',', "l.csv", d);
  ASSERT_EQ(d.all().size(), 2u);
  EXPECT_EQ(d.all()[0].message, "text after the closing quote of a field");
  EXPECT_EQ(d.all()[0].pos.line, 1);
  EXPECT_EQ(d.all()[0].pos.column, 6);
  EXPECT_EQ(d.all()[1].message, "this quoted field is never closed");
  EXPECT_EQ(d.all()[1].pos.line, 2);
  EXPECT_EQ(d.all()[1].pos.column, 3);
}

TEST(Csv, NewlinesAreNormalised) {
  EXPECT_EQ(normalise_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
}

TEST(Csv, SniffsTheSeparatorThatSplitsRowsConsistently) {
  EXPECT_EQ(sniff_separator("TT,Họ và tên,Đơn vị\n1,An,A\n"), ',');
  // Commas inside cells of a semicolon list are not quoted by spreadsheets.
  EXPECT_EQ(sniff_separator("DANH SÁCH;;\nTT;Số điện thoại, email;Đơn vị\n1;a, b;A\n2;c;B\n"), ';');
  EXPECT_EQ(sniff_separator("TT\tHọ, tên\tĐơn vị\n1\tAn, Bình; Chi\tA\n"), '\t');
  EXPECT_EQ(sniff_separator("\"a;b\",c\n\"d;e\",f\n"), ',');
}

TEST(Columns, HeadersInEitherLanguageWhateverTheirSpelling) {
  EXPECT_EQ(column_of_header("HỌ VÀ TÊN"), Column::kName);
  EXPECT_EQ(column_of_header("  ho va  ten "), Column::kName);
  EXPECT_EQ(column_of_header("Full name"), Column::kName);
  EXPECT_EQ(column_of_header("Đơn vị công tác"), Column::kUnit);
  EXPECT_EQ(column_of_header("Tên trường"), Column::kUnit);
  EXPECT_EQ(column_of_header("Thâm niên giảng dạy (năm)"), Column::kYears);
  EXPECT_EQ(column_of_header("Years of teaching"), Column::kYears);
  EXPECT_EQ(column_of_header("Tóm tắt thành tích"), Column::kSummary);
  EXPECT_EQ(column_of_header("Số điện thoại, email"), Column::kContact);
  EXPECT_EQ(column_of_header("Số điện thoại"), Column::kPhone);
  EXPECT_EQ(column_of_header("E-mail"), Column::kEmail);
  EXPECT_EQ(column_of_header("STT"), Column::kNumber);
  EXPECT_EQ(column_of_header("No."), Column::kNumber);
  EXPECT_EQ(column_of_header("Chức vụ"), Column::kPosition);
  EXPECT_EQ(column_of_header("Danh hiệu đề nghị"), Column::kAward);
  EXPECT_EQ(column_of_header("Ghi chú"), Column::kUnknown);
  EXPECT_EQ(column_of_header(" "), Column::kNone);
}

TEST(Columns, Cells) {
  EXPECT_EQ(squeeze("  Nguyễn\n Văn \t A "), "Nguyễn Văn A");
  EXPECT_EQ(parse_years("12"), 12);
  EXPECT_EQ(parse_years("12 năm"), 12);
  EXPECT_EQ(parse_years("mười hai"), std::nullopt);
  EXPECT_EQ(parse_years("12,5"), std::nullopt);
  Contact c = split_contact("ĐT: 0912 345 678\nEmail: an.le@th-a.edu.vn.");
  EXPECT_EQ(c.phone, "0912 345 678");
  EXPECT_EQ(c.email, "an.le@th-a.edu.vn");
  Contact blank = split_contact("ĐT: Email: ...");
  EXPECT_EQ(blank.phone, "");
  EXPECT_EQ(blank.email, "");
  EXPECT_EQ(split_contact("SĐT:0987.654.321, b@x.vn").phone, "0987.654.321");
}

TEST(ProfileFile, YamlScalarsReadBackUnchanged) {
  EXPECT_EQ(yaml_scalar("Nguyễn Thị Thúy"), "Nguyễn Thị Thúy");
  EXPECT_EQ(yaml_scalar("Tổ trưởng: Toán"), "\"Tổ trưởng: Toán\"");
  EXPECT_EQ(yaml_scalar("12 năm dạy giỏi"), "\"12 năm dạy giỏi\"");
  EXPECT_EQ(yaml_scalar("yes"), "\"yes\"");
  EXPECT_EQ(yaml_scalar("\"Tốt\" # 1"), "\"\\\"Tốt\\\" # 1\"");
  for (std::string s : {"- a", "a: b", "x #y", "[1]", "C:\\dir", "Dạy \"giỏi\"", "off", "'x'"}) {
    diag::Diagnostics d;
    load::Node n = load::parse_yaml("t.yml", "k: " + yaml_scalar(s) + "\n", 1, d);
    ASSERT_FALSE(d.has_errors()) << s;
    ASSERT_NE(n.find("k"), nullptr) << s;
    EXPECT_EQ(n.find("k")->scalar, s);
  }
}

TEST(ProfileFile, WithOnlyANameItIsTheArchetypeOfNewProfile) {
  ProfileFields f;
  f.name = "Nguyễn Thị Thúy";
  EXPECT_EQ(profile_text(f), R"(---
name: Nguyễn Thị Thúy
kind: individual          # individual (cá nhân) or collective (tập thể)
unit:                     # a unit id from content/units.yml
position:
teaching_years:
campaigns: []
awards:
  - award: lao-dong-tien-tien
    decision: {number: "", date: , issuer: ""}
summary:                  # tóm tắt thành tích, one paragraph
tags: []
consent: false            # set to true only once publication consent is recorded
draft: true
private:                  # never published
  phone: ""
  email: ""
---
Viết câu chuyện ở đây.
)");
}

model::Model registry() {
  auto mem = fs::make_memory();
  mem->write("s/content/units.yml", R"(- id: th-tram-chim-2
  name: Trường Tiểu học Tràm Chim 2
  short_name: TH Tràm Chim 2
  kind: school
  former_names:
    - name: Trường Tiểu học thị trấn Tràm Chim B
      to: 2019-06-30
- id: thcs-le-quy-don
  name: Trường Trung học cơ sở Lê Quý Đôn
  kind: school
- id: thcs-le-quy-don-2
  name: Trường THCS Lê Quý Đôn
  kind: school
)");
  diag::SourceMap sources;
  diag::Diagnostics d;
  model::Model m = load_registry(*mem, "s", sources, d);
  EXPECT_FALSE(d.has_errors()) << diag::format_all(d, sources);
  return m;
}

TEST(Registry, UnitsMatchByAnySpellingOfAnyOfTheirNames) {
  model::Model m = registry();
  for (const char* cell :
       {"th-tram-chim-2", "Trường Tiểu học Tràm Chim 2", "TRUONG TH TRAM CHIM 2", "TH Tràm Chim 2",
        "Tiểu học Tràm Chim 2", "Trường Tiểu học thị trấn Tràm Chim B"}) {
    UnitMatch u = UnitIndex(m).match(cell);
    ASSERT_EQ(u.units.size(), 1u) << cell;
    EXPECT_EQ(u.units[0]->id, "th-tram-chim-2") << cell;
  }
  EXPECT_EQ(UnitIndex(m).match("THCS Lê Quý Đôn").units.size(), 2u);  // ambiguous
  UnitMatch none = UnitIndex(m).match("Trường Tiểu học Tràm Chim 3");
  EXPECT_TRUE(none.units.empty());
  ASSERT_FALSE(none.closest.empty());
  EXPECT_EQ(none.closest[0], "Trường Tiểu học Tràm Chim 2");
  EXPECT_TRUE(UnitIndex(m).match("Sở Y tế").closest.empty());
}

TEST(Registry, AwardsByIdOrNameIgnoringAccents) {
  model::Model m = registry();
  std::string near;
  ASSERT_NE(match_award(m, "chien-si-thi-dua-co-so", &near), nullptr);
  const model::Award* a = match_award(m, "chiến sĩ thi đua cơ sở", &near);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->id, "chien-si-thi-dua-co-so");
  EXPECT_EQ(match_award(m, "Chiến sĩ thi đua cơ sơ x", &near), nullptr);
  EXPECT_EQ(near, "Chiến sĩ thi đua cơ sở");
}

}  // namespace
}  // namespace vd::import
