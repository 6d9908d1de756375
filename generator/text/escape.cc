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

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (const char* entity = markup_entity(c)) {
      out += entity;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    // XML 1.0 forbids C0 controls other than tab, LF and CR, even as character references.
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    if (const char* entity = markup_entity(c)) {
      out += entity;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace vd::text
