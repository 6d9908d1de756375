// validate_nfc's pass over the bytes with AVX2, 32 at a time: UTF-8 checked by the "lookup"
// method of Keiser and Lemire ("Validating UTF-8 in less than one instruction per byte", 2021:
// three table look-ups on the high and low nibbles of each byte and the one before it, and a
// check that each 3rd and 4th byte of a sequence is a continuation), and the lead bytes of
// characters that may change under NFC found with one comparison per 32 bytes. Compiled for
// AVX2 whatever the build's target, and used only when the processor has it.
#include <immintrin.h>

#include <cstring>

#include "text/text_internal.h"

namespace vd::text::detail {

bool have_avx2() {
#if defined(__x86_64__) || defined(__i386__)
  static const bool have = __builtin_cpu_supports("avx2");
  return have;
#else
  return false;
#endif
}

#if defined(__x86_64__) || defined(__i386__)
namespace {

#define VD_AVX2 __attribute__((target("avx2")))

// The error classes of a pair of bytes (the byte before, the byte): a pair is in error when the
// three look-ups agree on one class.
constexpr char kTooShort = 1 << 0;      // 11______ 0_______ or 11______ 11______
constexpr char kTooLong = 1 << 1;       // 0_______ 10______
constexpr char kOverlong3 = 1 << 2;     // 11100000 100_____
constexpr char kTooLarge = 1 << 3;      // 11110100 1001____, 11110100 101_____, 11110101+ 10______
constexpr char kSurrogate = 1 << 4;     // 11101101 101_____
constexpr char kOverlong2 = 1 << 5;     // 1100000_ 10______
constexpr char kTooLarge1000 = 1 << 6;  // 11110101+ 1000____
constexpr char kOverlong4 = 1 << 6;     // 11110000 1000____
constexpr char kTwoConts = static_cast<char>(1 << 7);  // 10______ 10______
constexpr char kCarry = kTooShort | kTooLong | kTwoConts;

VD_AVX2 inline __m256i table(char a0, char a1, char a2, char a3, char a4, char a5, char a6, char a7,
                             char a8, char a9, char a10, char a11, char a12, char a13, char a14,
                             char a15) {
  return _mm256_setr_epi8(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a0,
                          a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);
}

VD_AVX2 inline __m256i high_nibbles(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

// The input shifted by n bytes, the last n bytes of `prev` coming in first.
template <int N>
VD_AVX2 inline __m256i before(__m256i input, __m256i prev) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(prev, input, 0x21), 16 - N);
}

VD_AVX2 inline __m256i special_cases(__m256i input, __m256i prev1) {
  const __m256i byte_1_high = _mm256_shuffle_epi8(
      table(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
            kTwoConts, kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
            kTooShort | kOverlong3 | kSurrogate,
            kTooShort | kTooLarge | kTooLarge1000 | kOverlong4),
      high_nibbles(prev1));
  constexpr char kLarge = kCarry | kTooLarge | kTooLarge1000;
  const __m256i byte_1_low = _mm256_shuffle_epi8(
      table(kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
            kCarry | kTooLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge, kLarge,
            kLarge | kSurrogate, kLarge, kLarge),
      _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
  constexpr char kCont = kTooLong | kOverlong2 | kTwoConts;
  const __m256i byte_2_high = _mm256_shuffle_epi8(
      table(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
            kCont | kOverlong3 | kTooLarge1000 | kOverlong4, kCont | kOverlong3 | kTooLarge,
            kCont | kSurrogate | kTooLarge, kCont | kSurrogate | kTooLarge, kTooShort, kTooShort,
            kTooShort, kTooShort),
      high_nibbles(input));
  return _mm256_and_si256(_mm256_and_si256(byte_1_high, byte_1_low), byte_2_high);
}

// Errors in the 32 bytes of `input` (nonzero bytes), `prev` being the 32 bytes before.
VD_AVX2 inline __m256i block_errors(__m256i input, __m256i prev) {
  const __m256i sc = special_cases(input, before<1>(input, prev));
  // The 3rd byte after a lead 111_____ and the 4th after 1111____ must be continuations (0x80).
  const __m256i third = _mm256_subs_epu8(before<2>(input, prev), _mm256_set1_epi8(0xE0 - 0x80));
  const __m256i fourth = _mm256_subs_epu8(before<3>(input, prev), _mm256_set1_epi8(0xF0 - 0x80));
  const __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(-128));
  return _mm256_xor_si256(must23, sc);
}

// Nonzero when the block ends inside a sequence (a lead among its last three bytes that needs
// more bytes than are left): only an error at the very end of the text.
VD_AVX2 inline __m256i incomplete(__m256i input) {
  const __m256i max =
      _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                       static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  return _mm256_subs_epu8(input, max);
}

// Bit i set when byte i of v is at least t (unsigned).
VD_AVX2 inline unsigned at_least(__m256i v, __m256i t) {
  return static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(v, t), v)));
}

}  // namespace

VD_AVX2 Scan scan_avx2(const unsigned char* p, std::size_t n, const StableTable& stable) {
  const __m256i lead = _mm256_set1_epi8(static_cast<char>(stable.first_lead));
  __m256i error = _mm256_setzero_si256(), prev = _mm256_setzero_si256();
  __m256i prev_incomplete = _mm256_setzero_si256();
  bool normalise = false;
  unsigned char tail[32];
  // Whole blocks, then the rest padded with zeros (ASCII: a sequence cut by the end of the text
  // is then too short, as the next block would have shown).
  for (std::size_t i = 0; i <= n; i += 32) {
    const unsigned char* at = p + i;
    if (n - i < 32) {
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, p + i, n - i);
      at = tail;
    }
    const __m256i input = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
    if (_mm256_movemask_epi8(input) == 0) {  // ASCII: only a sequence cut short before it
      error = _mm256_or_si256(error, prev_incomplete);
    } else {
      error = _mm256_or_si256(error, block_errors(input, prev));
      prev_incomplete = incomplete(input);
      for (unsigned m = normalise ? 0 : at_least(input, lead); m != 0; m &= m - 1) {
        const std::size_t j = i + static_cast<std::size_t>(__builtin_ctz(m));
        if (j < n && unstable_at(p, n, j, stable)) {
          normalise = true;
          break;
        }
      }
    }
    prev = input;
    if (n - i < 32) break;
  }
  return {_mm256_testz_si256(error, error) != 0, normalise};
}

#else
Scan scan_avx2(const unsigned char*, std::size_t, const StableTable&) {
  return {};
}
#endif

}  // namespace vd::text::detail
