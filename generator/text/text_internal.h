// Helpers shared by the files of text/ (not part of the public header): ASCII tests, UTF-8 ⇄
// ICU strings, code points. Private to this module.
#pragma once

#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vd::text::detail {

inline bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

inline bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

inline bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

inline icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Decodes the code point at s[i] (valid UTF-8) and advances i.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// The lowercase ASCII transliteration of one Latin letter (U+0080–U+024F, U+1E00–U+1EFF) as
// ICU's "Any-Latin; Latin-ASCII; Lower" gives it, from a table built into the program; nullptr
// when ICU's answer is not ASCII or c is outside those blocks (then ICU must be asked).
const std::string* latin_ascii(char32_t c);

// Characters below U+3000 that NFC leaves alone whatever surrounds them: combining class 0 and
// NFC quick check "yes" (UAX #15: a text made only of them is in NFC). One bit per character.
// `first_lead` is the lowest lead byte of a character that is not stable: characters that start
// with a smaller byte (U+0080–U+02FF: every Latin letter with its Vietnamese marks) need no
// look-up.
constexpr char32_t kStableLimit = 0x3000;
struct StableTable {
  std::array<std::uint64_t, kStableLimit / 64> bits{};
  unsigned char first_lead = 0xC2;
  bool has(char32_t c) const { return c < kStableLimit && ((bits[c >> 6] >> (c & 63)) & 1); }
};
const StableTable& nfc_stable();

// Whether the character whose lead byte is p[j] (>= first_lead) may change under NFC. Reads
// only inside the text; a malformed sequence is caught by the DFA, whatever is answered here.
inline bool unstable_at(const unsigned char* p, std::size_t n, std::size_t j,
                        const StableTable& t) {
  const unsigned b = p[j];
  if (b >= 0xF0) return true;  // U+10000 and above: beyond the table, ICU decides
  if (b >= 0xE0) {
    if (j + 2 >= n) return false;
    return !t.has(((b & 0x0Fu) << 12) | ((p[j + 1] & 0x3Fu) << 6) | (p[j + 2] & 0x3Fu));
  }
  if (b >= 0xC0) {
    if (j + 1 >= n) return false;
    return !t.has(((b & 0x1Fu) << 6) | (p[j + 1] & 0x3Fu));
  }
  return false;  // a continuation byte
}

// What one pass over UTF-8 text found: whether it is well-formed, and whether some character in
// it may change under NFC.
struct Scan {
  bool valid = true;
  bool normalise = false;
};
// The pass validate_nfc makes: with AVX2 (32 bytes at a time, utf8_avx2.cc) when `simd` is set
// and the processor has it, else 8 bytes at a time (tests compare the two).
Scan scan_utf8_nfc(const unsigned char* p, std::size_t n, bool simd);
bool have_avx2();
Scan scan_avx2(const unsigned char* p, std::size_t n, const StableTable& stable);

}  // namespace vd::text::detail
