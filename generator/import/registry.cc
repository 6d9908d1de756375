// The site's units and awards, and finding the ones a nomination list names.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "import/import_internal.h"
#include "load/load.h"
#include "text/text.h"

namespace vd::import {

namespace {

constexpr const char* kUnits = "content/units.yml";
constexpr const char* kAwards = "content/awards.yml";

load::Node read_data(const fs::FileSystem& fs, const std::string& root, const std::string& rel,
                     bool required, diag::SourceMap& sources, diag::Diagnostics& diags) {
  std::string path = fs::join(root, rel);
  if (!fs.is_file(path)) {
    if (required)
      diags.error({rel, 0, 0}, fmt::format("file not found in '{}'", root),
                  "pass the site folder with --source");
    return {};
  }
  fs::ReadResult r = fs.read(path);
  if (!r.status) {
    diags.error({rel, 0, 0}, r.status.message, "check the file's permissions");
    return {};
  }
  if (!load::clean_text(rel, r.bytes, diags)) return {};
  load::Node n = load::parse_yaml(rel, r.bytes, 1, diags);
  sources[rel] = std::move(r.bytes);
  return n;
}

// Schools write the same unit many ways: "Trường TH Tràm Chim 2", "TH Tràm Chim 2",
// "Trường Tiểu học Tràm Chim 2". All of them give "tieu hoc tram chim 2".
std::string unit_key(std::string_view name) {
  static const std::vector<std::pair<std::string, std::string>> kAbbreviations = {
      {"th", "tieu hoc"}, {"thcs", "trung hoc co so"}, {"thpt", "trung hoc pho thong"},
      {"mn", "mam non"},  {"mg", "mau giao"},
  };
  std::string folded = text::fold(name), out;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t end = std::min(folded.find(' ', start), folded.size());
    std::string word = folded.substr(start, end - start);
    start = end + 1;
    if (word.empty() || (out.empty() && word == "truong")) continue;
    for (const auto& [abbr, full] : kAbbreviations)
      if (word == abbr) word = full;
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

std::vector<std::string> names_of(const model::Unit& u) {
  std::vector<std::string> out{u.name};
  if (!u.short_name.empty()) out.push_back(u.short_name);
  for (const model::FormerName& f : u.former_names) out.push_back(f.name);
  return out;
}

}  // namespace

model::Model load_registry(const fs::FileSystem& fs, const std::string& root,
                           diag::SourceMap& sources, diag::Diagnostics& diags) {
  load::SourceTree tree;
  tree.root = root;
  diag::Diagnostics read;
  tree.units = read_data(fs, root, kUnits, true, sources, read);
  tree.awards = read_data(fs, root, kAwards, false, sources, read);
  diags.append(read);
  // The model also wants site.yml, the language files and the rest; only the problems of the
  // two files read here concern an import.
  diag::Diagnostics all;
  model::Model m = model::build_model(tree, all);
  if (read.has_errors()) return m;
  for (const diag::Diagnostic& d : all.all())
    if (d.pos.file == kUnits || d.pos.file == kAwards)
      diags.add(d.severity, d.pos, d.message, d.hint);
  return m;
}

UnitIndex::UnitIndex(const model::Model& m) : model_(m) {
  for (const model::Unit& u : m.units)
    for (const std::string& name : names_of(u)) keys_.emplace_back(unit_key(name), &u);
  std::sort(keys_.begin(), keys_.end());
}

UnitMatch UnitIndex::match(std::string_view cell) const {
  UnitMatch out;
  if (const model::Unit* u = model_.unit(cell)) {
    out.units.push_back(u);
    return out;
  }
  std::string key = unit_key(cell);
  auto range = std::equal_range(keys_.begin(), keys_.end(),
                                std::make_pair(key, static_cast<const model::Unit*>(nullptr)),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto it = range.first; it != range.second; ++it)
    if (std::find(out.units.begin(), out.units.end(), it->second) == out.units.end())
      out.units.push_back(it->second);
  if (!out.units.empty()) {
    std::sort(out.units.begin(), out.units.end(),
              [](const model::Unit* a, const model::Unit* b) { return a->id < b->id; });
    return out;
  }
  std::map<const model::Unit*, std::size_t> best;  // the closest of each unit's names
  for (const auto& [name_key, unit] : keys_) {
    std::size_t d = text::edit_distance(key, name_key);
    auto [it, fresh] = best.emplace(unit, d);
    if (!fresh) it->second = std::min(it->second, d);
  }
  std::vector<std::pair<std::size_t, const model::Unit*>> near;
  for (const auto& [unit, d] : best) near.emplace_back(d, unit);
  std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
  });
  // Far names only when nothing is near: "Vĩnh Thuậnn" suggests Vĩnh Thuận alone.
  std::size_t limit = std::max<std::size_t>(3, text::codepoints(key) / 2);
  if (!near.empty()) limit = std::min(limit, 2 * near.front().first + 1);
  for (const auto& [distance, unit] : near)
    if (distance <= limit && out.closest.size() < 3) out.closest.push_back(unit->name);
  return out;
}

const model::Award* match_award(const model::Model& m, std::string_view cell,
                                std::string* suggestion) {
  if (const model::Award* a = m.award(cell)) return a;
  std::string key = text::fold(cell);
  std::vector<std::string> names;
  for (const model::Award& a : m.awards) {
    if (text::fold(a.name) == key) return &a;
    names.push_back(a.name);
  }
  if (auto near = text::closest(cell, names)) *suggestion = *near;
  return nullptr;
}

}  // namespace vd::import
