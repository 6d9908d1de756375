// UTF-8 checks, NFC normalisation, code-point counting.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>

#include "text/text.h"
#include "text/text_internal.h"

namespace vd::text {

using namespace detail;

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 (Unicode Table 3-7).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // Allowed range of the second byte.
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;  // Overlong below U+0800.
    if (lead == 0xED) hi = 0x9F;  // Surrogates U+D800..U+DFFF.
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;  // Overlong below U+10000.
    if (lead == 0xF4) hi = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;  // Continuation byte, C0/C1 overlong leads, F5..FF.
  }
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

}  // namespace

std::optional<std::size_t> invalid_utf8_offset(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    // Runs of ASCII eight bytes at a time (the markup and most of the words).
    while (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const std::size_t len = sequence_length(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

const StableTable& detail::nfc_stable() {
  static const StableTable table = [] {
    StableTable t;
    char32_t first_unstable = kStableLimit;
    for (char32_t c = 0; c < kStableLimit; ++c) {
      if (u_getCombiningClass(static_cast<UChar32>(c)) == 0 &&
          u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) == UNORM_YES)
        t.bits[c >> 6] |= std::uint64_t{1} << (c & 63);
      else if (c >= 0x80 && first_unstable == kStableLimit)
        first_unstable = c;
    }
    if (first_unstable < 0x800)
      t.first_lead = static_cast<unsigned char>(0xC0 | (first_unstable >> 6));
    else
      t.first_lead = 0xE0;
    return t;
  }();
  return table;
}

namespace {

// Well-formed UTF-8 (Unicode Table 3-7) as a shift-based DFA: one table row per byte holds, for
// every state, the next state's bit offset (6 bits each), so a step is a load and a shift with
// no branch (Vietnamese text mixes ASCII and 2- and 3-byte letters every few bytes, which made a
// branch per character mispredict constantly).
namespace utf8_dfa {
enum State : int {
  kAccept,
  kError,
  kCont1,
  kCont2,
  kAfterE0,
  kAfterED,
  kAfterF0,
  kAfterF1,
  kAfterF4
};
constexpr std::uint64_t off(int state) {
  return static_cast<std::uint64_t>(state) * 6;
}
constexpr int next(int state, unsigned b) {
  switch (state) {
    case kAccept:
      if (b < 0x80) return kAccept;
      if (b >= 0xC2 && b <= 0xDF) return kCont1;
      if (b == 0xE0) return kAfterE0;
      if (b == 0xED) return kAfterED;
      if (b >= 0xE1 && b <= 0xEF) return kCont2;
      if (b == 0xF0) return kAfterF0;
      if (b >= 0xF1 && b <= 0xF3) return kAfterF1;
      if (b == 0xF4) return kAfterF4;
      return kError;
    case kCont1:
      return b >= 0x80 && b <= 0xBF ? kAccept : kError;
    case kCont2:
      return b >= 0x80 && b <= 0xBF ? kCont1 : kError;
    case kAfterE0:
      return b >= 0xA0 && b <= 0xBF ? kCont1 : kError;
    case kAfterED:
      return b >= 0x80 && b <= 0x9F ? kCont1 : kError;
    case kAfterF0:
      return b >= 0x90 && b <= 0xBF ? kCont2 : kError;
    case kAfterF1:
      return b >= 0x80 && b <= 0xBF ? kCont2 : kError;
    case kAfterF4:
      return b >= 0x80 && b <= 0x8F ? kCont2 : kError;
    default:
      return kError;
  }
}
constexpr std::array<std::uint64_t, 256> make_rows() {
  std::array<std::uint64_t, 256> rows{};
  for (unsigned b = 0; b < 256; ++b)
    for (int s = kAccept; s <= kAfterF4; ++s) rows[b] |= off(next(s, b)) << off(s);
  return rows;
}
constexpr std::array<std::uint64_t, 256> kRows = make_rows();
inline std::uint64_t step(std::uint64_t state, unsigned char b) {
  return kRows[b] >> (state & 63);
}
}  // namespace utf8_dfa

// Bytes >= t in each byte of w, as their high bits (t >= 0x80; no carry crosses a byte).
inline std::uint64_t bytes_at_least(std::uint64_t w, unsigned t) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kLow = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t add = 0x0101010101010101ULL * (0x80 - (t & 0x7F));
  return w & ((w & kLow) + add) & kHigh;
}

// One pass over the bytes: eight at a time, through the DFA (all-ASCII words between characters
// are skipped), and every lead byte of a character from U+0300 up (a bit test on the word) looked
// up in the stable table until one asks for normalisation.
Scan scan_scalar(const unsigned char* p, std::size_t n, const StableTable& stable) {
  const unsigned first_lead = stable.first_lead;
  std::uint64_t state = utf8_dfa::off(utf8_dfa::kAccept);
  bool normalise = false;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & 0x8080808080808080ULL) == 0 && (state & 63) == utf8_dfa::off(utf8_dfa::kAccept))
      continue;
    for (std::size_t k = 0; k < 8; ++k) state = utf8_dfa::step(state, p[i + k]);
    if (normalise) continue;
    for (std::uint64_t m = bytes_at_least(w, first_lead); m != 0; m &= m - 1) {
      const int bit =
          std::endian::native == std::endian::little ? std::countr_zero(m) : std::countl_zero(m);
      const std::size_t j = i + static_cast<std::size_t>(bit >> 3);
      if (unstable_at(p, n, j, stable)) {
        normalise = true;
        break;
      }
    }
  }
  for (; i < n; ++i) {
    state = utf8_dfa::step(state, p[i]);
    if (!normalise && p[i] >= first_lead) normalise = unstable_at(p, n, i, stable);
  }
  return {(state & 63) == utf8_dfa::off(utf8_dfa::kAccept), normalise};
}

}  // namespace

namespace detail {
Scan scan_utf8_nfc(const unsigned char* p, std::size_t n, bool simd) {
  const StableTable& stable = nfc_stable();
  return simd && have_avx2() ? scan_avx2(p, n, stable) : scan_scalar(p, n, stable);
}
}  // namespace detail

// One pass over the bytes (32 at a time with AVX2, else 8). Malformed text is rare: its offset is
// then found by invalid_utf8_offset, which reads by characters.
std::optional<std::size_t> validate_nfc(std::string& s) {
  Scan scan = scan_utf8_nfc(reinterpret_cast<const unsigned char*>(s.data()), s.size(), true);
  if (!scan.valid) return invalid_utf8_offset(s);
  if (scan.normalise) s = nfc(s);
  return std::nullopt;
}

std::string nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);  // ASCII is always NFC; skip the conversion.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  // Most text is already NFC: checking is much cheaper than converting to UTF-16 and back.
  if (!invalid_utf8_offset(s) &&
      normalizer->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())),
                                   status) &&
      U_SUCCESS(status))
    return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer->normalize(from_utf8(s), status);
  return U_SUCCESS(status) ? to_utf8(out) : std::string(s);
}

std::size_t codepoints(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(c); }));
}

std::size_t column_of(std::string_view line, std::size_t byte_offset) {
  // Counting lead bytes up to and including the offset gives the column of the character that
  // contains the byte, even when the offset points into the middle of a multi-byte sequence.
  if (byte_offset >= line.size()) return codepoints(line) + 1;
  return std::max<std::size_t>(1, codepoints(line.substr(0, byte_offset + 1)));
}

}  // namespace vd::text
