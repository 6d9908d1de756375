// Reading CSV as spreadsheet programs write it (RFC 4180, with their separators).
#include <algorithm>
#include <array>
#include <map>

#include "import/import_internal.h"

namespace vd::import {

std::string normalise_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';  // a lone CR (old Mac exports) ends a line too
    }
  }
  return out;
}

namespace {

constexpr const char* kQuoteHint =
    "a field that starts with a quote must end with one; write a quote inside a field as two "
    "quotes (\"\")";

class Parser {
 public:
  Parser(std::string_view text, char sep, const std::string& file, diag::Diagnostics* diags)
      : t_(text), sep_(sep), file_(file), diags_(diags) {}

  // Reads up to `limit` records (0: all).
  std::vector<Record> records(std::size_t limit = 0) {
    std::vector<Record> out;
    while (i_ < t_.size() && (limit == 0 || out.size() < limit)) {
      Record r{line_, {}};
      bool end = false;
      while (!end) {
        Cell c{{}, line_, column_};
        end = field(c);
        r.cells.push_back(std::move(c));
      }
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  bool at_end_of_field() const { return i_ >= t_.size() || t_[i_] == sep_ || t_[i_] == '\n'; }

  void advance() {
    char c = t_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }

  void take_rest(Cell& c) {
    while (!at_end_of_field()) {
      c.value += t_[i_];
      advance();
    }
  }

  // Consumes the separator or newline after a field; true when the record ended.
  bool end_field() {
    if (i_ >= t_.size()) return true;
    char c = t_[i_];
    advance();
    return c == '\n';
  }

  bool field(Cell& c) {
    if (i_ < t_.size() && t_[i_] == '"') return quoted(c);
    take_rest(c);  // a quote inside an unquoted field is kept as written, as spreadsheets do
    return end_field();
  }

  bool quoted(Cell& c) {
    advance();
    for (;;) {
      if (i_ >= t_.size()) {
        error(c.line, c.column, "this quoted field is never closed");
        return true;
      }
      if (t_[i_] == '"') {
        advance();
        if (i_ >= t_.size() || t_[i_] != '"') break;
      }
      c.value += t_[i_];
      advance();
    }
    if (!at_end_of_field()) {
      error(line_, column_, "text after the closing quote of a field");
      take_rest(c);
    }
    return end_field();
  }

  void error(int line, int column, std::string message) {
    if (diags_) diags_->error({file_, line, column}, std::move(message), kQuoteHint);
  }

  std::string_view t_;
  char sep_;
  const std::string& file_;
  diag::Diagnostics* diags_;
  std::size_t i_ = 0;
  int line_ = 1, column_ = 1;
};

}  // namespace

std::vector<Record> parse_csv(std::string_view text, char separator, const std::string& file,
                              diag::Diagnostics& diags) {
  return Parser(text, separator, file, &diags).records();
}

char sniff_separator(std::string_view text) {
  static const std::string kNoFile;
  char best = ',';
  std::array<std::size_t, 2> best_score{0, 0};  // {records with the usual count, that count}
  for (char sep : {',', ';', '\t'}) {
    std::map<std::size_t, std::size_t> counts;  // fields per record → records
    for (const Record& r : Parser(text, sep, kNoFile, nullptr).records(30)) {
      bool blank = std::all_of(r.cells.begin(), r.cells.end(),
                               [](const Cell& c) { return c.value.empty(); });
      if (!blank || r.cells.size() > 1) ++counts[r.cells.size()];
    }
    for (const auto& [fields, records] : counts) {
      std::array<std::size_t, 2> score{fields > 1 ? records : 0, fields};
      if (score > best_score) {
        best_score = score;
        best = sep;
      }
    }
  }
  return best;
}

}  // namespace vd::import
