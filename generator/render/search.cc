#include "render/search.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

namespace vd::render {

namespace {

std::string hash10(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size())).substr(0, 10);
}

// Units, awards and campaigns that have honourees, each once, in the site's order; `at` maps an
// id to its position in the index.
struct Table {
  nlohmann::json rows = nlohmann::json::array();
  std::map<std::string, int> at;
};

Table unit_table(const site::Site& s) {
  Table t;
  for (const model::Unit& u : s.units) {
    if (!s.by_unit.count(u.id)) continue;
    // Former and short names are searchable too: people search for the name they know.
    std::string keys = u.name + " " + u.short_name;
    for (const model::FormerName& f : u.former_names) keys += " " + f.name;
    t.at[u.id] = static_cast<int>(t.rows.size());
    t.rows.push_back({u.id, u.name, text::fold(keys)});
  }
  return t;
}

Table award_table(const site::Site& s) {
  Table t;
  for (const model::Award& a : s.awards) {
    if (!s.by_award.count(a.id)) continue;
    t.at[a.id] = static_cast<int>(t.rows.size());
    t.rows.push_back({a.id, a.name, text::fold(a.name)});
  }
  return t;
}

Table campaign_table(const site::Site& s) {
  Table t;
  for (const model::Campaign& k : s.campaigns) {
    if (!s.by_campaign.count(k.id)) continue;
    t.at[k.id] = static_cast<int>(t.rows.size());
    t.rows.push_back({k.id, k.title, text::fold(k.title + " " + k.number)});
  }
  return t;
}

// The positions of these ids in a table (those it has), into `out` (reused: no allocation).
template <class Ids, class Id>
void indexes(const std::map<std::string, int>& at, const Ids& ids, Id id, std::vector<int>& out) {
  out.clear();
  for (const auto& x : ids) {
    auto it = at.find(id(x));
    if (it != at.end()) out.push_back(it->second);
  }
}

// What one profile's entry is made of, as a string: the key of its cached serialisation.
void entry_key(const site::Honouree& h, int year, int unit, const std::vector<int>& awards,
               const std::vector<int>& campaigns, std::string& key) {
  const model::Profile& p = h.profile;
  key.clear();
  key.reserve(p.name.size() + h.url.size() + 16 + 4 * (awards.size() + campaigns.size()));
  auto num = [&](int v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  key += p.name;
  key += '\0';
  key += h.url;
  key += '\0';
  num(year);
  num(unit);
  num(p.kind == model::Kind::kCollective ? 1 : 0);
  num(static_cast<int>(awards.size()));
  for (int a : awards) num(a);
  for (int c : campaigns) num(c);
}

// One profile: [name, folded name, year, unit, [awards], [campaigns], kind, path?]. The path is
// left out when it is the usual /dien-hinh/<year>/<folded name with dashes>/ (most profiles),
// the last segment is given when only the file name differs, the whole URL otherwise.
std::string entry(const site::Honouree& h, int year, int unit, const std::vector<int>& awards,
                  const std::vector<int>& campaigns) {
  const model::Profile& p = h.profile;
  std::string folded = text::fold(p.name);
  nlohmann::json e = {
      p.name, folded, year, unit, awards, campaigns, p.kind == model::Kind::kCollective ? 1 : 0};
  std::string prefix = "/dien-hinh/" + p.school_year + "/";
  std::string dashed = folded;
  std::replace(dashed.begin(), dashed.end(), ' ', '-');
  if (h.url.rfind(prefix, 0) != 0 || h.url.back() != '/')
    e.push_back(h.url);
  else if (std::string last = h.url.substr(prefix.size(), h.url.size() - prefix.size() - 1);
           last != dashed)
    e.push_back(last);
  return e.dump();
}

}  // namespace

struct SearchCache::Impl {
  // Each profile's serialised entry by entry_key, each shard's file by a hash of its summaries.
  std::unordered_map<std::string, std::string> entries;
  std::map<std::pair<XXH64_hash_t, XXH64_hash_t>, File> shards;
  // Each summary as a JSON string, by a hash of the summary: a shard whose summaries moved (a
  // rename, an edit) is joined from these instead of serialising its 2 000 summaries again.
  std::unordered_map<XXH64_hash_t, std::pair<XXH64_hash_t, std::string>> summaries;
  // The joined entries of the last build and the signature of what they were made of.
  std::string list;
  std::pair<XXH64_hash_t, XXH64_hash_t> list_signature{0, 0};
  // The index file of the last build and what it was joined from besides the list (the renders
  // of pages left for later need its URL again, with nothing changed).
  std::string index_parts;
  std::pair<XXH64_hash_t, XXH64_hash_t> index_signature{0, 0};
  File index;
};
SearchCache::SearchCache() : impl_(std::make_unique<Impl>()) {}
SearchCache::~SearchCache() = default;

namespace {

// A hash of everything the profiles' entries are made of: the tables (their ids give the
// indexes) and each profile's name, URL, year, unit, kind, awards and campaigns. When it did not
// change (serve's quick path: a story or a summary edited), neither did the entries.
std::pair<XXH64_hash_t, XXH64_hash_t> entries_signature(const site::Site& s,
                                                        const std::string& tables) {
  std::string buf = tables;
  buf.reserve(buf.size() + s.honourees.size() * 128);
  for (const site::Honouree& h : s.honourees) {
    const model::Profile& p = h.profile;
    for (const std::string* part : {&p.name, &h.url, &p.school_year, &p.unit}) {
      buf += *part;
      buf += '\0';
    }
    buf += p.kind == model::Kind::kCollective ? 'c' : 'i';
    for (const model::AwardGrant& g : p.awards) (buf += g.award) += '\1';
    buf += '\2';
    for (const std::string& c : p.campaigns) (buf += c) += '\1';
    buf += '\3';
  }
  XXH128_hash_t h = XXH3_128bits(buf.data(), buf.size());
  return {h.high64, h.low64};
}

// The serialised entries of every profile in site order, joined by commas (kept in `cache`);
// those `cache` holds are reused (moved, not copied: a rename reorders all of them). Without
// `keyed` (build, check: no cache outlives the call) nothing is keyed or kept for later.
const std::string& entries(const site::Site& s, const Table& units, const Table& awards,
                           const Table& campaigns, const std::map<std::string, int>& years,
                           const std::string& tables, SearchCache::Impl& cache, bool keyed) {
  std::pair<XXH64_hash_t, XXH64_hash_t> signature;
  if (keyed) {
    signature = entries_signature(s, tables);
    if (signature == cache.list_signature && !cache.list.empty()) return cache.list;
  }
  std::string out;
  out.reserve(cache.list.size() + 4096);
  std::unordered_map<std::string, std::string> next;
  if (keyed) next.reserve(s.honourees.size());
  std::vector<int> a, c;  // reused from profile to profile, as is the key
  std::string key;
  for (const site::Honouree& h : s.honourees) {
    const model::Profile& p = h.profile;
    indexes(
        awards.at, p.awards, [](const model::AwardGrant& g) -> auto& { return g.award; }, a);
    indexes(
        campaigns.at, p.campaigns, [](const std::string& id) -> auto& { return id; }, c);
    auto u = units.at.find(p.unit);
    int year = years.at(p.school_year), unit = u == units.at.end() ? -1 : u->second;
    if (!out.empty()) out += ',';
    if (!keyed) {
      out += entry(h, year, unit, a, c);
      continue;
    }
    entry_key(h, year, unit, a, c, key);
    auto node = cache.entries.extract(key);
    auto at = node.empty() ? next.emplace(key, entry(h, year, unit, a, c)).first
                           : next.insert(std::move(node)).position;
    out += at->second;
  }
  if (keyed) {
    cache.entries.swap(next);
    cache.list_signature = signature;
  }
  cache.list = std::move(out);
  return cache.list;
}

// The summaries of profiles [from, to) as shard number n; the same summaries give the cached file.
// Written as nlohmann::json writes {"n": n, "s": [summaries]}, each summary's JSON string taken
// from `cache` when it was written before (`used` keeps those of this build).
File shard(const site::Site& s, std::size_t n, std::size_t from, std::size_t to,
           SearchCache::Impl& cache, decltype(SearchCache::Impl::shards)& next,
           decltype(SearchCache::Impl::summaries)& used) {
  std::vector<XXH128_hash_t> hashes(to - from);
  XXH3_state_t* st = XXH3_createState();
  XXH3_128bits_reset(st);
  XXH3_128bits_update(st, &n, sizeof n);
  for (std::size_t i = from; i < to; ++i) {
    const std::string& summary = s.honourees[i].profile.summary;
    hashes[i - from] = XXH3_128bits(summary.data(), summary.size());
    XXH3_128bits_update(st, &hashes[i - from], sizeof(XXH128_hash_t));
  }
  XXH128_hash_t h = XXH3_128bits_digest(st);
  XXH3_freeState(st);
  std::pair<XXH64_hash_t, XXH64_hash_t> key{h.high64, h.low64};
  File f;
  if (auto hit = cache.shards.find(key); hit != cache.shards.end()) {
    f = hit->second;
  } else {
    // A JSONP-style file: the search script defines vdSearch before it loads these.
    std::string bytes = fmt::format("vdSearch.shard({{\"n\":{},\"s\":[", n);
    for (std::size_t i = from; i < to; ++i) {
      const XXH128_hash_t& sh = hashes[i - from];
      auto at = used.find(sh.low64);
      if (at == used.end() || at->second.first != sh.high64) {
        auto old = cache.summaries.find(sh.low64);
        std::string dumped = old != cache.summaries.end() && old->second.first == sh.high64
                                 ? old->second.second
                                 : nlohmann::json(s.honourees[i].profile.summary).dump();
        at = used.insert_or_assign(sh.low64, std::pair{sh.high64, std::move(dumped)}).first;
      }
      if (i != from) bytes += ',';
      bytes += at->second.second;
    }
    bytes += "]});\n";
    f = {fmt::format("tim-kiem/tom-tat-{}.{}.js", n, hash10(bytes)), std::move(bytes)};
  }
  next[key] = f;
  return f;
}

}  // namespace

SearchFiles search_files(const site::Site& s, SearchCache* cache) {
  SearchCache local;
  SearchCache::Impl& c = (cache ? *cache : local).impl();
  Table units = unit_table(s), awards = award_table(s), campaigns = campaign_table(s);
  std::map<std::string, int> years;
  nlohmann::json year_list = nlohmann::json::array();
  for (const std::string& y : s.years) {
    years[y] = static_cast<int>(year_list.size());
    year_list.push_back(y);
  }
  SearchFiles out;
  nlohmann::json shards = nlohmann::json::array();
  decltype(SearchCache::Impl::shards) next;
  decltype(SearchCache::Impl::summaries) used;
  for (std::size_t from = 0; from < s.honourees.size(); from += kSearchShard) {
    std::size_t to = std::min(s.honourees.size(), from + kSearchShard);
    File f = shard(s, shards.size(), from, to, c, next, used);
    shards.push_back(f.path.substr(std::string("tim-kiem/").size()));
    out.files.push_back(std::move(f));
  }
  c.shards.swap(next);
  if (!used.empty()) c.summaries.swap(used);  // a build that wrote no shard keeps them all
  // The index object as nlohmann::json would write it (keys in order, no spaces), with the
  // profiles' entries joined from their cached serialisations.
  std::string a = awards.rows.dump(), k = campaigns.rows.dump(), u = units.rows.dump(),
              y = year_list.dump();
  const std::string& list =
      entries(s, units, awards, campaigns, years, a + k + u + y, c, cache != nullptr);
  std::string parts = a + '\0' + k + '\0' + u + '\0' + y + '\0' + shards.dump();
  if (!c.index.path.empty() && c.index_signature == c.list_signature && c.index_parts == parts) {
    out.index_url = "/" + c.index.path;
    out.files.push_back(c.index);
    return out;
  }
  std::string bytes;
  bytes.reserve(list.size() + a.size() + k.size() + u.size() + y.size() + 4096);
  bytes += "vdSearch.index({\"awards\":" + a + ",\"campaigns\":" + k + ",\"p\":[";
  bytes += list;
  bytes += fmt::format("],\"shard\":{},\"shards\":{},\"units\":{},\"v\":1,\"years\":{}}});\n",
                       kSearchShard, shards.dump(), u, y);
  std::string path = "tim-kiem/chi-muc." + hash10(bytes) + ".js";
  out.index_url = "/" + path;
  c.index = {path, std::move(bytes)};
  c.index_parts = std::move(parts);
  c.index_signature = c.list_signature;
  out.files.push_back(c.index);
  return out;
}

json search_view(const ViewContext& c, std::string& title) {
  const site::Site& s = c.site();
  title = c.str("search_title");
  json years = json::array(), units = json::array(), awards = json::array();
  for (const std::string& y : s.years)
    if (s.by_year.count(y)) years.push_back({{"value", y}, {"label", y}});
  for (const model::Unit& u : s.units)
    if (s.by_unit.count(u.id)) units.push_back({{"value", u.id}, {"label", u.name}});
  for (const model::Award& a : s.awards)
    if (s.by_award.count(a.id)) awards.push_back({{"value", a.id}, {"label", a.name}});
  auto index = c.asset_urls().find("search_index");
  return {{"search",
           {{"index_url", index == c.asset_urls().end() ? "" : c.link(index->second)},
            {"link_suffix", c.link("/x/").ends_with("index.html") ? "index.html" : ""},
            {"years", years},
            {"units", units},
            {"awards", awards}}}};
}

}  // namespace vd::render
