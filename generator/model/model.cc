#include "model/model.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/fields.h"
#include "model/model_internal.h"

namespace vd::model {

const std::string& Unit::name_at(const std::optional<Date>& when) const {
  if (!when) return name;
  for (const FormerName& f : former_names) {
    bool after_from = !f.from || *f.from <= *when;
    bool before_to = !f.to || *when <= *f.to;
    if (after_from && before_to && (f.from || f.to)) return f.name;
  }
  return name;
}

template <class T>
static const T* find_by_id(const std::vector<T>& v, std::string_view id) {
  auto it = std::lower_bound(v.begin(), v.end(), id,
                             [](const T& x, std::string_view k) { return x.id < k; });
  return it != v.end() && it->id == id ? &*it : nullptr;
}

const Unit* Model::unit(std::string_view id) const {
  return find_by_id(units, id);
}
const Campaign* Model::campaign(std::string_view id) const {
  return find_by_id(campaigns, id);
}
const Award* Model::award(std::string_view id) const {
  for (const Award& a : awards)
    if (a.id == id) return &a;
  return nullptr;
}

namespace {

void read_awards(const load::SourceTree& tree, Model& m, diag::Diagnostics& diags) {
  std::vector<Award> all;
  auto add_list = [&](const load::Node& list, const char* file) {
    if (list.is_null()) return;
    if (!list.is_sequence()) {
      diags.error(list.pos, fmt::format("{} must be a list of awards", file),
                  "start each award with '- id: …'");
      return;
    }
    for (const load::Node& item : list.items) {
      auto a = read_award(item, diags);
      if (!a) continue;
      auto same =
          std::find_if(all.begin(), all.end(), [&](const Award& x) { return x.id == a->id; });
      if (same != all.end())
        *same = std::move(*a);  // a site entry replaces the built-in one
      else
        all.push_back(std::move(*a));
    }
  };
  diag::Diagnostics builtin;
  add_list(load::parse_yaml("(built-in awards)", default_awards_yaml(), 1, builtin),
           "the award catalogue");
  diags.append(builtin);
  add_list(tree.awards, "content/awards.yml");
  std::stable_sort(all.begin(), all.end(), [](const Award& a, const Award& b) {
    if (a.rank != b.rank) return a.rank > b.rank;
    return text::compare_vi(a.name, b.name) < 0;
  });
  m.awards = std::move(all);
}

void read_units(const load::Node& list, Model& m, diag::Diagnostics& diags) {
  if (!list.is_sequence()) {
    if (!list.is_null())
      diags.error(list.pos, "content/units.yml must be a list of units",
                  "start each unit with '- id: …'");
    return;
  }
  for (const load::Node& item : list.items)
    if (auto u = read_unit(item, diags)) m.units.push_back(std::move(*u));
  std::stable_sort(m.units.begin(), m.units.end(),
                   [](const Unit& a, const Unit& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < m.units.size(); ++i)
    if (m.units[i].id == m.units[i - 1].id)
      diags.error(m.units[i].pos, fmt::format("duplicate unit id '{}'", m.units[i].id),
                  "each unit needs its own id");
}

void read_strings(const load::SourceTree& tree, Model& m, diag::Diagnostics& diags) {
  auto it = tree.i18n.find(m.config.language);
  if (it == tree.i18n.end()) {
    diags.error({"site.yml", 1, 1}, fmt::format("no language file for '{}'", m.config.language),
                fmt::format("create i18n/{}.yml or set 'language: vi'", m.config.language));
    return;
  }
  for (const auto& [k, v] : it->second.entries) {
    if (!v.is_scalar()) {
      diags.error(v.pos, fmt::format("UI string '{}' must be text", k.scalar));
      continue;
    }
    m.config.strings[k.scalar] = v.scalar;
  }
}

// The school year a profile belongs to: its field, else its folder, else its first decision.
void settle_school_year(Profile& p, diag::Diagnostics& diags) {
  std::string folder = p.path.substr(0, p.path.rfind('/'));
  folder = folder.substr(folder.rfind('/') + 1);
  if (p.school_year.empty() && text::is_school_year(folder)) p.school_year = folder;
  if (p.school_year.empty()) {
    for (const AwardGrant& a : p.awards)
      if (a.decision.date) {
        p.school_year = text::school_year_of(*a.decision.date);
        break;
      }
  }
  if (p.school_year.empty()) {
    p.valid = false;  // without a year it has no URL: never published (and no follow-up errors)
    diags.error(
        p.pos, "cannot tell which school year this profile belongs to",
        "put the file in a folder named after the school year (content/profiles/2023-2024/) "
        "or add 'school_year: 2023-2024'");
  }
}

}  // namespace

namespace {
bool is_draft(const load::Document& d) {
  const load::Node* draft = d.ok ? d.front.find("draft") : nullptr;
  return draft && draft->is_scalar() && draft->scalar == "true";
}
// Version-control dates, passed in by the caller, go onto the records they belong to.
void attach_history(const load::History& history, Model& m) {
  if (history.empty()) return;
  auto find = [&](Page& p) {
    auto it = history.find(p.path);
    if (it != history.end()) p.history = it->second;
  };
  for (Campaign& c : m.campaigns) find(c);
  for (Profile& p : m.profiles) find(p);
}
}  // namespace

ProfileRecord read_profile_record(load::Document& doc) {
  ProfileRecord r;
  r.draft = is_draft(doc);
  r.private_data.profile_path = doc.path;
  r.profile = read_profile(doc, r.private_data, r.diags);
  settle_school_year(r.profile, r.diags);
  return r;
}

Model build_model(load::SourceTree& tree, diag::Diagnostics& all_diags, bool drafts_published) {
  std::vector<ProfileRecord> records;
  records.reserve(tree.profiles.size());
  for (load::Document& d : tree.profiles)
    if (d.ok) records.push_back(read_profile_record(d));
  return build_model(tree, std::move(records), all_diags, drafts_published);
}

Model build_model(load::SourceTree& tree, std::vector<ProfileRecord> profiles,
                  diag::Diagnostics& all_diags, bool drafts_published, int threads) {
  diag::Diagnostics diags;
  Model m;
  m.config = read_config(tree.site, diags);
  read_strings(tree, m, diags);
  read_awards(tree, m, diags);
  read_units(tree.units, m, diags);
  std::vector<std::string> drafts;
  for (load::Document& d : tree.campaigns) {
    if (!d.ok) continue;
    if (is_draft(d)) drafts.push_back(d.path);
    if (auto c = read_campaign(d, diags)) m.campaigns.push_back(std::move(*c));
  }
  std::stable_sort(m.campaigns.begin(), m.campaigns.end(),
                   [](const Campaign& a, const Campaign& b) { return a.id < b.id; });
  m.profiles.reserve(profiles.size());
  for (ProfileRecord& r : profiles) {
    diags.append(r.diags);
    if (r.draft) drafts.push_back(r.profile.path);
    m.profiles.push_back(std::move(r.profile));
    if (!r.private_data.values.empty()) m.private_data.push_back(std::move(r.private_data));
  }
  for (load::Document& d : tree.bulletins) {
    if (!d.ok) continue;
    if (is_draft(d)) drafts.push_back(d.path);
    if (auto b = read_bulletin(d, diags)) m.bulletins.push_back(std::move(*b));
  }
  std::stable_sort(m.bulletins.begin(), m.bulletins.end(),
                   [](const Bulletin& a, const Bulletin& b) { return a.id < b.id; });
  for (const Profile& p : m.profiles)
    if (!p.photo.empty() && !tree.images.count(p.photo))
      diags.error(p.photo_pos, fmt::format("photo '{}' not found", p.photo),
                  "put the image in content/images/ and write its name relative to that folder");
  attach_history(tree.history, m);
  validate(m, diags, threads);
  if (!drafts_published) diags.downgrade_errors_in(drafts);
  all_diags.append(diags);
  return m;
}

}  // namespace vd::model
