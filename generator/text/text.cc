#include "text/text.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace vd::text {
namespace {

// ---------------------------------------------------------------------------------------------
// Per-thread ICU objects. Transliterator and Collator instances are not safe to share between
// threads, and creating them costs milliseconds, so each thread builds one lazily and keeps it.

icu::Transliterator* ascii_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    // Any-Latin first so non-Latin scripts still produce letters; Latin-ASCII maps đ/Đ to d,
    // which NFD + mark stripping cannot (đ has no decomposition).
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  return instance.get();
}

icu::Collator* vi_collator() {
  thread_local std::unique_ptr<icu::Collator> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) return std::unique_ptr<icu::Collator>();
    // Names may arrive decomposed (NFD from macOS file systems); normalisation keeps the order
    // identical to the precomposed spelling.
    c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    return c;
  }();
  return instance.get();
}

// ---------------------------------------------------------------------------------------------
// Small character helpers (ASCII only on purpose: the ICU side has already folded everything).

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// The transliteration of every Latin letter (U+0080–U+024F, U+1E00–U+1EFF: all Vietnamese
// letters), computed once with ICU, so that slugs of Latin text need no ICU call (the
// transliterator costs microseconds per string, and slugs are made for every link).
struct LatinTable {
  static constexpr char32_t kRanges[2][2] = {{0x80, 0x24F}, {0x1E00, 0x1EFF}};
  std::vector<std::string> low, high;  // "" with known = false means: ask ICU
  std::vector<bool> low_known, high_known;

  LatinTable() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    fill(t.get(), kRanges[0], low, low_known);
    fill(t.get(), kRanges[1], high, high_known);
  }

  static void fill(icu::Transliterator* t, const char32_t* range, std::vector<std::string>& out,
                   std::vector<bool>& known) {
    std::size_t n = range[1] - range[0] + 1;
    out.assign(n, {});
    known.assign(n, false);
    if (!t) return;
    for (std::size_t i = 0; i < n; ++i) {
      icu::UnicodeString u(static_cast<UChar32>(range[0] + i));
      t->transliterate(u);
      std::string ascii = to_utf8(u);
      if (is_ascii(ascii)) {
        out[i] = std::move(ascii);
        known[i] = true;
      }
    }
  }

  // Appends the ASCII form of code point c; false when the table does not know it.
  bool append(char32_t c, std::string& out) const {
    for (int r = 0; r < 2; ++r) {
      if (c < kRanges[r][0] || c > kRanges[r][1]) continue;
      std::size_t i = c - kRanges[r][0];
      const auto& known = r == 0 ? low_known : high_known;
      if (!known[i]) return false;
      out += (r == 0 ? low : high)[i];
      return true;
    }
    return false;
  }
};

const LatinTable& latin_table() {
  static const LatinTable table;  // thread-safe initialisation
  return table;
}

// Decodes the code point at s[i] (valid UTF-8) and advances i.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

// Latin text through the table; nullopt when some character needs ICU.
std::optional<std::string> latin_to_ascii_lower(std::string_view s) {
  if (invalid_utf8_offset(s)) return std::nullopt;  // ICU's replacement rules handle bad bytes
  const LatinTable& table = latin_table();
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (!table.append(c, out))
      return std::nullopt;
  }
  return out;
}

// Lowercase ASCII transliteration of s (diacritics dropped, đ → d).
std::string to_ascii_lower(std::string_view s) {
  std::string out;
  if (is_ascii(s)) {
    out.assign(s);
  } else if (auto latin = latin_to_ascii_lower(s)) {
    out = std::move(*latin);
  } else if (icu::Transliterator* t = ascii_transliterator()) {
    icu::UnicodeString u = from_utf8(s);
    t->transliterate(u);
    out = to_utf8(u);
  } else {
    out.assign(s);  // if ICU failed, non-ASCII bytes become separators
  }
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Keeps runs of [a-z0-9] and joins them with one separator; everything else separates.
std::string join_ascii_words(std::string_view s, char separator) {
  std::string out;
  bool pending_separator = false;
  for (char c : s) {
    if (!is_ascii_alnum(c)) {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out.push_back(separator);
    pending_separator = false;
    out.push_back(c);
  }
  return out;
}

// Decodes UTF-8 into code points; invalid bytes become U+FFFD so distances stay defined.

std::u32string decode(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

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

int byte_compare(std::string_view a, std::string_view b) {
  const int r = a.compare(b);
  return r < 0 ? -1 : (r == 0 ? 0 : 1);
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// UTF-8 and normalisation.

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

namespace {

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
const StableTable& nfc_stable() {
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

// Bytes >= t in each byte of w, as their high bits (t >= 0x80; no carry crosses a byte).
inline std::uint64_t bytes_at_least(std::uint64_t w, unsigned t) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kLow = 0x7F7F7F7F7F7F7F7FULL;
  const std::uint64_t add = 0x0101010101010101ULL * (0x80 - (t & 0x7F));
  return w & ((w & kLow) + add) & kHigh;
}

}  // namespace

// One pass over the bytes: eight at a time, through the DFA (all-ASCII words between characters
// are skipped), and every lead byte of a character from U+0300 up (a bit test on the word) looked
// up in the stable table until one asks for normalisation. Malformed text is rare: its offset is
// then found by invalid_utf8_offset, which reads by characters.
std::optional<std::size_t> validate_nfc(std::string& s) {
  const StableTable& stable = nfc_stable();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
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
  if ((state & 63) != utf8_dfa::off(utf8_dfa::kAccept)) return invalid_utf8_offset(s);
  if (normalise) s = nfc(s);
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

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with the named ICU converter, stopping at the first illegal or unmapped sequence
// (the default would silently substitute U+FFFD). `skipped`: BOM bytes already removed.
Decoded convert(std::string_view bytes, const std::string& name, std::size_t skipped) {
  Decoded d;
  d.encoding = name;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || !conv) {
    d.unknown_encoding = true;
    return d;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> buf(bytes.size() + 1);  // no encoding yields more UTF-16 units than bytes
  UChar* target = buf.data();
  const char* source = bytes.data();
  ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &source, bytes.data() + bytes.size(),
                 nullptr, true, &status);
  if (U_FAILURE(status)) {
    char invalid[32];
    int8_t len = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), invalid, &len, &ignored);
    std::size_t consumed = static_cast<std::size_t>(source - bytes.data());
    d.bad_offset =
        skipped + consumed - std::min<std::size_t>(consumed, U_SUCCESS(ignored) ? len : 0);
    return d;
  }
  icu::UnicodeString u(buf.data(), static_cast<int32_t>(target - buf.data()));
  if (u.length() > 0 && u.charAt(0) == 0xFEFF) u.remove(0, 1);
  d.text = nfc(to_utf8(u));
  return d;
}

// Bytes windows-1258 leaves undefined. ICU maps them to C1 controls without complaint, but in a
// Vietnamese list they mean the file is in another encoding.
std::optional<std::size_t> undefined_in_1258(std::string_view bytes) {
  static constexpr std::string_view kUndefined = "\x81\x8A\x8D\x8E\x8F\x90\x9A\x9D\x9E";
  std::size_t at = bytes.find_first_of(kUndefined);
  if (at == std::string_view::npos) return std::nullopt;
  return at;
}

Decoded windows_1258(std::string_view bytes) {
  if (auto bad = undefined_in_1258(bytes)) {
    Decoded d;
    d.encoding = "windows-1258";
    d.bad_offset = bad;
    return d;
  }
  return convert(bytes, "windows-1258", 0);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Decoded decode_to_utf8(std::string_view bytes, std::string_view encoding) {
  if (encoding == "windows-1258") return windows_1258(bytes);
  if (!encoding.empty()) return convert(bytes, std::string(encoding), 0);
  if (starts_with(bytes, "\xFF\xFE")) return convert(bytes.substr(2), "UTF-16LE", 2);
  if (starts_with(bytes, "\xFE\xFF")) return convert(bytes.substr(2), "UTF-16BE", 2);
  std::size_t bom = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  std::string_view rest = bytes.substr(bom);
  Decoded d;
  d.encoding = "UTF-8";
  if (auto bad = invalid_utf8_offset(rest)) {
    if (bom) {  // declared UTF-8: a bad byte is an error, not a hint at another code page
      d.bad_offset = bom + *bad;
      return d;
    }
    return windows_1258(bytes);
  }
  d.text = nfc(rest);
  return d;
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

// ---------------------------------------------------------------------------------------------
// Slugs and folding.

std::string slugify(std::string_view s) {
  return join_ascii_words(to_ascii_lower(s), '-');
}

std::string upper(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return nfc(out);
}

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toLower(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return nfc(out);
}

std::string fold(std::string_view s) {
  return join_ascii_words(to_ascii_lower(s), ' ');
}

// ---------------------------------------------------------------------------------------------
// Collation.

int compare_vi(std::string_view a, std::string_view b) {
  icu::Collator* collator = vi_collator();
  if (collator == nullptr) return byte_compare(a, b);  // Byte order beats a crash.
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult r =
      collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                            icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return byte_compare(a, b);
  return r == UCOL_LESS ? -1 : (r == UCOL_EQUAL ? 0 : 1);
}

std::string sort_key_vi(std::string_view s) {
  icu::Collator* collator = vi_collator();
  if (collator == nullptr) return std::string(s);
  const icu::UnicodeString u = from_utf8(s);
  std::string key(64, '\0');
  int32_t len = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()),
                                     static_cast<int32_t>(key.size()));
  if (len > static_cast<int32_t>(key.size())) {  // Too small: ICU reported the size it needs.
    key.resize(static_cast<std::size_t>(len));
    len = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), len);
  }
  // The length includes ICU's terminating NUL, which would only get in the way of concatenation.
  key.resize(len > 0 ? static_cast<std::size_t>(len - 1) : 0);
  return key;
}

std::string name_sort_key(std::string_view full_name) {
  const std::string_view name = trim(full_name);
  std::size_t start = name.size();
  while (start > 0 && !is_ascii_space(name[start - 1])) --start;
  // NUL is the one byte below every sort key byte (ICU uses 01 as its level separator), so a
  // given name that is a prefix of another still sorts first.
  std::string key = sort_key_vi(name.substr(start));
  key.push_back('\0');
  key += sort_key_vi(name);
  return key;
}

// ---------------------------------------------------------------------------------------------
// Initials.

namespace {

// The first letter of a word, uppercased with its diacritics ("ưu" → "Ư"); empty if none.
std::string upper_initial(const icu::UnicodeString& word) {
  for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    const UChar32 c = word.char32At(i);
    if (u_isalpha(c)) return to_utf8(icu::UnicodeString(c).toUpper(icu::Locale("vi")));
  }
  return "";
}

// Words of s split on Unicode white space (names may contain no-break spaces from Word).
std::vector<icu::UnicodeString> split_words(const icu::UnicodeString& s) {
  std::vector<icu::UnicodeString> words;
  int32_t i = 0;
  while (i < s.length()) {
    while (i < s.length() && u_isUWhiteSpace(s.char32At(i))) i = s.moveIndex32(i, 1);
    const int32_t start = i;
    while (i < s.length() && !u_isUWhiteSpace(s.char32At(i))) i = s.moveIndex32(i, 1);
    if (i > start) words.emplace_back(s, start, i - start);
  }
  return words;
}

}  // namespace

std::string initials(std::string_view full_name) {
  // NFC first so a decomposed "U + horn" yields the single letter Ư, not a bare U.
  const std::vector<icu::UnicodeString> words = split_words(from_utf8(nfc(full_name)));
  std::vector<std::string> letters;
  for (const icu::UnicodeString& w : words) {
    std::string letter = upper_initial(w);
    if (!letter.empty()) letters.push_back(std::move(letter));
  }
  if (letters.empty()) return "";
  if (letters.size() == 1) return letters.front();
  return letters.front() + letters.back();
}

// ---------------------------------------------------------------------------------------------
// Suggestions.

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = decode(a);
  const std::u32string y = decode(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  const std::string folded = fold(word);
  if (folded.empty()) return std::nullopt;  // Punctuation alone would "match" any short word.
  // Short words allow two edits (one transposition); longer ones a third of their length.
  const std::size_t threshold = std::max<std::size_t>(2, codepoints(folded) / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = threshold + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(folded, fold(candidate));
    if (d < best_distance) {  // Strict: ties keep the earlier candidate.
      best = &candidate;
      best_distance = d;
    }
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

}  // namespace vd::text
