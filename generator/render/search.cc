#include "render/search.h"

#include "render/search_cache.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <optional>
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

using Piece = SearchCache::Impl::Piece;

// The summaries of profiles [from, to) as shard number n, joined from `next` (their JSON strings).
// Written as nlohmann::json writes {"n": n, "s": [summaries]}.
File shard_file(std::size_t n, std::size_t from, std::size_t to, const std::vector<Piece>& next) {
  std::size_t size = 64;
  for (std::size_t i = from; i < to; ++i) size += next[i].json.size() + 1;
  // A JSONP-style file: the search script defines vdSearch before it loads these.
  std::string bytes = fmt::format("vdSearch.shard({{\"n\":{},\"s\":[", n);
  bytes.reserve(size);
  for (std::size_t i = from; i < to; ++i) {
    if (i != from) bytes += ',';
    bytes += next[i].json;
  }
  bytes += "]});\n";
  return {fmt::format("tim-kiem/tom-tat-{}.{}.js", n, hash10(bytes)), std::move(bytes)};
}

// The summary shards, from the kept summaries: a shard whose summaries are the last build's, in
// the same order, is the file it gave then.
std::vector<File> shards(std::size_t n, SearchCache::Impl& cache, bool with_files) {
  const std::vector<Piece>& pieces = cache.summaries;
  decltype(SearchCache::Impl::shards) kept;
  std::vector<File> out;
  XXH3_state_t* st = XXH3_createState();
  for (std::size_t from = 0, k = 0; from < n; from += kSearchShard, ++k) {
    std::size_t to = std::min(n, from + kSearchShard);
    XXH3_128bits_reset(st);
    XXH3_128bits_update(st, &k, sizeof k);
    for (std::size_t i = from; i < to; ++i)
      XXH3_128bits_update(st, &pieces[i].key, sizeof pieces[i].key);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    std::pair<XXH64_hash_t, XXH64_hash_t> key{h.high64, h.low64};
    auto hit = cache.shards.find(key);
    File& f = kept[key] =
        hit != cache.shards.end() ? std::move(hit->second) : shard_file(k, from, to, pieces);
    out.push_back(with_files ? f : File{f.path, {}});
  }
  XXH3_freeState(st);
  cache.shards.swap(kept);
  return out;
}

}  // namespace

SearchFiles search_files(const site::Site& s, SearchCache* cache, bool with_files) {
  SearchCache local;
  SearchCache::Impl& c = (cache ? *cache : local).impl();
  std::optional<SearchHint> hint = take_hint(s, c);
  Table units = unit_table(s), awards = award_table(s), campaigns = campaign_table(s);
  std::map<std::string, int> years;
  nlohmann::json year_list = nlohmann::json::array();
  for (const std::string& y : s.years) {
    years[y] = static_cast<int>(year_list.size());
    year_list.push_back(y);
  }
  update_summaries(s, c, hint ? &*hint : nullptr);
  SearchFiles out;
  out.files = shards(s.honourees.size(), c, with_files);
  nlohmann::json names = nlohmann::json::array();
  for (const File& f : out.files) names.push_back(f.path.substr(std::string("tim-kiem/").size()));
  if (!with_files) out.files.clear();
  // The index object as nlohmann::json would write it (keys in order, no spaces), with the
  // profiles' entries joined from their kept serialisations.
  std::string a = awards.rows.dump(), k = campaigns.rows.dump(), u = units.rows.dump(),
              y = year_list.dump();
  std::vector<int> aw, ca;  // reused from entry to entry
  bool changed = update_entries(
      s, c, hint ? &*hint : nullptr, a + '\0' + k + '\0' + u + '\0' + y, [&](std::size_t i) {
        const site::Honouree& h = s.honourees[i];
        const model::Profile& p = h.profile;
        indexes(
            awards.at, p.awards, [](const model::AwardGrant& g) -> auto& { return g.award; }, aw);
        indexes(
            campaigns.at, p.campaigns, [](const std::string& id) -> auto& { return id; }, ca);
        auto unit = units.at.find(p.unit);
        return entry(h, years.at(p.school_year), unit == units.at.end() ? -1 : unit->second, aw,
                     ca);
      });
  std::string parts = c.tables + '\0' + names.dump();
  if (changed || c.index.path.empty() || c.index_parts != parts) {
    std::size_t size = a.size() + k.size() + u.size() + y.size() + 4096;
    for (const Piece& e : c.entries) size += e.json.size() + 1;
    std::string bytes;
    bytes.reserve(size);
    bytes += "vdSearch.index({\"awards\":" + a + ",\"campaigns\":" + k + ",\"p\":[";
    for (std::size_t i = 0; i < c.entries.size(); ++i) {
      if (i) bytes += ',';
      bytes += c.entries[i].json;
    }
    bytes += fmt::format("],\"shard\":{},\"shards\":{},\"units\":{},\"v\":1,\"years\":{}}});\n",
                         kSearchShard, names.dump(), u, y);
    c.index = {"tim-kiem/chi-muc." + hash10(bytes) + ".js", std::move(bytes)};
    c.index_parts = std::move(parts);
  }
  out.index_url = "/" + c.index.path;
  if (with_files) out.files.push_back(c.index);
  c.site = reinterpret_cast<std::uintptr_t>(&s);
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
