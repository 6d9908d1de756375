// Reading each record type from its value tree.
#include <fmt/format.h>

#include <algorithm>

#include "model/fields.h"
#include "model/model_internal.h"

namespace vd::model {

void read_page(Fields& f, Page& p, const load::Document& doc, diag::Diagnostics& diags) {
  p.pos = {doc.path, 1, 1};
  p.slug_pos = p.pos;
  p.tags = f.text_list("tags");
  p.draft = f.boolean("draft", false);
  p.publish_date = f.date("publish_date");
  p.expiry_date = f.date("expiry_date");
  p.aliases = f.text_list("aliases");
  p.alias_pos = f.item_positions("aliases");
  check_no_mustache(p.body, {doc.path, doc.body_line, 1}, diags);
}

namespace {

std::optional<Decision> read_decision(const load::Node* n, diag::Diagnostics& diags) {
  if (!n) return std::nullopt;
  Fields f(*n, "decision", diags);
  Decision d;
  d.number = f.text("number");
  d.date = f.date("date");
  d.issuer = f.text("issuer");
  f.finish();
  return d;
}

// Items of a list-valued field; reports a non-list once.
const std::vector<load::Node>& list_items(const load::Node* n, const char* key,
                                          diag::Diagnostics& diags) {
  static const std::vector<load::Node> kEmpty;
  if (!n) return kEmpty;
  if (!n->is_sequence()) {
    diags.error(n->pos, fmt::format("'{}' must be a list", key),
                "write one '- …' item per line under the key");
    return kEmpty;
  }
  return n->items;
}

}  // namespace

SiteConfig read_config(const load::Node& n, diag::Diagnostics& diags) {
  SiteConfig c;
  Fields f(n, "site configuration", diags);
  c.title = f.text("title", true);
  c.description = f.text("description");
  c.base_url = f.url("base_url", true);
  if (!c.base_url.empty() && c.base_url.back() != '/') c.base_url += '/';
  std::string lang = f.text("language");
  if (!lang.empty()) c.language = lang;
  c.portal = f.url("portal");
  c.current_school_year = f.school_year("current_school_year");
  c.paginate = f.integer("paginate", 5, 500).value_or(20);
  c.allow_html = f.boolean("allow_html", false);
  c.social_cards = f.boolean("social_cards", true);
  if (const load::Node* is = f.node("issuer", true)) {
    Fields i(*is, "issuer", diags);
    c.issuer.name = i.text("name", true);
    c.issuer.parent = i.text("parent");
    c.issuer.place = i.text("place");
    i.finish();
  }
  if (const load::Node* pub = f.node("publication")) {
    Fields p(*pub, "publication setting", diags);
    std::string b = p.text("branch");
    if (!b.empty()) c.publication_branch = b;
    p.finish();
  }
  f.finish();
  return c;
}

std::optional<Unit> read_unit(const load::Node& n, diag::Diagnostics& diags) {
  Fields f(n, "unit", diags);
  Unit u;
  u.pos = n.pos;
  u.id = f.text("id", true);
  u.name = f.text("name", true);
  u.short_name = f.text("short_name");
  u.kind = f.text("kind");
  u.parent = f.text("parent");
  u.address = f.text("address");
  u.website = f.url("website");
  u.successor = f.text("successor");
  u.parent_pos = f.pos_of("parent");
  u.successor_pos = f.pos_of("successor");
  u.dissolved = f.date("dissolved");
  static const std::vector<std::string> kKinds = {"department", "office", "school", "team",
                                                  "other"};
  if (u.kind.empty()) u.kind = "other";
  if (std::find(kKinds.begin(), kKinds.end(), u.kind) == kKinds.end())
    diags.error(f.pos_of("kind"), fmt::format("unknown unit kind '{}'", u.kind),
                "use one of: department, office, school, team, other");
  if (!u.id.empty() && text::slugify(u.id) != u.id)
    diags.error(f.pos_of("id"), fmt::format("unit id '{}' may use only a-z, 0-9 and '-'", u.id),
                fmt::format("write '{}'", text::slugify(u.id)));
  for (const load::Node& item : list_items(f.node("former_names"), "former_names", diags)) {
    Fields g(item, "former name", diags);
    FormerName fn{g.text("name", true), g.date("from"), g.date("to")};
    g.finish();
    u.former_names.push_back(std::move(fn));
  }
  if (const load::Node* staff = f.node("staff")) {
    Fields s(*staff, "staff table", diags);
    for (const auto& [k, v] : staff->entries) {
      s.allow(k.scalar.c_str());
      if (!text::is_school_year(k.scalar)) {
        diags.error(k.pos, fmt::format("'{}' is not a school year", k.scalar),
                    "write e.g. '2023-2024: 40'");
        continue;
      }
      if (auto count = s.integer(k.scalar.c_str(), 1, 100000)) u.staff[k.scalar] = *count;
    }
  }
  f.finish();
  if (!f.ok() || u.id.empty()) return std::nullopt;
  return u;
}

std::optional<Award> read_award(const load::Node& n, diag::Diagnostics& diags) {
  Fields f(n, "award", diags);
  Award a;
  a.id = f.text("id", true);
  a.name = f.text("name", true);
  a.type = f.text("type", true);
  a.level = f.text("level");
  a.granted_by = f.text("granted_by");
  a.standard = f.text("standard");
  a.legal_basis = f.text("legal_basis");
  a.rank = f.integer("rank", 0, 1000).value_or(0);
  // The id names the award's page folder (/danh-hieu/<id>/): never '../' or '/'.
  if (!a.id.empty() && text::slugify(a.id) != a.id)
    diags.error(f.pos_of("id"), fmt::format("award id '{}' may use only a-z, 0-9 and '-'", a.id),
                fmt::format("write '{}'", text::slugify(a.id)));
  for (const std::string& who : f.text_list("applies_to")) {
    if (who == "individual")
      a.individual = true;
    else if (who == "collective")
      a.collective = true;
    else
      diags.error(f.pos_of("applies_to"), fmt::format("unknown recipient kind '{}'", who),
                  "use 'individual' and/or 'collective'");
  }
  if (!a.individual && !a.collective)
    diags.error(f.pos(), fmt::format("award '{}' applies to nobody", a.id),
                "add 'applies_to: [individual]', '[collective]' or both");
  static const std::vector<std::string> kTypes = {"title", "commendation", "honorary"};
  if (!a.type.empty() && std::find(kTypes.begin(), kTypes.end(), a.type) == kTypes.end())
    diags.error(f.pos_of("type"), fmt::format("unknown award type '{}'", a.type),
                "use one of: title, commendation, honorary");
  f.finish();
  if (!f.ok()) return std::nullopt;
  return a;
}

std::optional<Campaign> read_campaign(load::Document& doc, diag::Diagnostics& diags) {
  Fields f(doc.front, "campaign", diags);
  Campaign c;
  c.path = doc.path;
  c.body = std::move(doc.body);
  c.body_line = doc.body_line;
  std::string stem = doc.path.substr(doc.path.rfind('/') + 1);
  c.id = stem.substr(0, stem.size() - 3);
  read_page(f, c, doc, diags);
  c.title = f.text("title", true);
  c.number = f.text("number");
  std::string type = f.text("doc_type");
  if (!type.empty()) c.doc_type = type;
  c.issuer = f.text("issuer", true);
  c.issuer_pos = f.pos_of("issuer");
  c.parent_pos = f.pos_of("parent");
  c.place = f.text("place");
  c.date = f.date("date");
  c.school_year = f.school_year("school_year");
  if (c.school_year.empty() && c.date) c.school_year = text::school_year_of(*c.date);
  c.theme = f.text("theme");
  c.scope = f.text("scope");
  c.basis = f.text_list("basis");
  c.subjects = f.text_list("subjects");
  if (const load::Node* p = f.node("parent")) {
    Fields g(*p, "parent reference", diags);
    ParentRef r{g.text("campaign"), g.text("document"), g.text("title"), g.text("issuer"),
                g.date("date")};
    if (r.campaign.empty() && r.document.empty())
      diags.error(p->pos, "a parent needs 'campaign: <id>' or 'document: <number>'",
                  "name the plan this one implements");
    g.finish();
    c.parent = r;
  }
  for (const load::Node& item : list_items(f.node("targets"), "targets", diags)) {
    Fields g(item, "target", diags);
    Target t{g.text("label", true), g.text("unit"), g.number("value", true).value_or(0),
             g.number("reported")};
    g.finish();
    c.targets.push_back(std::move(t));
  }
  for (const load::Node& item : list_items(f.node("timeline"), "timeline", diags)) {
    Fields g(item, "milestone", diags);
    auto d = g.date("date", true);
    Milestone m{d.value_or(text::Date{}), g.text("label", true), g.text("kind")};
    static const std::vector<std::string> kKinds = {"",      "launch",   "review",
                                                    "final", "deadline", "other"};
    if (std::find(kKinds.begin(), kKinds.end(), m.kind) == kKinds.end())
      diags.error(g.pos_of("kind"), fmt::format("unknown milestone kind '{}'", m.kind),
                  "use one of: launch, review, final, deadline, other");
    g.finish();
    if (d) c.timeline.push_back(std::move(m));
  }
  std::stable_sort(c.timeline.begin(), c.timeline.end(),
                   [](const Milestone& a, const Milestone& b) { return a.date < b.date; });
  for (const load::Node& item : list_items(f.node("standards"), "standards", diags)) {
    Fields g(item, "award standard", diags);
    Standard s{g.text("award", true), g.text("text"), g.text("quota"), g.pos_of("award")};
    g.finish();
    c.standards.push_back(std::move(s));
  }
  if (const load::Node* s = f.node("signer")) {
    Fields g(*s, "signer", diags);
    c.signer = Signer{g.text("prefix"), g.text("position"), g.text("name")};
    g.finish();
  }
  f.finish();
  if (!f.ok()) return std::nullopt;
  return c;
}

Profile read_profile(load::Document& doc, PrivateData& priv, diag::Diagnostics& diags) {
  Fields f(doc.front, "profile", diags);
  Profile p;
  p.path = doc.path;
  p.body = std::move(doc.body);
  p.body_line = doc.body_line;
  read_page(f, p, doc, diags);
  std::string stem = doc.path.substr(doc.path.rfind('/') + 1);
  p.id = stem.substr(0, stem.size() - 3);
  std::string slug = f.text("slug");
  if (!slug.empty()) {
    if (text::slugify(slug) != slug)
      diags.error(f.pos_of("slug"), fmt::format("slug '{}' may use only a-z, 0-9 and '-'", slug),
                  fmt::format("write '{}'", text::slugify(slug)));
    else
      p.id = slug;
    p.slug_pos = f.pos_of("slug");
  }
  p.name = f.text("name", true);
  std::string kind = f.text("kind", true);
  if (kind == "collective")
    p.kind = Kind::kCollective;
  else if (!kind.empty() && kind != "individual")
    diags.error(f.pos_of("kind"), fmt::format("unknown kind '{}'", kind),
                "use 'individual' (cá nhân) or 'collective' (tập thể)");
  p.unit = f.text("unit", true);
  p.unit_pos = f.pos_of("unit");
  p.position = f.text("position");
  p.subject = f.text("subject");
  p.teaching_years = f.integer("teaching_years", 0, 60);
  p.school_year = f.school_year("school_year");
  p.campaigns = f.text_list("campaigns");
  if (const load::Node* cs = doc.front.find("campaigns")) {
    if (cs->is_sequence())
      for (const load::Node& item : cs->items) p.campaign_pos.push_back(item.pos);
    else
      p.campaign_pos.push_back(cs->pos);
  }
  p.summary = f.text("summary", true);
  p.photo = f.text("photo");
  p.photo_pos = f.pos_of("photo");
  p.consent = f.boolean("consent", false);
  p.withdrawn = f.boolean("withdrawn", false);
  const load::Node* awards = f.node("awards", true);
  for (const load::Node& item : list_items(awards, "awards", diags)) {
    Fields g(item, "award entry", diags);
    AwardGrant a;
    a.award = g.text("award", true);
    a.pos = g.pos_of("award");
    if (auto d = read_decision(g.node("decision"), diags)) a.decision = *d;
    g.finish();
    p.awards.push_back(std::move(a));
  }
  if (awards && awards->is_sequence() && awards->items.empty())
    diags.error(awards->pos, "'awards' is empty", "list at least one award");
  for (const load::Node& item : list_items(f.node("initiatives"), "initiatives", diags)) {
    Fields g(item, "initiative", diags);
    Initiative in{g.text("title", true), g.school_year("school_year"), g.text("scope"),
                  g.text("summary"), read_decision(g.node("decision"), diags)};
    g.finish();
    p.initiatives.push_back(std::move(in));
  }
  if (const load::Node* pr = f.node("private")) collect_private(*pr, priv.values);
  priv.profile_path = p.path;
  f.finish();
  if (p.body.find_first_not_of(" \t\n") == std::string::npos)
    diags.error({p.path, doc.body_line - 1, 1},
                "the story (the text after the front matter) is empty",
                "write the story below the closing '---'");
  p.valid = f.ok();
  return p;
}

void collect_private(const load::Node& n, std::vector<std::string>& out) {
  if (n.is_scalar() && !n.scalar.empty()) out.push_back(n.scalar);
  for (const auto& item : n.items) collect_private(item, out);
  for (const auto& [k, v] : n.entries) collect_private(v, out);
}

}  // namespace vd::model
