#include "serve/preview.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <unordered_set>

#include "serve/state.h"

namespace vd::serve {

using Clock = std::chrono::steady_clock;

// Stage times of one rebuild.
class Preview::Laps {
 public:
  Laps(RebuildResult& r, Clock::time_point t0) : r_(r), t_(t0) {}
  void operator()(const char* stage) {
    auto now = Clock::now();
    r_.timings.emplace_back(stage, std::chrono::duration<double>(now - t_).count());
    t_ = now;
  }

 private:
  RebuildResult& r_;
  Clock::time_point t_;
};

namespace {

render::Selection selection(const Plan& plan, bool full) {
  render::Selection sel;
  sel.pages = plan.pages;
  sel.units = plan.units;
  sel.site_files = plan.site_files;
  sel.search = plan.search;
  sel.initials_pictures = plan.initials_pictures;
  sel.theme_files = full;
  return sel;
}

// The fields that place a profile in the site: when none changed, its pages and lists stay where
// they are and only its own data is new.
// A name change is patched too (site::rename_honouree moves the honouree in name order).
bool same_place(const model::Profile& a, const model::Profile& b) {
  if (a.id != b.id || a.kind != b.kind || a.unit != b.unit || a.school_year != b.school_year ||
      a.campaigns != b.campaigns || a.tags != b.tags || a.aliases != b.aliases ||
      a.draft != b.draft || a.publish_date != b.publish_date || a.expiry_date != b.expiry_date ||
      a.consent != b.consent || a.valid != b.valid || a.awards.size() != b.awards.size())
    return false;
  for (std::size_t i = 0; i < a.awards.size(); ++i)
    if (a.awards[i].award != b.awards[i].award ||
        a.awards[i].decision.date != b.awards[i].decision.date)
      return false;
  return true;
}

// Adds b's pages, units and files to a.
void merge(Plan& a, const Plan& b) {
  std::vector<int> pages;
  std::set_union(a.pages.begin(), a.pages.end(), b.pages.begin(), b.pages.end(),
                 std::back_inserter(pages));
  a.pages = std::move(pages);
  a.removed.insert(a.removed.end(), b.removed.begin(), b.removed.end());
  a.units.insert(b.units.begin(), b.units.end());
  a.site_files = a.site_files || b.site_files;
  a.search = a.search || b.search;
  a.initials_pictures = a.initials_pictures || b.initials_pictures;
}

}  // namespace

Preview::Preview(fs::FileSystem& fs, pipeline::BuildOptions opts, bool fast_render,
                 std::function<void(const RebuildResult&)> report)
    : st_(std::make_unique<State>(fs, std::move(opts))) {
  st_->fast_render = fast_render;
  st_->report = std::move(report);
  if (fast_render) st_->worker = std::thread([this] { work(); });
}

Preview::~Preview() {
  {
    std::lock_guard<std::mutex> lock(st_->worker_mutex);
    st_->stopping = true;
  }
  st_->worker_wake.notify_all();
  if (st_->worker.joinable()) st_->worker.join();
}

RebuildResult Preview::build() {
  std::lock_guard<std::mutex> lock(st_->site_mutex);
  st_->load_base();
  st_->read_all_profiles();
  st_->have_site = false;
  st_->pending.clear();
  RebuildResult r = run({"site.yml"});
  if (st_->report) st_->report(r);
  return r;
}

namespace {
double cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}
}  // namespace

RebuildResult Preview::rebuild(const std::vector<std::string>& changed) {
  std::lock_guard<std::mutex> lock(st_->site_mutex);
  RebuildResult r = run(changed);
  if (st_->report) st_->report(r);
  return r;
}

RebuildResult Preview::run(const std::vector<std::string>& changed) {
  auto t0 = Clock::now();
  double cpu0 = cpu_now();
  State& st = *st_;
  RebuildResult r;
  Laps lap(r, t0);
  // Pages left for later are rendered before the graph changes: a change that fails must not
  // reach them.
  std::vector<std::string> stale;
  {
    std::shared_lock<std::shared_mutex> files(st.files_mutex);
    for (const auto& [path, url] : st.stale) stale.push_back(path);
  }
  if (!stale.empty()) {
    render_stale(stale);
    lap("stale");
  }
  st.pending.insert(changed.begin(), changed.end());
  Change c = classify(st.pending);
  std::set<std::string> profiles = c.profiles;
  if (c.rescan) st.rescan(profiles);
  for (const std::string& p : profiles) st.read_profile(p);
  if (c.base || c.theme) st.load_base();
  // Pages are left for later only after profile edits: the templates, strings and settings the
  // deferred pages use were all exercised by the last good build (a missing UI string is found
  // only while rendering).
  st.defer = !c.base && !c.theme;
  lap("read");
  bool only_profiles = st.have_site && !c.base && !c.theme && !c.rescan;
  if (only_profiles && patch(profiles, r)) {
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    r.cpu_seconds = cpu_now() - cpu0;
    return r;
  }
  r = RebuildResult{};
  Laps lap2(r, t0);
  rebuild_site(c.base || !st.have_site, profiles, c.layout_kinds, r, lap2);
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.cpu_seconds = cpu_now() - cpu0;
  return r;
}

// The quick path: the edited profiles stay where they were (same_place), so the site graph keeps
// its shape; their records are replaced in place and the pages that read them rendered again.
bool Preview::patch(const std::set<std::string>& paths, RebuildResult& r) {
  State& st = *st_;
  Laps lap(r, Clock::now());
  std::vector<model::Profile> next;
  bool initiatives = false;
  diag::Diagnostics own;  // the new diagnostics of the edited files
  for (const std::string& path : paths) {
    auto e = st.profiles.find(path);
    auto h = st.honouree.find(path);
    if (e == st.profiles.end() || !e->second.ok || h == st.honouree.end()) return false;
    model::Profile p = e->second.record.profile;
    diag::Diagnostics d = e->second.load_diags;
    d.append(e->second.record.diags);
    model::validate_profile(st.skeleton, p, d);
    if (auto dates = st.opts.history.find(p.path); dates != st.opts.history.end())
      p.history = dates->second;  // as build_model's attach_history does
    if (!p.photo.empty() && !st.theme.images.count(p.photo)) return false;
    if (d.has_errors() || !same_place(st.site.honourees[h->second].profile, p)) return false;
    own.append(d);
    initiatives |=
        !p.initiatives.empty() || !st.site.honourees[h->second].profile.initiatives.empty();
    next.push_back(std::move(p));
  }
  for (const diag::Diagnostic& d : st.diags.all())
    if (!paths.count(d.pos.file)) r.diags.add(d.severity, d.pos, d.message, d.hint);
  r.diags.append(own);
  Plan moved;  // what renamed profiles change besides what plan_patch finds after the change
  moved.search = moved.site_files = moved.initials_pictures = false;
  for (model::Profile& p : next) {
    auto priv = std::find_if(st.privates.begin(), st.privates.end(),
                             [&](const auto& v) { return v.first == p.path; });
    const model::PrivateData& fresh = st.profiles[p.path].record.private_data;
    if (priv != st.privates.end()) st.privates.erase(priv);
    if (!fresh.values.empty()) st.privates.emplace_back(p.path, fresh.values);
    int i = st.honouree.at(p.path);
    if (st.site.honourees[i].profile.name == p.name) {
      st.site.honourees[i].profile = std::move(p);
      st.search.changed(st.site, i);  // the next index reads this profile only
      continue;
    }
    rename(i, std::move(p), initiatives, moved);
  }
  lap("patch");
  std::vector<int> changed;
  for (const std::string& path : paths) changed.push_back(st.honouree.at(path));
  Plan plan = plan_patch(st.site, changed, initiatives);
  merge(plan, moved);
  lap("plan");
  if (publish(st.site, plan, false, r, lap)) {
    st.withhold_leaks(st.privates, r);  // the edited profiles' values may sit on other pages
    return true;
  }
  st.have_site = false;  // the site graph holds the failed change: the next build starts afresh
  return false;
}

// One honouree's name changed: the pages that showed it at its old place, the lists it moves in.
void Preview::rename(int i, model::Profile p, bool initiatives, Plan& moved) {
  State& st = *st_;
  Plan before = plan_patch(st.site, {i}, initiatives);
  std::string initials = st.site.honourees[i].initials;
  site::Moved mv = site::rename_honouree(st.site, i, std::move(p), st.memo);
  st.search.moved(st.site, mv.from, mv.to);
  merge(moved, before);  // the feed when it showed it, the home page, …
  // The initials pictures are one per pair of initials in use: new only when a pair appears or
  // goes.
  const std::string& now = st.site.honourees[mv.to].initials;
  bool pictures = false;
  if (now != initials) {
    std::size_t old_uses = 0, new_uses = 0;
    for (const site::Honouree& h : st.site.honourees) {
      old_uses += h.initials == initials;
      new_uses += h.initials == now;
    }
    pictures = old_uses == 0 || new_uses == 1;
  }
  std::vector<int> lists(mv.pages);
  merge(moved, Plan{std::move(lists), {}, {}, false, true, pictures});
  for (int k = std::min(mv.from, mv.to); k <= std::max(mv.from, mv.to); ++k)
    st.honouree[st.site.honourees[k].profile.path] = k;
}

void Preview::rebuild_site(bool full, const std::set<std::string>& profiles,
                           const std::set<std::string>& layout_kinds, RebuildResult& r, Laps& lap) {
  State& st = *st_;
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
  model::Model skeleton;
  skeleton.config = m.config;
  skeleton.units = m.units;
  skeleton.awards = m.awards;
  skeleton.campaigns = m.campaigns;
  site::Site s = site::build_site(
      std::move(m),
      {st.opts.drafts, st.opts.future, st.opts.expired, st.opts.today, &st.memo, st.opts.editions},
      r.diags);
  lap("site");
  if (r.diags.has_errors()) {
    st.withhold_leaks(privates, r);  // a value private now is not served, not even as it was
    return fail(r);
  }
  Plan plan = full ? plan_all(st.site, s) : plan_profiles(st.site, s, profiles);
  if (!full) {
    Plan kinds = plan_kinds(s, layout_kinds);
    std::vector<int> merged;
    std::set_union(plan.pages.begin(), plan.pages.end(), kinds.pages.begin(), kinds.pages.end(),
                   std::back_inserter(merged));
    plan.pages = std::move(merged);
  }
  lap("plan");
  std::swap(st.privates, privates);
  if (!publish(s, plan, full, r, lap)) {
    std::swap(st.privates, privates);
    return st.withhold_leaks(privates, r);
  }
  st.site = std::move(s);
  st.skeleton = std::move(skeleton);
  st.honouree.clear();
  for (std::size_t i = 0; i < st.site.honourees.size(); ++i)
    st.honouree[st.site.honourees[i].profile.path] = static_cast<int>(i);
  st.have_site = true;
  st.withhold_leaks(st.privates, r, full);
}

void Preview::fail(RebuildResult& r) {
  r.ok = false;
  st_->add_sources(r.diags, r.sources);
}

// The photos as output/ publishes them (resized, without metadata), made in memory.
void Preview::add_photos(render::Sink& sink, diag::Diagnostics& diags) {
  State& st = *st_;
  if (st.theme.photos.empty()) return;
  auto mem = fs::make_memory();
  output::Stats stats;
  output::StagingWriter writer(*mem, "out", stats);
  if (!writer.begin()) return;
  output::write_photos(st.theme.images, st.theme.photos, writer, st.opts.threads, diags);
  const std::string prefix = "out.staging/";
  for (const auto& [path, bytes] : mem->files())
    if (path.rfind(prefix, 0) == 0 && path.find("/.", prefix.size() - 1) == std::string::npos)
      sink.put({path.substr(prefix.size()), bytes});
}

// The social cards as build names them. A card shows its profile and site-wide data (title,
// award names, units, photos) whose change renders every page, so only the cards of the profile
// pages rendered now are named again. Cards are drawn when first asked for (file()), not here:
// a browser asks for few of them, and drawing them all made start-up ~27 s at 10 000 profiles.
void Preview::name_cards(const site::Site& s, const Plan& plan, bool full,
                         const render::CardColours& colours) {
  State& st = *st_;
  std::unordered_set<int> again;
  for (int page : plan.pages)
    if (s.pages[page].kind == site::PageKind::kProfile) again.insert(s.pages[page].entity);
  std::unordered_map<std::string, render::SocialCard> card_of;
  std::lock_guard<std::mutex> lock(st.cards_mutex);
  for (std::size_t i = 0; s.config.social_cards && i < s.honourees.size(); ++i) {
    const std::string& profile = s.honourees[i].profile.path;
    auto old = st.card_of.find(profile);
    if (!full && old != st.card_of.end() && !again.count(static_cast<int>(i)))
      card_of.emplace(profile, std::move(old->second));
    else
      card_of.emplace(profile,
                      render::social_card(s, static_cast<int>(i), st.theme.photos, colours));
  }
  st.card_of = std::move(card_of);
  st.card_images.reset();  // the cards are named from theme.images now
  st.cards.clear();
  for (const auto& [profile, card] : st.card_of) st.cards.emplace(card.path, &card);
  for (auto it = st.card_bytes.begin(); it != st.card_bytes.end();)
    it = st.cards.count(it->first) ? std::next(it) : st.card_bytes.erase(it);
}

// Renders the plan's files and swaps them in; false (and nothing changed) on an error.
bool Preview::publish(site::Site& s, const Plan& plan, bool full, RebuildResult& r, Laps& lap) {
  State& st = *st_;
  Collector sink(st.privates);
  render::Options ro{st.opts.threads, st.opts.pretty_links, nullptr, &st.markdown};
  ro.card_colours = render::card_colours(st.theme.assets);
  ro.search_cache = &st.search;
  std::map<std::string, std::string> later;
  Plan now = plan;
  now.pages = render_now(s, plan, later);
  {
    LentBodies lent(s, now.pages, st.profiles);
    render::render_site(s, st.theme, ro, selection(now, full), r.diags, sink);
  }
  if (full) add_photos(sink, r.diags);
  add_leaks(sink.leaks, r.diags);
  lap("render");
  if (r.diags.has_errors()) {
    fail(r);
    return false;
  }
  std::vector<std::string> removed = plan.removed;
  name_cards(s, plan, full, ro.card_colours);
  // Files named after their content: a new set replaces the old one.
  st.replace_set(st.search_files, plan.search, "tim-kiem/", ".js", sink.files, removed);
  st.replace_set(st.initials_files, plan.initials_pictures, "images/chu-cai/", ".svg", sink.files,
                 removed);
  st.colours = ro.card_colours;
  r.deferred = later.size();
  r.updated = st.swap_in(sink.files, removed, full, std::move(later));
  for (const render::File& f : sink.files) r.rendered.push_back(f.path);
  std::sort(r.rendered.begin(), r.rendered.end());
  if (full) st.markdown.sweep();
  st.diags = r.diags;
  st.pending.clear();
  st.failed.clear();  // rendered now (render_now), or gone from the site
  st.later = {};
  r.full = full;
  lap("swap");
  if (r.deferred) wake();
  return true;
}

}  // namespace vd::serve
