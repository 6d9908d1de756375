// Fast paths against what they stand for: the built-in Latin table of slugs (slugs.cc) against
// ICU itself, initials (names.cc) against the word-by-word ICU implementation they replace,
// iso_date against fmt, escaping by runs against escaping character by character.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "text/text.h"
#include "text/text_internal.h"

namespace vd::text {
namespace {

TEST(LatinTableTest, EveryEntryIsWhatIcuTransliterates) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu_t(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status));
  int known = 0;
  for (auto [first, last] : {std::pair<char32_t, char32_t>{0x80, 0x24F}, {0x1E00, 0x1EFF}}) {
    for (char32_t c = first; c <= last; ++c) {
      icu::UnicodeString u(static_cast<UChar32>(c));
      icu_t->transliterate(u);
      std::string expected = detail::to_utf8(u);
      const std::string* entry = detail::latin_ascii(c);
      if (detail::is_ascii(expected)) {
        ASSERT_NE(entry, nullptr) << std::hex << "U+" << static_cast<unsigned>(c);
        EXPECT_EQ(*entry, expected) << std::hex << "U+" << static_cast<unsigned>(c);
        ++known;
      } else {
        EXPECT_EQ(entry, nullptr) << std::hex << "U+" << static_cast<unsigned>(c);
      }
    }
  }
  EXPECT_GT(known, 600);                           // nearly every Latin letter is in the table
  EXPECT_EQ(detail::latin_ascii(0x7F), nullptr);   // ASCII is not the table's business
  EXPECT_EQ(detail::latin_ascii(0x250), nullptr);  // outside both blocks: ICU decides
  EXPECT_EQ(detail::latin_ascii(0x4E00), nullptr);
}

TEST(LatinTableTest, SlugsOfOtherScriptsStillGoThroughIcu) {
  EXPECT_EQ(slugify("Đặng Ǆ Æsir"), "dang-dz-aesir");      // the table
  EXPECT_EQ(slugify("Москва Đà Nẵng"), "moskva-da-nang");  // Cyrillic: the transliterator
  EXPECT_EQ(slugify("Ελλάδα"), "ellada");
}

// The implementation initials() had before its one-pass rewrite: every word as an ICU string.
std::string initials_reference(std::string_view full_name) {
  icu::UnicodeString s = detail::from_utf8(nfc(full_name));
  std::vector<std::string> letters;
  int32_t i = 0;
  while (i < s.length()) {
    while (i < s.length() && u_isUWhiteSpace(s.char32At(i))) i = s.moveIndex32(i, 1);
    bool found = false;
    while (i < s.length() && !u_isUWhiteSpace(s.char32At(i))) {
      UChar32 c = s.char32At(i);
      if (!found && u_isalpha(c)) {
        letters.push_back(detail::to_utf8(icu::UnicodeString(c).toUpper(icu::Locale("vi"))));
        found = true;
      }
      i = s.moveIndex32(i, 1);
    }
  }
  if (letters.empty()) return "";
  return letters.size() == 1 ? letters.front() : letters.front() + letters.back();
}

TEST(InitialsTest, SameAsTheWordByWordImplementation) {
  const std::vector<std::string> names = {"Nguyễn Thị Thúy",
                                          "Đặng Văn Ưu",
                                          "Lan",
                                          "",
                                          " \t ",
                                          "đặng văn ưu",
                                          "ông ấn",
                                          "U\u031Bng Hoa\u0300ng",
                                          "  Nguyễn   Thị\tThúy  ",
                                          "Lê\u00A0Lợi",
                                          "(Nguyễn) Thúy",
                                          "Trần Văn An -",
                                          "123",
                                          "Nguyễn 3 Văn 4",
                                          "- Lan",
                                          "Tổ Toán – Tin",
                                          "ßtraße öl",
                                          "阮 文",
                                          "Ελένη Παπαδοπούλου",
                                          "ıi İI",
                                          "A\u2003B\u3000C",
                                          "x\xFFy z",
                                          "\xC3 ấn",
                                          "Nguyễn Thị Minh Khai",
                                          "'Ánh' \"Ơn\"",
                                          "Ǆemal ǅ"};
  for (const std::string& n : names) EXPECT_EQ(initials(n), initials_reference(n)) << n;
}

TEST(IsoDateTest, SameAsFmtEverywhere) {
  for (int year : {-12, -1, 0, 7, 99, 999, 1999, 2024, 9999, 10000, 123456})
    for (int month : {-1, 0, 1, 9, 10, 12, 99, 100})
      for (int day : {-5, 0, 1, 9, 10, 31, 99, 100})
        EXPECT_EQ(iso_date(Date{year, month, day}),
                  fmt::format("{:04}-{:02}-{:02}", year, month, day))
            << year << " " << month << " " << day;
}

std::string escape_reference(std::string_view s, bool xml) {
  std::string out;
  for (char c : s) {
    if (xml && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
      continue;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

TEST(EscapeTest, SameAsCharacterByCharacter) {
  std::vector<std::string> inputs = {
      "",     "&",    "plain",  "Đặng <b>\"Ưu\"</b> & 'co'", "<<>>", "a\x01b\tc\nd\re\x1F",
      "\x01", "end&", "&start", std::string("nul\0byte", 8)};
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  inputs.push_back(all);
  for (const std::string& in : inputs) {
    EXPECT_EQ(html_escape(in), escape_reference(in, false)) << in;
    EXPECT_EQ(xml_escape(in), escape_reference(in, true)) << in;
  }
}

// name_sort_key keeps the given names' keys per thread: the keys are those made afresh, also
// after the cache is emptied (more than 4 096 distinct given names).
TEST(NameSortKeyTest, KeptGivenNameKeysAreTheFreshOnes) {
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 5000; i += round ? 7 : 1) {
      std::string given = "Lan" + std::to_string(i);
      std::string full = "Nguyễn Thị " + given;
      std::string expected = sort_key_vi(given);
      expected.push_back('\0');
      expected += sort_key_vi(full);
      ASSERT_EQ(name_sort_key(full), expected) << full;
    }
}

// The AVX2 pass (utf8_avx2.cc) against the 8-byte one: same validity and same NFC verdict.
void expect_same_scan(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  detail::Scan fast = detail::scan_utf8_nfc(p, s.size(), true);
  detail::Scan slow = detail::scan_utf8_nfc(p, s.size(), false);
  ASSERT_EQ(fast.valid, slow.valid) << testing::PrintToString(s);
  ASSERT_EQ(fast.valid, !invalid_utf8_offset(s).has_value()) << testing::PrintToString(s);
  if (slow.valid) {
    ASSERT_EQ(fast.normalise, slow.normalise) << testing::PrintToString(s);
  }
}

TEST(ScanTest, SimdAndScalarAgreeOnEveryPairOfBytesAtEveryBlockEdge) {
  if (!detail::have_avx2()) GTEST_SKIP() << "no AVX2 on this processor";
  for (std::size_t at : {0u, 14u, 15u, 16u, 30u, 31u, 32u, 62u, 63u}) {
    for (int a = 0; a < 256; ++a)
      for (int b = 0; b < 256; ++b) {
        std::string s(at, 'x');
        s.push_back(static_cast<char>(a));
        s.push_back(static_cast<char>(b));
        expect_same_scan(s);
        expect_same_scan(s + "yz");
      }
  }
}

TEST(ScanTest, SimdAndScalarAgreeOnLongerSequences) {
  if (!detail::have_avx2()) GTEST_SKIP() << "no AVX2 on this processor";
  const std::vector<int> seconds = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                    0xA0, 0xBF, 0xC0, 0xC3, 0xE1, 0xF0, 0xFF};
  for (std::size_t at : {0u, 29u, 30u, 31u, 45u}) {
    for (int lead = 0xC0; lead < 256; ++lead)
      for (int b : seconds)
        for (int c : seconds)
          for (int d : {0x20, 0x80, 0xBF, 0xC0}) {
            std::string s(at, 'x');
            for (int byte : {lead, b, c, d}) s.push_back(static_cast<char>(byte));
            expect_same_scan(s);
            expect_same_scan(s.substr(0, s.size() - 1));
            expect_same_scan(s.substr(0, s.size() - 2));
          }
  }
}

TEST(ScanTest, SimdAndScalarAgreeOnVietnameseAndRandomText) {
  if (!detail::have_avx2()) GTEST_SKIP() << "no AVX2 on this processor";
  const std::vector<std::string> pieces = {
      "a", " ",       "\n",     "ệ",      "Đ",  "ư",      "ơ", "“",        "”",    "–",   "€",
      "😀", "e\u0301", "\u0300", "\u0340", "文", "\u1EA0", "ô", "\xE1\xBA", "\x80", "\xFF"};
  std::uint64_t seed = 12345;
  auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(seed >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    std::size_t length = next() % 200;
    bool broken = round % 3 == 0;  // some texts with broken pieces, most without
    while (s.size() < length) {
      std::size_t k = next() % (broken ? pieces.size() : pieces.size() - 3);
      s += pieces[k];
    }
    expect_same_scan(s);
  }
}

}  // namespace
}  // namespace vd::text
