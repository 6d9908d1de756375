// Internal to load/: a fast reader for the simple YAML that front matter and data files use
// (block maps and lists, one-line [flow lists] and {flow maps}, plain and one-line quoted
// scalars, comments). It gives the same value tree, positions included, as the yaml-cpp path,
// and declines (nullopt) anything else: anchors, tags, block scalars, multi-line scalars, tabs,
// escapes, odd keys, duplicate keys, unclosed quotes. Declined text goes to yaml-cpp, which
// reports the problems, so diagnostics never depend on which reader ran.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "load/load.h"

namespace vd::load {

std::optional<Node> parse_yaml_fast(const std::shared_ptr<const std::string>& path,
                                    std::string_view text, int first_line);
// The yaml-cpp reader alone (yaml.cc), for tests comparing the two.
Node parse_yaml_cpp(const std::string& path, std::string_view text, int first_line,
                    diag::Diagnostics& diags);

}  // namespace vd::load
