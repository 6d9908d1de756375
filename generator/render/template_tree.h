// The compiled form of a Mustache layout, shared by the engine (templates.cc), its compiler
// (template_compile.cc) and the layout checks (template_check.cc). Internal to render/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "load/load.h"

namespace vd::render::mustache {

struct Node {
  enum class Kind { kText, kVariable, kRaw, kSection, kInverted, kPartial };
  Kind kind = Kind::kText;
  std::string text;               // literal text, or the name
  std::vector<std::string> path;  // the name split on '.' ("." → empty path)
  std::vector<Node> children;     // sections
  std::size_t offset = 0;         // byte offset of the tag in the source (partials)
};

// Compiles `src` into `out`; false with "line:col: message" in `error` on a syntax error.
bool compile(std::string_view src, std::vector<Node>& out, std::string& error);

// "partials/card.mustache" → "partials/card"; is the theme file a layout (*.mustache)?
std::string layout_name(const std::string& file);
bool is_layout(const load::ThemeFile& f);

}  // namespace vd::render::mustache
