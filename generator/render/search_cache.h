// The search index's pieces kept across builds (render::SearchCache, serve). Internal to render/.
// In: the site graph, and serve's hints of what changed since the last build of the same site
// object. Out: each profile's entry and each summary as JSON, in site order, and the last shards
// and index file. Never a piece that differs from what a build without the cache writes: a piece
// is reused only when a hash of everything it is made of is the same.
#pragma once

#include <xxhash.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/render.h"

namespace vd::render {

struct SearchCache::Impl {
  // A piece of the index: a profile's entry, or a summary as a JSON string, with a hash of what
  // it is made of.
  struct Piece {
    XXH128_hash_t key;
    std::string json;
  };
  // The last build's entries and summaries, in site order.
  std::vector<Piece> entries, summaries;
  std::string tables;  // the tables the entries were written with (their indexes)
  std::map<std::pair<XXH64_hash_t, XXH64_hash_t>, File> shards;  // by a hash of their summaries
  // The index file of the last build and what it was joined from besides the entries.
  std::string index_parts;
  File index;
  // The address of the site object the pieces were made from (0: none), and serve's hint of what
  // changed in it since.
  std::uintptr_t site = 0;
  struct Hint {
    bool given = false, broken = false;
    std::vector<std::pair<int, int>> moves;  // in order
    std::vector<int> changed;                // indexes after every move
  } hint;
};

using SearchHint = SearchCache::Impl::Hint;

// The cache's hint when it is about `s`, the object it last indexed, and can be followed: then
// only the honourees it names are read again. Forgets the hint either way; the build that takes
// it sets c.site when it is done.
std::optional<SearchHint> take_hint(const site::Site& s, SearchCache::Impl& c);

// Brings c.summaries to the site's summaries: with the hint, the kept pieces follow its moves and
// the summaries it names are hashed again; without, every summary is hashed and its JSON string
// taken from the last build (at the same place or the one next to it, or found by its hash) or
// written now.
void update_summaries(const site::Site& s, SearchCache::Impl& c, const SearchHint* hint);

// Brings c.entries to the site's entries the same way; `make(i)` writes honouree i's entry. A
// change of `tables` (the indexes of units, awards, campaigns, years) writes every entry again.
// True when any entry is new or at another place.
bool update_entries(const site::Site& s, SearchCache::Impl& c, const SearchHint* hint,
                    std::string tables, const std::function<std::string(std::size_t)>& make);

}  // namespace vd::render
