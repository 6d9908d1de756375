// text: Vietnamese text handling (ICU behind this header).
// In: UTF-8 strings. Out: normalised strings, slugs, sort keys, formatted dates and numbers.
// Never touches disk; every function is thread-safe (ICU objects are per thread).
// Rules come from DOMAIN.md: CLDR `vi` collation, Decree 30/2020/NĐ-CP date padding.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vd::text {

// A calendar date. Comparison is chronological.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
  bool valid() const;
};

// Parses "2024-03-15" or "15/03/2024" (also "5/3/2024"); rejects impossible dates (30/02).
std::optional<Date> parse_date(std::string_view s);
// ISO form "2024-03-15".
std::string iso_date(const Date& d);
// "ngày 05 tháng 7 năm 2023": day < 10 and months 1, 2 take a leading zero (Decree 30/2020).
std::string vi_long_date(const Date& d);
// Short date for running text and lists: "05/07/2023" (always padded).
std::string vi_short_date(const Date& d);
// The school year (September to August) a date falls in: 2023-10-01 → "2023-2024".
std::string school_year_of(const Date& d);
// True for "2023-2024" (second year = first + 1).
bool is_school_year(std::string_view s);

// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, truncated), if any.
std::optional<std::size_t> invalid_utf8_offset(std::string_view s);
// Unicode NFC normalisation. Input must be valid UTF-8.
std::string nfc(std::string_view s);
// Checks that s is UTF-8 and puts it into NFC, in one pass over the bytes: nullopt on success,
// else the offset of the first invalid sequence (s is then unchanged). Text already in NFC (nearly
// all text) is neither copied nor handed to ICU: every character below U+3000 is looked up in a
// table of those that cannot change under NFC (combining class 0, NFC quick check "yes").
std::optional<std::size_t> validate_nfc(std::string& s);
// Bytes of a text file whose encoding is not known (spreadsheet exports) → NFC UTF-8 without a
// BOM. `encoding` empty: a BOM decides (UTF-8, UTF-16LE, UTF-16BE), else valid UTF-8 is UTF-8,
// else the legacy Vietnamese Windows code page "windows-1258" (its tone marks are combining
// characters, hence the NFC step). Otherwise an ICU converter name ("UTF-16LE", "windows-1258").
struct Decoded {
  std::string text;                       // NFC UTF-8; empty when bad_offset is set
  std::string encoding;                   // what was used: "UTF-8", "UTF-16LE", "windows-1258"…
  std::optional<std::size_t> bad_offset;  // byte offset of the first undecodable sequence
  bool unknown_encoding = false;          // `encoding` is not a converter ICU knows
  bool ok() const { return !bad_offset && !unknown_encoding; }
};
Decoded decode_to_utf8(std::string_view bytes, std::string_view encoding = {});
// Number of code points in s (valid UTF-8).
std::size_t codepoints(std::string_view s);
// 1-based code-point column of a 0-based byte offset inside a line.
std::size_t column_of(std::string_view line, std::size_t byte_offset);

// "Nguyễn Thị Thúy" → "nguyen-thi-thuy", "Đặng Văn Ưu" → "dang-van-uu": diacritics dropped
// (đ/Đ → d), lowercase ASCII, runs of other characters collapse to one '-', trimmed.
std::string slugify(std::string_view s);
// Accent- and case-insensitive form for matching:
// "Trường THCS Lê Quý Đôn" → "truong thcs le quy don".
std::string fold(std::string_view s);

// Uppercase with Vietnamese rules, as official document headers are written:
// "Phòng Giáo dục và Đào tạo" → "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO".
std::string upper(std::string_view s);
std::string lower(std::string_view s);

// Vietnamese collation (CLDR vi): <0, 0, >0.
int compare_vi(std::string_view a, std::string_view b);
// Binary sort key equivalent to compare_vi (memcmp order).
std::string sort_key_vi(std::string_view s);
// Sort key for a person's name: given name (last word) first, then the rest as written.
std::string name_sort_key(std::string_view full_name);

// Decimal comma: format_decimal(31.578, 2) → "31,58"; format_decimal(40, 0) → "40".
std::string format_decimal(double value, int decimals);
// Percent as schools write it: percent(6, 19) → "31,58%" (two decimals, trailing zeros kept).
std::string percent(int part, int whole);

// Levenshtein distance over code points (for "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b);
// Best candidate within a distance threshold relative to length, compared after fold();
// nullopt if none.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// Initials for the avatar shown without a photo: first letters of the family and the given name,
// uppercase, diacritics kept: "Nguyễn Thị Thúy" → "NT", "Đặng Văn Ưu" → "ĐƯ", "Lan" → "L".
std::string initials(std::string_view full_name);

// Escapes for output contexts.
std::string html_escape(std::string_view s);                     // & < > " '
void append_html_escaped(std::string& out, std::string_view s);  // html_escape(s), appended
std::string xml_escape(std::string_view s);  // same set, XML-safe (drops C0 controls)

}  // namespace vd::text
