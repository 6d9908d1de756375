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

class Templates {
 public:
  explicit Templates(const std::vector<load::ThemeFile>& layouts);
  ~Templates();
  bool has(const std::string& name) const;
  // Renders layouts/<name>.mustache with `view`; problems go to `errors` (one line each).
  std::string render(const std::string& name, const nlohmann::json& view, std::string& errors) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks every layout's syntax once, reporting "layouts/x.mustache:line:col" diagnostics.
void check_layouts(const std::vector<load::ThemeFile>& layouts, diag::Diagnostics& diags);

}  // namespace vd::render
