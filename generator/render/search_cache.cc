// render::SearchCache: the search index's pieces kept across builds (see search_cache.h).
#include "render/search_cache.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace vd::render {

SearchCache::SearchCache() : impl_(std::make_unique<Impl>()) {}
SearchCache::~SearchCache() = default;

namespace {

using Hash = XXH128_hash_t;
using Piece = SearchCache::Impl::Piece;

bool same(const Hash& a, const Hash& b) {
  return XXH128_isEqual(a, b) != 0;
}

// A hint is about the object the cache last indexed; one about another breaks it.
SearchCache::Impl::Hint& hint_for(SearchCache::Impl& c, const site::Site& s) {
  c.hint.given = true;
  c.hint.broken = c.hint.broken || c.site != reinterpret_cast<std::uintptr_t>(&s);
  return c.hint;
}

// Finds the old pieces again in a new order. `find(i, key)` gives the index in `old` of a piece
// with this key, or -1: the same place or the one next to it first (following the shift of the
// last one found), then, after many misses (a reordered site), a map of every key.
class Finder {
 public:
  explicit Finder(const std::vector<Piece>& old) : old_(old) {}
  long find(std::size_t i, const Hash& key) {
    long at = static_cast<long>(i);
    for (long c : {at + shift_, at, at - 1, at + 1})
      if (c >= 0 && c < static_cast<long>(old_.size()) && same(old_[c].key, key)) {
        shift_ = c - at;
        return c;
      }
    if (++misses_ < 16) return -1;
    if (map_.empty())
      for (std::size_t j = old_.size(); j-- > 0;) map_[old_[j].key.low64] = static_cast<long>(j);
    auto it = map_.find(key.low64);
    if (it == map_.end() || !same(old_[it->second].key, key)) return -1;
    shift_ = it->second - at;
    return it->second;
  }

 private:
  const std::vector<Piece>& old_;
  long shift_ = 0;
  int misses_ = 0;
  std::unordered_map<XXH64_hash_t, long> map_;
};

// Brings `pieces` to n pieces whose keys are key(i), and returns true when any piece is new or at
// another place. With the hint, the pieces follow its moves and only the ones it names are keyed
// again; without, every one is, and found among the old ones (moved out when keys are `unique`,
// copied otherwise: two profiles may share a summary) or made now.
template <class Key, class Make>
bool refresh(std::vector<Piece>& pieces, std::size_t n, const SearchHint* hint, Key key, Make make,
             bool unique) {
  bool changed = false;
  if (hint) {
    for (auto [from, to] : hint->moves) {
      auto at = pieces.begin();
      if (from < to)
        std::rotate(at + from, at + from + 1, at + to + 1);
      else
        std::rotate(at + to, at + from, at + from + 1);
      changed = changed || from != to;
    }
    for (int i : hint->changed) {
      Hash k = key(static_cast<std::size_t>(i));
      if (same(k, pieces[i].key)) continue;
      pieces[i] = {k, make(static_cast<std::size_t>(i))};
      changed = true;
    }
    return changed;
  }
  std::vector<Piece> old;
  old.swap(pieces);
  pieces.resize(n);
  std::vector<char> taken(old.size(), 0);
  Finder finder(old);
  changed = old.size() != n;
  for (std::size_t i = 0; i < n; ++i) {
    pieces[i].key = key(i);
    long at = finder.find(i, pieces[i].key);
    if (at >= 0 && !(unique && taken[at])) {
      taken[at] = 1;
      pieces[i].json = unique ? std::move(old[at].json) : old[at].json;
      changed = changed || at != static_cast<long>(i);
    } else {
      pieces[i].json = make(i);
      changed = true;
    }
  }
  return changed;
}

// A hash of what one profile's entry is made of besides the tables: name, URL, year, unit, kind,
// awards and campaigns (`buf` is reused from profile to profile: no allocation).
Hash entry_key(const site::Honouree& h, std::string& buf) {
  const model::Profile& p = h.profile;
  buf.clear();
  for (const std::string* part : {&p.name, &h.url, &p.school_year, &p.unit}) {
    buf += *part;
    buf += '\0';
  }
  buf += p.kind == model::Kind::kCollective ? 'c' : 'i';
  for (const model::AwardGrant& g : p.awards) (buf += g.award) += '\1';
  buf += '\2';
  for (const std::string& c : p.campaigns) (buf += c) += '\1';
  return XXH3_128bits(buf.data(), buf.size());
}

}  // namespace

void SearchCache::unchanged(const site::Site& s) {
  hint_for(*impl_, s);
}

void SearchCache::changed(const site::Site& s, int index) {
  hint_for(*impl_, s).changed.push_back(index);
}

void SearchCache::moved(const site::Site& s, int from, int to) {
  Impl::Hint& h = hint_for(*impl_, s);
  for (int& i : h.changed) {  // the places of those named before, after this move
    if (i == from)
      i = to;
    else if (from < to && i > from && i <= to)
      --i;
    else if (to < from && i >= to && i < from)
      ++i;
  }
  h.moves.emplace_back(from, to);
  h.changed.push_back(to);
}

std::optional<SearchHint> take_hint(const site::Site& s, SearchCache::Impl& c) {
  SearchHint h = std::move(c.hint);
  c.hint = {};
  int n = static_cast<int>(s.honourees.size());
  bool ok = h.given && !h.broken && c.site == reinterpret_cast<std::uintptr_t>(&s) &&
            c.entries.size() == s.honourees.size() && c.summaries.size() == s.honourees.size();
  for (auto [from, to] : h.moves) ok = ok && from >= 0 && from < n && to >= 0 && to < n;
  for (int i : h.changed) ok = ok && i >= 0 && i < n;
  c.site = 0;  // until the pieces are brought to `s`
  if (!ok) return std::nullopt;
  return h;
}

void update_summaries(const site::Site& s, SearchCache::Impl& c, const SearchHint* hint) {
  auto summary = [&](std::size_t i) -> const std::string& {
    return s.honourees[i].profile.summary;
  };
  refresh(
      c.summaries, s.honourees.size(), hint,
      [&](std::size_t i) { return XXH3_128bits(summary(i).data(), summary(i).size()); },
      [&](std::size_t i) { return nlohmann::json(summary(i)).dump(); }, false);
}

bool update_entries(const site::Site& s, SearchCache::Impl& c, const SearchHint* hint,
                    std::string tables, const std::function<std::string(std::size_t)>& make) {
  if (tables != c.tables) {  // every entry's indexes may be other ones
    c.entries.clear();
    hint = nullptr;
  }
  c.tables = std::move(tables);
  std::string buf;
  return refresh(
      c.entries, s.honourees.size(), hint,
      [&](std::size_t i) { return entry_key(s.honourees[i], buf); }, make, true);
}

}  // namespace vd::render
