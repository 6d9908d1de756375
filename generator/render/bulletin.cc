// Bulletins: the document view shared by the web page, the A4 print page and the HTML e-mail;
// the plain-text e-mail; the bulletins index; the bulletins feed.
// The layout follows Decree 30/2020/NĐ-CP (Appendix I: the elements of an administrative document).
#include <fmt/format.h>

#include "render/atom.h"
#include "render/views.h"

namespace vd::render {

namespace {

std::string sentence_case(const std::string& s) {
  std::string lower = text::lower(s);
  std::size_t first = 1;
  while (first < lower.size() && (static_cast<unsigned char>(lower[first]) & 0xC0) == 0x80) ++first;
  return text::upper(lower.substr(0, first)) + lower.substr(first);
}

// The issuing body and its parent as they were named on the bulletin's date.
std::pair<std::string, std::string> issuer_names(const site::Site& s, const model::Bulletin& b) {
  std::string name = b.issuer_name, parent = b.parent_name;
  int u = b.issuer.empty() ? -1 : s.unit_index(b.issuer);
  if (u >= 0) {
    if (name.empty()) name = s.units[u].name_at(b.date);
    if (parent.empty() && !s.units[u].parent.empty())
      parent = unit_name(s, s.units[u].parent, b.date);
  } else {
    if (name.empty()) name = s.config.issuer.name;
    if (parent.empty()) parent = s.config.issuer.parent;
  }
  return {name, parent};
}

std::string place_of(const site::Site& s, const model::Bulletin& b) {
  return b.place.empty() ? s.config.issuer.place : b.place;
}

std::string date_line(const site::Site& s, const model::Bulletin& b) {
  std::string place = place_of(s, b);
  std::string date = b.date ? text::vi_long_date(*b.date) : "";
  return place.empty() ? date : place + ", " + date;
}

std::string group_heading(const ViewContext& c, const model::BulletinGroup& g,
                          const std::vector<int>& members) {
  const site::Site& s = c.site();
  int a = s.award_index(g.award);
  std::string heading = !g.heading.empty() ? g.heading : a < 0 ? g.award : s.awards[a].name;
  int people = 0, collectives = 0;
  for (int h : members)
    (s.honourees[h].profile.kind == model::Kind::kCollective ? collectives : people)++;
  std::string counts;
  if (collectives) counts = fmt::format("{} {}", collectives, c.str("count_collectives"));
  if (people)
    counts +=
        fmt::format("{}{} {}", counts.empty() ? "" : ", ", people, c.str("count_individuals"));
  return counts.empty() ? heading : heading + " (" + counts + ")";
}

json member_view(const ViewContext& c, int h, int number) {
  const site::Honouree& hon = c.site().honourees[h];
  const model::Profile& p = hon.profile;
  std::string line = p.name;
  if (!p.position.empty()) line += ", " + p.position;
  std::string unit = unit_name_for(c.site(), hon);
  return {{"number", number},
          {"name", p.name},
          {"url", c.link(hon.url)},
          {"absolute_url", c.absolute(hon.url)},
          {"position", p.position},
          {"has_position", !p.position.empty()},
          {"unit_name", unit},
          {"line", line + (unit.empty() || unit == p.name ? "" : ", " + unit)},
          {"line_after_name", line.substr(p.name.size()) +
                                  (unit.empty() || unit == p.name ? "" : ", " + unit)},
          {"has_teaching_years", p.teaching_years.has_value()},
          {"teaching_years", p.teaching_years.value_or(0)},
          {"summary", p.summary}};
}

}  // namespace

json bulletin_document(const ViewContext& c, int index) {
  const site::Site& s = c.site();
  const site::PublishedBulletin& pb = s.bulletins[index];
  const model::Bulletin& b = pb.bulletin;
  auto [issuer, parent] = issuer_names(s, b);
  json groups = json::array(), rows = json::array();
  int tt = 0;
  for (std::size_t gi = 0; gi < b.groups.size(); ++gi) {
    const std::vector<int>& members = pb.groups[gi];
    std::string heading = group_heading(c, b.groups[gi], members);
    json items = json::array();
    rows.push_back({{"is_heading", true}, {"heading", heading}});
    for (std::size_t i = 0; i < members.size(); ++i) {
      items.push_back(member_view(c, members[i], static_cast<int>(i) + 1));
      json row = member_view(c, members[i], ++tt);
      row["is_heading"] = false;
      rows.push_back(row);
    }
    groups.push_back({{"number", gi + 1}, {"heading", heading}, {"members", items}});
  }
  json recipients = json::array();
  for (const std::string& r : b.recipients) recipients.push_back({{"text", "- " + r + ";"}});
  recipients.push_back({{"text", "- " + c.str("bulletin_archive") + " " + b.archive + "."}});
  std::string type_sentence = sentence_case(b.doc_type);
  std::string attachment_note = fmt::format(
      "({} {} {} {} {}{} {})", c.str("attachment_with"), type_sentence, c.str("doc_number_word"),
      b.number, c.str("date_word"), b.date ? " " + text::vi_short_date(*b.date) : "",
      c.str("of_word") + " " + issuer);
  int ci = b.campaign.empty() ? -1 : s.campaign_index(b.campaign);
  std::string pdf = pb.url + b.stem + ".pdf";
  return {{"nation", text::upper(c.str("doc_nation"))},
          {"motto", c.str("doc_motto")},
          {"doc_type", text::upper(b.doc_type)},
          {"doc_type_sentence", type_sentence},
          {"number", b.number},
          {"title", b.title},
          {"summary", b.summary.empty() ? b.title : b.summary},
          {"issuer_name", text::upper(issuer)},
          {"parent_name", text::upper(parent)},
          {"has_parent", !parent.empty()},
          {"date_line", date_line(s, b)},
          {"date_iso", b.date ? text::iso_date(*b.date) : ""},
          {"date_short", b.date ? text::vi_short_date(*b.date) : ""},
          {"school_year", b.school_year},
          {"school_year_url", c.link(s.bulletins_url(b.school_year))},
          {"body_html", markdown_to_html(b.body, s.config.allow_html, 1)},
          {"groups", groups},
          {"has_groups", !groups.empty()},
          {"recipients", recipients},
          {"signer", b.signer ? signer_view(*b.signer, true) : json::object()},
          {"signed_mark", c.str("bulletin_signed_mark")},
          {"has_attachment", b.attachment && tt > 0},
          {"attachment_title", b.attachment_title.empty() ? c.str("attachment_title")
                                                          : text::upper(b.attachment_title)},
          {"attachment_note", attachment_note},
          {"rows", rows},
          {"has_campaign", ci >= 0},
          {"campaign", ci >= 0 ? campaign_item(c, s.campaigns[ci]) : json::object()},
          {"url", c.link(pb.url)},
          {"absolute_url", c.absolute(pb.url)},
          {"print_url", c.link(pb.url + "ban-in/")},
          {"email_html_url", c.link(pb.url + "email.html")},
          {"email_text_url", c.link(pb.url + "email.txt")},
          {"has_pdf", c.options().pdf},
          {"pdf_url", c.link(pdf)}};
}

json bulletin_item(const ViewContext& c, int index) {
  const site::PublishedBulletin& pb = c.site().bulletins[index];
  const model::Bulletin& b = pb.bulletin;
  return {{"title", b.title},
          {"doc_type", sentence_case(b.doc_type)},
          {"number", b.number},
          {"date", b.date ? text::vi_short_date(*b.date) : ""},
          {"date_iso", b.date ? text::iso_date(*b.date) : ""},
          {"issuer_name", issuer_names(c.site(), b).first},
          {"url", c.link(pb.url)}};
}

json bulletin_view(const ViewContext& c, std::string& title, std::string& description) {
  const site::Site& s = c.site();
  const site::Page& p = c.page();
  if (p.kind != site::PageKind::kBulletins) {
    const model::Bulletin& b = s.bulletins[p.entity].bulletin;
    title = sentence_case(b.doc_type) + " " + b.number + ": " + b.title;
    description = b.summary.empty() ? b.title : b.summary;
    json document = bulletin_document(c, p.entity);
    document["linked"] = p.kind == site::PageKind::kBulletin;  // names link to profiles on the web
    return {{"document", document}};
  }
  title = p.key.empty() ? c.str("nav_bulletins") : c.str("nav_bulletins") + " " + p.key;
  json years = json::array();
  for (const std::string& y : s.bulletin_years) {
    if (!p.key.empty() && y != p.key) continue;
    json items = json::array();
    for (int i = 0; i < static_cast<int>(s.bulletins.size()); ++i)
      if (s.bulletins[i].bulletin.school_year == y) items.push_back(bulletin_item(c, i));
    years.push_back(
        {{"school_year", y}, {"url", c.link(s.bulletins_url(y))}, {"bulletins", items}});
  }
  json other = json::array();
  for (const std::string& y : s.bulletin_years)
    other.push_back(
        {{"school_year", y}, {"url", c.link(s.bulletins_url(y))}, {"is_current", y == p.key}});
  return {{"years", years},
          {"all_years", other},
          {"is_year", !p.key.empty()},
          {"feed_url", c.link("/thong-bao/atom.xml")}};
}

// The plain-text e-mail: the same document, wrapped at 72 columns, links written out.
std::string bulletin_email_text(const ViewContext& c, int index) {
  const site::PublishedBulletin& pb = c.site().bulletins[index];
  const model::Bulletin& b = pb.bulletin;
  json d = bulletin_document(c, index);
  std::string out;
  auto line = [&](const std::string& t) { out += t + "\n"; };
  if (d["has_parent"].get<bool>()) line(d["parent_name"].get<std::string>());
  line(d["issuer_name"].get<std::string>());
  line(c.str("doc_number") + " " + b.number);
  line(d["date_line"].get<std::string>());
  line("");
  line(d["doc_type"].get<std::string>());
  line(b.title);
  line("");
  out += markdown_to_text(b.body, 72);
  for (const json& g : d["groups"]) {
    line("");
    line(fmt::format("{}. {}", g["number"].get<int>(), g["heading"].get<std::string>()));
    for (const json& m : g["members"]) {
      line(fmt::format("   {}) {}", m["number"].get<int>(), m["line"].get<std::string>()));
      line("      " + m["absolute_url"].get<std::string>());
    }
  }
  line("");
  line(c.str("bulletin_recipients"));
  for (const json& r : d["recipients"]) line(r["text"].get<std::string>());
  if (b.signer) {
    line("");
    for (const json& l : d["signer"]["lines"]) line(l["text"].get<std::string>());
    line(d["signed_mark"].get<std::string>());
    line(b.signer->name);
  }
  if (d["has_attachment"].get<bool>()) {  // the list, as the print version's last page has it
    line("");
    line(d["attachment_title"].get<std::string>());
    out += wrap_text(d["attachment_note"].get<std::string>(), 72);
    for (const json& r : d["rows"]) {
      line("");
      if (r["is_heading"].get<bool>()) {
        line(r["heading"].get<std::string>());
        continue;
      }
      std::string who =
          fmt::format("{}. {} – {}", r["number"].get<int>(), r["name"].get<std::string>(),
                      r["unit_name"].get<std::string>());
      if (r["has_teaching_years"].get<bool>())
        who += fmt::format(" – {}: {}", c.str("att_years"), r["teaching_years"].get<int>());
      out += wrap_text(who, 72);
      out += wrap_text(r["summary"].get<std::string>(), 72, "   ");
    }
  }
  line("");
  line(c.str("bulletin_read_online") + " " + c.absolute(pb.url));
  return out;
}

std::string bulletins_atom(const site::Site& s, const std::string& title) {
  std::vector<AtomEntry> entries;
  for (const site::PublishedBulletin& pb : s.bulletins) {
    const model::Bulletin& b = pb.bulletin;
    entries.push_back({b.number + " – " + b.title, s.config.base_url + pb.url.substr(1),
                       b.date ? text::iso_date(*b.date) : "2000-01-01",
                       b.summary.empty() ? b.title : b.summary, ""});
  }
  const std::string updated = entries.empty() ? "2000-01-01" : entries.front().updated;
  return atom_feed(s, title, "/thong-bao/atom.xml", "/thong-bao/", updated, entries);
}

}  // namespace vd::render
