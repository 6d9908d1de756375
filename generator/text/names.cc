// Vietnamese collation (CLDR vi), name sort keys, initials, and "did you mean" suggestions.
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "text/text.h"
#include "text/text_internal.h"

namespace vd::text {

using namespace detail;

namespace {

// A collator is not safe to share between threads, and creating one costs milliseconds: each
// thread builds one lazily and keeps it.
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

int byte_compare(std::string_view a, std::string_view b) {
  const int r = a.compare(b);
  return r < 0 ? -1 : (r == 0 ? 0 : 1);
}

}  // namespace

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
  // given name that is a prefix of another still sorts first. Given names repeat (a few hundred
  // among 10 000 people): each thread keeps the keys it made (bounded).
  thread_local std::unordered_map<std::string, std::string> given_keys;
  const std::string_view given = name.substr(start);
  auto it = given_keys.find(std::string(given));
  if (it == given_keys.end()) {
    if (given_keys.size() >= 4096) given_keys.clear();
    it = given_keys.emplace(std::string(given), sort_key_vi(given)).first;
  }
  std::string key = it->second;
  key.push_back('\0');
  key += sort_key_vi(name);
  return key;
}

// ---------------------------------------------------------------------------------------------
// Initials.

namespace {

// A letter uppercased with its diacritics ("ư" → "Ư"), as ICU's Vietnamese case rules give it.
std::string upper_letter(UChar32 c) {
  static const icu::Locale vi("vi");  // only read once made: shared by every thread
  return to_utf8(icu::UnicodeString(c).toUpper(vi));
}

}  // namespace

// The first letter of the first and of the last word that have one; words are split on Unicode
// white space (names may contain no-break spaces from Word). One pass over the code points: only
// the two letters kept go through ICU.
std::string initials(std::string_view full_name) {
  // NFC first so a decomposed "U + horn" yields the single letter Ư, not a bare U.
  const std::string name = nfc(full_name);
  const auto* p = reinterpret_cast<const uint8_t*>(name.data());
  const auto n = static_cast<int32_t>(name.size());
  UChar32 first = -1, last = -1;
  bool in_word = false, word_has_letter = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);  // an ill-formed sequence gives c < 0: neither space nor letter
    if (c >= 0 && u_isUWhiteSpace(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      in_word = true;
      word_has_letter = false;
    }
    if (word_has_letter || c < 0 || !u_isalpha(c)) continue;
    word_has_letter = true;
    (first < 0 ? first : last) = c;
  }
  if (first < 0) return "";
  return last < 0 ? upper_letter(first) : upper_letter(first) + upper_letter(last);
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
