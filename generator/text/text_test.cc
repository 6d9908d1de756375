#include "text/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace vd::text {
namespace {

// Splits UTF-8 into one string per code point (test input is known to be valid).
std::vector<std::string> split_codepoints(std::string_view s) {
  std::vector<std::string> out;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) {
      out.back().push_back(c);
    } else {
      out.emplace_back(1, c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates

TEST(DateTest, ValidAcceptsRealDatesInRange) {
  EXPECT_TRUE((Date{2024, 3, 15}.valid()));
  EXPECT_TRUE((Date{1900, 1, 1}.valid()));
  EXPECT_TRUE((Date{2200, 12, 31}.valid()));
  EXPECT_TRUE((Date{2024, 2, 29}.valid()));  // Leap year.
  EXPECT_TRUE((Date{2000, 2, 29}.valid()));  // Divisible by 400.
  EXPECT_TRUE((Date{2023, 4, 30}.valid()));
}

TEST(DateTest, ValidRejectsImpossibleDates) {
  EXPECT_FALSE((Date{1899, 12, 31}.valid()));
  EXPECT_FALSE((Date{2201, 1, 1}.valid()));
  EXPECT_FALSE((Date{2024, 0, 1}.valid()));
  EXPECT_FALSE((Date{2024, 13, 1}.valid()));
  EXPECT_FALSE((Date{2024, 1, 0}.valid()));
  EXPECT_FALSE((Date{2024, 1, 32}.valid()));
  EXPECT_FALSE((Date{2023, 2, 29}.valid()));
  EXPECT_FALSE((Date{1900, 2, 29}.valid()));  // Divisible by 100, not by 400.
  EXPECT_FALSE((Date{2023, 4, 31}.valid()));
  EXPECT_FALSE(Date{}.valid());
}

TEST(DateTest, ComparisonIsChronological) {
  EXPECT_LT((Date{2023, 12, 31}), (Date{2024, 1, 1}));
  EXPECT_LT((Date{2024, 1, 31}), (Date{2024, 2, 1}));
  EXPECT_LT((Date{2024, 2, 1}), (Date{2024, 2, 2}));
  EXPECT_EQ((Date{2024, 2, 1}), (Date{2024, 2, 1}));
}

TEST(ParseDateTest, AcceptsIso) {
  EXPECT_EQ(parse_date("2024-03-15"), (Date{2024, 3, 15}));
  EXPECT_EQ(parse_date("2024-12-01"), (Date{2024, 12, 1}));
}

TEST(ParseDateTest, AcceptsDayMonthYear) {
  EXPECT_EQ(parse_date("15/03/2024"), (Date{2024, 3, 15}));
  EXPECT_EQ(parse_date("5/3/2024"), (Date{2024, 3, 5}));
  EXPECT_EQ(parse_date("05/7/2023"), (Date{2023, 7, 5}));
  EXPECT_EQ(parse_date("31/12/2022"), (Date{2022, 12, 31}));
}

TEST(ParseDateTest, HandlesLeapYears) {
  EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(parse_date("29/02/2000"), (Date{2000, 2, 29}));
  EXPECT_EQ(parse_date("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_date("29/02/2100"), std::nullopt);
}

TEST(ParseDateTest, RejectsMalformedOrImpossible) {
  for (const char* bad :
       {"2023-02-30",   "2024-13-01",  "abc",         "2024-3-5x",   "",
        "30/02/2024",   "2024-04-31",  "15/13/2024",  "2024-03-15 ", " 2024-03-15",
        "2024/03/15",   "15-03-2024",  "24-03-15",    "15/03/24",    "2024-003-15",
        "123/03/2024",  "15/03/20245", "2024-03",     "15/03",       "1899-12-31",
        "2201-01-01",   "0000-00-00",  "-2024-03-15", "2024--03-15", "15//03/2024",
        "2024-03-15T00"}) {
    EXPECT_EQ(parse_date(bad), std::nullopt) << bad;
  }
}

TEST(DateFormatTest, IsoDatePads) {
  EXPECT_EQ(iso_date(Date{2024, 3, 5}), "2024-03-05");
  EXPECT_EQ(iso_date(Date{2022, 12, 20}), "2022-12-20");
}

TEST(DateFormatTest, IsoRoundTrip) {
  EXPECT_EQ(iso_date(*parse_date("5/3/2024")), "2024-03-05");
  EXPECT_EQ(iso_date(*parse_date("2024-02-29")), "2024-02-29");
}

TEST(DateFormatTest, ViLongDateFollowsDecree30) {
  EXPECT_EQ(vi_long_date(Date{2021, 11, 4}), "ngày 04 tháng 11 năm 2021");
  EXPECT_EQ(vi_long_date(Date{2023, 7, 5}), "ngày 05 tháng 7 năm 2023");
  EXPECT_EQ(vi_long_date(Date{2024, 2, 1}), "ngày 01 tháng 02 năm 2024");
  EXPECT_EQ(vi_long_date(Date{2024, 1, 15}), "ngày 15 tháng 01 năm 2024");
  EXPECT_EQ(vi_long_date(Date{2022, 12, 20}), "ngày 20 tháng 12 năm 2022");
  EXPECT_EQ(vi_long_date(Date{2022, 3, 10}), "ngày 10 tháng 3 năm 2022");
  EXPECT_EQ(vi_long_date(Date{2022, 10, 9}), "ngày 09 tháng 10 năm 2022");
}

TEST(DateFormatTest, ViLongDateMonthsThreeToTwelveUnpadded) {
  for (int m = 3; m <= 12; ++m) {
    EXPECT_EQ(vi_long_date(Date{2023, m, 10}), "ngày 10 tháng " + std::to_string(m) + " năm 2023");
  }
}

TEST(DateFormatTest, ViShortDateAlwaysPads) {
  EXPECT_EQ(vi_short_date(Date{2023, 7, 5}), "05/07/2023");
  EXPECT_EQ(vi_short_date(Date{2022, 12, 20}), "20/12/2022");
  EXPECT_EQ(vi_short_date(Date{2024, 1, 1}), "01/01/2024");
}

TEST(SchoolYearTest, SeptemberToAugust) {
  EXPECT_EQ(school_year_of(Date{2023, 9, 1}), "2023-2024");
  EXPECT_EQ(school_year_of(Date{2023, 10, 1}), "2023-2024");
  EXPECT_EQ(school_year_of(Date{2023, 12, 31}), "2023-2024");
  EXPECT_EQ(school_year_of(Date{2024, 1, 1}), "2023-2024");
  EXPECT_EQ(school_year_of(Date{2024, 8, 31}), "2023-2024");
  EXPECT_EQ(school_year_of(Date{2024, 9, 1}), "2024-2025");
  EXPECT_EQ(school_year_of(Date{2023, 8, 31}), "2022-2023");
}

TEST(SchoolYearTest, IsSchoolYear) {
  EXPECT_TRUE(is_school_year("2023-2024"));
  EXPECT_TRUE(is_school_year("1999-2000"));
  EXPECT_FALSE(is_school_year("2023-2025"));
  EXPECT_FALSE(is_school_year("2023-2023"));
  EXPECT_FALSE(is_school_year("2024-2023"));
  EXPECT_FALSE(is_school_year("2023/2024"));
  EXPECT_FALSE(is_school_year("2023-24"));
  EXPECT_FALSE(is_school_year("2023 - 2024"));
  EXPECT_FALSE(is_school_year(" 2023-2024"));
  EXPECT_FALSE(is_school_year("2023-2024 "));
  EXPECT_FALSE(is_school_year("abcd-efgh"));
  EXPECT_FALSE(is_school_year(""));
}

// ---------------------------------------------------------------------------------------------
// UTF-8

TEST(Utf8Test, ValidInputHasNoOffset) {
  EXPECT_EQ(invalid_utf8_offset(""), std::nullopt);
  EXPECT_EQ(invalid_utf8_offset("hello"), std::nullopt);
  EXPECT_EQ(invalid_utf8_offset("Nguyễn Thị Thúy, Đặng Văn Ưu"), std::nullopt);
  EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x8E\x93"), std::nullopt);  // U+1F393
  EXPECT_EQ(invalid_utf8_offset("\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF
  EXPECT_EQ(invalid_utf8_offset("\xED\x9F\xBF"), std::nullopt);      // U+D7FF
  EXPECT_EQ(invalid_utf8_offset("\xEE\x80\x80"), std::nullopt);      // U+E000
  EXPECT_EQ(invalid_utf8_offset("\xE0\xA0\x80"), std::nullopt);      // U+0800
  EXPECT_EQ(invalid_utf8_offset("\xF0\x90\x80\x80"), std::nullopt);  // U+10000
  EXPECT_EQ(invalid_utf8_offset("\xC2\x80"), std::nullopt);          // U+0080
  EXPECT_EQ(invalid_utf8_offset(std::string("a\0b", 3)), std::nullopt);
}

TEST(Utf8Test, RejectsOverlongs) {
  EXPECT_EQ(invalid_utf8_offset("\xC0\x80"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xC1\xBF"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xE0\x80\x80"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xE0\x9F\xBF"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xF0\x80\x80\x80"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xF0\x8F\xBF\xBF"), 0u);
}

TEST(Utf8Test, RejectsSurrogatesAndBeyondMax) {
  EXPECT_EQ(invalid_utf8_offset("\xED\xA0\x80"), 0u);      // U+D800
  EXPECT_EQ(invalid_utf8_offset("\xED\xBF\xBF"), 0u);      // U+DFFF
  EXPECT_EQ(invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(invalid_utf8_offset("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xFF"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xFE"), 0u);
}

TEST(Utf8Test, RejectsTruncatedAndStrayBytes) {
  EXPECT_EQ(invalid_utf8_offset("\x80"), 0u);
  EXPECT_EQ(invalid_utf8_offset("ab\x80"), 2u);
  EXPECT_EQ(invalid_utf8_offset("\xE1\xBB"), 0u);
  EXPECT_EQ(invalid_utf8_offset("x\xE1\xBBy"), 1u);
  EXPECT_EQ(invalid_utf8_offset("\xC3"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x8E"), 0u);
  EXPECT_EQ(invalid_utf8_offset("\xC3\xA9\xA9"), 2u);  // "é" then a stray continuation.
}

TEST(Utf8Test, OffsetPointsAfterValidPrefix) {
  EXPECT_EQ(invalid_utf8_offset("Đức\xC3"), 6u);  // Đ=2, ứ=3, c=1 bytes.
  EXPECT_EQ(invalid_utf8_offset("tên: \xC0\xAF"), 6u);
}

TEST(NfcTest, ComposesDecomposedVietnamese) {
  EXPECT_EQ(nfc("Nguye\u0302\u0303n"), "Nguyễn");
  EXPECT_EQ(nfc("Nguye\u0302\u0303n"), "Nguy\xE1\xBB\x85n");
  EXPECT_EQ(nfc("U\u031B"), "Ư");
  EXPECT_EQ(nfc("Đa\u0306\u0323ng"), "Đặng");
}

TEST(NfcTest, LeavesNormalizedTextAlone) {
  EXPECT_EQ(nfc(""), "");
  EXPECT_EQ(nfc("plain ascii"), "plain ascii");
  EXPECT_EQ(nfc("Nguyễn Thị Thúy"), "Nguyễn Thị Thúy");
}

TEST(NfcTest, ValidateNfcChecksAndComposesInOnePass) {
  std::string decomposed = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Thu\xCC\x81y";  // ễ, ị, ú
  EXPECT_EQ(validate_nfc(decomposed), std::nullopt);
  EXPECT_EQ(decomposed, "Nguyễn Thị Thúy");
  std::string composed = "Đặng Văn Đức – “thi đua” ✓ 😀";
  std::string before = composed;
  EXPECT_EQ(validate_nfc(composed), std::nullopt);
  EXPECT_EQ(composed, before);
  std::string late = "Thu\xCC\x81y " + std::string(40, 'a') + "\xE1\xBB";  // cut short
  std::string kept = late;
  EXPECT_EQ(validate_nfc(late), std::optional<std::size_t>(kept.size() - 2));
  EXPECT_EQ(late, kept);                            // unchanged when invalid
  std::string hangul = "\xE1\x84\x80\xE1\x85\xA1";  // conjoining jamo: quick check "maybe"
  EXPECT_EQ(validate_nfc(hangul), std::nullopt);
  EXPECT_EQ(hangul, nfc("\xE1\x84\x80\xE1\x85\xA1"));  // ᄀ + ᅡ compose to 가
}

// validate_nfc decodes UTF-8 itself: it must find the same first bad byte as
// invalid_utf8_offset on every short string of boundary bytes, after a valid prefix too.
TEST(NfcTest, ValidateNfcAgreesWithInvalidUtf8Offset) {
  const unsigned char edge[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::size_t checked = 0;
  for (const std::string prefix : {"", "Đức "}) {
    for (unsigned char a : edge)
      for (unsigned char b : edge)
        for (unsigned char c : edge)
          for (unsigned char d : edge) {
            std::string s = prefix;
            s += static_cast<char>(a);
            s += static_cast<char>(b);
            s += static_cast<char>(c);
            s += static_cast<char>(d);
            std::string copy = s;
            auto expected = invalid_utf8_offset(s);
            ASSERT_EQ(validate_nfc(copy), expected) << testing::PrintToString(s);
            if (expected) {
              EXPECT_EQ(copy, s);
            }
            ++checked;
          }
  }
  EXPECT_EQ(checked, 2u * 25 * 25 * 25 * 25);
}

// validate_nfc reads eight bytes at a time: every kind of character and every malformed sequence,
// at every offset around the word boundaries, must give what the plain definitions give (the
// first bad byte from invalid_utf8_offset, otherwise the text nfc() makes).
TEST(NfcTest, ValidateNfcAgreesAtEveryAlignment) {
  const std::vector<std::string> pieces = {"a",
                                           "Đ",
                                           "ặ",
                                           "\xCC\x81",
                                           "\xCC\xA3",
                                           "\xE1\xBB\x87",
                                           "\xE2\x80\x9C",
                                           "\xE3\x80\x80",
                                           "\xEA\xB0\x80",
                                           "\xF0\x9F\x98\x80",
                                           "\xC3",
                                           "\xE1\xBB",
                                           "\x80",
                                           "\xC0\xAF",
                                           "\xED\xA0\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xE1\x84\x80",
                                           "\xE1\x85\xA1",
                                           "\xD6\xB0",
                                           "\xCD\xB4",
                                           "\xFF",
                                           "\xE0\xA4\xBC",
                                           "\xE0\xA4\xA4"};
  std::size_t checked = 0, normalised = 0, invalid = 0;
  for (std::size_t pad = 0; pad < 17; ++pad)
    for (const std::string& x : pieces)
      for (const std::string& y : pieces) {
        std::string s = std::string(pad, 'x') + "a" + x + y + std::string(17 - pad, 'z');
        std::string copy = s;
        std::optional<std::size_t> bad = invalid_utf8_offset(s);
        ASSERT_EQ(validate_nfc(copy), bad) << testing::PrintToString(s);
        if (bad) {
          EXPECT_EQ(copy, s);
          ++invalid;
        } else {
          ASSERT_EQ(copy, nfc(s)) << testing::PrintToString(s);
          normalised += copy != s;
        }
        ++checked;
      }
  EXPECT_EQ(checked, 17u * 23 * 23);
  EXPECT_GT(normalised, 1000u);  // the combining marks composed with the letter before them
  EXPECT_GT(invalid, 1000u);
}

// Each code point after a base letter: validate_nfc leaves the text as NFC would make it (a
// wrongly decoded character would skip or force the normalisation).
TEST(NfcTest, ValidateNfcMatchesNfcForEveryCodePoint) {
  for (char32_t c = 0x80; c <= 0x10FFFF; c += (c < 0x3100 ? 1 : 97)) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string cp;
    if (c < 0x800) {
      cp = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    } else if (c < 0x10000) {
      cp = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
            static_cast<char>(0x80 | (c & 0x3F))};
    } else {
      cp = {static_cast<char>(0xF0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3F)),
            static_cast<char>(0x80 | ((c >> 6) & 0x3F)), static_cast<char>(0x80 | (c & 0x3F))};
    }
    std::string s = "e" + cp + "a";
    std::string copy = s;
    ASSERT_EQ(validate_nfc(copy), std::nullopt) << static_cast<unsigned>(c);
    ASSERT_EQ(copy, nfc(s)) << static_cast<unsigned>(c);
  }
}

TEST(NfcTest, InvalidInputDoesNotCrash) {
  EXPECT_NO_THROW(nfc("a\xC3"));
  EXPECT_EQ(invalid_utf8_offset(nfc("a\xC3")), std::nullopt);
}

TEST(CodepointsTest, Counts) {
  EXPECT_EQ(codepoints(""), 0u);
  EXPECT_EQ(codepoints("abc"), 3u);
  EXPECT_EQ(codepoints("Đức"), 3u);
  EXPECT_EQ(codepoints("Nguyễn"), 6u);
  EXPECT_EQ(codepoints("\xF0\x9F\x8E\x93"), 1u);
  EXPECT_EQ(codepoints("Nguye\u0302\u0303n"), 8u);  // Combining marks count separately.
}

TEST(ColumnOfTest, CodePointColumns) {
  // "tên: Đức" bytes: t0 ê1-2 n3 :4 ␠5 Đ6-7 ứ8-10 c11.
  EXPECT_EQ(column_of("tên: Đức", 0), 1u);
  EXPECT_EQ(column_of("tên: Đức", 1), 2u);
  EXPECT_EQ(column_of("tên: Đức", 3), 3u);
  EXPECT_EQ(column_of("tên: Đức", 5), 5u);
  EXPECT_EQ(column_of("tên: Đức", 6), 6u);
  EXPECT_EQ(column_of("tên: Đức", 8), 7u);
  EXPECT_EQ(column_of("tên: Đức", 11), 8u);
  // "Đức x" bytes: Đ0-1 ứ2-4 c5 ␠6 x7.
  EXPECT_EQ(column_of("Đức x", 5), 3u);
  EXPECT_EQ(column_of("Đức x", 7), 5u);
}

TEST(ColumnOfTest, MidSequenceAndPastEnd) {
  EXPECT_EQ(column_of("tên: Đức", 2), 2u);   // Inside "ê".
  EXPECT_EQ(column_of("tên: Đức", 7), 6u);   // Inside "Đ".
  EXPECT_EQ(column_of("tên: Đức", 12), 9u);  // Just past the end.
  EXPECT_EQ(column_of("tên: Đức", 100), 9u);
  EXPECT_EQ(column_of("", 0), 1u);
}

// ---------------------------------------------------------------------------------------------
// Slugs and folding

TEST(SlugifyTest, VietnameseNames) {
  EXPECT_EQ(slugify("Nguyễn Thị Thúy"), "nguyen-thi-thuy");
  EXPECT_EQ(slugify("Đặng Văn Đức"), "dang-van-duc");
  EXPECT_EQ(slugify("Đặng Văn Ưu"), "dang-van-uu");
  EXPECT_EQ(slugify("Trường THCS Lê Quý Đôn"), "truong-thcs-le-quy-don");
  EXPECT_EQ(slugify("ĐẠI HỌC QUỐC GIA"), "dai-hoc-quoc-gia");
  EXPECT_EQ(slugify("Ưu tiên ơn"), "uu-tien-on");
  EXPECT_EQ(slugify("Năm học 2023–2024"), "nam-hoc-2023-2024");
  EXPECT_EQ(slugify("Lớp 12A1"), "lop-12a1");
}

TEST(SlugifyTest, CollapsesAndTrimsSeparators) {
  EXPECT_EQ(slugify("  --Hello,  World!!  "), "hello-world");
  EXPECT_EQ(slugify("a_b.c/d"), "a-b-c-d");
  EXPECT_EQ(slugify("already-a-slug"), "already-a-slug");
  EXPECT_EQ(slugify("UPPER"), "upper");
  EXPECT_EQ(slugify(""), "");
  EXPECT_EQ(slugify("!!! ... ---"), "");
  EXPECT_EQ(slugify("«Đức»"), "duc");
}

TEST(SlugifyTest, DecomposedInputMatchesPrecomposed) {
  EXPECT_EQ(slugify("Nguye\u0302\u0303n Thi\u0323"), "nguyen-thi");
  EXPECT_EQ(slugify("U\u031Bu"), "uu");
}

TEST(SlugifyTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(slugify("ab\xC3 cd"), "ab-cd");
  EXPECT_EQ(slugify("\xFF\xFE"), "");
}

// All 134 precomposed Vietnamese letters (66 toned/modified vowels per case, plus đ/Đ).
const std::vector<std::pair<std::string, std::string>>& vietnamese_letters() {
  static const std::vector<std::pair<std::string, std::string>> kLetters = {
      {"àáảãạ", "a"},  {"ăằắẳẵặ", "a"}, {"âầấẩẫậ", "a"}, {"èéẻẽẹ", "e"},  {"êềếểễệ", "e"},
      {"ìíỉĩị", "i"},  {"òóỏõọ", "o"},  {"ôồốổỗộ", "o"}, {"ơờớởỡợ", "o"}, {"ùúủũụ", "u"},
      {"ưừứửữự", "u"}, {"ỳýỷỹỵ", "y"},  {"đ", "d"},      {"ÀÁẢÃẠ", "a"},  {"ĂẰẮẲẴẶ", "a"},
      {"ÂẦẤẨẪẬ", "a"}, {"ÈÉẺẼẸ", "e"},  {"ÊỀẾỂỄỆ", "e"}, {"ÌÍỈĨỊ", "i"},  {"ÒÓỎÕỌ", "o"},
      {"ÔỒỐỔỖỘ", "o"}, {"ƠỜỚỞỠỢ", "o"}, {"ÙÚỦŨỤ", "u"},  {"ƯỪỨỬỮỰ", "u"}, {"ỲÝỶỸỴ", "y"},
      {"Đ", "d"},
  };
  return kLetters;
}

TEST(SlugifyTest, AllVietnameseLettersBecomeAscii) {
  std::size_t count = 0;
  for (const auto& [letters, ascii] : vietnamese_letters()) {
    for (const std::string& letter : split_codepoints(letters)) {
      ++count;
      EXPECT_EQ(nfc(letter), letter) << "not precomposed: " << letter;
      EXPECT_EQ(slugify(letter), ascii) << letter;
      EXPECT_EQ(slugify("x" + letter + "x"), "x" + ascii + "x") << letter;
      EXPECT_EQ(fold(letter), ascii) << letter;
    }
  }
  EXPECT_EQ(count, 134u);
}

TEST(FoldTest, SpacesBetweenWords) {
  EXPECT_EQ(fold("Trường THCS Lê Quý Đôn"), "truong thcs le quy don");
  EXPECT_EQ(fold("  Chiến sĩ   thi đua, cơ sở! "), "chien si thi dua co so");
  EXPECT_EQ(fold("ĐẠI-HỌC"), "dai hoc");
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("..."), "");
}

// ---------------------------------------------------------------------------------------------
// Collation

const std::vector<std::string>& vi_ordered() {
  static const std::vector<std::string> kOrdered = {
      "Anh",
      "Ánh",
      "Ăn",
      "Ấn",
      "Bùi Thị Bích",
      "Dương Minh Dũng",
      "Đặng Văn Đức",
      "Ngô Bảo Châu",
      "Nguyễn Thị Thu",
      "Nguyễn Thị Thúy",
      "Nhung",
      "Oanh",
      "Ông Văn Ơn",
      "Ơn",
      "Uyên",
      "Ưng Hoàng Phúc",
      "Y Moan",
      "Zoe",
  };
  return kOrdered;
}

TEST(CompareViTest, PairwiseOrder) {
  const auto& v = vi_ordered();
  for (std::size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(compare_vi(v[i], v[i]), 0) << v[i];
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      EXPECT_EQ(compare_vi(v[i], v[j]), -1) << v[i] << " < " << v[j];
      EXPECT_EQ(compare_vi(v[j], v[i]), 1) << v[j] << " > " << v[i];
    }
  }
}

TEST(CompareViTest, SortingRestoresOrder) {
  std::vector<std::string> shuffled = vi_ordered();
  std::reverse(shuffled.begin(), shuffled.end());
  std::rotate(shuffled.begin(), shuffled.begin() + 7, shuffled.end());
  std::sort(shuffled.begin(), shuffled.end(),
            [](const std::string& a, const std::string& b) { return compare_vi(a, b) < 0; });
  EXPECT_EQ(shuffled, vi_ordered());
}

TEST(CompareViTest, DStrokeAfterD) {
  EXPECT_LT(compare_vi("Dũng", "Đức"), 0);
  EXPECT_LT(compare_vi("Dzung", "Đức"), 0);
  EXPECT_LT(compare_vi("Dương", "Đa"), 0);
  EXPECT_GT(compare_vi("Đa", "Dz"), 0);
}

TEST(CompareViTest, NormalisationDoesNotMatter) {
  EXPECT_EQ(compare_vi("Nguye\u0302\u0303n", "Nguyễn"), 0);
}

TEST(CompareViTest, EmptyAndInvalid) {
  EXPECT_EQ(compare_vi("", ""), 0);
  EXPECT_LT(compare_vi("", "a"), 0);
  EXPECT_NO_THROW(compare_vi("a\xC3", "\xFF"));
}

TEST(SortKeyViTest, MatchesCompareVi) {
  const auto& v = vi_ordered();
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string ki = sort_key_vi(v[i]);
    ASSERT_FALSE(ki.empty());
    EXPECT_NE(ki.back(), '\0') << "terminator kept for " << v[i];
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      EXPECT_LT(ki, sort_key_vi(v[j])) << v[i] << " < " << v[j];
    }
  }
}

TEST(SortKeyViTest, EqualStringsEqualKeys) {
  EXPECT_EQ(sort_key_vi("Nguyễn"), sort_key_vi("Nguyễn"));
  EXPECT_EQ(sort_key_vi("Nguye\u0302\u0303n"), sort_key_vi("Nguyễn"));
  EXPECT_LT(sort_key_vi("Dzung"), sort_key_vi("Đức"));
  EXPECT_LT(sort_key_vi(""), sort_key_vi("a"));
}

TEST(SortKeyViTest, LongInputGrowsBuffer) {
  std::string long_name;
  for (int i = 0; i < 50; ++i) long_name += "Nguyễn Thị Thúy ";
  const std::string key = sort_key_vi(long_name);
  EXPECT_GT(key.size(), 64u);
  EXPECT_EQ(key.find('\0'), std::string::npos);
  EXPECT_LT(sort_key_vi(long_name + "a"), sort_key_vi(long_name + "b"));
}

TEST(NameSortKeyTest, GivenNameFirstThenWholeName) {
  EXPECT_LT(name_sort_key("Trần Văn An"), name_sort_key("Lê Thị Bình"));
  EXPECT_LT(name_sort_key("Lê Thị Bình"), name_sort_key("Nguyễn Thị Bình"));
  EXPECT_LT(name_sort_key("Trần Văn An"), name_sort_key("Nguyễn Thị Bình"));
  EXPECT_LT(name_sort_key("Nguyễn Văn Dũng"), name_sort_key("Bùi Đức"));
  EXPECT_LT(name_sort_key("Nguyễn Thị Thu"), name_sort_key("Lê Thúy"));
}

TEST(NameSortKeyTest, GivenNamePrefixSortsFirst) {
  EXPECT_LT(name_sort_key("Nguyễn An"), name_sort_key("Lê Anh"));
  EXPECT_LT(name_sort_key("Vũ An"), name_sort_key("Lê Ân"));
}

TEST(NameSortKeyTest, SortsAClassList) {
  std::vector<std::string> names = {"Nguyễn Thị Bình", "Đặng Văn Ưu", "Trần Văn An",
                                    "Lê Thị Bình",     "Lan",         "Phạm Đức"};
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return name_sort_key(a) < name_sort_key(b);
  });
  const std::vector<std::string> expected = {"Trần Văn An", "Lê Thị Bình", "Nguyễn Thị Bình",
                                             "Phạm Đức",    "Lan",         "Đặng Văn Ưu"};
  EXPECT_EQ(names, expected);
}

TEST(NameSortKeyTest, IgnoresSurroundingWhitespace) {
  EXPECT_EQ(name_sort_key("  Lê Thị Bình \n"), name_sort_key("Lê Thị Bình"));
  EXPECT_EQ(name_sort_key("Lan"), name_sort_key("Lan "));
  EXPECT_NO_THROW(name_sort_key(""));
  EXPECT_NO_THROW(name_sort_key("   "));
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST(FormatDecimalTest, DecimalComma) {
  EXPECT_EQ(format_decimal(31.578, 2), "31,58");
  EXPECT_EQ(format_decimal(40, 0), "40");
  EXPECT_EQ(format_decimal(1234.5, 1), "1234,5");
  EXPECT_EQ(format_decimal(0.1, 3), "0,100");
  EXPECT_EQ(format_decimal(8, 2), "8,00");
  EXPECT_EQ(format_decimal(0, 2), "0,00");
  EXPECT_EQ(format_decimal(1234567.0, 0), "1234567");
  EXPECT_EQ(format_decimal(1e20, 0), "100000000000000000000");
  EXPECT_EQ(format_decimal(0.0001, 2), "0,00");
}

TEST(FormatDecimalTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(format_decimal(0.125, 2), "0,13");
  EXPECT_EQ(format_decimal(1.005, 2), "1,01");
  EXPECT_EQ(format_decimal(2.5, 0), "3");
  EXPECT_EQ(format_decimal(3.5, 0), "4");
  EXPECT_EQ(format_decimal(-2.5, 0), "-3");
  EXPECT_EQ(format_decimal(9.995, 2), "10,00");
  EXPECT_EQ(format_decimal(99.5, 0), "100");
  EXPECT_EQ(format_decimal(0.5, 0), "1");
  EXPECT_EQ(format_decimal(8.45, 1), "8,5");
  EXPECT_EQ(format_decimal(8.44, 1), "8,4");
}

TEST(FormatDecimalTest, NegativeAndEdgeCases) {
  EXPECT_EQ(format_decimal(-31.578, 2), "-31,58");
  EXPECT_EQ(format_decimal(-0.001, 2), "0,00");
  EXPECT_EQ(format_decimal(-0.0, 1), "0,0");
  EXPECT_EQ(format_decimal(7.25, -3), "7");
  EXPECT_EQ(format_decimal(std::nan(""), 2), "");
  EXPECT_EQ(format_decimal(std::numeric_limits<double>::infinity(), 2), "");
}

TEST(PercentTest, TwoDecimalsWithComma) {
  EXPECT_EQ(percent(6, 19), "31,58%");
  EXPECT_EQ(percent(1, 2), "50,00%");
  EXPECT_EQ(percent(0, 5), "0,00%");
  EXPECT_EQ(percent(5, 5), "100,00%");
  EXPECT_EQ(percent(1, 3), "33,33%");
  EXPECT_EQ(percent(2, 3), "66,67%");
  EXPECT_EQ(percent(1, 8), "12,50%");
  EXPECT_EQ(percent(1, 32), "3,13%");  // 3.125 exactly: half away from zero.
  EXPECT_EQ(percent(45, 40), "112,50%");
  EXPECT_EQ(percent(-1, 3), "-33,33%");
  EXPECT_EQ(percent(-1, 32), "-3,13%");
}

TEST(PercentTest, ZeroWholeIsEmpty) {
  EXPECT_EQ(percent(3, 0), "");
  EXPECT_EQ(percent(0, 0), "");
}

TEST(PercentTest, LargeValuesDoNotOverflow) {
  EXPECT_EQ(percent(std::numeric_limits<int>::max(), std::numeric_limits<int>::max()), "100,00%");
}

// ---------------------------------------------------------------------------------------------
// Suggestions

TEST(EditDistanceTest, Basics) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("flaw", "lawn"), 2u);
  EXPECT_EQ(edit_distance("titel", "title"), 2u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(EditDistanceTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(edit_distance("Đức", "Đúc"), 1u);
  EXPECT_EQ(edit_distance("Đức", "Duc"), 2u);
  EXPECT_EQ(edit_distance("cơ sơ", "cơ sở"), 1u);
  EXPECT_EQ(edit_distance("ễ", ""), 1u);
}

TEST(ClosestTest, Examples) {
  EXPECT_EQ(closest("Chiến sĩ thi đua cơ sơ", {"Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"}),
            "Chiến sĩ thi đua cơ sở");
  EXPECT_EQ(closest("titel", {"title", "theme"}), "title");
  EXPECT_EQ(closest("zzzz", {"title"}), std::nullopt);
}

TEST(ClosestTest, AccentAndCaseInsensitive) {
  EXPECT_EQ(closest("TITLE", {"theme", "title"}), "title");
  EXPECT_EQ(closest("lao dong tien tien", {"Lao động tiên tiến"}), "Lao động tiên tiến");
}

TEST(ClosestTest, TiesGoToFirstCandidate) {
  EXPECT_EQ(closest("cat", {"bat", "hat"}), "bat");
  EXPECT_EQ(closest("cat", {"hat", "bat"}), "hat");
  EXPECT_EQ(closest("abc", {"xyz", "abd", "abe"}), "abd");
}

TEST(ClosestTest, ThresholdScalesWithLength) {
  // 12 letters allow 4 edits, not 5.
  EXPECT_EQ(closest("abcdefghijkl", {"abcdefghwxyz"}), "abcdefghwxyz");
  EXPECT_EQ(closest("abcdefghijkl", {"abcdefgvwxyz"}), std::nullopt);
  // Short words still allow 2 edits.
  EXPECT_EQ(closest("ab", {"xy"}), "xy");
  EXPECT_EQ(closest("abc", {"xyz"}), std::nullopt);
}

TEST(ClosestTest, EmptyInputs) {
  EXPECT_EQ(closest("title", {}), std::nullopt);
  EXPECT_EQ(closest("", {"ab"}), std::nullopt);
  EXPECT_EQ(closest("!!", {"ab"}), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// Initials

TEST(InitialsTest, FamilyAndGivenName) {
  EXPECT_EQ(initials("Nguyễn Thị Thúy"), "NT");
  EXPECT_EQ(initials("Đặng Văn Ưu"), "ĐƯ");
  EXPECT_EQ(initials("Lan"), "L");
  EXPECT_EQ(initials(""), "");
  EXPECT_EQ(initials("   "), "");
}

TEST(InitialsTest, UppercasesAndNormalises) {
  EXPECT_EQ(initials("đặng văn ưu"), "ĐƯ");
  EXPECT_EQ(initials("ông ấn"), "ÔẤ");
  EXPECT_EQ(initials("U\u031Bng Hoa\u0300ng"), "ƯH");
  EXPECT_EQ(initials("  Nguyễn   Thị\tThúy  "), "NT");
  EXPECT_EQ(initials("Lê\u00A0Lợi"), "LL");  // No-break space separates words too.
}

TEST(InitialsTest, SkipsNonLetters) {
  EXPECT_EQ(initials("(Nguyễn) Thúy"), "NT");
  EXPECT_EQ(initials("Trần Văn An -"), "TA");
  EXPECT_EQ(initials("123"), "");
}

// ---------------------------------------------------------------------------------------------
// Escaping

TEST(EscapeTest, Html) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("Đặng Văn Ưu"), "Đặng Văn Ưu");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("a\x01"
                        "b"),
            "a\x01"
            "b");  // HTML escaping does not filter.
}

TEST(EscapeTest, Xml) {
  EXPECT_EQ(xml_escape("<t a=\"1\">R&D's</t>"), "&lt;t a=&quot;1&quot;&gt;R&amp;D&#39;s&lt;/t&gt;");
  EXPECT_EQ(xml_escape("a\x01"
                       "b\tc\nd\re\x1F"
                       "f\x0B"),
            "ab\tc\nd\ref");
  EXPECT_EQ(xml_escape(std::string("x\0y", 3)), "xy");
  EXPECT_EQ(xml_escape("Trường THCS Lê Quý Đôn"), "Trường THCS Lê Quý Đôn");
}

// ---------------------------------------------------------------------------------------------
// Threads: every thread builds its own ICU objects and gets the same answers.

TEST(ThreadSafetyTest, ConcurrentUseGivesSameResults) {
  constexpr int kThreads = 4;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 200; ++i) {
        if (slugify("Đặng Văn Đức") != "dang-van-duc") ++failures[t];
        if (compare_vi("Dzung", "Đức") >= 0) ++failures[t];
        if (sort_key_vi("Ơn") <= sort_key_vi("Ông")) ++failures[t];
        if (nfc("Nguye\u0302\u0303n") != "Nguyễn") ++failures[t];
        if (initials("Đặng Văn Ưu") != "ĐƯ") ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
}

// ---------------------------------------------------------------------------------------------
// Decoding spreadsheet exports.

TEST(DecodeTest, Utf8WithAndWithoutBom) {
  Decoded plain = decode_to_utf8("Họ và tên");
  EXPECT_TRUE(plain.ok());
  EXPECT_EQ(plain.encoding, "UTF-8");
  EXPECT_EQ(plain.text, "Họ và tên");
  Decoded bom = decode_to_utf8("\xEF\xBB\xBFHọ và tên");
  EXPECT_EQ(bom.encoding, "UTF-8");
  EXPECT_EQ(bom.text, "Họ và tên");
  // Decomposed input (macOS) comes out NFC.
  EXPECT_EQ(decode_to_utf8("Thu\xCC\x81y").text, "Thúy");
}

TEST(DecodeTest, Utf16WithBom) {
  // "Đức\n" in UTF-16LE and UTF-16BE.
  Decoded le = decode_to_utf8(std::string("\xFF\xFE\x10\x01\xE9\x1E\x63\x00\x0A\x00", 10));
  ASSERT_TRUE(le.ok());
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_EQ(le.text, "Đức\n");
  Decoded be = decode_to_utf8(std::string("\xFE\xFF\x01\x10\x1E\xE9\x00\x63\x00\x0A", 10));
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_EQ(be.text, "Đức\n");
}

TEST(DecodeTest, Windows1258ToneMarksComposeToNfc) {
  // cp1258 writes "Nguyễn" as ê (0xEA) followed by a combining tilde (0xDE).
  Decoded d = decode_to_utf8("Nguy\xEA\xDEn Thi\xF2");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.encoding, "windows-1258");
  EXPECT_EQ(d.text, "Nguyễn Thị");
  EXPECT_EQ(decode_to_utf8("\xD0\xE3ng V\xE3n \xDD", "windows-1258").text, "Đăng Văn Ư");
}

TEST(DecodeTest, ReportsTheFirstUndecodableByte) {
  Decoded bom = decode_to_utf8(
      "\xEF\xBB\xBF"
      "ab\xC3(");
  EXPECT_FALSE(bom.ok());
  EXPECT_EQ(bom.bad_offset, 5u);
  Decoded odd = decode_to_utf8(std::string("\xFF\xFE\x41\x00\x42", 5));
  EXPECT_FALSE(odd.ok());
  EXPECT_EQ(odd.bad_offset, 4u);
  Decoded surrogate = decode_to_utf8(std::string("\xFF\xFE\x41\x00\x00\xD8\x41\x00", 8));
  EXPECT_FALSE(surrogate.ok());
  EXPECT_EQ(surrogate.bad_offset, 4u);
  EXPECT_TRUE(decode_to_utf8("x", "no-such-encoding").unknown_encoding);
  // Not UTF-8, and 0x81 is undefined in windows-1258: some other encoding.
  Decoded other = decode_to_utf8("ab\xEA\x81");
  EXPECT_EQ(other.encoding, "windows-1258");
  EXPECT_EQ(other.bad_offset, 3u);
}

}  // namespace
}  // namespace vd::text

namespace vd::text {
namespace {

TEST(CaseTest, UpperAndLowerKeepVietnameseLetters) {
  EXPECT_EQ(upper("Phòng Giáo dục và Đào tạo huyện Cần Giuộc"),
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CẦN GIUỘC");
  EXPECT_EQ(lower("THÔNG BÁO"), "thông báo");
  EXPECT_EQ(upper("ư ơ đ ỹ"), "Ư Ơ Đ Ỹ");
}

}  // namespace
}  // namespace vd::text
