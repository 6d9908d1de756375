// What a plan does to the site folder: comparing with existing files, writing, describing.
#include <fmt/format.h>

#include <functional>

#include "import/import_internal.h"
#include "load/load.h"
#include "text/text.h"

namespace vd::import {

namespace {

std::string scalar(const load::Node* n) {
  return n && n->is_scalar() ? n->scalar : std::string();
}

bool list_has(const load::Node* list, const std::function<bool(const load::Node&)>& pred) {
  if (!list || !list->is_sequence()) return false;
  for (const load::Node& item : list->items)
    if (pred(item)) return true;
  return false;
}

}  // namespace

std::vector<std::string> differences(std::string bytes, const std::string& path,
                                     const ProfileFields& f, const model::Award& award) {
  diag::Diagnostics scratch;
  load::Document doc;
  if (load::clean_text(path, bytes, scratch)) doc = load::parse_document(path, bytes, scratch);
  if (!doc.ok) return {"everything (the file cannot be read: `vinhdanh check` tells why)"};
  std::vector<std::string> out;
  auto shown = [&](const char* key, const std::string& list) {  // a blank cell says nothing
    std::string file = scalar(doc.front.find(key));
    if (!list.empty() && file != list)
      out.push_back(fmt::format("{} (the file: '{}', the list: '{}')", key, file, list));
  };
  shown("name", f.name);
  shown("unit", f.unit);
  shown("position", f.position);
  shown("teaching_years", f.teaching_years ? std::to_string(*f.teaching_years) : "");
  if (squeeze(scalar(doc.front.find("summary"))) != f.summary) out.push_back("summary");
  if (!list_has(doc.front.find("campaigns"),
                [&](const load::Node& n) { return n.scalar == f.campaigns.front(); }))
    out.push_back(fmt::format("campaigns (the file lacks '{}')", f.campaigns.front()));
  if (!list_has(doc.front.find("awards"), [&](const load::Node& n) {
        std::string a = scalar(n.find("award"));
        return a == award.id || text::fold(a) == text::fold(award.name);
      }))
    out.push_back(fmt::format("awards (the file lacks '{}')", award.id));
  const load::Node* priv = doc.front.find("private");
  for (const char* key : {"phone", "email"}) {
    std::string file = priv ? scalar(priv->find(key)) : std::string();
    const std::string& list = std::string(key) == "phone" ? f.phone : f.email;
    if (!list.empty() && file != list) out.push_back(fmt::format("private.{}", key));
  }
  return out;
}

namespace {

// True when the profile file at `path` is this person's: same name and unit, or unreadable.
bool same_person(std::string bytes, const std::string& path, const ProfileFields& f) {
  diag::Diagnostics scratch;
  load::Document doc;
  if (load::clean_text(path, bytes, scratch)) doc = load::parse_document(path, bytes, scratch);
  if (!doc.ok) return true;
  return text::fold(scalar(doc.front.find("name"))) == text::fold(f.name) &&
         scalar(doc.front.find("unit")) == f.unit;
}

}  // namespace

PathChoice choose_path(const fs::FileSystem& fs, const std::string& source, const std::string& dir,
                       const std::string& slug, const ProfileFields& f,
                       const std::set<std::string>& planned) {
  PathChoice out;
  for (int i = 1;; ++i) {
    out.path = fs::join(dir, i == 1 ? slug + ".md" : fmt::format("{}-{}.md", slug, i));
    if (planned.count(out.path)) continue;
    std::string full = fs::join(source, out.path);
    if (!fs.is_file(full)) return out;
    if (same_person(fs.read(full).bytes, out.path, f)) {
      out.existing = true;
      return out;
    }
    out.namesakes.push_back(out.path);
  }
}

diag::Status apply(fs::FileSystem& fs, const Plan& plan, const std::string& source) {
  if (plan.diags.has_errors() || !plan.status)
    return diag::Status::failure("the list has errors; nothing was written");
  std::vector<std::string> written;
  for (const NewProfile& p : plan.create) {
    std::string path = fs::join(source, p.path);
    diag::Status s = fs.is_file(path) ? diag::Status::failure(fmt::format(
                                            "{} appeared while importing; not overwritten", path))
                                      : fs.write(path, p.bytes);
    if (!s) {  // all or nothing: take back what this call wrote
      for (const std::string& w : written) fs.remove_all(w);
      return s;
    }
    written.push_back(path);
  }
  return diag::Status::success();
}

std::string describe(const Plan& plan, bool dry_run) {
  std::string out;
  for (const NewProfile& p : plan.create)
    out += fmt::format("{} {}  {} ({})\n", dry_run ? "would create" : "created", p.path, p.name,
                       p.unit);
  for (const std::string& p : plan.existing) out += fmt::format("left alone {}\n", p);
  return out;
}

}  // namespace vd::import
