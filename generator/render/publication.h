// Internal to render/: what git publication adds to pages: version-control dates on profile and
// campaign pages, the withdrawn notice, the editions pages and their JSON (/version.json,
// /editions/index.json).
#pragma once

#include <optional>
#include <string>

#include "render/views.h"

namespace vd::render {

// {created, updated, created_iso, updated_iso, uncommitted} or null when the dates are unknown.
json history_view(const std::optional<load::FileHistory>& h);
// The view of a withdrawn, editions or edition page; false for any other kind.
bool publication_view(const ViewContext& c, json& view, std::string& title);
// The date a page last changed, for the sitemap and feeds: its version-control date when known.
std::optional<text::Date> last_change(const site::Site& s, const site::Page& p);
// /version.json and /editions/index.json (nothing when the site has no editions).
void edition_files(const site::Site& s, Sink& out);

}  // namespace vd::render
