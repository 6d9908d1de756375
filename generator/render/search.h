// The client-side search index and the search page's view data. Internal to render/.
// In: the site graph. Out: the index files under tim-kiem/ (JSONP-style .js files, so they load
// from disk and cross-origin without fetch or CORS) and the filters of the search page.
// Never includes private data: only published names, units, awards, campaigns, years, summaries.
#pragma once

#include <string>
#include <vector>

#include "render/render.h"
#include "render/views.h"

namespace vd::render {

// Profiles per summary shard: the core index (names, units, awards, campaigns, years) loads
// first and gives the first results; summaries load after, in shards of this many profiles.
inline constexpr std::size_t kSearchShard = 2000;

struct SearchFiles {
  std::string index_url;    // "/tim-kiem/chi-muc.<hash>.js"
  std::vector<File> files;  // the index and its summary shards
};

// Builds the index. Deterministic: names carry content hashes, so browsers may cache forever.
// With a cache (serve), only the entries and shards whose inputs changed are serialised again;
// the bytes are the same as without one. Without `with_files`, only the index's URL is given.
SearchFiles search_files(const site::Site& s, SearchCache* cache = nullptr, bool with_files = true);

// View data of the search page: filter options (years, units, awards with honourees).
json search_view(const ViewContext& c, std::string& title);

}  // namespace vd::render
