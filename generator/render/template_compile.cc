// The Mustache compiler: tokens, standalone-line trimming, the tree of sections, and syntax errors
// with line:column positions.
#include <fmt/format.h>

#include <algorithm>

#include "render/template_tree.h"
#include "text/text.h"

namespace vd::render::mustache {

namespace {

struct Token {
  char sigil = 0;  // 0 text, ' ' variable, '{' '&' raw, '#' '^' '/' '!' '>'
  std::string value;
  std::size_t offset = 0;  // byte offset of the tag in the source
};

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

class Compiler {
 public:
  explicit Compiler(std::string_view src) : src_(src) {}

  bool compile(std::vector<Node>& out, std::string& error) {
    if (!tokenize(error)) return false;
    strip_standalone();
    std::size_t i = 0;
    return build(i, out, nullptr, error);
  }

 private:
  std::string at(std::size_t offset) const {
    std::size_t line_start = src_.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
    int line = 1 + static_cast<int>(std::count(src_.begin(), src_.begin() + line_start, '\n'));
    return fmt::format("{}:{}", line,
                       text::column_of(src_.substr(line_start), offset - line_start));
  }

  bool tokenize(std::string& error) {
    std::size_t pos = 0;
    while (pos < src_.size()) {
      std::size_t open = src_.find("{{", pos);
      if (open == std::string_view::npos) {
        tokens_.push_back({0, std::string(src_.substr(pos)), pos});
        break;
      }
      if (open > pos) tokens_.push_back({0, std::string(src_.substr(pos, open - pos)), pos});
      bool triple = src_.compare(open, 3, "{{{") == 0;
      std::size_t close = src_.find(triple ? "}}}" : "}}", open);
      if (close == std::string_view::npos) {
        error = at(open) + ": this tag is never closed with }}";
        return false;
      }
      std::string inner(src_.substr(open + (triple ? 3 : 2), close - open - (triple ? 3 : 2)));
      Token t{' ', trim(inner), open};
      if (triple) {
        t.sigil = '{';
      } else if (!t.value.empty() &&
                 std::string_view("#^/!>&=").find(t.value[0]) != std::string_view::npos) {
        t.sigil = t.value[0];
        t.value = trim(std::string_view(t.value).substr(1));
      }
      if (t.sigil == '=') {
        error = at(open) + ": changing delimiters ({{= =}}) is not supported";
        return false;
      }
      if (t.sigil != '!' && t.value.empty()) {
        error = at(open) + ": empty tag";
        return false;
      }
      tokens_.push_back(std::move(t));
      pos = close + (triple ? 3 : 2);
    }
    return true;
  }

  static bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r") == std::string_view::npos;
  }

  // A section, comment or partial tag alone on its line takes the whole line with it. Decided on
  // the original text first, then cut, so that consecutive standalone lines all go.
  void strip_standalone() {
    std::vector<std::size_t> front(tokens_.size(), 0), back(tokens_.size(), std::string::npos);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      char s = tokens_[i].sigil;
      if (s == 0 || s == ' ' || s == '{' || s == '&') continue;
      const std::string* before =
          i > 0 && tokens_[i - 1].sigil == 0 ? &tokens_[i - 1].value : nullptr;
      const std::string* after =
          i + 1 < tokens_.size() && tokens_[i + 1].sigil == 0 ? &tokens_[i + 1].value : nullptr;
      if ((!before && i > 0) || (!after && i + 1 < tokens_.size())) continue;  // a tag beside it
      std::size_t line_start = before ? before->rfind('\n') : std::string::npos;
      bool starts_line = !before || (line_start != std::string::npos
                                         ? blank(std::string_view(*before).substr(line_start + 1))
                                         : i == 1 && blank(*before));
      std::size_t nl = after ? after->find('\n') : std::string::npos;
      bool ends_line =
          !after || (nl != std::string::npos ? blank(std::string_view(*after).substr(0, nl))
                                             : i + 2 == tokens_.size() && blank(*after));
      if (!starts_line || !ends_line) continue;
      if (before) back[i - 1] = line_start == std::string::npos ? 0 : line_start + 1;
      if (after) front[i + 1] = nl == std::string::npos ? after->size() : nl + 1;
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].sigil != 0) continue;
      std::string& t = tokens_[i].value;
      std::size_t end = std::min(back[i], t.size());
      t = front[i] < end ? t.substr(front[i], end - front[i]) : std::string();
    }
  }

  static std::vector<std::string> split(const std::string& name) {
    std::vector<std::string> out;
    if (name == ".") return out;
    std::size_t pos = 0;
    for (std::size_t dot; (dot = name.find('.', pos)) != std::string::npos; pos = dot + 1)
      out.push_back(name.substr(pos, dot - pos));
    out.push_back(name.substr(pos));
    return out;
  }

  bool build(std::size_t& i, std::vector<Node>& out, const Token* open, std::string& error) {
    for (; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      switch (t.sigil) {
        case 0:
          if (!t.value.empty()) out.push_back({Node::Kind::kText, t.value, {}, {}});
          break;
        case '!':
          break;
        case ' ':
          out.push_back({Node::Kind::kVariable, t.value, split(t.value), {}});
          break;
        case '{':
        case '&':
          out.push_back({Node::Kind::kRaw, t.value, split(t.value), {}});
          break;
        case '>':
          out.push_back({Node::Kind::kPartial, t.value, {}, {}, t.offset});
          break;
        case '#':
        case '^': {
          Node n{t.sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted,
                 t.value,
                 split(t.value),
                 {}};
          ++i;
          if (!build(i, n.children, &t, error)) return false;
          out.push_back(std::move(n));
          break;
        }
        case '/':
          if (!open) {
            error = at(t.offset) +
                    fmt::format(": {{{{/{}}}}} closes a section that was never opened", t.value);
            return false;
          }
          if (t.value != open->value) {
            error = at(t.offset) + fmt::format(": {{{{/{}}}}} found where {{{{/{}}}}} was expected",
                                               t.value, open->value);
            return false;
          }
          return true;
      }
    }
    if (open) {
      error = at(open->offset) + fmt::format(": section \"{}\" is never closed", open->value);
      return false;
    }
    return true;
  }

  std::string_view src_;
  std::vector<Token> tokens_;
};

}  // namespace

bool compile(std::string_view src, std::vector<Node>& out, std::string& error) {
  return Compiler(src).compile(out, error);
}

std::string layout_name(const std::string& file) {
  std::string n = file;
  if (n.size() > 9 && n.compare(n.size() - 9, 9, ".mustache") == 0) n.resize(n.size() - 9);
  return n;
}

bool is_layout(const load::ThemeFile& f) {
  return f.name.size() > 9 && f.name.compare(f.name.size() - 9, 9, ".mustache") == 0;
}

}  // namespace vd::render::mustache
