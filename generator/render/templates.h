// Compiled Mustache layouts rendering plain JSON view data. Internal to render/.
// Compiled once; render() is const and safe to call from many threads.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "load/load.h"

namespace vd::render {

// View data: JSON objects that keep insertion order in a vector (cheaper to build than std::map
// objects, and views are built for every page).
using View = nlohmann::ordered_json;

class Templates {
 public:
  explicit Templates(const std::vector<load::ThemeFile>& layouts);
  ~Templates();
  bool has(const std::string& name) const;
  // Renders layouts/<name>.mustache with `view`; problems go to `errors` (one line each).
  // `globals` (site-wide data: site, i18n, assets) is looked up after `view`.
  std::string render(const std::string& name, const View& view, std::string& errors,
                     const View* globals = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks every layout's syntax once, reporting "layouts/x.mustache:line:col" diagnostics.
void check_layouts(const std::vector<load::ThemeFile>& layouts, diag::Diagnostics& diags);

}  // namespace vd::render
