// diag: content problems as values, and their compiler-style printing.
// In: severity, position (file, 1-based line and code-point column), message, fix hint.
// Out: text such as "content/x.md:7:8: error: …" with the source line and a caret.
// Never throws, never prints by itself (cli/ decides where text goes).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vd::diag {

enum class Severity { kNote, kWarning, kError };

struct Position {
  std::string file;  // path relative to the site root, '/'-separated
  int line = 0;      // 1-based; 0 = the file as a whole
  int column = 0;    // 1-based code points; 0 = the line as a whole
};

struct Diagnostic {
  Severity severity = Severity::kError;
  Position pos;
  std::string message;
  std::string hint;
};

// An append-only list of diagnostics; stages add to it and go on.
class Diagnostics {
 public:
  void add(Severity s, Position pos, std::string message, std::string hint = {});
  void error(Position pos, std::string message, std::string hint = {});
  void warning(Position pos, std::string message, std::string hint = {});
  void note(Position pos, std::string message, std::string hint = {});
  void append(const Diagnostics& other);
  // Turns the errors of these files into warnings (problems in drafts do not block a build).
  void downgrade_errors_in(const std::vector<std::string>& files);

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t errors() const;
  std::size_t warnings() const;
  bool has_errors() const { return errors() > 0; }
  // Sorted by file, line, column, then insertion order: the order `check` prints.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> items_;
};

// Source text by file path, so printing can show the offending line.
using SourceMap = std::map<std::string, std::string, std::less<>>;

// Prints one diagnostic:
//   file:line:col: error: message
//       7 | award: Chiến sĩ thi đua cơ sơ
//         |        ^
//   hint: did you mean …
std::string format(const Diagnostic& d, const SourceMap& sources);
std::string format_all(const Diagnostics& ds, const SourceMap& sources);
// "2 errors, 1 warning" / "no problems".
std::string summary(const Diagnostics& ds);

// A system failure (I/O, git): names the path and the OS reason.
struct Status {
  bool ok = true;
  std::string message;
  static Status success() { return {}; }
  static Status failure(std::string m) { return {false, std::move(m)}; }
  explicit operator bool() const { return ok; }
};

}  // namespace vd::diag
