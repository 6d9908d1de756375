// Slugs, accent-folding and case: Latin letters through a table built into the program, any
// other script through ICU's transliterator (created only when such a character appears: creating
// the first one loads ICU's whole transliterator registry, ~25 ms).
#include <unicode/locid.h>
#include <unicode/translit.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "text/text.h"
#include "text/text_internal.h"

namespace vd::text {

using namespace detail;

namespace {

// ICU's "Any-Latin; Latin-ASCII; Lower" of every code point of U+0080–U+024F (kLow) and
// U+1E00–U+1EFF (kHigh, Vietnamese letters with two marks), one entry each, separated by '|';
// '~' where ICU's answer is not ASCII (ICU is asked then). Built into the program because creating
// the first transliterator of a process loads ICU's registry of them all (~25 ms, once per run of
// `check`); text_test.cc compares every entry with ICU.
constexpr char32_t kLowFirst = 0x80, kLowLast = 0x24F, kHighFirst = 0x1E00, kHighLast = 0x1EFF;
constexpr const char* kLow =
    "~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~|~| |!|~|~|~|~|~|~|~|(c)|~|<<|~"
    "|-|(r)|~|~|+/-|~|~|~|~|~|~|~|~|~|>>| 1/4| 1/2| 3/4|?|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|"
    "o|o|o|o|*|o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|/|o|u|u|u|u|y|th|"
    "y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|"
    "i|i|i|i|i|ij|ij|j|j|k|k|q|l|l|l|l|l|l|l|l|l|l|n|n|n|n|n|n|'n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r"
    "|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|b|b|b|b|~|~|~"
    "|c|c|d|d|d|d|~|~|~|e|f|f|g|~|hv|i|i|k|k|l|~|~|n|n|~|o|o|oi|oi|p|p|~|~|~|~|~|t|t|t|t|u|u|~|v|"
    "y|y|z|z|~|~|~|~|~|~|~|~|~|~|~|~|~|dz|dz|dz|lj|lj|lj|nj|nj|nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u"
    "|~|a|a|a|a|ae|ae|g|g|g|g|k|k|o|o|o|o|~|~|j|dz|dz|dz|g|g|~|~|n|n|a|a|ae|ae|o|o|a|a|a|a|e|e|e|"
    "e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|~|~|h|h|~|d|~|~|z|z|a|a|e|e|o|o|o|o|o|o|o|o|y|y|l|"
    "n|t|j|db|qp|a|c|c|l|t|s|z|~|~|b|u|~|e|e|j|j|~|~|r|r|y|y";
constexpr const char* kHigh =
    "a|a|b|b|b|b|b|b|c|c|d|d|d|d|d|d|d|d|d|d|e|e|e|e|e|e|e|e|e|e|f|f|g|g|h|h|h|h|h|h|h|h|h|h|i|i|"
    "i|i|k|k|k|k|k|k|l|l|l|l|l|l|l|l|m|m|m|m|m|m|n|n|n|n|n|n|n|n|o|o|o|o|o|o|o|o|p|p|p|p|r|r|r|r|"
    "r|r|r|r|s|s|s|s|s|s|s|s|s|s|t|t|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|v|v|v|v|w|w|w|w|w|w|w|w|w|w|"
    "x|x|x|x|y|y|z|z|z|z|z|z|h|t|w|y|a|s|s|s|ss|~|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a|a"
    "|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|e|i|i|i|i|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|o|u|u"
    "|u|u|u|u|u|u|u|u|u|u|u|u|y|y|y|y|y|y|y|y|ll|ll|v|v|y|y";

struct LatinTable {
  std::vector<std::string> low, high;
  std::vector<bool> low_known, high_known;
  LatinTable() {
    split(kLow, kLowLast - kLowFirst + 1, low, low_known);
    split(kHigh, kHighLast - kHighFirst + 1, high, high_known);
  }
  static void split(std::string_view all, std::size_t n, std::vector<std::string>& out,
                    std::vector<bool>& known) {
    out.assign(n, {});
    known.assign(n, false);
    for (std::size_t i = 0, from = 0; i < n && from <= all.size(); ++i) {
      std::size_t bar = std::min(all.find('|', from), all.size());
      std::string_view entry = all.substr(from, bar - from);
      if (entry != "~") {
        out[i] = std::string(entry);
        known[i] = true;
      }
      from = bar + 1;
    }
  }
};

}  // namespace

namespace detail {

const std::string* latin_ascii(char32_t c) {
  static const LatinTable table;  // thread-safe initialisation
  if (c >= kLowFirst && c <= kLowLast)
    return table.low_known[c - kLowFirst] ? &table.low[c - kLowFirst] : nullptr;
  if (c >= kHighFirst && c <= kHighLast)
    return table.high_known[c - kHighFirst] ? &table.high[c - kHighFirst] : nullptr;
  return nullptr;
}

}  // namespace detail

namespace {

// A transliterator is not safe to share between threads: each thread that needs one builds it
// lazily and keeps it.
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

// Latin text through the table; nullopt when some character needs ICU.
std::optional<std::string> latin_to_ascii_lower(std::string_view s) {
  if (invalid_utf8_offset(s)) return std::nullopt;  // ICU's replacement rules handle bad bytes
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t c = next_code_point(s, i);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (const std::string* ascii = latin_ascii(c)) {
      out += *ascii;
    } else {
      return std::nullopt;
    }
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

}  // namespace

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

}  // namespace vd::text
