// Compiled Mustache layouts rendering plain JSON view data. Internal to render/.
// Compiled once; render() is const and safe to call from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "load/load.h"

namespace vd::render {

// View data. Objects are std::maps: ordered_json keeps them in a vector of const-key pairs, which
// is deep-copied (not moved) every time the vector grows, and that copying of whole page views was
// a tenth of the render stage's CPU at 10 000 profiles.
using View = nlohmann::json;

// A value shown on many pages (an honouree's card): views hold a reference to it (ref()) instead
// of a deep copy, and the output of a partial whose context is this value is kept here (from its
// second use) and reused while everything the partial read outside the value (e.g. i18n strings)
// is the same, so the partial runs about twice per value however many pages show it. Thread-safe.
// It must not move and must outlive the views that refer to it.
class SharedView {
 public:
  explicit SharedView(View value);
  ~SharedView();
  SharedView(const SharedView&) = delete;
  SharedView& operator=(const SharedView&) = delete;
  const View& value() const { return value_; }
  // A small view value (a tagged binary) that every template reads as value().
  View ref() const;
  // How many partial outputs are kept (tests).
  std::size_t kept() const;

  struct Memo;  // the engine's
  Memo& memo() const { return *memo_; }

 private:
  View value_;
  std::unique_ptr<Memo> memo_;
};

// Site-wide view data (site, i18n, assets), looked up under every page's own data: prepared once
// with an index of its names ("i18n.awards"), so that a lookup does not search the ~250 UI strings
// one by one.
class Globals {
 public:
  explicit Globals(View value);
  const View& value() const { return value_; }
  // The value named `dotted` (a top-level name or one level below it), or nullptr when the index
  // does not know it.
  const View* find(const std::string& dotted) const;

 private:
  View value_;
  std::unordered_map<std::string, const View*> index_;
};

class Templates {
 public:
  explicit Templates(const std::vector<load::ThemeFile>& layouts);
  ~Templates();
  bool has(const std::string& name) const;
  // Renders layouts/<name>.mustache with `view`; problems go to `errors` (one line each).
  // `globals` (site-wide data: site, i18n, assets) is looked up after `view`.
  std::string render(const std::string& name, const View& view, std::string& errors,
                     const Globals* globals = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t serial_;  // tells the partial outputs kept in SharedViews of each Templates apart
};

// Checks every layout's syntax once, reporting "layouts/x.mustache:line:col" diagnostics.
void check_layouts(const std::vector<load::ThemeFile>& layouts, diag::Diagnostics& diags);

}  // namespace vd::render
