#include "render/search.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>

namespace vd::render {

namespace {

std::string hash10(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size())).substr(0, 10);
}

// A JSONP-style file: the search script defines vdSearch before it loads these.
std::string jsonp(const char* fn, const nlohmann::json& arg) {
  return fmt::format("vdSearch.{}({});\n", fn, arg.dump());
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

nlohmann::json indexes(const std::map<std::string, int>& at, const std::vector<std::string>& ids) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& id : ids) {
    auto it = at.find(id);
    if (it != at.end()) out.push_back(it->second);
  }
  return out;
}

// One profile: [name, folded name, year, unit, [awards], [campaigns], kind, path?]. The path is
// left out when it is the usual /dien-hinh/<year>/<folded name with dashes>/ (most profiles),
// the last segment is given when only the file name differs, the whole URL otherwise.
nlohmann::json entry(const site::Honouree& h, const Table& units, const Table& awards,
                     const Table& campaigns, const std::map<std::string, int>& years) {
  const model::Profile& p = h.profile;
  std::string folded = text::fold(p.name);
  std::vector<std::string> award_ids;
  for (const model::AwardGrant& g : p.awards) award_ids.push_back(g.award);
  nlohmann::json e = {p.name,
                      folded,
                      years.at(p.school_year),
                      units.at.count(p.unit) ? units.at.at(p.unit) : -1,
                      indexes(awards.at, award_ids),
                      indexes(campaigns.at, p.campaigns),
                      p.kind == model::Kind::kCollective ? 1 : 0};
  std::string prefix = "/dien-hinh/" + p.school_year + "/";
  std::string dashed = folded;
  std::replace(dashed.begin(), dashed.end(), ' ', '-');
  if (h.url.rfind(prefix, 0) != 0 || h.url.back() != '/')
    e.push_back(h.url);
  else if (std::string last = h.url.substr(prefix.size(), h.url.size() - prefix.size() - 1);
           last != dashed)
    e.push_back(last);
  return e;
}

}  // namespace

SearchFiles search_files(const site::Site& s) {
  Table units = unit_table(s), awards = award_table(s), campaigns = campaign_table(s);
  std::map<std::string, int> years;
  nlohmann::json year_list = nlohmann::json::array();
  for (const std::string& y : s.years) {
    years[y] = static_cast<int>(year_list.size());
    year_list.push_back(y);
  }
  SearchFiles out;
  nlohmann::json profiles = nlohmann::json::array(), shards = nlohmann::json::array();
  nlohmann::json summaries = nlohmann::json::array();
  auto flush = [&] {
    std::string bytes = jsonp("shard", {{"n", shards.size()}, {"s", summaries}});
    std::string path = fmt::format("tim-kiem/tom-tat-{}.{}.js", shards.size(), hash10(bytes));
    shards.push_back(path.substr(std::string("tim-kiem/").size()));
    out.files.push_back({path, std::move(bytes)});
    summaries = nlohmann::json::array();
  };
  for (const site::Honouree& h : s.honourees) {
    profiles.push_back(entry(h, units, awards, campaigns, years));
    summaries.push_back(h.profile.summary);
    if (summaries.size() == kSearchShard) flush();
  }
  if (!summaries.empty()) flush();
  nlohmann::json index = {{"v", 1},
                          {"shard", kSearchShard},
                          {"years", year_list},
                          {"units", units.rows},
                          {"awards", awards.rows},
                          {"campaigns", campaigns.rows},
                          {"shards", shards},
                          {"p", profiles}};
  std::string bytes = jsonp("index", index);
  std::string path = "tim-kiem/chi-muc." + hash10(bytes) + ".js";
  out.index_url = "/" + path;
  out.files.push_back({path, std::move(bytes)});
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
