// Embeddable honour rolls: what a school pastes into its own website. Internal to render/.
// In: the site graph and one unit. Out: the snippets shown on the unit page, the compact roll page
// for iframes, and api/units/<id>.js (the JSON roll wrapped in a call, JSONP-style, so a page on
// another domain loads it with a script tag: no fetch, no CORS).
// Never includes private data: only what the JSON roll already publishes.
#pragma once

#include <string>

#include "render/views.h"

namespace vd::render {

// The unit page's "embed" object: one entry per choice of school year (all years first), each
// with its ready-made script and iframe snippets (absolute URLs from site.yml's base_url).
json embed_snippets(const ViewContext& c, const model::Unit& u);

// The compact roll page (layout unit_embed, a whole document): the unit's honourees of one school
// year, or of every year newest first, with links that open the full profiles.
json embed_view(const ViewContext& c, std::string& title);

// "vinhdanhRoll(<roll>, <labels>);\n": the JSON roll and the embed script's UI strings.
std::string embed_script_data(const site::Site& s, const nlohmann::json& roll);

}  // namespace vd::render
