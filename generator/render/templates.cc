// A Mustache engine over nlohmann::json view data: templates are compiled once into a tree and
// rendered from many threads. It replaces kainjow/mustache, which re-parses partials at every
// inclusion and needs the view data copied into its own value type (both were most of the build
// time at 10 000 pages); it also gives line:column positions for syntax errors.
// Supported: {{x}}, {{{x}}}, {{& x}}, dotted names, {{.}}, sections, inverted sections,
// comments, partials, standalone-line trimming. Not supported: set delimiters, lambdas.
// Values many pages show (cards) are SharedViews: pages hold a reference, and a partial rendered
// on one keeps its output there. Site-wide data (Globals) is found through an index.
#include "render/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>

#include "render/template_tree.h"
#include "text/text.h"

namespace vd::render {

using mustache::Node;

namespace {

using json = View;

bool truthy(const json* v) {
  if (!v || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_array()) return !v->empty();
  return true;
}

}  // namespace

// Partial outputs kept with a shared value: one per (Templates, partial, depth), with the values
// the partial read outside the shared value (a name and its value, or its absence).
struct SharedView::Memo {
  struct Outside {
    // The tag that read it: it belongs to the entry's Templates, which is alive whenever the
    // entry is read (entries of other Templates are never read).
    const Node* node = nullptr;
    bool found = false;
    json value;
  };
  struct Entry {
    std::uint64_t templates = 0;
    const void* partial = nullptr;
    int depth = 0;
    bool reusable = false;  // false: it read a list or object outside the value, or failed
    std::string html;
    std::vector<Outside> outside;
  };
  std::mutex mutex;
  std::vector<std::unique_ptr<Entry>> entries;  // never removed: readers keep pointers
  std::atomic<int> uses{0};  // output is kept from the second use on: most values of a small
                             // rebuild (serve) are shown once, and keeping costs a copy
};

namespace {

constexpr std::uint64_t kRefSubtype = 0x7664;  // "vd": a SharedView reference

const SharedView* shared_of(const json& v) {
  if (!v.is_binary()) return nullptr;
  const json::binary_t& b = v.get_binary();
  if (!b.has_subtype() || b.subtype() != kRefSubtype || b.size() != sizeof(SharedView*))
    return nullptr;
  const SharedView* p = nullptr;
  std::memcpy(&p, b.data(), sizeof p);
  return p;
}

const json* deref(const json* v) {
  const SharedView* s = v ? shared_of(*v) : nullptr;
  return s ? &s->value() : v;
}

// Strictly the same value: 1 and 1.0 compare equal as JSON but are printed differently.
bool same(const json& a, const json& b) {
  return a.type() == b.type() && a == b;
}

}  // namespace

SharedView::SharedView(View value) : value_(std::move(value)), memo_(std::make_unique<Memo>()) {}
SharedView::~SharedView() = default;

View SharedView::ref() const {
  const SharedView* self = this;
  json::binary_t::container_type bytes(sizeof self);
  std::memcpy(bytes.data(), &self, sizeof self);
  return json::binary(std::move(bytes), kRefSubtype);
}

Globals::Globals(View value) : value_(std::move(value)) {
  // A name with a dot in it cannot be written in a template ("a.b" means b inside a).
  auto plain = [](const std::string& k) { return k.find('.') == std::string::npos; };
  for (auto it = value_.begin(); value_.is_object() && it != value_.end(); ++it) {
    if (!plain(it.key())) continue;
    index_.emplace(it.key(), &*it);
    if (it->is_object())
      for (auto sub = it->begin(); sub != it->end(); ++sub)
        if (plain(sub.key())) index_.emplace(it.key() + "." + sub.key(), &*sub);
  }
}

const View* Globals::find(const std::string& dotted) const {
  auto it = index_.find(dotted);
  return it == index_.end() ? nullptr : it->second;
}

std::size_t SharedView::kept() const {
  std::lock_guard<std::mutex> lock(memo_->mutex);
  return memo_->entries.size();
}

struct Templates::Impl {
  std::map<std::string, std::vector<Node>> pages;     // by layout name, e.g. "profile"
  std::map<std::string, std::vector<Node>> partials;  // by partial name, e.g. "card"
  std::map<std::string, std::string> broken;          // layout name → compile error

  struct Frame {
    const json* value;
    const SharedView* shared = nullptr;  // the value is this SharedView's
    const Globals* globals = nullptr;    // the value is these globals'
  };

  struct Renderer {
    const Impl& impl;
    std::uint64_t serial;
    std::vector<Frame> stack;
    std::string& out;
    std::string& errors;
    int depth = 0;
    // While a partial on a shared value is rendered for keeping: lookups that reach below
    // frame `floor` are noted in `outside`.
    bool recording = false;
    std::size_t floor = 0;
    bool reusable = true;
    std::vector<SharedView::Memo::Outside> outside;

    // Resolves `path` in frames [lo, hi), top down; `decided` tells whether a frame held its
    // first name (the frame that holds it decides, found or not). References are followed.
    const json* resolve(const std::string& name, const std::vector<std::string>& path,
                        std::size_t lo, std::size_t hi, bool& decided) const {
      decided = false;
      for (std::size_t k = hi; k-- > lo;) {
        if (stack[k].globals) {
          if (const json* g = stack[k].globals->find(name)) {
            decided = true;
            return g;
          }
        }
        const json* v = stack[k].value;
        if (!v->is_object()) continue;
        auto f = v->find(path[0]);
        if (f == v->end()) continue;
        decided = true;
        v = &*f;
        for (std::size_t i = 1; i < path.size(); ++i) {
          v = deref(v);
          if (!v->is_object()) return nullptr;
          auto g = v->find(path[i]);
          if (g == v->end()) return nullptr;
          v = &*g;
        }
        return v;
      }
      return nullptr;
    }

    // The value named `path` as written in the view (a reference is not followed).
    const json* lookup(const Node& n) {
      const std::vector<std::string>& path = n.path;
      if (path.empty()) return stack.back().value;
      bool decided = false;
      if (!recording) return resolve(n.text, path, 0, stack.size(), decided);
      const json* v = resolve(n.text, path, floor, stack.size(), decided);
      if (decided) return v;
      v = resolve(n.text, path, 0, floor, decided);
      const json* d = deref(v);
      if (d && (d->is_object() || d->is_array() || v != d)) {
        reusable = false;
      } else if (std::none_of(outside.begin(), outside.end(),
                              [&](const auto& o) { return o.node->path == path; })) {
        outside.push_back({&n, v != nullptr, v ? *v : json()});
      }
      return v;
    }

    void value(const json* v, bool escape) {
      v = deref(v);
      if (!v || v->is_null() || v->is_boolean() || v->is_object() || v->is_array()) return;
      if (v->is_string()) {
        if (escape)
          text::append_html_escaped(out, v->get_ref<const std::string&>());
        else
          out += v->get_ref<const std::string&>();
      } else if (v->is_number_float()) {
        out += text::format_decimal(v->get<double>(), 2);
      } else if (v->is_number()) {
        out += std::to_string(v->get<long long>());
      }
    }

    void nodes(const std::vector<Node>& ns) {
      for (const Node& n : ns) node(n);
    }

    void push(const json& v) {
      const SharedView* s = shared_of(v);
      stack.push_back({s ? &s->value() : &v, s});
    }

    void section(const Node& n) {
      const json* raw = lookup(n);
      const json* v = deref(raw);
      if (!truthy(v)) return;
      if (v->is_array()) {
        for (const json& item : *v) {
          push(item);
          nodes(n.children);
          stack.pop_back();
        }
      } else {
        push(*raw);
        nodes(n.children);
        stack.pop_back();
      }
    }

    // Is the kept output of `entry` right here: does everything it read outside the shared
    // value still have the same value?
    bool still_valid(const SharedView::Memo::Entry& e) const {
      if (!e.reusable) return false;
      for (const auto& o : e.outside) {
        bool decided = false;
        const json* v = resolve(o.node->text, o.node->path, 0, stack.size() - 1, decided);
        if ((v != nullptr) != o.found || (v && !same(*v, o.value))) return false;
      }
      return true;
    }

    // A partial whose context is a shared value: its kept output when still valid, otherwise
    // rendered (and kept, the first time).
    void shared_partial(const std::vector<Node>& body, const SharedView& sv) {
      SharedView::Memo& m = sv.memo();
      const SharedView::Memo::Entry* kept = nullptr;
      {
        std::lock_guard<std::mutex> lock(m.mutex);
        for (const auto& e : m.entries)
          if (e->templates == serial && e->partial == &body && e->depth == depth) kept = e.get();
      }
      if (kept && still_valid(*kept)) {
        out += kept->html;
        return;
      }
      if (kept || m.uses.fetch_add(1) == 0) return plain_partial(body);
      recording = true;
      floor = stack.size() - 1;
      reusable = true;
      outside.clear();
      std::size_t start = out.size(), errors_before = errors.size();
      plain_partial(body);
      recording = false;
      auto e = std::make_unique<SharedView::Memo::Entry>();
      *e = {serial,
            &body,
            depth,
            reusable && errors.size() == errors_before,
            out.substr(start),
            std::move(outside)};
      std::lock_guard<std::mutex> lock(m.mutex);
      for (const auto& other : m.entries)
        if (other->templates == serial && other->partial == &body && other->depth == depth) return;
      m.entries.push_back(std::move(e));
    }

    void plain_partial(const std::vector<Node>& body) {
      ++depth;
      nodes(body);
      --depth;
    }

    void node(const Node& n) {
      switch (n.kind) {
        case Node::Kind::kText:
          out += n.text;
          break;
        case Node::Kind::kVariable:
          value(lookup(n), true);
          break;
        case Node::Kind::kRaw:
          value(lookup(n), false);
          break;
        case Node::Kind::kInverted:
          if (!truthy(deref(lookup(n)))) nodes(n.children);
          break;
        case Node::Kind::kSection:
          section(n);
          break;
        case Node::Kind::kPartial: {
          auto p = impl.partials.find(n.text);
          if (p == impl.partials.end()) {
            errors += fmt::format("partial '{}' not found in layouts/partials/\n", n.text);
          } else if (depth > 32) {
            errors += fmt::format("partial '{}' includes itself too deeply\n", n.text);
          } else if (stack.back().shared && !recording) {
            shared_partial(p->second, *stack.back().shared);
          } else {
            plain_partial(p->second);
          }
          break;
        }
      }
    }
  };
};

namespace {
std::atomic<std::uint64_t> g_templates{0};
}

Templates::Templates(const std::vector<load::ThemeFile>& layouts)
    : impl_(std::make_unique<Impl>()), serial_(++g_templates) {
  for (const load::ThemeFile& f : layouts) {
    if (!mustache::is_layout(f)) continue;
    std::string name = mustache::layout_name(f.name);
    std::vector<Node> tree;
    std::string error;
    if (!mustache::compile(f.bytes, tree, error)) {
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
                              const Globals* globals) const {
  auto it = impl_->pages.find(name);
  if (it == impl_->pages.end()) {
    if (!impl_->broken.count(name))
      errors += fmt::format("layout '{}.mustache' not found in layouts/\n", name);
    return {};
  }
  std::string out;
  out.reserve(16384);
  Impl::Renderer r{*impl_, serial_, {}, out, errors};
  if (globals) r.stack.push_back({&globals->value(), nullptr, globals});
  r.stack.push_back({&view});
  r.nodes(it->second);
  return out;
}

}  // namespace vd::render
