#include "model/fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vd::model {

Fields::Fields(const load::Node& map, std::string what, diag::Diagnostics& diags)
    : map_(map), what_(std::move(what)), diags_(diags) {
  if (!map.is_map() && !map.is_null()) {
    diags_.error(map.pos, fmt::format("a {} must be a set of 'key: value' fields", what_),
                 "write one field per line, e.g. 'name: …'");
    ok_ = false;
  }
}

void Fields::allow(const char* key) {
  known_.emplace_back(key);
}

diag::Position Fields::pos_of(const char* key) const {
  for (const auto& [k, v] : map_.entries)
    if (k.scalar == key) return v.pos;
  return map_.pos;
}

void Fields::missing(const char* key) {
  ok_ = false;
  if (map_.broken) return;  // the file itself was reported: its fields are not "missing"
  for (const auto& [k, v] : map_.entries)
    if (k.scalar == key) {  // written but left empty: point at the line to complete
      diags_.error(k.pos, fmt::format("required field '{}' is empty in this {}", key, what_),
                   fmt::format("write its value after '{}:' (see docs/formats.md)", key));
      return;
    }
  diags_.error(map_.pos, fmt::format("missing required field '{}' in this {}", key, what_),
               fmt::format("add a line '{}: …' (see docs/formats.md)", key));
}

void Fields::type_error(const load::Node& n, const char* key, const std::string& expected,
                        const std::string& hint) {
  diags_.error(n.pos, fmt::format("'{}' must be {}", key, expected), hint);
  ok_ = false;
}

const load::Node* Fields::node(const char* key, bool required) {
  known_.emplace_back(key);
  const load::Node* n = map_.find(key);
  if (n && n->is_null()) n = nullptr;
  if (!n && required) missing(key);
  return n;
}

const load::Node* Fields::scalar(const char* key, bool required, const char* type_word) {
  const load::Node* n = node(key, required);
  if (n && !n->is_scalar()) {
    type_error(*n, key, type_word, "write a single value on the same line as the key");
    return nullptr;
  }
  return n;
}

std::string Fields::text(const char* key, bool required) {
  const load::Node* n = scalar(key, required, "text");
  if (!n) return {};
  if (required && n->scalar.find_first_not_of(" \t\n") == std::string::npos) missing(key);
  if (!check_plain_text(n->scalar, n->pos, diags_)) ok_ = false;
  return n->scalar;
}

namespace {
diag::Position offset_position(std::string_view text, std::size_t at, diag::Position pos) {
  std::string_view before = text.substr(0, at);
  if (std::size_t nl = before.rfind('\n'); nl != std::string_view::npos) {
    pos.line += static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    pos.column = 1 + static_cast<int>(text::codepoints(before.substr(nl + 1)));
  } else if (pos.line > 0) {
    pos.column += static_cast<int>(text::codepoints(before));
  }
  return pos;
}
}  // namespace

bool check_no_mustache(std::string_view text, const diag::Position& start,
                       diag::Diagnostics& diags) {
  std::size_t at = text.find("{{");
  if (at == std::string_view::npos) return true;
  diags.error(offset_position(text, at, start),
              "'{{' in content: content is never a template, this would be published as is",
              "write the value itself; if you meant the braces, put a space between them: '{ {'");
  return false;
}

bool check_plain_text(std::string_view text, const diag::Position& start,
                      diag::Diagnostics& diags) {
  if (!check_no_mustache(text, start, diags)) return false;
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    unsigned char next = at + 1 < text.size() ? static_cast<unsigned char>(text[at + 1]) : ' ';
    if (!std::isalpha(next) && next != '/' && next != '!' && next != '?') continue;
    diags.error(offset_position(text, at, start),
                "HTML in a text field: it is never interpreted, the page would show it as is",
                "write plain text; formatting belongs in the story (Markdown) below the front "
                "matter");
    return false;
  }
  return true;
}

std::string Fields::url(const char* key, bool required) {
  const load::Node* n = scalar(key, required, "an address");
  if (!n) return {};
  const std::string& s = n->scalar;
  bool scheme = s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0;
  bool clean = std::none_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' ||
           c == '\\' || c == '`' || c == 0x7f;
  });
  if (!scheme || !clean || s.size() <= 8) {
    type_error(*n, key, "an address starting with https:// or http://",
               "write the full address, e.g. https://thptchuyen.edu.vn/ (no spaces or quotes)");
    return {};
  }
  return s;
}

std::vector<diag::Position> Fields::item_positions(const char* key) const {
  std::vector<diag::Position> out;
  if (const load::Node* n = map_.find(key)) {
    if (n->is_sequence())
      for (const load::Node& item : n->items) out.push_back(item.pos);
    else
      out.push_back(n->pos);
  }
  return out;
}

std::optional<int> Fields::integer(const char* key, int min, int max, bool required) {
  const load::Node* n = scalar(key, required, "a whole number");
  if (!n) return std::nullopt;
  const std::string& s = n->scalar;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  bool digits =
      !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (n->quoted || !digits || ec != std::errc() || p != s.data() + s.size()) {
    type_error(*n, key, "a whole number", fmt::format("write digits only, e.g. '{}: 12'", key));
    return std::nullopt;
  }
  if (s.size() > 1 && s[0] == '0') {
    type_error(
        *n, key, "a whole number without a leading zero",
        fmt::format("'{}' would be read as an octal number by some tools; write '{}'", s, v));
    return std::nullopt;
  }
  if (v < min || v > max) {
    type_error(*n, key, fmt::format("between {} and {}", min, max), "check the value");
    return std::nullopt;
  }
  return v;
}

std::optional<double> Fields::number(const char* key, bool required) {
  const load::Node* n = scalar(key, required, "a number");
  if (!n) return std::nullopt;
  std::string s = n->scalar;
  std::replace(s.begin(), s.end(), ',', '.');  // "79,63" is how Vietnamese writes 79.63
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) {
    type_error(*n, key, "a number", fmt::format("write e.g. '{}: 79.63' (no % sign)", key));
    return std::nullopt;
  }
  return v;
}

bool Fields::boolean(const char* key, bool fallback) {
  const load::Node* n = scalar(key, false, "true or false");
  if (!n) return fallback;
  if (!n->quoted && n->scalar == "true") return true;
  if (!n->quoted && n->scalar == "false") return false;
  type_error(*n, key, "true or false", fmt::format("write '{}: true' or '{}: false'", key, key));
  return fallback;
}

std::optional<text::Date> as_date(const load::Node& n, diag::Diagnostics& diags) {
  if (n.is_scalar()) {
    if (auto d = text::parse_date(n.scalar)) return d;
  }
  diags.error(n.pos, fmt::format("bad date '{}'", n.is_scalar() ? n.scalar : "…"),
              "write a real date as 2024-03-15 or 15/03/2024");
  return std::nullopt;
}

std::optional<text::Date> Fields::date(const char* key, bool required) {
  const load::Node* n = node(key, required);
  if (!n) return std::nullopt;
  std::size_t before = diags_.errors();
  auto d = as_date(*n, diags_);
  if (diags_.errors() != before) ok_ = false;
  return d;
}

std::string Fields::school_year(const char* key, bool required) {
  const load::Node* n = scalar(key, required, "a school year");
  if (!n) return {};
  if (!text::is_school_year(n->scalar)) {
    type_error(*n, key, "a school year such as 2023-2024",
               "write the two calendar years joined by '-', the second one greater by one");
    return {};
  }
  return n->scalar;
}

std::vector<std::string> Fields::text_list(const char* key) {
  const load::Node* n = node(key);
  std::vector<std::string> out;
  if (!n) return out;
  if (n->is_scalar()) {
    if (!check_plain_text(n->scalar, n->pos, diags_)) ok_ = false;
    out.push_back(n->scalar);  // a single value is a list of one
    return out;
  }
  if (!n->is_sequence()) {
    type_error(*n, key, "a list", fmt::format("write '{}: [a, b]' or one '- item' per line", key));
    return out;
  }
  for (const load::Node& item : n->items) {
    if (!item.is_scalar()) {
      type_error(item, key, "a list of text values", "each item must be a single value");
      continue;
    }
    if (!check_plain_text(item.scalar, item.pos, diags_)) ok_ = false;
    out.push_back(item.scalar);
  }
  return out;
}

void Fields::finish() {
  for (const auto& [k, v] : map_.entries) {
    if (std::find(known_.begin(), known_.end(), k.scalar) != known_.end()) continue;
    std::string hint;
    if (auto best = text::closest(k.scalar, known_))
      hint = fmt::format("did you mean '{}'?", *best);
    else
      hint = fmt::format("the fields of a {} are listed in docs/formats.md", what_);
    diags_.error(k.pos, fmt::format("unknown field '{}' in this {}", k.scalar, what_), hint);
    ok_ = false;
  }
}

}  // namespace vd::model
