#include "load/yaml_fast.h"

#include <set>
#include <vector>

#include "text/text.h"

namespace vd::load {

namespace {

struct Line {
  int index;              // 0-based line number in the text
  std::size_t start;      // byte offset of the line
  int indent;             // leading spaces
  std::string_view text;  // after the indentation, without the newline
};

struct Declined {};  // thrown inside this file only: the text is not in the simple subset

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

class Reader {
 public:
  Reader(const std::shared_ptr<const std::string>& path, std::string_view text, int first_line)
      : path_(path), text_(text), first_line_(first_line) {}

  Node read() {
    if (!text_.empty() && text_.back() != '\n') throw Declined{};
    split();
    if (lines_.empty()) return null_at(pos(0, 0));
    std::size_t i = 0;
    const int indent = lines_[0].indent;  // list() rewrites lines_[0] when it opens "- key: …"
    if (indent != 0) throw Declined{};
    Node root = block(i, indent, 0);
    if (i != lines_.size()) throw Declined{};
    return root;
  }

 private:
  // Significant lines: not blank, not only a comment.
  void split() {
    // A tab or CR anywhere (each line ends with '\n'): one search of the whole text each.
    if (text_.find('\t') != std::string_view::npos || text_.find('\r') != std::string_view::npos)
      throw Declined{};
    std::size_t start = 0;
    int index = 0;
    while (start < text_.size()) {
      std::size_t nl = text_.find('\n', start);
      std::string_view l = text_.substr(start, nl - start);
      std::size_t ind = l.find_first_not_of(' ');
      if (ind != std::string_view::npos && l[ind] != '#') {
        if (l.substr(ind).rfind("---", 0) == 0 || l.substr(ind).rfind("...", 0) == 0)
          throw Declined{};
        lines_.push_back({index, start, static_cast<int>(ind), l.substr(ind)});
      }
      start = nl + 1;
      ++index;
    }
    lines_end_ = index;
  }

  NodePos pos(int line, std::size_t byte_in_line_start_offset) const {
    return {path_, first_line_ + line, static_cast<int>(byte_in_line_start_offset) + 1};
  }
  // The position of a byte of line l (code-point column).
  NodePos at(const Line& l, std::size_t offset_in_text) const {
    std::string_view whole =
        text_.substr(l.start, static_cast<std::size_t>(l.indent) + offset_in_text);
    return {path_, first_line_ + l.index, static_cast<int>(text::codepoints(whole)) + 1};
  }
  // Where yaml-cpp puts an empty value: at the next token (or after the last line).
  NodePos next_token(std::size_t i) const {
    if (i < lines_.size()) return at(lines_[i], 0);
    return {path_, first_line_ + lines_end_, 1};
  }
  static Node null_at(NodePos p) {
    Node n;
    n.pos = std::move(p);
    return n;
  }

  // s.find(" #") and s.find(": "), looking for the '#' or ':' rather than for the space (a
  // summary has a space every few bytes, and s.find of a pair stops at each).
  static std::size_t find_comment(std::string_view s) {
    for (std::size_t k = s.find('#', 1); k != std::string_view::npos; k = s.find('#', k + 1))
      if (s[k - 1] == ' ') return k - 1;
    return std::string_view::npos;
  }
  // s.find_first_of(set, from), one byte at a time (libstdc++'s calls memchr on the set for
  // every byte of s).
  static std::size_t find_any(std::string_view s, std::string_view set, std::size_t from = 0) {
    for (std::size_t k = from; k < s.size(); ++k)
      for (char c : set)
        if (s[k] == c) return k;
    return std::string_view::npos;
  }
  static std::size_t find_colon_space(std::string_view s) {
    for (std::size_t k = s.find(':'); k != std::string_view::npos; k = s.find(':', k + 1))
      if (k + 1 < s.size() && s[k + 1] == ' ') return k;
    return std::string_view::npos;
  }

  // How many lines from i on start an entry (or an item) of the block at `indent`.
  std::size_t count_at(std::size_t i, int indent, bool items) const {
    std::size_t n = 0;
    for (; i < lines_.size() && lines_[i].indent >= indent; ++i)
      n += lines_[i].indent == indent && is_item(lines_[i]) == items;
    return n;
  }

  bool is_item(const Line& l) const {
    return l.text.size() >= 2 && l.text[0] == '-' && l.text[1] == ' ';
  }

  // A map or a list whose lines start at `indent`.
  Node block(std::size_t& i, int indent, int depth) {
    if (depth > 32) throw Declined{};
    if (lines_[i].text == "-") throw Declined{};
    return is_item(lines_[i]) ? list(i, indent, depth) : map(i, indent, depth);
  }

  Node list(std::size_t& i, int indent, int depth) {
    Node out;
    out.kind = Node::Kind::kSequence;
    out.pos = at(lines_[i], 0);
    out.items.reserve(count_at(i, indent, true));
    while (i < lines_.size() && lines_[i].indent == indent && is_item(lines_[i])) {
      Line l = lines_[i];
      std::size_t skip = l.text.find_first_not_of(' ', 1);
      if (skip == std::string_view::npos || l.text[skip] == '#' || l.text[skip] == '-')
        throw Declined{};
      Line inner{l.index, l.start, l.indent + static_cast<int>(skip), l.text.substr(skip)};
      if (key_end(inner.text) != std::string_view::npos) {
        lines_[i] = inner;  // "- key: value" opens a map at the key's column
        out.items.push_back(map(i, inner.indent, depth + 1));
      } else {
        out.items.push_back(inline_value(inner, 0));
        ++i;
        if (i < lines_.size() && lines_[i].indent > indent) throw Declined{};
      }
    }
    if (i < lines_.size() && lines_[i].indent > indent) throw Declined{};
    return out;
  }

  // The offset of the ':' ending a plain key, or npos.
  static std::size_t key_end(std::string_view t) {
    std::size_t k = 0;
    while (k < t.size() && is_key_char(t[k])) ++k;
    if (k == 0 || t[0] == '-' || t[0] == '.' || k >= t.size() || t[k] != ':')
      return std::string_view::npos;
    if (k + 1 < t.size() && t[k + 1] != ' ') return std::string_view::npos;
    return k;
  }

  Node map(std::size_t& i, int indent, int depth) {
    Node out;
    out.kind = Node::Kind::kMap;
    out.pos = at(lines_[i], 0);
    out.entries.reserve(count_at(i, indent, false));
    while (i < lines_.size() && lines_[i].indent == indent && !is_item(lines_[i])) {
      const Line l = lines_[i];
      std::size_t k = key_end(l.text);
      if (k == std::string_view::npos) throw Declined{};
      const std::string_view name = l.text.substr(0, k);
      for (const auto& e : out.entries)                // a map has a few keys: no set needed
        if (e.first.scalar == name) throw Declined{};  // yaml-cpp + checks report it
      Node key;
      key.kind = Node::Kind::kScalar;
      key.scalar = std::string(l.text.substr(0, k));
      if (key.scalar == "~" || key.scalar == "null" || key.scalar == "Null" || key.scalar == "NULL")
        throw Declined{};
      key.pos = at(l, 0);
      std::size_t v = l.text.find_first_not_of(' ', k + 1);
      ++i;
      Node value;
      if (v == std::string_view::npos || l.text[v] == '#') {
        bool nested = i < lines_.size() && (lines_[i].indent > indent ||
                                            (lines_[i].indent == indent && is_item(lines_[i])));
        value = nested ? block(i, lines_[i].indent, depth + 1) : null_at(next_token(i));
      } else {
        value = inline_value(l, v);
        if (i < lines_.size() && lines_[i].indent > indent) throw Declined{};
      }
      out.entries.emplace_back(std::move(key), std::move(value));
    }
    if (i < lines_.size() && lines_[i].indent > indent) throw Declined{};
    return out;
  }

  // What may follow a value on its line: nothing, or a comment.
  static void end_of_line(std::string_view rest) {
    std::size_t n = rest.find_first_not_of(' ');
    if (n == std::string_view::npos) return;
    if (rest[n] != '#' || n == 0) throw Declined{};
  }

  // A value written on the key's line (or after "- "), starting at byte `v` of l.text.
  Node inline_value(const Line& l, std::size_t v) {
    std::string_view t = l.text;
    char c = t[v];
    std::size_t end = 0;
    Node n;
    if (c == '"' || c == '\'') {
      n = quoted(l, v, end);
    } else if (c == '[' || c == '{') {
      n = flow(l, v, end);
    } else {
      return plain(l, v, t.size(), false);
    }
    end_of_line(t.substr(end));
    return n;
  }

  Node plain(const Line& l, std::size_t from, std::size_t to, bool in_flow) {
    std::string_view s = l.text.substr(from, to - from);
    std::size_t hash = in_flow ? std::string_view::npos : find_comment(s);
    if (hash != std::string_view::npos) s = s.substr(0, hash);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) throw Declined{};
    static constexpr std::string_view kIndicators = "?:,[]{}#&*!|>'\"%@`";
    if (kIndicators.find(s[0]) != std::string_view::npos) throw Declined{};
    if (s[0] == '-' && (s.size() == 1 || s[1] < '0' || s[1] > '9')) throw Declined{};
    if (s.back() == ':' || find_colon_space(s) != std::string_view::npos ||
        find_comment(s) != std::string_view::npos)
      throw Declined{};
    if (in_flow && find_any(s, ":#[]{}\"'") != std::string_view::npos) throw Declined{};
    Node n;
    n.pos = at(l, from);
    if (s == "~" || s == "null" || s == "Null" || s == "NULL") return n;
    n.kind = Node::Kind::kScalar;
    n.scalar = std::string(s);
    return n;
  }

  // "…" or '…' on one line; `end` is set past the closing quote.
  Node quoted(const Line& l, std::size_t v, std::size_t& end) {
    std::string_view t = l.text;
    char q = t[v];
    std::string out;
    std::size_t k = v + 1;
    for (;; ++k) {
      if (k >= t.size()) throw Declined{};  // unclosed, or continued on the next line
      if (q == '"' && t[k] == '\\') {
        if (k + 1 >= t.size() || (t[k + 1] != '"' && t[k + 1] != '\\')) throw Declined{};
        out += t[++k];
      } else if (t[k] == q) {
        if (q == '\'' && k + 1 < t.size() && t[k + 1] == '\'') {
          out += '\'';
          ++k;
        } else {
          break;
        }
      } else {
        out += t[k];
      }
    }
    end = k + 1;
    Node n;
    n.kind = Node::Kind::kScalar;
    n.quoted = true;
    n.scalar = std::move(out);
    n.pos = at(l, v);
    return n;
  }

  // [a, b] or {k: v, k2: v2} on one line, without nesting.
  Node flow(const Line& l, std::size_t v, std::size_t& end) {
    std::string_view t = l.text;
    bool is_map = t[v] == '{';
    char close = is_map ? '}' : ']';
    Node out;
    out.kind = is_map ? Node::Kind::kMap : Node::Kind::kSequence;
    out.pos = at(l, v);
    std::size_t k = v + 1;
    std::set<std::string> seen;
    auto skip = [&] {
      while (k < t.size() && t[k] == ' ') ++k;
    };
    skip();
    if (k < t.size() && t[k] == close) {
      end = k + 1;
      return out;
    }
    for (;;) {
      skip();
      if (k >= t.size()) throw Declined{};
      Node key;
      if (is_map) {
        std::size_t ke = key_end(t.substr(k));
        if (ke == std::string_view::npos) throw Declined{};
        key.kind = Node::Kind::kScalar;
        key.scalar = std::string(t.substr(k, ke));
        key.pos = at(l, k);
        if (!seen.insert(key.scalar).second) throw Declined{};
        k += ke + 1;
        skip();
      }
      Node item;
      if (k < t.size() && (t[k] == '"' || t[k] == '\'')) {
        std::size_t qe = 0;
        item = quoted(l, k, qe);
        k = qe;
        skip();
      } else {
        std::size_t e = find_any(t, is_map ? ",}" : ",]", k);
        if (e == std::string_view::npos) throw Declined{};
        item = plain(l, k, e, true);
        k = e;
      }
      if (is_map)
        out.entries.emplace_back(std::move(key), std::move(item));
      else
        out.items.push_back(std::move(item));
      if (k >= t.size()) throw Declined{};
      if (t[k] == close) break;
      if (t[k] != ',') throw Declined{};
      ++k;
    }
    end = k + 1;
    return out;
  }

  std::shared_ptr<const std::string> path_;
  std::string_view text_;
  int first_line_;
  std::vector<Line> lines_;
  int lines_end_ = 0;
};

}  // namespace

std::optional<Node> parse_yaml_fast(const std::shared_ptr<const std::string>& path,
                                    std::string_view text, int first_line) {
  try {
    return Reader(path, text, first_line).read();
  } catch (const Declined&) {
    return std::nullopt;
  }
}

}  // namespace vd::load
