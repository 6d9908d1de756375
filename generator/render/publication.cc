#include "render/publication.h"

#include <fmt/format.h>

namespace vd::render {

json history_view(const std::optional<load::FileHistory>& h) {
  if (!h) return nullptr;
  return {
      {"created", text::vi_short_date(h->created)}, {"updated", text::vi_short_date(h->updated)},
      {"created_iso", text::iso_date(h->created)},  {"updated_iso", text::iso_date(h->updated)},
      {"is_updated", h->updated != h->created},     {"uncommitted", !h->committed}};
}

namespace {

const char* const kChangeKinds[] = {"profile_added",  "profile_updated",  "profile_withdrawn",
                                    "campaign_added", "campaign_updated", "bulletin_issued"};

// A label that follows a count. English has the CLDR plural forms "one" and "other": the key
// with "_one" (when the language file has it) for 1, the plain key otherwise. Vietnamese has no
// plural forms: its labels are worded without number agreement.
std::string count_label(const ViewContext& c, const std::string& key, int n) {
  const auto& strings = c.site().config.strings;
  if (auto it = strings.find(key + "_one"); n == 1 && it != strings.end()) return it->second;
  return c.str(key);
}

json edition_summary(const ViewContext& c, const site::Edition& e) {
  json counts = json::array();
  for (const char* kind : kChangeKinds) {
    int n = 0;
    for (const site::EditionChange& ch : e.changes) n += ch.kind == kind;
    if (n > 0)
      counts.push_back({{"label", count_label(c, std::string("change_") + kind, n)}, {"count", n}});
  }
  return {{"number", e.number},
          {"date", text::vi_short_date(e.date)},
          {"date_iso", text::iso_date(e.date)},
          {"url", c.link(fmt::format("/editions/{}/", e.number))},
          {"tag", e.tag},
          {"source", e.source},
          {"source_short", e.source.substr(0, 10)},
          {"dirty", e.dirty},
          {"counts", counts},
          {"has_changes", !counts.empty()}};
}

json edition_view(const ViewContext& c, const site::Edition& e) {
  json view = edition_summary(c, e);
  json groups = json::array();
  for (const char* kind : kChangeKinds) {
    json items = json::array();
    int withdrawn = 0;
    for (const site::EditionChange& ch : e.changes) {
      if (ch.kind != kind) continue;
      if (ch.title.empty()) {
        ++withdrawn;  // no name, no link: the person asked to be forgotten
        continue;
      }
      items.push_back({{"title", ch.title}, {"url", c.link(ch.url)}});
    }
    if (!items.empty() || withdrawn > 0)
      groups.push_back({{"label", c.str(std::string("change_") + kind)},
                        {"items", items},
                        {"anonymous", withdrawn},
                        {"anonymous_label", count_label(c, "edition_anonymous", withdrawn)}});
  }
  view["groups"] = groups;
  return view;
}

}  // namespace

bool publication_view(const ViewContext& c, json& view, std::string& title) {
  const site::Site& s = c.site();
  switch (c.page().kind) {
    case site::PageKind::kWithdrawn: {
      const site::Withdrawn* w = nullptr;
      for (const site::Withdrawn& x : s.withdrawn)
        if (x.url == c.page().url) w = &x;
      bool expired = w && w->expired;
      bool page = w && w->what != site::Withdrawn::What::kProfile;  // a campaign's or bulletin's
      title = c.str(page ? "page_expired_title" : expired ? "expired_title" : "withdrawn_title");
      view = {{"is_expired", expired},
              {"is_page", page},
              {"expired_on", expired ? text::vi_short_date(*w->expired) : ""}};
      return true;
    }
    case site::PageKind::kEditions: {
      title = c.str("editions_title");
      json list = json::array();
      for (auto it = s.editions.rbegin(); it != s.editions.rend(); ++it)
        list.push_back(edition_summary(c, *it));
      view = {{"editions", list}};
      return true;
    }
    case site::PageKind::kEdition: {
      const site::Edition& e = s.editions[c.page().entity];
      title = fmt::format("{} {}", c.str("edition_title"), e.number);
      view = {{"edition", edition_view(c, e)}, {"editions_url", c.link("/editions/")}};
      return true;
    }
    default:
      return false;
  }
}

std::optional<text::Date> last_change(const site::Site& s, const site::Page& p) {
  if (p.kind == site::PageKind::kProfile) {
    const site::Honouree& h = s.honourees[p.entity];
    return h.profile.history ? h.profile.history->updated : h.honoured;
  }
  if (p.kind == site::PageKind::kCampaign && s.campaigns[p.entity].history)
    return s.campaigns[p.entity].history->updated;
  return std::nullopt;
}

namespace {

nlohmann::ordered_json edition_json(const site::Site& s, const site::Edition& e) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::object();
  for (const char* kind : kChangeKinds) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const site::EditionChange& ch : e.changes)
      if (ch.kind == kind)
        items.push_back(ch.title.empty() ? nlohmann::ordered_json::object()
                                         : nlohmann::ordered_json{
                                               {"title", ch.title},
                                               {"path", ch.url},
                                               {"url", s.config.base_url + ch.url.substr(1)}});
    changes[kind] = items;
  }
  return {{"edition", e.number}, {"date", text::iso_date(e.date)},
          {"source", e.source},  {"dirty", e.dirty},
          {"tag", e.tag},        {"url", s.config.base_url + fmt::format("editions/{}/", e.number)},
          {"changes", changes}};
}

}  // namespace

void edition_files(const site::Site& s, Sink& out) {
  if (s.editions.empty()) return;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const site::Edition& e : s.editions) all.push_back(edition_json(s, e));
  out.put({"version.json", edition_json(s, s.editions.back()).dump(2) + "\n"});
  out.put({"editions/index.json",
           nlohmann::ordered_json{{"version", 1}, {"editions", all}}.dump(2) + "\n"});
}

}  // namespace vd::render
