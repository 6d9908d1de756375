// The parts of import/ that its tests look at one by one: the CSV reader, the header names, the
// cell readers, the YAML writer and the matching of units and awards. Not for other modules.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"
#include "import/import.h"
#include "model/model.h"

namespace vd::import {

// ---- CSV (csv.cc) -------------------------------------------------------------------------------

struct Cell {
  std::string value;  // unquoted; a quoted field keeps its newlines
  int line = 0;       // where the field starts: 1-based line and code-point column
  int column = 0;
};

struct Record {
  int line = 0;
  std::vector<Cell> cells;
};

// Turns CRLF and lone CR into LF, so lines are counted the way diagnostics print them.
std::string normalise_newlines(std::string_view text);
// ',' ';' or '\t': the one that splits the first records into the most consistent number of
// fields (spreadsheets write every row with the same number of separators).
char sniff_separator(std::string_view text);
// RFC 4180: fields in "…" may hold the separator, newlines and "" for a quote. Text must use LF.
// A quote that is never closed or text after a closing quote is an error at its line:column.
std::vector<Record> parse_csv(std::string_view text, char separator, const std::string& file,
                              diag::Diagnostics& diags);

// ---- Columns and cells (columns.cc) -------------------------------------------------------------

enum class Column {
  kNone,  // an empty header
  kUnknown,
  kNumber,  // TT / STT: ignored
  kName,
  kUnit,
  kYears,
  kSummary,
  kPhone,
  kEmail,
  kContact,  // "Số điện thoại, email" in one cell
  kPosition,
  kAward,
};

// Maps a header, whatever its case, accents, spacing and punctuation, in Vietnamese or English.
Column column_of_header(std::string_view header);
// The Vietnamese header of a column, for messages ("Họ và tên").
const char* column_title(Column c);
// Trims and turns every run of white space (newlines included) into one space.
std::string squeeze(std::string_view s);
// "12", "12 năm" → 12; nullopt for anything else.
std::optional<int> parse_years(std::string_view cell);

struct Contact {
  std::string phone, email;
};
// "ĐT: 0912 345 678  Email: a@b.vn" → {"0912 345 678", "a@b.vn"}.
Contact split_contact(std::string_view cell);

// ---- Profile files (profile_file.cc) ------------------------------------------------------------

// A YAML scalar: plain when that reads back as the same string, else double-quoted.
std::string yaml_scalar(std::string_view s);
std::string yaml_quoted(std::string_view s);

// ---- Registry (registry.cc) ---------------------------------------------------------------------

// Units and the award catalogue of the site; problems in content/units.yml or awards.yml are
// added to diags.
model::Model load_registry(const fs::FileSystem& fs, const std::string& root,
                           diag::SourceMap& sources, diag::Diagnostics& diags);

struct UnitMatch {
  std::vector<const model::Unit*> units;  // one: found; several: ambiguous; none: unknown
  std::vector<std::string> closest;       // when none: up to three names, closest first
};
// Finds units by id, name, short name or a former name, ignoring case, accents, punctuation, a
// leading "Trường" and the abbreviations TH, THCS, THPT, MN, MG. Keys are computed once; edit
// distances only for a name that matches nothing.
class UnitIndex {
 public:
  explicit UnitIndex(const model::Model& m);
  UnitMatch match(std::string_view cell) const;

 private:
  const model::Model& model_;
  std::vector<std::pair<std::string, const model::Unit*>> keys_;  // sorted by key
};

// An award by id or by name (ignoring case and accents); else nullptr and *suggestion is set.
const model::Award* match_award(const model::Model& m, std::string_view cell,
                                std::string* suggestion);

// ---- Existing files (plan.cc) -------------------------------------------------------------------

// How an existing profile file differs from the list's row, field by field ("teaching_years (the
// file: 12, the list: 14)"). Values under `private:` and the summary are named, not shown.
std::vector<std::string> differences(std::string existing_bytes, const std::string& path,
                                     const ProfileFields& f, const model::Award& award);

struct PathChoice {
  std::string path;                    // relative to the site folder
  bool existing = false;               // the person's own file is already there
  std::vector<std::string> namesakes;  // files skipped: the same name in another unit
};
// The file of a person: the first of <dir>/<slug>.md, <slug>-2.md … that is theirs (same name,
// ignoring case and accents, and same unit; or a file that cannot be read, to be safe) or free.
// Paths in `planned` belong to other rows of the list.
PathChoice choose_path(const fs::FileSystem& fs, const std::string& source, const std::string& dir,
                       const std::string& slug, const ProfileFields& f,
                       const std::set<std::string>& planned);

}  // namespace vd::import
