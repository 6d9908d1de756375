// HTML and XML escaping (text, attributes, feeds).
#include "text/text.h"

#include <string>

namespace vd::text {

// ---------------------------------------------------------------------------------------------
// Escaping.

namespace {

// The entity for one of the five markup-significant characters, or nullptr.
const char* markup_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return nullptr;
  }
}

// XML 1.0 forbids C0 controls other than tab, LF and CR, even as character references.
bool forbidden_in_xml(char c) {
  return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// s with each markup character replaced by its entity (and, for XML, each forbidden control
// dropped), appended to out; the runs of characters in between are copied whole (most text has
// none to replace).
void append_escaped(std::string& out, std::string_view s, bool xml) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* entity = markup_entity(s[i]);
    if (!entity && !(xml && forbidden_in_xml(s[i]))) continue;
    out.append(s.data() + run, i - run);
    if (entity) out += entity;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

std::string escape(std::string_view s, bool xml) {
  std::string out;
  out.reserve(s.size());
  append_escaped(out, s, xml);
  return out;
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
  append_escaped(out, s, false);
}

std::string html_escape(std::string_view s) {
  return escape(s, false);
}

std::string xml_escape(std::string_view s) {
  return escape(s, true);
}

}  // namespace vd::text
