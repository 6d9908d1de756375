// Checks of every layout before rendering: syntax, partials that do not exist, and what the
// Content-Security-Policy would block.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "render/template_tree.h"
#include "render/templates.h"
#include "text/text.h"

namespace vd::render {

using mustache::Node;

namespace {
// "layouts/<name>" at the line and column (in characters) of a byte offset of the layout.
diag::Position position(const load::ThemeFile& f, std::size_t offset) {
  std::string_view before = std::string_view(f.bytes).substr(0, offset);
  std::size_t nl = before.rfind('\n');
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  int col = 1 + static_cast<int>(text::codepoints(
                    nl == std::string_view::npos ? before : before.substr(nl + 1)));
  return {"layouts/" + f.name, line, col};
}

// A {{> partial}} that names no file of layouts/partials/ (found before rendering, with its place).
void check_partials(const load::ThemeFile& f, const std::vector<Node>& nodes,
                    const std::set<std::string>& partials, diag::Diagnostics& diags) {
  for (const Node& n : nodes) {
    check_partials(f, n.children, partials, diags);
    if (n.kind != Node::Kind::kPartial || partials.count(n.text)) continue;
    diags.error(position(f, n.offset),
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
    diags.error(position(f, at), fmt::format("{}: the Content-Security-Policy blocks it", what),
                hint);
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
    if (mustache::is_layout(f) && f.name.rfind("partials/", 0) == 0)
      partials.insert(mustache::layout_name(f.name).substr(9));
  for (const load::ThemeFile& f : layouts) {
    if (!mustache::is_layout(f)) continue;
    std::vector<Node> tree;
    std::string error;
    if (mustache::compile(f.bytes, tree, error)) {
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
