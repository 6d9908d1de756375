#include "serve/state.h"

namespace vd::serve {

// Reads and parses one profile file. nullopt: it no longer exists. When its bytes hash like
// `old`'s, returns an entry with hash 0 and nothing else: keep the old one.
std::optional<ProfileEntry> read_entry(const fs::FileSystem& fs, const std::string& root,
                                       const std::string& rel, const ProfileEntry* old) {
  std::string abs = fs::join(root, rel);
  if (!fs.is_file(abs)) return std::nullopt;
  fs::ReadResult r = fs.read(abs);
  ProfileEntry e;
  XXH64_hash_t h = XXH3_64bits(r.bytes.data(), r.bytes.size()) | 1;  // never 0
  if (r.status && old && old->hash == h) return e;
  e.hash = h;
  if (!r.status) {
    e.load_diags.error({rel, 0, 0}, r.status.message, "check the file's permissions");
  } else if (load::clean_text(rel, r.bytes, e.load_diags)) {
    load::Document doc = load::parse_document(rel, r.bytes, e.load_diags);
    e.source = r.bytes.substr(0, r.bytes.size() - doc.body.size());
    if (doc.ok) {
      e.record = model::read_profile_record(doc);
      e.body = std::move(e.record.profile.body);
      e.record.profile.body.clear();
      e.ok = true;
    }
  }
  return e;
}

void Collector::put(render::File f) {
  std::vector<output::Leak> found;
  output::find_leaks(f, privates_, found);
  std::lock_guard<std::mutex> lock(mutex_);
  leaks.insert(leaks.end(), found.begin(), found.end());
  if (found.empty()) files.push_back(std::move(f));
}

Change classify(const std::set<std::string>& paths) {
  Change c;
  for (const std::string& p : paths) {
    if (starts_with(p, kProfiles)) {
      if (ends_with(p, ".md"))
        c.profiles.insert(p);
      else
        c.rescan = true;
    } else if (starts_with(p, "content/profiles")) {
      c.rescan = true;
    } else if (starts_with(p, "layouts/") && ends_with(p, ".mustache") &&
               p.find('/', 8) == std::string::npos && p != "layouts/base.mustache") {
      c.layout_kinds.insert(p.substr(8, p.size() - 8 - 9));
      c.theme = true;
    } else {
      c.base = true;
    }
  }
  return c;
}

void add_leaks(const std::vector<output::Leak>& leaks, diag::Diagnostics& diags) {
  for (const output::Leak& leak : leaks)
    diags.error(
        {leak.value_owner, 0, 0},
        "a " + leak.shape + " from this profile's 'private:' block appears in the output file " +
            leak.file,
        "remove the private value from the public fields and the story; private data is never "
        "published");
}

LentBodies::LentBodies(site::Site& s, const std::vector<int>& pages,
                       std::map<std::string, ProfileEntry>& cache) {
  for (int i : pages) {
    const site::Page& p = s.pages[static_cast<std::size_t>(i)];
    if (p.kind != site::PageKind::kProfile) continue;
    std::string& body = s.honourees[p.entity].profile.body;
    auto it = cache.find(s.honourees[p.entity].profile.path);
    if (it == cache.end()) continue;
    body.swap(it->second.body);
    lent_.emplace_back(&body, &it->second.body);
  }
}
LentBodies::~LentBodies() {
  for (auto& [in_site, in_cache] : lent_) in_site->swap(*in_cache);
}

}  // namespace vd::serve
