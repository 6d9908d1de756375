#include "diag/diag.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace vd::diag {

void Diagnostics::add(Severity s, Position pos, std::string message, std::string hint) {
  items_.push_back({s, std::move(pos), std::move(message), std::move(hint)});
}
void Diagnostics::error(Position pos, std::string message, std::string hint) {
  add(Severity::kError, std::move(pos), std::move(message), std::move(hint));
}
void Diagnostics::warning(Position pos, std::string message, std::string hint) {
  add(Severity::kWarning, std::move(pos), std::move(message), std::move(hint));
}
void Diagnostics::note(Position pos, std::string message, std::string hint) {
  add(Severity::kNote, std::move(pos), std::move(message), std::move(hint));
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::downgrade_errors_in(const std::vector<std::string>& files) {
  for (Diagnostic& d : items_)
    if (d.severity == Severity::kError &&
        std::find(files.begin(), files.end(), d.pos.file) != files.end()) {
      d.severity = Severity::kWarning;
      d.message += " (in a draft)";
    }
}

std::size_t Diagnostics::errors() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kError; });
}
std::size_t Diagnostics::warnings() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::kWarning; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) <
           std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
  return out;
}

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

// The line, or nullopt when the text has fewer lines (diagnostics about a story whose text was
// not kept).
std::optional<std::string_view> line_of(std::string_view text, int line) {
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return std::nullopt;
    start = nl + 1;
  }
  if (start == text.size() && line > 1) return std::nullopt;  // after the last line break
  std::size_t end = text.find('\n', start);
  std::string_view l =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

// The caret goes under the column-th code point; tabs are kept so the caret lines up.
std::string caret_padding(std::string_view line, int column) {
  std::string pad;
  int cp = 1;
  for (std::size_t i = 0; i < line.size() && cp < column; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += (c == '\t') ? '\t' : ' ';
    ++cp;
  }
  while (cp++ < column) pad += ' ';
  return pad;
}

// What the terminal shows of a source line: control characters as visible symbols (a NUL would
// end the text printed), long lines (a 10 000-deep nesting) cut to a window around the caret.
// Updates `column` to the caret's place in the shown text.
std::string shown_line(std::string_view line, int& column) {
  constexpr int kHalf = 60;
  std::vector<std::size_t> starts;  // byte offset of each code point
  for (std::size_t i = 0; i < line.size(); ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) starts.push_back(i);
  int n = static_cast<int>(starts.size());
  int first = 1, last = n;
  if (n > 2 * kHalf) {
    first = std::max(1, std::min(column, n) - kHalf);
    last = std::min(n, first + 2 * kHalf - 1);
  }
  std::string out = first > 1 ? "…" : "";
  column = column - first + 1 + (first > 1 ? 1 : 0);
  std::size_t from = n ? starts[first - 1] : 0;
  std::size_t to = last < n ? starts[last] : line.size();
  for (char c : line.substr(from, to - from)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t')
      out += fmt::format("\xE2\x90{:c}", static_cast<char>(0x80 + u));  // U+2400 + c: ␀, ␁ …
    else if (u == 0x7f)
      out += "\xE2\x90\xA1";  // ␡
    else
      out += c;
  }
  if (last < n) out += "…";
  return out;
}

}  // namespace

std::string format(const Diagnostic& d, const SourceMap& sources) {
  std::string out = d.pos.file;
  if (d.pos.line > 0) out += fmt::format(":{}", d.pos.line);
  if (d.pos.line > 0 && d.pos.column > 0) out += fmt::format(":{}", d.pos.column);
  out += fmt::format(": {}: {}\n", severity_name(d.severity), d.message);
  auto src = sources.find(d.pos.file);
  std::optional<std::string_view> source_line;
  if (src != sources.end() && d.pos.line > 0) source_line = line_of(src->second, d.pos.line);
  if (source_line) {
    int column = d.pos.column;
    std::string line = shown_line(*source_line, column);
    std::string gutter = fmt::format("{:>5}", d.pos.line);
    out += fmt::format("{} | {}\n", gutter, line);
    if (d.pos.column > 0) {
      out +=
          fmt::format("{} | {}^\n", std::string(gutter.size(), ' '), caret_padding(line, column));
    }
  }
  if (!d.hint.empty()) out += fmt::format("hint: {}\n", d.hint);
  return out;
}

std::string format_all(const Diagnostics& ds, const SourceMap& sources) {
  std::string out;
  for (const Diagnostic& d : ds.sorted()) out += format(d, sources);
  return out;
}

std::string summary(const Diagnostics& ds) {
  std::size_t e = ds.errors(), w = ds.warnings();
  if (e == 0 && w == 0) return "no problems";
  std::string out;
  if (e) out += fmt::format("{} error{}", e, e == 1 ? "" : "s");
  if (e && w) out += ", ";
  if (w) out += fmt::format("{} warning{}", w, w == 1 ? "" : "s");
  return out;
}

}  // namespace vd::diag
