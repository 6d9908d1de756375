// The previous edition, what the new one changes, vanished URLs, the changelog message.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "publish/publish_internal.h"

namespace vd::publish {

std::string branch_of(const std::string& site_yml) {
  diag::Diagnostics ignored;  // a broken site.yml is reported by the build itself
  load::Node root = load::parse_yaml("site.yml", site_yml, 1, ignored);
  const load::Node* pub = root.is_map() ? root.find("publication") : nullptr;
  const load::Node* branch = pub && pub->is_map() ? pub->find("branch") : nullptr;
  return branch && branch->is_scalar() && !branch->scalar.empty() ? branch->scalar : "portal";
}

bool parse_editions(const std::string& text, std::vector<site::Edition>& out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j["editions"].is_array()) return false;
  out.clear();
  for (const nlohmann::json& e : j["editions"]) {
    if (!e.is_object()) return false;
    site::Edition ed;
    ed.number = e.value("edition", 0);
    std::optional<text::Date> date = text::parse_date(e.value("date", ""));
    if (!date || ed.number <= 0) return false;
    ed.date = *date;
    ed.source = e.value("source", "");
    ed.dirty = e.value("dirty", false);
    ed.tag = e.value("tag", "");
    if (e.contains("changes") && e["changes"].is_object())
      for (const auto& [kind, items] : e["changes"].items())
        if (items.is_array())
          for (const nlohmann::json& it : items)
            ed.changes.push_back({kind, it.is_object() ? it.value("title", "") : "",
                                  it.is_object() ? it.value("path", "") : ""});
    out.push_back(std::move(ed));
  }
  return true;
}

diag::Status read_previous(const git::Repository& repo, const std::string& rev, Previous& out) {
  out = Previous();
  std::optional<std::string> tip =
      rev.rfind("refs/", 0) == 0 ? repo.ref_target(rev) : std::optional<std::string>(rev);
  if (!tip) return {};  // nothing published yet
  git::Commit c;
  if (diag::Status s = repo.resolve(*tip, c); !s) return s;
  out.commit = c.id;
  out.source = source_of(c.message);
  std::vector<git::TreeEntry> files;
  if (diag::Status s = repo.list_files(c.id, "", files); !s) return s;
  for (git::TreeEntry& f : files) out.files.emplace(std::move(f.path), std::move(f.blob));
  auto index = out.files.find("editions/index.json");
  std::string text;
  if (index == out.files.end()) return {};
  if (diag::Status s = repo.read_blob(index->second, text); !s) return s;
  if (!parse_editions(text, out.editions))
    return diag::Status::failure(fmt::format(
        "the publication commit {} has an unreadable editions/index.json", c.id.substr(0, 12)));
  return {};
}

std::string bulletin_title(const model::Bulletin& b) {
  // As the bulletin's own page names it: "Thông báo 12/TB-SGDĐT: Kết quả …".
  std::string type = text::lower(b.doc_type);
  std::size_t first = 1;
  while (first < type.size() && (static_cast<unsigned char>(type[first]) & 0xC0) == 0x80) ++first;
  type = text::upper(type.substr(0, first)) + type.substr(first);
  std::string number = b.number.empty() ? "" : " " + b.number;
  return b.title.empty() ? type + number : type + number + ": " + b.title;
}

std::vector<site::Edition> published_editions(const fs::FileSystem& fs,
                                              const std::string& site_dir) {
  Source src;
  if (!open_source(site_dir, src)) return {};
  std::string branch = branch_of(fs.read(fs::join(site_dir, "site.yml")).bytes);
  std::optional<std::string> tip = src.repo.ref_target("refs/heads/" + branch);
  std::vector<git::TreeEntry> files;
  if (!tip || !src.repo.list_files(*tip, "editions", files)) return {};
  std::vector<site::Edition> out;
  std::string text;
  for (const git::TreeEntry& f : files)
    if (f.path == "index.json" && src.repo.read_blob(f.blob, text) && parse_editions(text, out))
      return out;
  return {};
}

std::vector<site::EditionChange> changes(const site::Site& s, const Previous& prev,
                                         const std::set<std::string>& changed) {
  std::vector<site::EditionChange> out;
  auto was_published = [&](const std::string& url) {
    return prev.files.count(site::output_path(url)) > 0;
  };
  for (const site::Honouree& h : s.honourees) {
    if (!was_published(h.url))
      out.push_back({"profile_added", h.profile.name, h.url});
    else if (changed.count(h.profile.path))
      out.push_back({"profile_updated", h.profile.name, h.url});
  }
  // A withdrawal edits the profile's file: its page existed and the file changed. Neither name
  // nor URL is recorded (the person asked to be forgotten).
  for (const site::Withdrawn& w : s.withdrawn)
    if (w.what == site::Withdrawn::What::kProfile && was_published(w.url) && changed.count(w.path))
      out.push_back({"profile_withdrawn", "", ""});
  for (const model::Campaign& c : s.campaigns) {
    std::string url = s.campaign_url(c.id);
    if (!was_published(url))
      out.push_back({"campaign_added", c.title, url});
    else if (changed.count(c.path))
      out.push_back({"campaign_updated", c.title, url});
  }
  for (const site::PublishedBulletin& b : s.bulletins)
    if (!was_published(b.url))
      out.push_back({"bulletin_issued", bulletin_title(b.bulletin), b.url});
  return out;
}

namespace {

// Pages that may disappear: continuation pages of lists and tag pages (a tag goes with its last
// use); the editions' own files are rewritten by every edition.
bool may_vanish(const std::string& path) {
  return path.find("/trang/") != std::string::npos || path.rfind("trang/", 0) == 0 ||
         path.rfind("chu-de/", 0) == 0 || path.rfind("editions/", 0) == 0;
}

// The file that most likely made a vanished page (for the message's position).
std::string likely_source(const std::string& path) {
  std::vector<std::string> parts;
  for (std::size_t a = 0, b; a <= path.size(); a = b + 1) {
    b = path.find('/', a);
    if (b == std::string::npos) b = path.size();
    parts.push_back(path.substr(a, b - a));
  }
  if (parts.size() == 4 && parts[0] == "dien-hinh")
    return fmt::format("content/profiles/{}/{}.md", parts[1], parts[2]);
  if (parts.size() == 3 && parts[0] == "phong-trao")
    return fmt::format("content/campaigns/{}.md", parts[1]);
  if (parts.size() == 3 && parts[0] == "don-vi") return "content/units.yml";
  return "content";
}

}  // namespace

void check_vanished(const site::Site& s, const Previous& prev, diag::Diagnostics& diags) {
  std::set<std::string> now;
  for (const site::Page& p : s.pages) now.insert(site::output_path(p.url));
  int edition = prev.editions.empty() ? 0 : prev.editions.back().number;
  for (const auto& [path, blob] : prev.files) {
    bool page = path.size() >= 10 && path.compare(path.size() - 10, 10, "index.html") == 0;
    if (!page || now.count(path) || may_vanish(path)) continue;
    std::string url = "/" + path.substr(0, path.size() - 10);
    diags.error({likely_source(path), 0, 0},
                fmt::format("the page {} of edition {} would vanish: a published URL never changes",
                            url, edition),
                fmt::format("add 'aliases: [{}]' to the file that replaces it (a redirect page is "
                            "generated), or set 'withdrawn: true' in a profile whose consent was "
                            "withdrawn",
                            url));
  }
}

namespace {

int count(const site::Edition& e, std::string_view kind) {
  int n = 0;
  for (const site::EditionChange& c : e.changes) n += c.kind == kind;
  return n;
}

}  // namespace

std::string commit_message(const site::Edition& e) {
  struct Group {
    const char *kind, *label, *one;  // the heading, and the summary's words for a single change
  };
  static const Group kGroups[] = {{"profile_added", "Profiles added", "profile added"},
                                  {"profile_updated", "Profiles updated", "profile updated"},
                                  {"profile_withdrawn", "Profiles withdrawn", "profile withdrawn"},
                                  {"campaign_added", "Campaigns added", "campaign added"},
                                  {"campaign_updated", "Campaigns updated", "campaign updated"},
                                  {"bulletin_issued", "Bulletins issued", "bulletin issued"}};
  std::vector<std::string> summary;
  std::string body;
  for (const auto& [kind, label, one] : kGroups) {
    int n = count(e, kind);
    if (n == 0) continue;
    std::string lower = label;
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    summary.push_back(fmt::format("{} {}", n, n == 1 ? one : lower));
    body += fmt::format("\n{}:\n", label);
    if (std::string_view(kind) == "profile_withdrawn") {
      body += fmt::format("- {} (not named: consent was withdrawn)\n", n);
      continue;
    }
    int listed = 0;
    for (const site::EditionChange& c : e.changes) {
      if (c.kind != kind) continue;
      if (++listed > 100) {
        body += fmt::format("- … and {} more (see /editions/{}/)\n", n - 100, e.number);
        break;
      }
      body += fmt::format("- {} {}\n", c.title, c.url);
    }
  }
  std::string subject = fmt::format("Edition {} ({}): ", e.number, text::iso_date(e.date));
  if (summary.empty()) {
    subject += "no content changes (layout or settings)";
  } else {
    for (std::size_t i = 0; i < summary.size(); ++i) subject += (i ? ", " : "") + summary[i];
  }
  std::string trailers = fmt::format("\nEdition: {}\n{}{}{}\n", e.number, kSourceTrailer, e.source,
                                     e.dirty ? " (with uncommitted changes)" : "");
  if (!e.tag.empty()) trailers += fmt::format("Tag: {}\n", e.tag);
  return subject + "\n" + body + trailers;
}

}  // namespace vd::publish
