// import: nomination lists ("DANH SÁCH kèm theo Tờ trình", exported from a spreadsheet as CSV)
// → one profile file per row, in the format `vinhdanh new profile` writes.
// In: a FileSystem, the CSV path, the site folder (units registry, award catalogue, campaigns).
// Out: a Plan (files to create, existing files left alone, diagnostics naming CSV line:column);
// apply() writes it, and only when no row has an error (all or nothing).
// Never overwrites a file; never publishes: every profile has `consent: false` and `draft: true`,
// and phone and e-mail go under `private:`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "fs/fs.h"

namespace vd::import {

struct Options {
  std::string csv;           // path of the list, read through the file system as given
  std::string source = ".";  // the site folder (holding site.yml)
  std::string campaign;      // a campaign id (content/campaigns/<id>.md)
  std::string school_year;   // "2023-2024": the folder the profiles go to
  std::string award;         // award id or name for rows without an award cell (optional)
  std::string encoding;      // ICU converter name; empty: detect (BOM, UTF-8, windows-1258)
};

// The fields of a profile file. Empty strings and nullopt leave the archetype's blanks.
struct ProfileFields {
  std::string name, kind = "individual", unit, position, summary, phone, email;
  std::string award = "lao-dong-tien-tien";
  std::optional<int> teaching_years;
  std::vector<std::string> campaigns;
};

// The text of a profile file. With only `name` set it is the archetype of `vinhdanh new profile`.
std::string profile_text(const ProfileFields& f);

struct NewProfile {
  std::string path;  // relative to the site folder: content/profiles/<school-year>/<slug>.md
  std::string bytes;
  std::string name, unit;  // for listing
  int line = 0;            // the CSV line of its row
};

struct Plan {
  diag::Status status;  // a system failure (unreadable list, unknown encoding name)
  diag::Diagnostics diags;
  diag::SourceMap sources;         // the decoded CSV and any existing profile it was compared with
  std::vector<NewProfile> create;  // in CSV order
  std::vector<std::string> existing;  // profiles already there (left alone), in CSV order
  std::string encoding;               // as detected
  char separator = ',';
  int rows = 0;  // data rows read (blank rows not counted)
};

Plan plan_import(const fs::FileSystem& fs, const Options& opts);

// Writes every planned file below opts.source. Writes nothing when the plan has errors; if a write
// fails, the files already written by this call are removed again.
diag::Status apply(fs::FileSystem& fs, const Plan& plan, const std::string& source);

// What the plan does, one line per file: "would create <path>  <name> (<unit>)" with dry_run,
// "created …" without; then "left alone" lines for existing files.
std::string describe(const Plan& plan, bool dry_run);

}  // namespace vd::import
