// A Mustache engine over nlohmann::json view data: templates are compiled once into a tree and
// rendered from many threads. It replaces kainjow/mustache, which re-parses partials at every
// inclusion and needs the view data copied into its own value type (both were most of the build
// time at 10 000 pages); it also gives line:column positions for syntax errors.
// Supported: {{x}}, {{{x}}}, {{& x}}, dotted names, {{.}}, sections, inverted sections,
// comments, partials, standalone-line trimming. Not supported: set delimiters, lambdas.
#include "render/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "text/text.h"

namespace vd::render {

namespace {

using json = View;

struct Node {
  enum class Kind { kText, kVariable, kRaw, kSection, kInverted, kPartial };
  Kind kind = Kind::kText;
  std::string text;               // literal text, or the name
  std::vector<std::string> path;  // the name split on '.' ("." → empty path)
  std::vector<Node> children;     // sections
  std::size_t offset = 0;         // byte offset of the tag in the source (partials)
};

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

bool truthy(const json* v) {
  if (!v || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_array()) return !v->empty();
  return true;
}

void append_escaped(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

struct Templates::Impl {
  std::map<std::string, std::vector<Node>> pages;     // by layout name, e.g. "profile"
  std::map<std::string, std::vector<Node>> partials;  // by partial name, e.g. "card"
  std::map<std::string, std::string> broken;          // layout name → compile error

  struct Renderer {
    const Impl& impl;
    std::vector<const json*> stack;
    std::string& out;
    std::string& errors;
    int depth = 0;

    const json* lookup(const std::vector<std::string>& path) const {
      if (path.empty()) return stack.back();
      for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        const json* v = *it;
        if (!v->is_object()) continue;
        auto f = v->find(path[0]);
        if (f == v->end()) continue;
        v = &*f;
        for (std::size_t k = 1; k < path.size(); ++k) {
          if (!v->is_object()) return nullptr;
          auto g = v->find(path[k]);
          if (g == v->end()) return nullptr;
          v = &*g;
        }
        return v;
      }
      return nullptr;
    }

    void value(const json* v, bool escape) {
      if (!v || v->is_null() || v->is_boolean() || v->is_object() || v->is_array()) return;
      if (v->is_string()) {
        if (escape)
          append_escaped(out, v->get_ref<const std::string&>());
        else
          out += v->get_ref<const std::string&>();
      } else if (v->is_number_float()) {
        out += text::format_decimal(v->get<double>(), 2);
      } else {
        out += std::to_string(v->get<long long>());
      }
    }

    void nodes(const std::vector<Node>& ns) {
      for (const Node& n : ns) node(n);
    }

    void node(const Node& n) {
      switch (n.kind) {
        case Node::Kind::kText:
          out += n.text;
          break;
        case Node::Kind::kVariable:
          value(lookup(n.path), true);
          break;
        case Node::Kind::kRaw:
          value(lookup(n.path), false);
          break;
        case Node::Kind::kInverted:
          if (!truthy(lookup(n.path))) nodes(n.children);
          break;
        case Node::Kind::kSection: {
          const json* v = lookup(n.path);
          if (!truthy(v)) break;
          if (v->is_array()) {
            for (const json& item : *v) {
              stack.push_back(&item);
              nodes(n.children);
              stack.pop_back();
            }
          } else {
            stack.push_back(v);
            nodes(n.children);
            stack.pop_back();
          }
          break;
        }
        case Node::Kind::kPartial: {
          auto p = impl.partials.find(n.text);
          if (p == impl.partials.end()) {
            errors += fmt::format("partial '{}' not found in layouts/partials/\n", n.text);
          } else if (depth > 32) {
            errors += fmt::format("partial '{}' includes itself too deeply\n", n.text);
          } else {
            ++depth;
            nodes(p->second);
            --depth;
          }
          break;
        }
      }
    }
  };
};

namespace {

std::string layout_name(const std::string& file) {
  std::string n = file;
  if (n.size() > 9 && n.compare(n.size() - 9, 9, ".mustache") == 0) n.resize(n.size() - 9);
  return n;
}

bool is_layout(const load::ThemeFile& f) {
  return f.name.size() > 9 && f.name.compare(f.name.size() - 9, 9, ".mustache") == 0;
}

}  // namespace

Templates::Templates(const std::vector<load::ThemeFile>& layouts)
    : impl_(std::make_unique<Impl>()) {
  for (const load::ThemeFile& f : layouts) {
    if (!is_layout(f)) continue;
    std::string name = layout_name(f.name);
    std::vector<Node> tree;
    std::string error;
    if (!Compiler(f.bytes).compile(tree, error)) {
      impl_->broken[name] = error;
      continue;
    }
    if (name.rfind("partials/", 0) == 0)
      impl_->partials[name.substr(9)] = std::move(tree);
    else
      impl_->pages[name] = std::move(tree);
  }
}

Templates::~Templates() = default;

bool Templates::has(const std::string& name) const {
  return impl_->pages.count(name) > 0;
}

std::string Templates::render(const std::string& name, const View& view, std::string& errors,
                              const View* globals) const {
  auto it = impl_->pages.find(name);
  if (it == impl_->pages.end()) {
    if (!impl_->broken.count(name))
      errors += fmt::format("layout '{}.mustache' not found in layouts/\n", name);
    return {};
  }
  std::string out;
  out.reserve(16384);
  Impl::Renderer r{*impl_, {}, out, errors};
  if (globals) r.stack.push_back(globals);
  r.stack.push_back(&view);
  r.nodes(it->second);
  return out;
}

namespace {
// A {{> partial}} that names no file of layouts/partials/ (found before rendering, with its place).
void check_partials(const load::ThemeFile& f, const std::vector<Node>& nodes,
                    const std::set<std::string>& partials, diag::Diagnostics& diags) {
  for (const Node& n : nodes) {
    check_partials(f, n.children, partials, diags);
    if (n.kind != Node::Kind::kPartial || partials.count(n.text)) continue;
    std::string_view before = std::string_view(f.bytes).substr(0, n.offset);
    std::size_t nl = before.rfind('\n');
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    int col = 1 + static_cast<int>(text::codepoints(
                      nl == std::string_view::npos ? before : before.substr(nl + 1)));
    diags.error({"layouts/" + f.name, line, col},
                fmt::format("partial '{}' not found in layouts/partials/", n.text),
                "create layouts/partials/" + n.text + ".mustache or fix the name");
  }
}
// The default theme's Content-Security-Policy allows scripts and styles from the site's own
// files only: an inline script, event handler, javascript: link or inline style in a layout
// would be blocked in the browser, so it is reported at build time instead.
void check_inline(const load::ThemeFile& f, diag::Diagnostics& diags) {
  std::string low;
  for (char c : f.bytes) low += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  auto report = [&](std::size_t at, const char* what, const char* hint) {
    std::string_view before = std::string_view(f.bytes).substr(0, at);
    std::size_t nl = before.rfind('\n');
    int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    int col = 1 + static_cast<int>(text::codepoints(
                      nl == std::string_view::npos ? before : before.substr(nl + 1)));
    diags.error({"layouts/" + f.name, line, col},
                fmt::format("{}: the Content-Security-Policy blocks it", what), hint);
  };
  const char* kScriptHint =
      "put the script in assets/<name>.js and load it with <script "
      "src=\"{{root}}{{assets.name_js}}\" "
      "defer></script>";
  for (std::size_t at = low.find("<script"); at != std::string::npos;
       at = low.find("<script", at + 1)) {
    std::size_t end = low.find('>', at);
    std::string tag = low.substr(at, end == std::string::npos ? std::string::npos : end - at);
    // A JSON-LD block is data, never run: the CSP does not apply to it.
    if (tag.find(" src=") == std::string::npos &&
        tag.find("type=\"application/ld+json\"") == std::string::npos)
      report(at, "inline script in a layout", kScriptHint);
  }
  for (std::size_t at = low.find("javascript:"); at != std::string::npos;
       at = low.find("javascript:", at + 1))
    report(at, "javascript: link in a layout", kScriptHint);
  for (std::size_t at = low.find(" on"); at != std::string::npos; at = low.find(" on", at + 1)) {
    std::size_t end = at + 3;
    while (end < low.size() && low[end] >= 'a' && low[end] <= 'z') ++end;
    std::size_t lt = low.rfind('<', at), gt = low.rfind('>', at);
    bool in_tag = lt != std::string::npos && (gt == std::string::npos || gt < lt);
    if (in_tag && end > at + 3 && end < low.size() && low[end] == '=')
      report(at + 1, "event handler attribute in a layout", kScriptHint);
  }
  // E-mail layouts (*_email.mustache) are sent as message bodies, not served under the policy,
  // and mail programs honour inline styles only.
  if (f.name.ends_with("_email.mustache")) return;
  for (const char* style : {"<style", " style="})
    for (std::size_t at = low.find(style); at != std::string::npos; at = low.find(style, at + 1))
      report(at + (style[0] == ' ' ? 1 : 0), "inline style in a layout",
             "move the rules to assets/style.css (a class on the element)");
}

}  // namespace

void check_layouts(const std::vector<load::ThemeFile>& layouts, diag::Diagnostics& diags) {
  std::set<std::string> partials;
  for (const load::ThemeFile& f : layouts)
    if (is_layout(f) && f.name.rfind("partials/", 0) == 0)
      partials.insert(layout_name(f.name).substr(9));
  for (const load::ThemeFile& f : layouts) {
    if (!is_layout(f)) continue;
    std::vector<Node> tree;
    std::string error;
    if (Compiler(f.bytes).compile(tree, error)) {
      check_partials(f, tree, partials, diags);
      check_inline(f, diags);
      continue;
    }
    // error is "line:col: message"
    int line = std::atoi(error.c_str());
    std::size_t colon = error.find(':');
    int col = std::atoi(error.c_str() + colon + 1);
    std::size_t msg = error.find(": ", colon + 1);
    diags.error(
        {"layouts/" + f.name, line, col}, "template syntax: " + error.substr(msg + 2),
        "every {{#section}} needs a matching {{/section}}, and every tag must be closed with }}");
  }
}

}  // namespace vd::render
