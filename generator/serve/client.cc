// What serve adds to pages: the reload script (an external file, so a strict
// Content-Security-Policy without 'unsafe-inline' still allows it) and the status it reads.
#include <fmt/format.h>

#include "serve/http.h"

namespace vd::serve {

namespace {

// Follows the event stream: a new good build reloads the page; a failed one draws the problems
// over the page (built with DOM calls and CSSOM styles: no inline markup for a CSP to refuse).
constexpr std::string_view kScript = R"js((() => {
  'use strict';
  const base = '/__vinhdanh/';
  let shown = null;
  let seen = null;
  function draw(status) {
    if (shown) { shown.remove(); shown = null; }
    if (status.ok) return;
    const box = document.createElement('div');
    box.id = 'vinhdanh-problems';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'vinhdanh-problems-title');
    Object.assign(box.style, {
      position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', padding: '2rem',
      background: 'rgba(24, 24, 27, 0.96)', color: '#fafafa', font: '15px/1.5 monospace',
    });
    const title = document.createElement('h2');
    title.id = 'vinhdanh-problems-title';
    title.textContent = status.title;
    Object.assign(title.style, { color: '#fca5a5', margin: '0 0 1rem', font: 'bold 18px sans-serif' });
    box.append(title);
    for (const p of status.problems) {
      const pre = document.createElement('pre');
      pre.className = 'vinhdanh-problem';
      pre.textContent = p.text;
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', margin: '0 0 1rem' });
      box.append(pre);
    }
    const note = document.createElement('p');
    note.textContent = status.note;
    box.append(note);
    document.body.append(box);
    shown = box;
  }
  async function check() {
    try {
      const r = await fetch(base + 'status.json', { cache: 'no-store' });
      draw(await r.json());
    } catch (e) { /* the server is restarting: the event stream reconnects by itself */ }
  }
  const events = new EventSource(base + 'events');
  events.addEventListener('build', (e) => {
    const b = JSON.parse(e.data);
    const first = seen === null;
    if (!first && b.generation !== seen && b.ok) { location.reload(); return; }
    seen = b.generation;
    if (!b.ok) check();
  });
})();
)js";

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else if (ch == '<') {
      out += "\\u003c";
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

std::string_view reload_script() {
  return kScript;
}

std::string inject_reload(const std::string& html) {
  static const std::string tag = "<script src=\"/__vinhdanh/reload.js\" defer></script>";
  for (const char* before : {"</head>", "</body>"}) {
    std::size_t at = html.find(before);
    if (at != std::string::npos) return html.substr(0, at) + tag + html.substr(at);
  }
  return html + tag;
}

std::string status_json(long generation, const RebuildResult& r) {
  std::string problems;
  for (const diag::Diagnostic& d : r.diags.sorted()) {
    if (d.severity != diag::Severity::kError) continue;
    if (!problems.empty()) problems += ",";
    problems += fmt::format(
        "{{\"file\":{},\"line\":{},\"column\":{},\"message\":{},\"hint\":{},\"text\":{}}}",
        json_string(d.pos.file), d.pos.line, d.pos.column, json_string(d.message),
        json_string(d.hint), json_string(diag::format(d, r.sources)));
  }
  std::string title = r.ok ? "" : "vinhdanh: " + diag::summary(r.diags);
  return fmt::format(
      "{{\"generation\":{},\"ok\":{},\"title\":{},\"note\":{},\"problems\":[{}]}}\n", generation,
      r.ok ? "true" : "false", json_string(title),
      json_string("The last good build is still served. Fix the file and save: this page "
                  "reloads by itself."),
      problems);
}

}  // namespace vd::serve
