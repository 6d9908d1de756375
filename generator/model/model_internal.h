// Record readers shared by model/'s files. Internal to model/.
#pragma once

#include <optional>

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
void collect_private(const load::Node& n, std::vector<std::string>& out);
// Cross-record checks: references, applicability, dates.
void validate(Model& m, diag::Diagnostics& diags);

}  // namespace vd::model
