// model: typed, validated records built from the load stage's value trees.
// In: load::SourceTree. Out: Model (site config, units, awards, campaigns, profiles) + diagnostics
// for unknown keys ("did you mean"), wrong types, missing fields and broken references.
// A bad record is reported and skipped; the rest goes on. Never touches disk.
// Private data (a profile's `private:` block) is kept apart in PrivateData, never in Profile.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "load/load.h"
#include "text/text.h"

namespace vd::model {

using text::Date;

struct Issuer {
  std::string name, parent, place;
};

struct SiteConfig {
  std::string title, description, base_url, language = "vi", portal, current_school_year;
  Issuer issuer;
  int paginate = 20;
  bool allow_html = false;
  bool social_cards = true;  // a drawn Open Graph picture for each profile without a photo
  std::string publication_branch = "portal";
  std::map<std::string, std::string> strings;  // UI strings of the site's language
};

struct FormerName {
  std::string name;
  std::optional<Date> from, to;
};

struct Unit {
  std::string id, name, short_name, kind, parent, address, website, successor;
  std::optional<Date> dissolved;
  std::vector<FormerName> former_names;
  std::map<std::string, int> staff;  // school year → staff count
  diag::Position pos, parent_pos, successor_pos;
  // The name in force on `when` (the current name when no former name covers it).
  const std::string& name_at(const std::optional<Date>& when) const;
};

enum class Kind { kIndividual, kCollective };

struct Award {
  std::string id, name, type, level, granted_by, standard, legal_basis;
  bool individual = false, collective = false;
  int rank = 0;
  bool applies_to(Kind k) const { return k == Kind::kIndividual ? individual : collective; }
};

struct Decision {
  std::string number, issuer;
  std::optional<Date> date;
};

struct AwardGrant {
  std::string award;  // award id (resolved from id or name)
  Decision decision;
  diag::Position pos;
};

struct Initiative {
  std::string title, school_year, scope, summary;
  std::optional<Decision> decision;
};

// Fields shared by everything with front matter and a Markdown body.
struct Page {
  std::string path;  // source file, relative to the site root
  std::string body;  // Markdown
  int body_line = 1;
  std::vector<std::string> tags;
  bool draft = false;
  std::optional<Date> publish_date, expiry_date;
  std::vector<std::string> aliases;
  std::vector<diag::Position> alias_pos;     // where each alias was written
  diag::Position pos;                        // the front matter (for problems of the whole file)
  diag::Position slug_pos;                   // where the URL comes from: 'slug:' or the file
  std::optional<load::FileHistory> history;  // created/updated from version control, if known
};

struct Target {
  std::string label, unit;
  double value = 0;
  std::optional<double> reported;
};

struct Milestone {
  Date date;
  std::string label, kind;
};

struct Standard {
  std::string award, text, quota;
  diag::Position pos;
};

struct Signer {
  std::string prefix, position, name;
};

struct ParentRef {
  std::string campaign;                 // a campaign of this site, or
  std::string document, title, issuer;  // an external document
  std::optional<Date> date;
};

struct Campaign : Page {
  std::string id, title, number, doc_type = "KẾ HOẠCH", issuer, place, school_year, theme, scope;
  std::optional<Date> date;
  std::optional<ParentRef> parent;
  std::vector<std::string> basis, subjects;
  std::vector<Target> targets;
  std::vector<Milestone> timeline;
  std::vector<Standard> standards;
  std::optional<Signer> signer;
  diag::Position issuer_pos, parent_pos;
};

struct Profile : Page {
  std::string id;  // file name without .md (or `slug`)
  std::string school_year, name, unit, position, subject, summary, photo;
  Kind kind = Kind::kIndividual;
  std::optional<int> teaching_years;
  std::vector<std::string> campaigns;
  std::vector<diag::Position> campaign_pos;  // where each campaign reference was written
  std::vector<AwardGrant> awards;
  std::vector<Initiative> initiatives;
  bool consent = false;
  // Consent withdrawn (Law 91/2025/QH15): the person disappears from every page, list, feed and the
  // sitemap; the old URL shows a neutral "withdrawn" page without personal data.
  bool withdrawn = false;
  bool valid = true;  // false: its own fields had errors (still cross-checked, never published)
  diag::Position unit_pos, photo_pos;
};

// An announcement (thông báo, bản tin, quyết định …) in the format of Decree 30/2020/NĐ-CP.
// It names its honourees by reference, grouped under award headings; it never repeats their data.
struct BulletinGroup {
  std::string award;                  // award id (resolved from id or name)
  std::string heading;                // optional text shown instead of the award's name
  std::vector<std::string> profiles;  // references as written: "2023-2024/ten-file" or "ten-file"
  std::vector<int> resolved;          // indexes into Model::profiles (-1: unknown)
  std::vector<diag::Position> profile_pos;
  diag::Position pos;
};

struct Bulletin : Page {
  std::string id;    // "<school year>/<file name>" — the URL /thong-bao/<id>/
  std::string stem;  // file name without .md
  std::string doc_type = "THÔNG BÁO", number, issuer, issuer_name, parent_name, place, title,
              campaign, school_year, summary, archive = "VT";
  std::optional<Date> date;
  std::vector<BulletinGroup> groups;
  std::vector<std::string> recipients;
  std::optional<Signer> signer;
  bool attachment = false;
  std::string attachment_title;
  diag::Position pos, number_pos, date_pos, campaign_pos, issuer_pos;
};

// Values under a profile's `private:` block. Only the privacy scan may look at them.
struct PrivateData {
  std::string profile_path;
  std::vector<std::string> values;
};

struct Model {
  SiteConfig config;
  std::vector<Unit> units;          // sorted by id
  std::vector<Award> awards;        // catalogue order (rank, then name)
  std::vector<Campaign> campaigns;  // sorted by id
  std::vector<Profile> profiles;    // sorted by source path
  std::vector<Bulletin> bulletins;  // sorted by id
  std::vector<PrivateData> private_data;

  const Unit* unit(std::string_view id) const;
  const Award* award(std::string_view id) const;
  const Campaign* campaign(std::string_view id) const;
};

// The built-in award catalogue text (Law 06/2022/QH15, Decree 98/2023/NĐ-CP).
std::string_view default_awards_yaml();

// With drafts_published false, problems in draft profiles and campaigns are warnings: a draft is
// not published, so it must not block the build.
// The documents' Markdown bodies are moved out of `tree` into the records (no second copy).
Model build_model(load::SourceTree& tree, diag::Diagnostics& diags, bool drafts_published = false);

// The rule of a one-line text field ('name', 'summary', …): no "{{" (content is never a template)
// and no HTML tag ('<' followed by a letter, '/', '!' or '?'). Reports the first problem at its
// position from `start` (returns false). Importers check their cells with it.
bool check_plain_text(std::string_view text, const diag::Position& start, diag::Diagnostics& diags);

// For incremental builds (serve), which read profile files one at a time and keep the records
// between builds: everything the model learns from one profile file on its own.
struct ProfileRecord {
  Profile profile;
  PrivateData private_data;  // values empty when the file has no private: block
  diag::Diagnostics diags;   // problems of this file alone (cross-checks come later)
  bool draft = false;        // the front matter says draft: true
};
// Reads one parsed profile (moves its body into the record).
ProfileRecord read_profile_record(load::Document& doc);
// Checks one profile's references against m's units, awards and campaigns, as build_model does
// for each profile (award names become ids).
void validate_profile(const Model& m, Profile& p, diag::Diagnostics& diags);
// build_model with the profiles given as records instead of tree.profiles (which is ignored);
// the profiles' cross-checks run on `threads` threads (0: one per core).
Model build_model(load::SourceTree& tree, std::vector<ProfileRecord> profiles,
                  diag::Diagnostics& diags, bool drafts_published = false, int threads = 0);

}  // namespace vd::model
