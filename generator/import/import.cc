// From a nomination list to the profile files it asks for: header, rows, checks, the plan.
#include "import/import.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "import/import_internal.h"
#include "load/load.h"
#include "text/text.h"

namespace vd::import {

namespace {

constexpr const char* kColumnsHint =
    "the list needs the columns 'Họ và tên', 'Đơn vị công tác' and 'Tóm tắt thành tích' "
    "(also read: TT, Thâm niên giảng dạy, Số điện thoại, Email, Chức vụ, Danh hiệu; or their "
    "English names: Full name, Unit, Achievements, Years of teaching, Phone, Email, Position, "
    "Award)";

// One data row, its cells found by column.
struct Row {
  const Record* record = nullptr;
  const std::vector<Column>* columns = nullptr;
  std::map<Column, const Cell*> cells;  // the non-blank ones
  std::string get(Column c) const {
    auto it = cells.find(c);
    return it == cells.end() ? std::string() : squeeze(it->second->value);
  }
  std::string raw(Column c) const {
    auto it = cells.find(c);
    return it == cells.end() ? std::string() : it->second->value;
  }
  // Where the row's cell of column c starts (blank or not); the row's line when it has none.
  diag::Position at(const std::string& file, Column c) const {
    for (std::size_t i = 0; i < record->cells.size() && i < columns->size(); ++i)
      if ((*columns)[i] == c) return {file, record->cells[i].line, record->cells[i].column};
    return {file, record->line, 0};
  }
};

class Importer {
 public:
  Importer(const fs::FileSystem& fs, const Options& opts, Plan& plan)
      : fs_(fs), opts_(opts), plan_(plan), file_(opts.csv) {}

  void run() {
    registry_ = load_registry(fs_, opts_.source, plan_.sources, plan_.diags);
    units_ = std::make_unique<UnitIndex>(registry_);
    check_options();
    std::string text;
    if (!read_list(text)) return;
    // Excel writes and honours a first line "sep=;"; keep its newline so line numbers stay.
    if (text.rfind("sep=", 0) == 0 && text.size() > 5 && text[5] == '\n') {
      plan_.separator = text[4];
      text.erase(0, 5);
    } else {
      plan_.separator = sniff_separator(text);
    }
    std::vector<Record> records = parse_csv(text, plan_.separator, file_, plan_.diags);
    std::size_t header = find_header(records);
    if (header == records.size()) {
      plan_.diags.error({file_, records.empty() ? 0 : 1, 0},
                        "no header row with the columns of a nomination list", kColumnsHint);
      return;
    }
    if (!map_columns(records[header])) return;
    for (std::size_t i = header + 1; i < records.size(); ++i) row(records[i]);
  }

 private:
  void check_options() {
    diag::Position here{file_, 0, 0};
    if (!text::is_school_year(opts_.school_year))
      plan_.diags.error(here, fmt::format("'{}' is not a school year", opts_.school_year),
                        "write --school-year like 2023-2024 (the second year follows the first)");
    std::vector<std::string> campaigns;
    for (const std::string& f : fs_.list(fs::join(opts_.source, "content/campaigns")))
      if (f.size() > 3 && f.compare(f.size() - 3, 3, ".md") == 0 &&
          f.find('/') == std::string::npos)
        campaigns.push_back(f.substr(0, f.size() - 3));
    if (std::find(campaigns.begin(), campaigns.end(), opts_.campaign) == campaigns.end()) {
      auto near = text::closest(opts_.campaign, campaigns);
      plan_.diags.error(here, fmt::format("unknown campaign '{}'", opts_.campaign),
                        near ? fmt::format("did you mean '{}'? (campaigns are the files in "
                                           "content/campaigns/)",
                                           *near)
                             : "--campaign takes the name of a file in content/campaigns/ "
                               "without .md");
    }
    if (!opts_.award.empty()) {
      std::string near;
      default_award_ = match_award(registry_, opts_.award, &near);
      if (!default_award_)
        plan_.diags.error(here, fmt::format("unknown award '{}' (--award)", opts_.award),
                          award_hint(near));
    }
  }

  static std::string award_hint(const std::string& near) {
    std::string tail = "awards are listed in content/awards.yml and on the award catalogue page";
    return near.empty() ? tail : fmt::format("did you mean '{}'? ({})", near, tail);
  }

  bool read_list(std::string& text) {
    fs::ReadResult r = fs_.read(file_);
    if (!r.status) {
      plan_.status = r.status;
      return false;
    }
    text::Decoded d = text::decode_to_utf8(r.bytes, opts_.encoding);
    plan_.encoding = d.encoding;
    if (d.unknown_encoding) {
      plan_.status = diag::Status::failure(fmt::format(
          "unknown encoding '{}' (try UTF-8, UTF-16LE or windows-1258)", opts_.encoding));
      return false;
    }
    if (d.bad_offset) {
      std::string_view before = std::string_view(r.bytes).substr(0, *d.bad_offset);
      int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
      plan_.diags.error({file_, line, 0},
                        fmt::format("byte {} cannot be read as {}", *d.bad_offset, d.encoding),
                        "save the list as \"CSV UTF-8\" in the spreadsheet program");
      return false;
    }
    if (std::size_t nul = d.text.find('\0'); nul != std::string::npos) {
      int line = 1 + static_cast<int>(std::count(d.text.begin(), d.text.begin() + nul, '\n'));
      plan_.diags.error({file_, line, 0}, "the list contains NUL characters",
                        "it may be UTF-16 without a byte-order mark: pass --encoding UTF-16LE, or "
                        "save the list as \"CSV UTF-8\" in the spreadsheet program");
      return false;
    }
    text = normalise_newlines(d.text);
    plan_.sources[file_] = text;
    return true;
  }

  // The first record naming at least two known columns, the name among them (title lines such
  // as "DANH SÁCH" may come before it).
  std::size_t find_header(const std::vector<Record>& records) const {
    for (std::size_t i = 0; i < records.size(); ++i) {
      int known = 0;
      bool name = false;
      for (const Cell& c : records[i].cells) {
        Column col = column_of_header(c.value);
        known += col != Column::kNone && col != Column::kUnknown;
        name |= col == Column::kName;
      }
      if (known >= 2 && name) return i;
    }
    return records.size();
  }

  bool map_columns(const Record& header) {
    bool ok = true;
    std::map<Column, const Cell*> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      const Cell& c = header.cells[i];
      Column col = column_of_header(c.value);
      columns_.push_back(col);
      if (col == Column::kUnknown) {
        plan_.diags.warning(
            {file_, c.line, c.column},
            fmt::format("unknown column '{}': its cells are not imported", squeeze(c.value)),
            kColumnsHint);
      } else if (col != Column::kNone && !seen.emplace(col, &c).second) {
        plan_.diags.error({file_, c.line, c.column},
                          fmt::format("a second '{}' column", column_title(col)),
                          "keep one column for each field");
        ok = false;
      }
    }
    for (Column need : {Column::kName, Column::kUnit, Column::kSummary})
      if (!seen.count(need)) {
        plan_.diags.error({file_, header.line, 0},
                          fmt::format("no '{}' column", column_title(need)), kColumnsHint);
        ok = false;
      }
    if (!seen.count(Column::kAward) && opts_.award.empty()) {
      plan_.diags.error({file_, header.line, 0}, "no award: the list has no 'Danh hiệu' column",
                        "pass the award every row is proposed for with --award, e.g. "
                        "--award lao-dong-tien-tien");
      ok = false;
    }
    return ok;
  }

  void row(const Record& record) {
    Row r{&record, &columns_, {}};
    bool blank = true;
    for (std::size_t i = 0; i < record.cells.size(); ++i) {
      const Cell& c = record.cells[i];
      if (squeeze(c.value).empty()) continue;
      blank = false;
      if (i >= columns_.size()) {
        plan_.diags.warning({file_, c.line, c.column},
                            "a cell to the right of the last column is not imported",
                            "give the column a header, or move the text into a known column");
      } else if (columns_[i] == Column::kNone) {
        plan_.diags.warning({file_, c.line, c.column},
                            "a cell in a column without a header is not imported",
                            "give the column a header");
      } else {
        r.cells[columns_[i]] = &c;
      }
    }
    if (blank) return;
    ++plan_.rows;
    if (r.get(Column::kName).empty() && r.get(Column::kUnit).empty()) {
      plan_.diags.warning({file_, record.line, 0}, "a row without a name or unit is skipped",
                          "lines such as signatures or notes below the list are fine to skip");
      return;
    }
    profile(r);
  }

  void profile(const Row& r) {
    ProfileFields f;
    f.name = r.get(Column::kName);
    bool ok = !f.name.empty();
    if (!ok)
      plan_.diags.error(r.at(file_, Column::kName), "no name in this row", "fill in 'Họ và tên'");
    std::optional<std::string> unit = unit_of(r);
    ok &= unit.has_value();
    f.unit = unit.value_or("");
    f.summary = r.get(Column::kSummary);
    if (f.summary.empty()) {
      plan_.diags.error(r.at(file_, Column::kSummary), "no achievement summary in this row",
                        "fill in 'Tóm tắt thành tích' (one paragraph)");
      ok = false;
    }
    ok &= years_of(r, f);
    f.position = r.get(Column::kPosition);
    Contact contact = split_contact(r.raw(Column::kContact));
    f.phone = r.get(Column::kPhone).empty() ? contact.phone : r.get(Column::kPhone);
    f.email = r.get(Column::kEmail).empty() ? contact.email : r.get(Column::kEmail);
    const model::Award* award = award_of(r);
    if (award) {
      f.award = award->id;
      f.kind = award->applies_to(model::Kind::kIndividual) ? "individual" : "collective";
    }
    f.campaigns = {opts_.campaign};
    // The same rule as for a profile's fields: no '{{', no HTML (the file would not build).
    for (auto [column, value] : {std::pair{Column::kName, &f.name},
                                 {Column::kSummary, &f.summary},
                                 {Column::kPosition, &f.position}})
      ok &= model::check_plain_text(*value, r.at(file_, column), plan_.diags);
    if (!ok || !award || !unique_person(f, r)) return;
    std::optional<PathChoice> path = path_for(f, r);
    if (!path) return;
    if (path->existing)
      existing(path->path, f, *award, r);
    else
      plan_.create.push_back({path->path, profile_text(f), f.name, f.unit, r.record->line});
  }

  bool years_of(const Row& r, ProfileFields& f) {
    std::string cell = r.get(Column::kYears);
    if (cell.empty()) return true;
    f.teaching_years = parse_years(cell);
    if (f.teaching_years && *f.teaching_years <= 60) return true;
    plan_.diags.error(r.at(file_, Column::kYears),
                      fmt::format("teaching years '{}' is not a whole number from 0 to 60", cell),
                      "write the number of years only, e.g. 12");
    return false;
  }

  std::optional<std::string> unit_of(const Row& r) {
    std::string cell = r.get(Column::kUnit);
    diag::Position at = r.at(file_, Column::kUnit);
    if (cell.empty()) {
      plan_.diags.error(at, "no unit in this row", "fill in 'Đơn vị công tác'");
      return std::nullopt;
    }
    UnitMatch m = units_->match(cell);
    if (m.units.size() == 1) return m.units.front()->id;
    std::string names;
    for (const model::Unit* u : m.units)
      names += fmt::format("{}'{}' ({})", names.empty() ? "" : ", ", u->name, u->id);
    if (!m.units.empty()) {
      plan_.diags.error(at, fmt::format("unit '{}' is ambiguous: it matches {}", cell, names),
                        "write the unit's id from content/units.yml instead");
      return std::nullopt;
    }
    for (std::size_t i = 0; i < m.closest.size(); ++i)
      names += fmt::format("{}'{}'",
                           i == 0                      ? ""
                           : i + 1 == m.closest.size() ? " or "
                                                       : ", ",
                           m.closest[i]);
    std::string tail =
        "units are listed in content/units.yml; add a missing one with `vinhdanh new unit`";
    plan_.diags.error(at, fmt::format("unknown unit '{}'", cell),
                      names.empty() ? tail : fmt::format("did you mean {}? ({})", names, tail));
    return std::nullopt;
  }

  const model::Award* award_of(const Row& r) {
    std::string cell = r.get(Column::kAward);
    if (cell.empty() && opts_.award.empty()) {
      plan_.diags.error(r.at(file_, Column::kAward), "no award in this row",
                        "fill in 'Danh hiệu', or pass --award for the rows without one");
      return nullptr;
    }
    if (cell.empty()) return default_award_;  // null: --award is unknown, reported once
    std::string near;
    const model::Award* a = match_award(registry_, cell, &near);
    if (!a)
      plan_.diags.error(r.at(file_, Column::kAward), fmt::format("unknown award '{}'", cell),
                        award_hint(near));
    return a;
  }

  // The same person (name and unit) twice in one list.
  bool unique_person(const ProfileFields& f, const Row& r) {
    auto [it, fresh] = people_.emplace(text::fold(f.name) + "|" + f.unit, r.record->line);
    if (fresh) return true;
    plan_.diags.error(
        r.at(file_, Column::kName),
        fmt::format("'{}' ({}) is listed twice: also on line {}", f.name, f.unit, it->second),
        "remove one of the two rows, or merge them into one");
    return false;
  }

  // content/profiles/<year>/<slug>.md; namesakes get -2, -3 as with `new profile`.
  std::optional<PathChoice> path_for(const ProfileFields& f, const Row& r) {
    std::string slug = text::slugify(f.name);
    if (slug.empty()) {
      plan_.diags.error(r.at(file_, Column::kName),
                        fmt::format("the name '{}' gives an empty file name", f.name),
                        "write the name with letters");
      return std::nullopt;
    }
    PathChoice c =
        choose_path(fs_, opts_.source, "content/profiles/" + opts_.school_year, slug, f, paths_);
    paths_.insert(c.path);
    if (!c.existing && !c.namesakes.empty()) {
      std::string list;
      for (const std::string& n : c.namesakes) list += (list.empty() ? "" : ", ") + n;
      plan_.diags.note(
          r.at(file_, Column::kName),
          fmt::format("a namesake in another unit already has {}; this row gets {}", list, c.path));
    }
    return c;
  }

  void existing(const std::string& path, const ProfileFields& f, const model::Award& award,
                const Row& r) {
    plan_.existing.push_back(path);
    fs::ReadResult file = fs_.read(fs::join(opts_.source, path));
    std::vector<std::string> diffs = differences(file.bytes, path, f, award);
    std::string list;
    for (const std::string& d : diffs) list += (list.empty() ? "" : "; ") + d;
    if (diffs.empty())
      plan_.diags.note(r.at(file_, Column::kName),
                       fmt::format("{} already exists and agrees with the list; left alone", path));
    else
      plan_.diags.warning(r.at(file_, Column::kName),
                          fmt::format("{} already exists and is left alone", path),
                          fmt::format("it differs from the list in {}; edit it by hand if the "
                                      "list is right",
                                      list));
  }

  const fs::FileSystem& fs_;
  const Options& opts_;
  Plan& plan_;
  std::string file_;
  model::Model registry_;
  std::unique_ptr<UnitIndex> units_;
  const model::Award* default_award_ = nullptr;
  std::vector<Column> columns_;
  std::map<std::string, int> people_;  // folded name + unit → CSV line
  std::set<std::string> paths_;        // planned paths
};

}  // namespace

Plan plan_import(const fs::FileSystem& fs, const Options& opts) {
  Plan plan;
  Importer(fs, opts, plan).run();
  return plan;
}

}  // namespace vd::import
