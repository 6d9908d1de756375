// Bulletins: reading content/bulletins/**.md and checking them against the rest of the model.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "model/fields.h"
#include "model/model_internal.h"

namespace vd::model {

namespace {

void read_groups(Fields& f, Bulletin& b, diag::Diagnostics& diags) {
  const load::Node* n = f.node("honourees");
  if (!n) return;
  if (!n->is_sequence()) {
    diags.error(n->pos, "'honourees' must be a list of award headings",
                "write '- award: …' items, each with a 'profiles:' list under it");
    return;
  }
  for (const load::Node& item : n->items) {
    Fields g(item, "honouree group", diags);
    BulletinGroup group;
    group.award = g.text("award", true);
    group.pos = g.pos_of("award");
    group.heading = g.text("heading");
    group.profiles = g.text_list("profiles");
    if (const load::Node* ps = item.find("profiles")) {
      if (ps->is_sequence())
        for (const load::Node& p : ps->items) group.profile_pos.push_back(p.pos);
      else
        group.profile_pos.push_back(ps->pos);
    }
    if (group.profiles.empty() && g.ok())
      diags.error(item.pos, "this award heading lists nobody",
                  "add 'profiles:' with one '- <school year>/<file name>' per honouree");
    g.finish();
    if (g.ok()) b.groups.push_back(std::move(group));
  }
}

void read_attachment(Fields& f, Bulletin& b, diag::Diagnostics& diags) {
  const load::Node* n = f.node("attachment");
  if (!n) return;
  if (n->is_scalar()) {
    b.attachment = f.boolean("attachment", false);
    return;
  }
  Fields g(*n, "attachment", diags);
  b.attachment = true;
  b.attachment_title = g.text("title");
  g.finish();
}

// "n/TB-…": the symbol after the slash names the document type (Decree 30/2020, Appendix III).
const char* type_symbol(const std::string& doc_type) {
  static const std::map<std::string, const char*> kSymbols = {
      {"THÔNG BÁO", "TB"}, {"KẾ HOẠCH", "KH"}, {"QUYẾT ĐỊNH", "QĐ"}, {"BÁO CÁO", "BC"},
      {"TỜ TRÌNH", "TTr"}, {"CHỈ THỊ", "CT"},  {"HƯỚNG DẪN", "HD"},  {"CÔNG ĐIỆN", "CĐ"}};
  auto it = kSymbols.find(doc_type);
  return it == kSymbols.end() ? nullptr : it->second;
}

void check_number(const Bulletin& b, diag::Diagnostics& diags) {
  const char* sym = type_symbol(b.doc_type);
  if (!sym || b.number.empty()) return;
  auto slash = b.number.find('/');
  std::string symbol = slash == std::string::npos ? "" : b.number.substr(slash + 1);
  symbol = symbol.substr(0, symbol.find('-'));
  if (symbol != sym)
    diags.warning(
        b.number_pos,
        fmt::format("the number '{}' does not carry the symbol of a {} ('{}')", b.number,
                    b.doc_type, sym),
        fmt::format("write it as '<n>/{}-<issuer>' (Decree 30/2020/NĐ-CP, Appendix III)", sym));
}

}  // namespace

std::optional<Bulletin> read_bulletin(load::Document& doc, diag::Diagnostics& diags) {
  Fields f(doc.front, "bulletin", diags);
  Bulletin b;
  b.path = doc.path;
  b.body = std::move(doc.body);
  b.body_line = doc.body_line;
  b.pos = doc.front.pos;
  std::string stem = doc.path.substr(doc.path.rfind('/') + 1);
  b.stem = stem.substr(0, stem.size() - 3);
  read_page(f, b, doc, diags);
  std::string type = f.text("doc_type");
  if (!type.empty()) b.doc_type = type;
  b.number = f.text("number", true);
  b.number_pos = f.pos_of("number");
  b.issuer = f.text("issuer");
  b.issuer_pos = f.pos_of("issuer");
  b.issuer_name = f.text("issuer_name");
  b.parent_name = f.text("parent_name");
  b.place = f.text("place");
  b.date = f.date("date", true);
  b.date_pos = f.pos_of("date");
  b.title = f.text("title", true);
  b.summary = f.text("summary");
  b.campaign = f.text("campaign");
  b.campaign_pos = f.pos_of("campaign");
  b.school_year = f.school_year("school_year");
  b.recipients = f.text_list("recipients");
  std::string archive = f.text("archive");
  if (!archive.empty()) b.archive = archive;
  read_groups(f, b, diags);
  read_attachment(f, b, diags);
  if (const load::Node* s = f.node("signer", true)) {
    Fields g(*s, "signer", diags);
    b.signer = Signer{g.text("prefix"), g.text("position", true), g.text("name", true)};
    static const std::vector<std::string> kPrefixes = {"", "KT.", "TM.", "Q.", "TL.", "TUQ."};
    if (std::find(kPrefixes.begin(), kPrefixes.end(), b.signer->prefix) == kPrefixes.end())
      diags.error(g.pos_of("prefix"),
                  fmt::format("unknown authority prefix '{}'", b.signer->prefix),
                  "use KT., TM., Q., TL. or TUQ. (Decree 30/2020/NĐ-CP), or leave it out");
    g.finish();
  }
  check_number(b, diags);
  f.finish();
  if (!f.ok()) return std::nullopt;
  // The URL comes from the file's place: content/bulletins/<school year>/<name>.md, or the school
  // year of its date for a file directly in content/bulletins/.
  std::string folder = doc.path.substr(0, doc.path.rfind('/'));
  folder = folder.substr(folder.rfind('/') + 1);
  if (b.school_year.empty() && text::is_school_year(folder)) b.school_year = folder;
  if (b.school_year.empty() && b.date) b.school_year = text::school_year_of(*b.date);
  b.id = b.school_year + "/" + b.stem;
  return b;
}

namespace {

// The profile a bulletin reference names: "2023-2024/ten-file" or, when unambiguous, "ten-file".
int find_profile(const Model& m, const std::string& ref, std::vector<std::string>& candidates) {
  auto slash = ref.find('/');
  std::string year = slash == std::string::npos ? "" : ref.substr(0, slash);
  std::string id = slash == std::string::npos ? ref : ref.substr(slash + 1);
  int found = -1;
  for (int i = 0; i < static_cast<int>(m.profiles.size()); ++i) {
    const Profile& p = m.profiles[i];
    if (p.id != id || (!year.empty() && p.school_year != year)) continue;
    candidates.push_back(p.school_year + "/" + p.id);
    found = found < 0 ? i : -2;  // -2: ambiguous
  }
  return found;
}

std::vector<std::string> profile_refs(const Model& m) {
  std::vector<std::string> v;
  for (const Profile& p : m.profiles) v.push_back(p.school_year + "/" + p.id);
  return v;
}

// A bulletin belongs to its campaign's period: from the plan's date to the end of the school year
// of its last milestone.
void check_period(const Model& m, const Bulletin& b, diag::Diagnostics& diags) {
  const Campaign* c = m.campaign(b.campaign);
  if (!c || !b.date) return;
  std::optional<Date> start = c->date;
  if (!start && !c->timeline.empty()) start = c->timeline.front().date;
  std::string last_year =
      c->timeline.empty() ? c->school_year : text::school_year_of(c->timeline.back().date);
  std::optional<Date> end;
  if (text::is_school_year(last_year)) end = Date{std::stoi(last_year.substr(5)), 8, 31};
  bool before = start && *b.date < *start, after = end && *end < *b.date;
  if (!before && !after) return;
  diags.error(
      b.date_pos,
      fmt::format("the date {} is outside campaign '{}' ({} – {})", text::vi_short_date(*b.date),
                  c->id, start ? text::vi_short_date(*start) : "?",
                  end ? text::vi_short_date(*end) : "?"),
      "correct the date, or name the campaign this bulletin belongs to");
}

void check_group(const Model& m, Bulletin& b, BulletinGroup& g, diag::Diagnostics& diags) {
  std::string award = resolve_award(m, g.award);
  if (award.empty()) {
    report_unknown_award(m, g.award, g.pos, diags);
  } else {
    g.award = award;
  }
  const Award* a = award.empty() ? nullptr : m.award(award);
  for (std::size_t i = 0; i < g.profiles.size(); ++i) {
    diag::Position at = i < g.profile_pos.size() ? g.profile_pos[i] : b.pos;
    std::vector<std::string> candidates;
    int p = find_profile(m, g.profiles[i], candidates);
    g.resolved.push_back(p < 0 ? -1 : p);
    if (p == -2) {
      diags.error(at, fmt::format("'{}' names more than one profile", g.profiles[i]),
                  fmt::format("write the school year too: {}", fmt::join(candidates, " or ")));
      continue;
    }
    if (p < 0) {
      diags.error(at, fmt::format("unknown profile '{}'", g.profiles[i]),
                  did_you_mean(g.profiles[i], profile_refs(m),
                               "write '<school year>/<file name without .md>' of a file in "
                               "content/profiles/"));
      continue;
    }
    const Profile& pr = m.profiles[p];
    if (!a) continue;
    if (!a->applies_to(pr.kind)) {
      diags.error(at,
                  fmt::format("'{}' is awarded to {} only, but {} is {}", a->name,
                              pr.kind == Kind::kIndividual ? "collectives" : "individuals", pr.name,
                              pr.kind == Kind::kIndividual ? "an individual" : "a collective"),
                  "move this profile under a heading that fits it");
      continue;
    }
    bool holds = std::any_of(pr.awards.begin(), pr.awards.end(), [&](const AwardGrant& x) {
      return resolve_award(m, x.award) == a->id;
    });
    if (!holds)
      diags.error(at, fmt::format("{} does not hold '{}'", pr.name, a->name),
                  fmt::format("add the award to {} so the site and the bulletin agree, or move "
                              "the profile under the right heading",
                              pr.path));
  }
}

}  // namespace

void check_bulletins(Model& m, diag::Diagnostics& diags) {
  std::map<std::string, const Bulletin*> numbers;
  std::vector<std::string> campaign_ids;
  for (const Campaign& c : m.campaigns) campaign_ids.push_back(c.id);
  for (Bulletin& b : m.bulletins) {
    if (!b.issuer.empty() && !m.unit(b.issuer))
      check_unit_ref(m, b.issuer, b.issuer_pos, "issuing unit", diags);
    if (!b.campaign.empty() && !m.campaign(b.campaign))
      diags.error(
          b.campaign_pos, fmt::format("unknown campaign '{}'", b.campaign),
          did_you_mean(b.campaign, campaign_ids, "campaigns are the files in content/campaigns/"));
    check_period(m, b, diags);
    for (BulletinGroup& g : b.groups) check_group(m, b, g, diags);
    // The number/symbol identifies a document of its issuer: two bulletins of one issuer may not
    // share it.
    auto [it, fresh] = numbers.emplace(b.issuer + "\n" + b.number, &b);
    if (!fresh)
      diags.error(b.number_pos,
                  fmt::format("the number '{}' is already used by {}", b.number, it->second->path),
                  "give each document its own number");
  }
}

}  // namespace vd::model
