// Column headers of nomination lists, and reading their cells.
#include <algorithm>
#include <utility>

#include "import/import_internal.h"
#include "text/text.h"

namespace vd::import {

namespace {

// Headers after text::fold (lowercase ASCII words). A header matches an entry exactly, or
// starts with it followed by more words ("Thâm niên giảng dạy (năm)"); the longest entry wins.
const std::vector<std::pair<std::string, Column>>& header_names() {
  static const std::vector<std::pair<std::string, Column>> kNames = {
      {"tt", Column::kNumber},
      {"stt", Column::kNumber},
      {"so tt", Column::kNumber},
      {"so thu tu", Column::kNumber},
      {"no", Column::kNumber},
      {"number", Column::kNumber},
      {"ho va ten", Column::kName},
      {"ho ten", Column::kName},
      {"ten", Column::kName},
      {"full name", Column::kName},
      {"name", Column::kName},
      {"don vi cong tac", Column::kUnit},
      {"don vi", Column::kUnit},
      {"ten don vi", Column::kUnit},
      {"ten truong", Column::kUnit},
      {"noi cong tac", Column::kUnit},
      {"unit", Column::kUnit},
      {"school", Column::kUnit},
      {"workplace", Column::kUnit},
      {"tham nien giang day", Column::kYears},
      {"tham nien", Column::kYears},
      {"so nam giang day", Column::kYears},
      {"years of teaching", Column::kYears},
      {"teaching years", Column::kYears},
      {"tom tat thanh tich", Column::kSummary},
      {"thanh tich", Column::kSummary},
      {"tom tat", Column::kSummary},
      {"achievements", Column::kSummary},
      {"achievement", Column::kSummary},
      {"summary", Column::kSummary},
      {"so dien thoai", Column::kPhone},
      {"dien thoai", Column::kPhone},
      {"sdt", Column::kPhone},
      {"phone", Column::kPhone},
      {"telephone", Column::kPhone},
      {"email", Column::kEmail},
      {"e mail", Column::kEmail},
      {"thu dien tu", Column::kEmail},
      {"so dien thoai email", Column::kContact},
      {"dien thoai email", Column::kContact},
      {"sdt email", Column::kContact},
      {"phone email", Column::kContact},
      {"lien he", Column::kContact},
      {"contact", Column::kContact},
      {"chuc vu", Column::kPosition},
      {"chuc danh", Column::kPosition},
      {"position", Column::kPosition},
      {"job title", Column::kPosition},
      {"danh hieu", Column::kAward},
      {"danh hieu de nghi", Column::kAward},
      {"hinh thuc khen thuong", Column::kAward},
      {"hinh thuc de nghi", Column::kAward},
      {"award", Column::kAward},
      {"proposed award", Column::kAward},
  };
  return kNames;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (is_space(c) || c == ',' || c == ';') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// "Email:a@b.vn" → "a@b.vn", "ĐT:0912" → "0912": drops a label glued on with ':'.
std::string_view drop_label(std::string_view w) {
  std::size_t colon = w.find(':');
  if (colon == std::string_view::npos) return w;
  std::string_view label = w.substr(0, colon);
  if (label.find('@') != std::string_view::npos || has_digit(label)) return w;
  return w.substr(colon + 1);
}

bool phone_char(char c) {
  return (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-' || c == '(' || c == ')';
}

}  // namespace

Column column_of_header(std::string_view header) {
  std::string h = text::fold(header);
  if (h.empty()) return Column::kNone;
  Column best = Column::kUnknown;
  std::size_t best_len = 0;
  for (const auto& [name, column] : header_names()) {
    bool exact = h == name;
    bool prefix =
        h.size() > name.size() && h.compare(0, name.size(), name) == 0 && h[name.size()] == ' ';
    if (exact) return column;
    if (prefix && name.size() > best_len) {
      best = column;
      best_len = name.size();
    }
  }
  return best;
}

const char* column_title(Column c) {
  switch (c) {
    case Column::kName:
      return "Họ và tên";
    case Column::kUnit:
      return "Đơn vị công tác";
    case Column::kYears:
      return "Thâm niên giảng dạy";
    case Column::kSummary:
      return "Tóm tắt thành tích";
    case Column::kPhone:
      return "Số điện thoại";
    case Column::kEmail:
      return "Email";
    case Column::kContact:
      return "Số điện thoại, email";
    case Column::kPosition:
      return "Chức vụ";
    case Column::kAward:
      return "Danh hiệu";
    case Column::kNumber:
      return "TT";
    case Column::kNone:
    case Column::kUnknown:
      break;
  }
  return "";
}

std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::optional<int> parse_years(std::string_view cell) {
  std::string f = text::fold(cell);
  if (f.size() > 4 && f.compare(f.size() - 4, 4, " nam") == 0) f.resize(f.size() - 4);
  if (f.empty() || f.size() > 2 ||
      !std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(f);
}

Contact split_contact(std::string_view cell) {
  Contact out;
  auto add = [](std::string& to, std::string_view w, const char* sep) {
    if (!to.empty()) to += sep;
    to += w;
  };
  for (const std::string& word : words(cell)) {
    std::string_view w = drop_label(word);
    while (!w.empty() && (w.back() == '.' || w.back() == ';')) w.remove_suffix(1);
    if (w.find('@') != std::string_view::npos) {
      add(out.email, w, ", ");
    } else if (has_digit(w) && std::all_of(w.begin(), w.end(), phone_char)) {
      add(out.phone, w, " ");
    }
  }
  return out;
}

}  // namespace vd::import
