// Record readers shared by model/'s files. Internal to model/.
#pragma once

#include <optional>

#include "model/fields.h"
#include "model/model.h"

namespace vd::model {

SiteConfig read_config(const load::Node& n, diag::Diagnostics& diags);
std::optional<Unit> read_unit(const load::Node& n, diag::Diagnostics& diags);
std::optional<Award> read_award(const load::Node& n, diag::Diagnostics& diags);
// Both move the document's body into the record.
std::optional<Campaign> read_campaign(load::Document& doc, diag::Diagnostics& diags);
// A profile with errors in its own fields comes back with valid = false: its references are
// still checked, so one run reports everything.
Profile read_profile(load::Document& doc, PrivateData& priv, diag::Diagnostics& diags);
std::optional<Bulletin> read_bulletin(load::Document& doc, diag::Diagnostics& diags);
void read_page(Fields& f, Page& p, const load::Document& doc, diag::Diagnostics& diags);
void collect_private(const load::Node& n, std::vector<std::string>& out);
// Shared by the checks of validate.cc and bulletin.cc.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         const std::string& where);
void check_unit_ref(const Model& m, const std::string& id, const diag::Position& pos,
                    const char* what, diag::Diagnostics& diags);
// Resolves an award written as an id or as its exact name; returns the id or "".
std::string resolve_award(const Model& m, const std::string& ref);
void report_unknown_award(const Model& m, const std::string& ref, const diag::Position& pos,
                          diag::Diagnostics& diags);
void check_bulletins(Model& m, diag::Diagnostics& diags);
// Cross-record checks: references, applicability, dates.
void validate(Model& m, diag::Diagnostics& diags, int threads);

}  // namespace vd::model
