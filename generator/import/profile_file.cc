// Writing a profile file: the one archetype shared by `vinhdanh new profile` and `import`.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "import/import_internal.h"
#include "text/text.h"

namespace vd::import {

namespace {

// Words YAML would read as something other than a string (YAML 1.1 and 1.2 booleans and nulls).
bool special_word(std::string_view s) {
  static const std::array<std::string_view, 12> kWords = {
      "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "nan", "inf"};
  std::string lower(s);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool plain_ok(std::string_view s) {
  if (s.empty() || special_word(s)) return false;
  static constexpr std::string_view kBadFirst = "-?:,[]{}#&*!|>'\"%@`+. 0123456789";
  if (kBadFirst.find(s.front()) != std::string_view::npos) return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos)
    return false;
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// "key: value   # comment", the comments lined up in one column as in the archetype.
std::string field(std::string_view key, std::string_view value, std::string_view comment = {}) {
  std::string out = fmt::format("{}:{}{}", key, value.empty() ? "" : " ", value);
  if (!comment.empty()) {
    std::size_t width = text::codepoints(out);
    out += width + 2 <= 26 ? std::string(26 - width, ' ') : std::string("  ");
    out += fmt::format("# {}", comment);
  }
  return out + "\n";
}

}  // namespace

std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string yaml_scalar(std::string_view s) {
  return plain_ok(s) ? std::string(s) : yaml_quoted(s);
}

std::string profile_text(const ProfileFields& f) {
  std::string years = f.teaching_years ? std::to_string(*f.teaching_years) : std::string();
  std::string campaigns;
  for (const std::string& c : f.campaigns) campaigns += (campaigns.empty() ? "" : ", ") + c;
  std::string out = "---\n";
  out += field("name", f.name.empty() ? "" : yaml_scalar(f.name));
  out += field("kind", f.kind, "individual (cá nhân) or collective (tập thể)");
  out += field("unit", f.unit, "a unit id from content/units.yml");
  out += field("position", f.position.empty() ? "" : yaml_scalar(f.position));
  out += field("teaching_years", years);
  out += field("campaigns", "[" + campaigns + "]");
  out += "awards:\n";
  out += fmt::format("  - award: {}\n", f.award);
  out += "    decision: {number: \"\", date: , issuer: \"\"}\n";
  out += field("summary", f.summary.empty() ? "" : yaml_scalar(f.summary),
               "tóm tắt thành tích, one paragraph");
  out += field("tags", "[]");
  out += field("consent", "false", "set to true only once publication consent is recorded");
  out += field("draft", "true");
  out += field("private", "", "never published");
  out += "  " + field("phone", yaml_quoted(f.phone));
  out += "  " + field("email", yaml_quoted(f.email));
  out += "---\nViết câu chuyện ở đây.\n";
  return out;
}

}  // namespace vd::import
