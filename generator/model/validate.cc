// Cross-record checks: every reference resolves, every award fits its recipient.
#include <fmt/format.h>

#include <algorithm>

#include "model/model_internal.h"
#include "parallel/parallel.h"

namespace vd::model {

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         const std::string& where) {
  if (auto best = text::closest(word, candidates))
    return fmt::format("did you mean '{}'? ({})", *best, where);
  return where;
}

namespace {
std::vector<std::string> unit_ids(const Model& m) {
  std::vector<std::string> v;
  for (const Unit& u : m.units) v.push_back(u.id);
  return v;
}

}  // namespace

void check_unit_ref(const Model& m, const std::string& id, const diag::Position& pos,
                    const char* what, diag::Diagnostics& diags) {
  if (id.empty() || m.unit(id)) return;
  diags.error(pos, fmt::format("unknown {} '{}'", what, id),
              did_you_mean(id, unit_ids(m), "units are listed in content/units.yml"));
}

// Resolves an award written as an id or as its exact name; returns the id or "".
std::string resolve_award(const Model& m, const std::string& ref) {
  for (const Award& a : m.awards)
    if (a.id == ref || a.name == ref) return a.id;
  return {};
}

void report_unknown_award(const Model& m, const std::string& ref, const diag::Position& pos,
                          diag::Diagnostics& diags) {
  std::vector<std::string> names;
  for (const Award& a : m.awards) names.push_back(a.name);
  for (const Award& a : m.awards) names.push_back(a.id);
  diags.error(
      pos, fmt::format("unknown award '{}'", ref),
      did_you_mean(ref, names,
                   "awards are listed in content/awards.yml and on the award catalogue page"));
}

namespace {

void check_profile(const Model& m, Profile& p, diag::Diagnostics& diags) {
  check_unit_ref(m, p.unit, p.unit_pos, "unit", diags);
  for (std::size_t i = 0; i < p.campaigns.size(); ++i) {
    const std::string& c = p.campaigns[i];
    if (m.campaign(c)) continue;
    std::vector<std::string> campaign_ids;  // only for the suggestion
    for (const Campaign& known : m.campaigns) campaign_ids.push_back(known.id);
    diags.error(i < p.campaign_pos.size() ? p.campaign_pos[i] : p.pos,
                fmt::format("unknown campaign '{}'", c),
                did_you_mean(c, campaign_ids, "campaigns are the files in content/campaigns/"));
  }
  for (AwardGrant& g : p.awards) {
    std::string id = resolve_award(m, g.award);
    if (id.empty()) {
      report_unknown_award(m, g.award, g.pos, diags);
      continue;
    }
    g.award = id;
    const Award* a = m.award(id);
    if (!a->applies_to(p.kind)) {
      bool ind = p.kind == Kind::kIndividual;
      diags.error(
          g.pos,
          fmt::format("'{}' is awarded to {} only, but this profile is {}", a->name,
                      ind ? "collectives" : "individuals", ind ? "an individual" : "a collective"),
          ind ? "choose an award for individuals, or set 'kind: collective'"
              : "choose an award for collectives, or set 'kind: individual'");
    }
  }
}

void check_campaign(const Model& m, Campaign& c, diag::Diagnostics& diags) {
  const diag::Position& at = c.parent_pos;
  check_unit_ref(m, c.issuer, c.issuer_pos, "issuing unit", diags);
  if (c.parent && !c.parent->campaign.empty() && !m.campaign(c.parent->campaign))
    diags.error(
        at, fmt::format("unknown parent campaign '{}'", c.parent->campaign),
        "name a file of content/campaigns/ (without .md), or use 'document:' for an outside plan");
  if (c.parent && c.parent->campaign == c.id)
    diags.error(at, "a campaign cannot be its own parent",
                "remove 'parent' or name another campaign");
  for (Standard& s : c.standards) {
    std::string id = resolve_award(m, s.award);
    if (id.empty())
      report_unknown_award(m, s.award, s.pos, diags);
    else
      s.award = id;
  }
}

void check_unit(const Model& m, const Unit& u, diag::Diagnostics& diags) {
  check_unit_ref(m, u.parent, u.parent_pos, "parent unit", diags);
  check_unit_ref(m, u.successor, u.successor_pos, "successor unit", diags);
  if (u.successor == u.id && !u.id.empty())
    diags.error(u.pos, fmt::format("unit '{}' cannot be its own successor", u.id));
}

}  // namespace

void validate_profile(const Model& m, Profile& p, diag::Diagnostics& diags) {
  check_profile(m, p, diags);
}

void validate(Model& m, diag::Diagnostics& diags, int threads) {
  for (const Unit& u : m.units) check_unit(m, u, diags);
  for (Campaign& c : m.campaigns) check_campaign(m, c, diags);
  // Each profile on any core (it reads the catalogues and changes only itself); its problems are
  // added in profile order, as one thread would.
  std::vector<diag::Diagnostics> found(m.profiles.size());
  parallel::parallel_for(
      m.profiles.size(), threads, [&](std::size_t i) { check_profile(m, m.profiles[i], found[i]); },
      256);
  for (diag::Diagnostics& d : found) diags.append(d);
  check_bulletins(m, diags);
}

}  // namespace vd::model
