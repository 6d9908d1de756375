// The cmark-gfm adapter: the only file that includes cmark-gfm.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <set>
#include <unordered_map>

#include "render/render.h"
#include "text/text.h"

namespace vd::render {

namespace {

void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// Schemes a link may never carry, whatever the site options (checked without case and spaces).
bool dangerous_url(const char* url) {
  if (!url) return false;
  std::string s;
  for (const char* p = url; *p && s.size() < 16; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c <= ' ') continue;
    s += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return s.rfind("javascript:", 0) == 0 || s.rfind("vbscript:", 0) == 0 ||
         s.rfind("data:", 0) == 0 || s.rfind("file:", 0) == 0;
}

std::string plain_text(cmark_node* node) {
  std::string out;
  cmark_iter* it = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER &&
        (cmark_node_get_type(n) == CMARK_NODE_TEXT || cmark_node_get_type(n) == CMARK_NODE_CODE)) {
      if (const char* lit = cmark_node_get_literal(n)) out += lit;
    }
  }
  cmark_iter_free(it);
  return out;
}

// cmark writes no heading ids: wrap each heading's inlines in a custom block that opens
// <hN id="slug"> (custom blocks are written as given, also in safe mode).
using Tags = std::vector<std::pair<std::string, std::string>>;

// The replaced heading nodes go to `detached`, to be freed only after rendering: cmark's inline
// nodes keep pointers into their block's text (found by fuzzing: freeing the heading at once left
// e.g. inline HTML in it reading freed memory when rendered).
Tags add_heading_ids(cmark_node* doc, int shift, std::vector<cmark_node*>& detached) {
  Tags tags;
  std::vector<cmark_node*> headings;
  cmark_iter* it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_HEADING) headings.push_back(n);
    if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) && dangerous_url(cmark_node_get_url(n)))
      cmark_node_set_url(n, "");
  }
  cmark_iter_free(it);
  std::set<std::string> used;
  for (cmark_node* h : headings) {
    std::string id = text::slugify(plain_text(h));
    if (id.empty()) id = "muc";
    std::string unique = id;
    for (int i = 2; !used.insert(unique).second; ++i) unique = id + "-" + std::to_string(i);
    int level = std::min(6, cmark_node_get_heading_level(h) + shift);
    std::string open = "<h" + std::to_string(level) + " id=\"" + unique + "\">";
    std::string close = "</h" + std::to_string(level) + ">\n";
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, open.c_str());
    cmark_node_set_on_exit(block, close.c_str());
    while (cmark_node* child = cmark_node_first_child(h)) {
      cmark_node_unlink(child);
      cmark_node_append_child(block, child);
    }
    cmark_node_replace(h, block);
    detached.push_back(h);
    tags.emplace_back(open, close);
  }
  return tags;
}

// cmark puts custom blocks' content on lines of its own: join "<h2 id=…>\ntext\n</h2>" back.
void tighten_headings(std::string& html, const Tags& tags) {
  std::size_t from = 0;
  for (const auto& [open, close] : tags) {
    std::size_t at = html.find(open, from);
    if (at == std::string::npos) continue;
    std::size_t body = at + open.size();
    if (body < html.size() && html[body] == '\n') html.erase(body, 1);
    std::size_t end = html.find(close, body);
    if (end == std::string::npos) continue;
    if (end > 0 && html[end - 1] == '\n') html.erase(--end, 1);
    from = end + close.size();
  }
}

// Links to other sites never get a handle on this page (window.opener): rel="noopener". Text is
// escaped by cmark, so '<a href="http' can only be a link it wrote (or allowed raw HTML).
void add_noopener(std::string& html) {
  for (const char* scheme : {"<a href=\"http://", "<a href=\"https://"}) {
    std::string from = scheme;
    std::string to = "<a rel=\"noopener\" href=\"" + from.substr(9);
    for (std::size_t at = html.find(from); at != std::string::npos;
         at = html.find(from, at + to.size()))
      html.replace(at, from.size(), to);
  }
}

// Raw HTML that is dangerous even on a site that allows HTML (the CSP blocks it too).
bool dangerous_html(std::string_view html) {
  std::string s;
  for (char c : html) s += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (const char* bad :
       {"<script", "<iframe", "<object", "<embed", "<frame", "<form", "<meta", "<base", "<link",
        "<style", "javascript:", "vbscript:", "data:", "srcdoc"})
    if (s.find(bad) != std::string::npos) return true;
  for (std::size_t at = s.find("on"); at != std::string::npos; at = s.find("on", at + 1)) {
    if (at == 0 ||
        !(s[at - 1] == ' ' || s[at - 1] == '\t' || s[at - 1] == '\n' || s[at - 1] == '/'))
      continue;
    std::size_t end = at + 2;
    while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
    while (end < s.size() && (s[end] == ' ' || s[end] == '\t')) ++end;
    if (end > at + 2 && end < s.size() && s[end] == '=') return true;  // onclick=, onerror =
  }
  return false;
}

int codepoint_column(std::string_view markdown, int line, int byte_col) {
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = markdown.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || byte_col < 1) return std::max(1, byte_col);
  std::string_view rest = markdown.substr(start);
  std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(byte_col - 1), rest.size());
  return 1 + static_cast<int>(text::codepoints(rest.substr(0, n)));
}

}  // namespace

namespace {

// Only raw HTML and links to javascript:, vbscript:, data: or file: addresses are problems. Raw
// HTML needs a '<'. Without '<' and '&' (an entity can spell any letter or the colon), a link's
// address is made of the story's own characters, less the backslash of an escape, and
// dangerous_url ignores spaces and control characters: so a ':' must follow "ript", "data" or
// "file" (any case), with only such characters or backslashes in between. A story without any
// of these cannot hold a problem, and need not be parsed (check reads 10 000 of them).
bool may_have_problems(std::string_view md) {
  if (md.find('<') != std::string_view::npos || md.find('&') != std::string_view::npos) return true;
  for (std::size_t at = md.find(':'); at != std::string_view::npos; at = md.find(':', at + 1)) {
    char tail[5] = {0, 0, 0, 0, 0};
    int n = 4;
    for (std::size_t i = at; i > 0 && n > 0;) {
      unsigned char c = static_cast<unsigned char>(md[--i]);
      if (c <= ' ' || c == '\\') continue;
      tail[--n] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    std::string_view t(tail, 4);
    if (t == "ript" || t == "data" || t == "file") return true;
  }
  return false;
}

}  // namespace

std::vector<MarkdownProblem> check_markdown(std::string_view markdown, bool allow_html) {
  std::vector<MarkdownProblem> out;
  if (!may_have_problems(markdown)) return out;
  ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension("autolink"))
    cmark_parser_attach_syntax_extension(parser, ext);
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension("table"))
    cmark_parser_attach_syntax_extension(parser, ext);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  cmark_iter* it = cmark_iter_new(doc);
  // The position of a problem: cmark-gfm leaves some inline nodes without one (line 0, found by
  // fuzzing: HTML after a bracket that is no link): take the nearest enclosing block's.
  auto add = [&](cmark_node* n, const char* message, const char* hint) {
    cmark_node* placed = n;
    while (placed && cmark_node_get_start_line(placed) < 1) placed = cmark_node_parent(placed);
    int line = placed ? cmark_node_get_start_line(placed) : 1;
    int col = codepoint_column(markdown, line,
                               placed ? std::max(1, cmark_node_get_start_column(placed)) : 1);
    out.push_back({line, col, message, hint});
  };
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type t = cmark_node_get_type(n);
    if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) && dangerous_url(cmark_node_get_url(n))) {
      add(n, "a link to a javascript:, vbscript: or data: address",
          "link only to web pages (https://…) and to the site's own images");
    } else if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
      const char* lit = cmark_node_get_literal(n);
      std::string_view html = lit ? lit : "";
      if (!allow_html)
        add(n, "raw HTML in the story: it is not published",
            "write Markdown instead (**bold**, [text](https://…)); a site that needs "
            "HTML sets 'allow_html: true' in site.yml");
      else if (dangerous_html(html))
        add(n, "scripts, frames, forms and event handlers are never published",
            "remove the element; the site's Content-Security-Policy would block it");
    }
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

std::string markdown_to_html(std::string_view markdown, bool allow_html, int shift) {
  ensure_registered();
  int options = CMARK_OPT_SMART | CMARK_OPT_GITHUB_PRE_LANG;
  if (allow_html) options |= CMARK_OPT_UNSAFE;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  std::vector<cmark_node*> detached;
  Tags headings = add_heading_ids(doc, shift, detached);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out(html ? html : "");
  std::free(html);
  tighten_headings(out, headings);
  add_noopener(out);
  for (cmark_node* h : detached) cmark_node_free(h);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

struct MarkdownCache::Impl {
  struct Entry {
    std::string html;
    bool used = true;
  };
  mutable std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;  // key: 128-bit hash + options
};

MarkdownCache::MarkdownCache() : impl_(std::make_unique<Impl>()) {}
MarkdownCache::~MarkdownCache() = default;

std::string MarkdownCache::html(std::string_view markdown, bool allow_html, int shift) {
  XXH128_hash_t h = XXH3_128bits(markdown.data(), markdown.size());
  std::string key(reinterpret_cast<const char*>(&h), sizeof h);
  key += allow_html ? 'h' : 's';
  key += static_cast<char>('0' + shift);
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end()) {
      it->second.used = true;
      return it->second.html;
    }
  }
  std::string out = markdown_to_html(markdown, allow_html, shift);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->entries[key] = {out, true};
  return out;
}

void MarkdownCache::sweep() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (auto it = impl_->entries.begin(); it != impl_->entries.end();) {
    if (!it->second.used) {
      it = impl_->entries.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
}

std::size_t MarkdownCache::size() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->entries.size();
}

}  // namespace vd::render

namespace vd::render {

std::string markdown_to_text(std::string_view markdown, int width) {
  ensure_registered();
  int options = CMARK_OPT_SMART;
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  // Plain text has no links: write each link's address after its text ("trường (https://…)").
  std::vector<cmark_node*> links;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK) links.push_back(n);
  }
  cmark_iter_free(it);
  for (cmark_node* link : links) {
    const char* url = cmark_node_get_url(link);
    if (!url || !*url || dangerous_url(url) || plain_text(link) == url) continue;
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, (std::string(" (") + url + ")").c_str());
    cmark_node_insert_after(link, text);
  }
  char* plain = cmark_render_plaintext(doc, options, width);
  std::string out(plain ? plain : "");
  std::free(plain);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out, line(indent);
  std::size_t used = text::codepoints(indent), start = used;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find_first_of(" \n\t", at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    std::size_t n = text::codepoints(word);
    if (used > start && used + 1 + n > width) {
      out += line + "\n";
      line = indent;
      used = start;
    }
    if (used > start) {
      line += ' ';
      ++used;
    }
    line += word;
    used += n;
  }
  return out + line + "\n";
}

}  // namespace vd::render
