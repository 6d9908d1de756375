// Internal to publish/: the previous edition, changelogs, editions JSON, small helpers.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "publish/publish.h"
#include "site/site.h"

namespace vd::publish {

inline constexpr const char* kSourceTrailer = "Source-Commit: ";

// The calendar date of a day count since 1970-01-01.
text::Date civil_date(std::int64_t days);
// The publication branch named in site.yml (publication: {branch: …}), "portal" by default.
std::string branch_of(const std::string& site_yml);
// The source commit recorded in a publication commit's message, or "".
std::string source_of(const std::string& message);
// Editions carried in /editions/index.json; false when the text is not such a file.
bool parse_editions(const std::string& text, std::vector<site::Edition>& out);

// The tip of the publication branch and what it published.
struct Previous {
  std::string commit;                        // "" when nothing was published yet
  std::string source;                        // its source commit
  std::map<std::string, std::string> files;  // output path → blob id
  std::vector<site::Edition> editions;
};
diag::Status read_previous(const git::Repository& repo, const std::string& ref, Previous& out);

// What the new edition changes compared with the previous one; `changed` are the site files
// (relative to the site folder) that differ from the previous edition's source.
std::vector<site::EditionChange> changes(const site::Site& s, const Previous& prev,
                                         const std::set<std::string>& changed);
// Pages of the previous edition missing from the new site are errors (URLs never change), unless
// covered by an alias or a withdrawal, which keep the URL; page-number and tag pages may go.
void check_vanished(const site::Site& s, const Previous& prev, diag::Diagnostics& diags);
// A bulletin as its page names it: document type, number and title.
std::string bulletin_title(const model::Bulletin& b);
// The commit message: a readable changelog and the trailers.
std::string commit_message(const site::Edition& e);

}  // namespace vd::publish
