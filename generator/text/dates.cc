// Dates (Decree 30/2020 forms, school years) and decimal numbers written the Vietnamese way.
#include "text/text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

namespace vd::text {
namespace {

// ---------------------------------------------------------------------------------------------
// Dates.

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads 1..max_digits decimal digits from the front of s.
std::optional<int> take_number(std::string_view& s, std::size_t min_digits,
                               std::size_t max_digits) {
  std::size_t n = 0;
  while (n < s.size() && n < max_digits && s[n] >= '0' && s[n] <= '9') ++n;
  if (n < min_digits || (n < s.size() && s[n] >= '0' && s[n] <= '9')) return std::nullopt;
  int value = 0;
  std::from_chars(s.data(), s.data() + n, value);
  s.remove_prefix(n);
  return value;
}

bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

// Three numbers separated by `sep`, with the given digit limits, and nothing after.
std::optional<std::array<int, 3>> take_triple(std::string_view s, char sep,
                                              const std::array<std::size_t, 3>& min_digits,
                                              const std::array<std::size_t, 3>& max_digits) {
  std::array<int, 3> parts{};
  for (std::size_t k = 0; k < 3; ++k) {
    if (k > 0 && !take_char(s, sep)) return std::nullopt;
    auto n = take_number(s, min_digits[k], max_digits[k]);
    if (!n) return std::nullopt;
    parts[k] = *n;
  }
  if (!s.empty()) return std::nullopt;
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Decimal rounding on the shortest round-trip digits, so 1.005 rounds like the "1.005" the
// author typed, not like its binary neighbour 1.00499999...

// Adds one unit in the last place of a digit string; returns false if it overflowed ("99"→"00").
bool increment_digits(std::string& digits) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return true;
    }
    *it = '0';
  }
  return false;
}

std::string join_decimal(std::string int_part, const std::string& frac_part) {
  return frac_part.empty() ? int_part : int_part + "," + frac_part;
}

// Rounds a non-negative fixed-notation string ("31.578") half away from zero.
std::string round_fixed(std::string_view fixed, std::size_t decimals) {
  const std::size_t dot = fixed.find('.');
  std::string int_part(fixed.substr(0, dot));
  std::string frac_part(dot == std::string_view::npos ? "" : fixed.substr(dot + 1));
  if (frac_part.size() <= decimals) {
    frac_part.append(decimals - frac_part.size(), '0');
    return join_decimal(int_part, frac_part);
  }
  const bool round_up = frac_part[decimals] >= '5';
  frac_part.resize(decimals);
  if (round_up && !increment_digits(frac_part) && !increment_digits(int_part)) {
    int_part.insert(int_part.begin(), '1');
  }
  return join_decimal(int_part, frac_part);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Dates.

bool Date::valid() const {
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return false;
  return day >= 1 && day <= days_in_month(year, month);
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (auto iso = take_triple(s, '-', {4, 1, 1}, {4, 2, 2})) {
    d = Date{(*iso)[0], (*iso)[1], (*iso)[2]};
  } else if (auto dmy = take_triple(s, '/', {1, 1, 4}, {2, 2, 4})) {
    d = Date{(*dmy)[2], (*dmy)[1], (*dmy)[0]};
  } else {
    return std::nullopt;
  }
  if (!d.valid()) return std::nullopt;
  return d;
}

std::string iso_date(const Date& d) {
  if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99)
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  // The common case without fmt (a sitemap writes one per page): the same ten characters.
  char s[10] = {static_cast<char>('0' + d.year / 1000),
                static_cast<char>('0' + d.year / 100 % 10),
                static_cast<char>('0' + d.year / 10 % 10),
                static_cast<char>('0' + d.year % 10),
                '-',
                static_cast<char>('0' + d.month / 10),
                static_cast<char>('0' + d.month % 10),
                '-',
                static_cast<char>('0' + d.day / 10),
                static_cast<char>('0' + d.day % 10)};
  return std::string(s, sizeof s);
}

std::string vi_long_date(const Date& d) {
  // Decree 30/2020/NĐ-CP: days below 10 and months 1 and 2 are written with a leading zero so
  // that "tháng 01" cannot be altered into "tháng 11" on a signed document.
  const int month_width = d.month < 3 ? 2 : 1;
  return fmt::format("ngày {:02} tháng {:0{}} năm {}", d.day, d.month, month_width, d.year);
}

std::string vi_short_date(const Date& d) {
  return fmt::format("{:02}/{:02}/{}", d.day, d.month, d.year);
}

std::string school_year_of(const Date& d) {
  const int first = d.month >= 9 ? d.year : d.year - 1;
  return fmt::format("{}-{}", first, first + 1);
}

bool is_school_year(std::string_view s) {
  if (s.size() != 9 || s[4] != '-') return false;
  auto first = take_number(s, 4, 4);
  if (!first || !take_char(s, '-')) return false;
  auto second = take_number(s, 4, 4);
  return second && s.empty() && *second == *first + 1;
}

// ---------------------------------------------------------------------------------------------
// Numbers.

std::string format_decimal(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  decimals = std::clamp(decimals, 0, 20);
  // Shortest round-trip digits in fixed notation; 400 chars covers any double (max ~310 digits).
  char buf[400];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::fixed);
  if (res.ec != std::errc()) return "";
  std::string out =
      round_fixed(std::string_view(buf, res.ptr - buf), static_cast<std::size_t>(decimals));
  const bool is_zero = out.find_first_not_of("0,") == std::string::npos;
  return std::signbit(value) && !is_zero ? "-" + out : out;
}

std::string percent(int part, int whole) {
  if (whole == 0) return "";
  // Exact integer arithmetic in hundredths of a percent, rounded half away from zero.
  const int64_t num = static_cast<int64_t>(part) * 10000;
  const int64_t den = whole;
  int64_t q = num / den;
  const int64_t r = num % den;
  if (2 * (r < 0 ? -r : r) >= (den < 0 ? -den : den)) q += (num < 0) != (den < 0) ? -1 : 1;
  const int64_t mag = q < 0 ? -q : q;
  return fmt::format("{}{},{:02}%", q < 0 ? "-" : "", mag / 100, mag % 100);
}

}  // namespace vd::text
