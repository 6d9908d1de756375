#include "serve/preview.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "load/load.h"
#include "model/model.h"
#include "output/output.h"
#include "render/render.h"
#include "serve/deps.h"
#include "site/site.h"

namespace vd::serve {

namespace {

constexpr std::string_view kProfiles = "content/profiles/";

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// One profile file as last read: its record and what it said about itself.
struct ProfileEntry {
  XXH64_hash_t hash = 0;
  bool ok = false;              // parsed; the record is usable
  model::ProfileRecord record;  // without its body: copying 10 000 stories at every rebuild
  std::string body;             // would cost more than the rebuild; lent to the pages rendered
  std::string source;           // front matter (diagnostics print its lines)
  diag::Diagnostics load_diags;
};

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

// Collects rendered files from the render threads, scanning each for private values.
class Collector : public render::Sink {
 public:
  explicit Collector(const output::PrivateValues& privates) : privates_(privates) {}
  void put(render::File f) override {
    std::vector<output::Leak> found;
    output::find_leaks(f, privates_, found);
    std::lock_guard<std::mutex> lock(mutex_);
    leaks.insert(leaks.end(), found.begin(), found.end());
    if (found.empty()) files.push_back(std::move(f));
  }
  std::vector<render::File> files;
  std::vector<output::Leak> leaks;

 private:
  const output::PrivateValues& privates_;
  std::mutex mutex_;
};

// What a set of changed paths asks for.
struct Change {
  std::set<std::string> profiles;      // profile files to read again
  std::set<std::string> layout_kinds;  // layouts of one page kind
  bool base = false;                   // anything else: reload the small files and the theme
  bool theme = false;                  // a page kind's layout: reload the theme
  bool rescan = false;                 // list content/profiles/ again
};

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

}  // namespace

struct Preview::State {
  fs::FileSystem& fs;
  pipeline::BuildOptions opts;
  std::map<std::string, ProfileEntry> profiles;  // by path (the order of a full load)
  load::SourceTree base;                         // site.yml, units, awards, campaigns, i18n
  diag::Diagnostics base_diags;
  render::Theme theme;
  site::Site site;
  bool have_site = false;
  site::Memo memo;
  render::MarkdownCache markdown;
  std::set<std::string> pending;  // changes not yet in a good build
  mutable std::shared_mutex files_mutex;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> files;

  State(fs::FileSystem& f, pipeline::BuildOptions o) : fs(f), opts(std::move(o)) {}

  std::string theme_root() const { return opts.theme.empty() ? opts.source : opts.theme; }

  void load_base() {
    diag::Diagnostics d;
    load::LoadOptions lo{opts.source, theme_root(), opts.threads, false};
    base = load::load_site(fs, lo, d);
    theme = {std::move(base.layouts), std::move(base.assets), std::move(base.images)};
    base.layouts.clear();
    base.assets.clear();
    base.images.clear();
    base_diags = std::move(d);
  }

  // Reads and parses one profile file again unless its bytes are unchanged.
  void read_profile(const std::string& rel) {
    auto it = profiles.find(rel);
    std::optional<ProfileEntry> e =
        read_entry(fs, opts.source, rel, it == profiles.end() ? nullptr : &it->second);
    if (!e)
      profiles.erase(rel);
    else if (e->hash != 0)  // 0: the bytes did not change
      profiles[rel] = std::move(*e);
  }

  std::vector<std::string> list_profiles() const {
    std::vector<std::string> out;
    for (const std::string& f : fs.list(fs::join(opts.source, "content/profiles")))
      if (ends_with(f, ".md")) out.push_back(std::string(kProfiles) + f);
    return out;
  }

  // Reads every profile file on all cores.
  void read_all_profiles() {
    std::vector<std::string> names = list_profiles();
    std::vector<std::optional<ProfileEntry>> entries(names.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next++) < names.size();)
        entries[i] = read_entry(fs, opts.source, names[i], nullptr);
    };
    unsigned n = opts.threads > 0 ? static_cast<unsigned>(opts.threads)
                                  : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    if (fs.thread_safe())
      for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    profiles.clear();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (entries[i]) profiles[names[i]] = std::move(*entries[i]);
  }

  // Files that appeared or vanished in content/profiles/ join the changed set.
  void rescan(std::set<std::string>& changed) {
    std::vector<std::string> now = list_profiles();
    std::set<std::string> on_disk(now.begin(), now.end());
    for (auto it = profiles.begin(); it != profiles.end();) {
      if (!on_disk.count(it->first)) {
        changed.insert(it->first);
        it = profiles.erase(it);
      } else {
        ++it;
      }
    }
    for (const std::string& p : now)
      if (!profiles.count(p)) changed.insert(p);
  }

  load::SourceTree tree_copy() const {
    load::SourceTree t;
    t.root = base.root;
    t.site = base.site;
    t.units = base.units;
    t.awards = base.awards;
    t.campaigns = base.campaigns;
    t.i18n = base.i18n;
    for (const auto& [name, bytes] : theme.images) t.images[name];  // names only
    return t;
  }

  void add_sources(const diag::Diagnostics& diags, diag::SourceMap& out) const {
    for (const diag::Diagnostic& d : diags.all()) {
      if (out.count(d.pos.file)) continue;
      if (auto p = profiles.find(d.pos.file); p != profiles.end())
        out[d.pos.file] = p->second.source;
      else if (auto s = base.sources.find(d.pos.file); s != base.sources.end())
        out[d.pos.file] = s->second;
    }
  }
};

Preview::Preview(fs::FileSystem& fs, pipeline::BuildOptions opts)
    : st_(std::make_unique<State>(fs, std::move(opts))) {}
Preview::~Preview() = default;

RebuildResult Preview::build() {
  st_->load_base();
  st_->read_all_profiles();
  st_->have_site = false;
  st_->pending.clear();
  return rebuild({"site.yml"});
}

namespace {

// The stories of the profile pages about to be rendered, lent by the cache for the render.
class LentBodies {
 public:
  LentBodies(site::Site& s, const Plan& plan, std::map<std::string, ProfileEntry>& cache) {
    for (int i : plan.pages) {
      const site::Page& p = s.pages[static_cast<std::size_t>(i)];
      if (p.kind != site::PageKind::kProfile) continue;
      std::string& body = s.honourees[p.entity].profile.body;
      auto it = cache.find(s.honourees[p.entity].profile.path);
      if (it == cache.end()) continue;
      body.swap(it->second.body);
      lent_.emplace_back(&body, &it->second.body);
    }
  }
  ~LentBodies() {
    for (auto& [in_site, in_cache] : lent_) in_site->swap(*in_cache);
  }
  LentBodies(const LentBodies&) = delete;
  LentBodies& operator=(const LentBodies&) = delete;

 private:
  std::vector<std::pair<std::string*, std::string*>> lent_;
};

render::Selection selection(const Plan& plan, bool full) {
  render::Selection sel;
  sel.pages = plan.pages;
  sel.units = plan.units;
  sel.site_files = true;
  sel.theme_files = full;
  return sel;
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

RebuildResult Preview::rebuild(const std::vector<std::string>& changed) {
  auto t0 = std::chrono::steady_clock::now();
  State& st = *st_;
  RebuildResult r;
  auto lap_t = t0;
  auto lap = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    r.timings.emplace_back(stage, std::chrono::duration<double>(now - lap_t).count());
    lap_t = now;
  };
  st.pending.insert(changed.begin(), changed.end());
  Change c = classify(st.pending);
  std::set<std::string> profile_changes = c.profiles;
  if (c.rescan) st.rescan(profile_changes);
  for (const std::string& p : profile_changes) st.read_profile(p);
  if (c.base || c.theme) st.load_base();
  bool full = c.base || !st.have_site;
  lap("read");

  // model and site, from the cached records
  r.diags.append(st.base_diags);
  std::vector<model::ProfileRecord> records;
  records.reserve(st.profiles.size());
  for (const auto& [path, e] : st.profiles) {
    r.diags.append(e.load_diags);
    if (e.ok) records.push_back(e.record);
  }
  load::SourceTree tree = st.tree_copy();
  lap("copy");
  model::Model m = model::build_model(tree, std::move(records), r.diags, st.opts.drafts);
  lap("model");
  if (!st.opts.base_url.empty()) {
    m.config.base_url = st.opts.base_url;
    if (m.config.base_url.back() != '/') m.config.base_url += '/';
  }
  output::PrivateValues privates;
  for (const model::PrivateData& p : m.private_data)
    privates.emplace_back(p.profile_path, p.values);
  site::Site s = site::build_site(
      std::move(m), {st.opts.drafts, st.opts.future, st.opts.expired, st.opts.today, &st.memo},
      r.diags);
  lap("site");

  auto fail = [&] {
    r.ok = false;
    st.add_sources(r.diags, r.sources);
    r.seconds = since(t0);
    return std::move(r);
  };
  if (r.diags.has_errors()) return fail();

  Plan plan;
  if (full) {
    plan = plan_all(st.site, s);
  } else {
    plan = plan_profiles(st.site, s, profile_changes);
    Plan kinds = plan_kinds(s, c.layout_kinds);
    std::vector<int> merged;
    std::set_union(plan.pages.begin(), plan.pages.end(), kinds.pages.begin(), kinds.pages.end(),
                   std::back_inserter(merged));
    plan.pages = std::move(merged);
  }
  lap("plan");
  Collector sink(privates);
  render::Options ro{st.opts.threads, st.opts.pretty_links, nullptr, &st.markdown};
  {
    LentBodies lent(s, plan, st.profiles);
    render::render_site(s, st.theme, ro, selection(plan, full), r.diags, sink);
  }
  for (const output::Leak& leak : sink.leaks)
    r.diags.error(
        {leak.value_owner, 0, 0},
        "a value from this profile's 'private:' block appears in the output file " + leak.file,
        "remove the private value from the public fields and the story; private data is never "
        "published");
  if (r.diags.has_errors()) return fail();

  lap("render");
  // Swap the new files in.
  {
    std::unique_lock<std::shared_mutex> lock(st.files_mutex);
    if (full) {
      std::unordered_map<std::string, std::shared_ptr<const std::string>> next;
      for (render::File& f : sink.files) {
        auto old = st.files.find(f.path);
        bool same = old != st.files.end() && *old->second == f.bytes;
        if (!same) ++r.updated;
        next[f.path] = same ? old->second : std::make_shared<const std::string>(std::move(f.bytes));
      }
      for (const auto& [path, bytes] : st.files)
        if (!next.count(path)) ++r.updated;
      st.files.swap(next);
    } else {
      for (render::File& f : sink.files) {
        auto& slot = st.files[f.path];
        if (slot && *slot == f.bytes) continue;
        slot = std::make_shared<const std::string>(std::move(f.bytes));
        ++r.updated;
      }
      for (const std::string& path : plan.removed) r.updated += st.files.erase(path);
    }
  }
  for (const render::File& f : sink.files) r.rendered.push_back(f.path);
  std::sort(r.rendered.begin(), r.rendered.end());
  if (full) st.markdown.sweep();
  lap("swap");
  st.site = std::move(s);
  st.have_site = true;
  st.pending.clear();
  r.full = full;
  r.seconds = since(t0);
  return r;
}

std::shared_ptr<const std::string> Preview::file(const std::string& path) const {
  std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
  auto it = st_->files.find(path);
  return it == st_->files.end() ? nullptr : it->second;
}

std::size_t Preview::file_count() const {
  std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
  return st_->files.size();
}

std::map<std::string, std::string> Preview::files() const {
  std::shared_lock<std::shared_mutex> lock(st_->files_mutex);
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : st_->files) out[path] = *bytes;
  return out;
}

}  // namespace vd::serve
