#include "site/site.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <set>
#include <thread>

namespace vd::site {

const char* kind_name(PageKind k) {
  switch (k) {
    case PageKind::kHome:
      return "home";
    case PageKind::kProfile:
      return "profile";
    case PageKind::kCampaign:
      return "campaign";
    case PageKind::kCampaignHonourees:
      return "campaign_honourees";
    case PageKind::kCampaigns:
      return "campaigns";
    case PageKind::kUnit:
      return "unit";
    case PageKind::kUnits:
      return "units";
    case PageKind::kYear:
      return "year";
    case PageKind::kYears:
      return "years";
    case PageKind::kAward:
      return "award";
    case PageKind::kAwards:
      return "awards";
    case PageKind::kInitiatives:
      return "initiatives";
    case PageKind::kTag:
      return "tag";
    case PageKind::kTags:
      return "tags";
    case PageKind::kSearch:
      return "search";
    case PageKind::kUnitEmbed:
      return "unit_embed";
    case PageKind::kBulletin:
      return "bulletin";
    case PageKind::kBulletinPrint:
      return "bulletin_print";
    case PageKind::kBulletinEmail:
      return "bulletin_email";
    case PageKind::kBulletins:
      return "bulletins";
    case PageKind::kNotFound:
      return "404";
    case PageKind::kAlias:
      return "alias";
    case PageKind::kWithdrawn:
      return "withdrawn";
    case PageKind::kEditions:
      return "editions";
    case PageKind::kEdition:
      return "edition";
    case PageKind::kStats:
    case PageKind::kYearStats:
    case PageKind::kCampaignStats:
    case PageKind::kUnitStats:
      return "stats";
  }
  return "404";
}

std::string output_path(std::string_view url) {
  std::string p(url.substr(url.empty() || url[0] != '/' ? 0 : 1));
  if (p.empty() || p.back() == '/') p += "index.html";
  return p;
}

// Units and campaigns are sorted by id (the model sorts them); awards are few, in rank order.
template <class T>
static int sorted_index_of(const std::vector<T>& v, std::string_view id) {
  auto it = std::lower_bound(v.begin(), v.end(), id,
                             [](const T& x, std::string_view k) { return x.id < k; });
  return it != v.end() && it->id == id ? static_cast<int>(it - v.begin()) : -1;
}
int Site::unit_index(std::string_view id) const {
  return sorted_index_of(units, id);
}
int Site::campaign_index(std::string_view id) const {
  return sorted_index_of(campaigns, id);
}
int Site::award_index(std::string_view id) const {
  for (std::size_t i = 0; i < awards.size(); ++i)
    if (awards[i].id == id) return static_cast<int>(i);
  return -1;
}

namespace {

// Why a page is not published, or "" when it is. Law 91/2025/QH15: silence is not consent.
std::string hidden_before_expiry(const model::Page& p, bool is_profile, bool consent,
                                 const Options& o) {
  if (is_profile && !consent) return "not published: no recorded consent ('consent: true')";
  if (p.draft && !o.drafts) return "not published: draft (build with --drafts to see it)";
  if (p.publish_date && o.today < *p.publish_date && !o.future)
    return fmt::format("not published before {} (publish_date)", text::iso_date(*p.publish_date));
  return {};
}
// Why a page otherwise published is not (any more), or "" when it still is.
std::string expiry_reason(const model::Page& p, const Options& o) {
  if (!p.expiry_date || !(*p.expiry_date < o.today) || o.expired) return {};
  return fmt::format("not published since {} (expiry_date)", text::iso_date(*p.expiry_date));
}

std::optional<text::Date> year_end(const std::string& school_year) {
  if (school_year.size() != 9) return std::nullopt;
  return text::Date{std::stoi(school_year.substr(5)), 8, 31};
}

class Builder {
 public:
  Builder(model::Model& m, const Options& o, diag::Diagnostics& d) : m_(m), o_(o), diags_(d) {}

  Site build() {
    s_.config = m_.config;
    s_.today = o_.today;
    s_.units = m_.units;
    s_.awards = m_.awards;
    select_campaigns();
    select_profiles();
    select_bulletins();
    index();
    pages();
    return std::move(s_);
  }

 private:
  // A campaign or bulletin that expired keeps a neutral notice at each of its URLs (the first
  // one takes its aliases), like an expired profile.
  void expire(const model::Page& p, Withdrawn::What what, const std::vector<std::string>& urls,
              const std::string& why) {
    diags_.note({p.path, 0, 0}, why + ": only a neutral notice is published at its URLs");
    for (const std::string& url : urls) {
      s_.withdrawn.push_back({p.path, url, p.expiry_date, what});
      withdrawn_pages_.push_back(p);
      if (&url != &urls.front()) withdrawn_pages_.back().aliases.clear();
    }
  }

  void select_campaigns() {
    for (const model::Campaign& c : m_.campaigns) {
      std::string why = hidden_before_expiry(c, false, true, o_);
      if (std::string expiry = why.empty() ? expiry_reason(c, o_) : ""; !expiry.empty()) {
        std::string url = s_.campaign_url(c.id);
        expire(c, Withdrawn::What::kCampaign,
               {url, s_.campaign_honourees_url(c.id), Site::stats_url(url)}, expiry);
        continue;
      }
      if (why.empty())
        s_.campaigns.push_back(c);
      else
        diags_.note({c.path, 0, 0}, why);
    }
  }

  // The profile keeps only a neutral notice at its URL; the rolls that listed it stay, even
  // when it was the last one there.
  void withdraw(std::size_t i, const std::string& why, std::optional<text::Date> expired) {
    const model::Profile& p = m_.profiles[i];
    hidden_[i] = why;
    s_.withdrawn.push_back(
        {p.path, fmt::format("/dien-hinh/{}/{}/", p.school_year, p.id), expired});
    diags_.note({p.path, 0, 0}, why + ": only a neutral notice is published at its URL");
    withdrawn_pages_.push_back(p);
    gone_years_[p.unit].insert(p.school_year);
    gone_campaigns_.insert(p.campaigns.begin(), p.campaigns.end());
  }

  void select_profiles() {
    hidden_.resize(m_.profiles.size());
    model_paths_.resize(m_.profiles.size());
    std::vector<std::size_t> shown;  // model indexes of the published profiles
    for (std::size_t i = 0; i < m_.profiles.size(); ++i) {
      model::Profile& p = m_.profiles[i];
      model_paths_[i] = p.path;
      if (!p.valid) {
        hidden_[i] = "not published: it has errors";
        continue;
      }
      if (p.withdrawn) {
        withdraw(i, "withdrawn", std::nullopt);
        continue;
      }
      std::string why = hidden_before_expiry(p, true, p.consent, o_);
      // Expired once it was published: its URL keeps a neutral notice, like a withdrawal (a
      // date passing must not make the next publish refuse).
      if (std::string expiry = why.empty() ? expiry_reason(p, o_) : ""; !expiry.empty()) {
        withdraw(i, expiry, p.expiry_date);
        continue;
      }
      hidden_[i] = why;
      if (!why.empty()) {
        diags_.note({p.path, 0, 0}, why);
        continue;
      }
      shown.push_back(i);
    }
    std::vector<const std::string*> names;
    for (std::size_t i : shown) names.push_back(&m_.profiles[i].name);
    std::vector<std::string> keys = memo_all(&Memo::sort_keys, names, text::name_sort_key);
    std::vector<std::string> initials = memo_all(&Memo::initials, names, text::initials);
    // Sorted through indexes, then each record moved once, straight into its place: moving
    // whole records around in the sort cost more than the sort.
    std::vector<std::size_t> order(shown.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    s_.honourees.reserve(shown.size());
    for (std::size_t k : order) {
      model::Profile& p = m_.profiles[shown[k]];
      Honouree& h = s_.honourees.emplace_back();
      h.url = fmt::format("/dien-hinh/{}/{}/", p.school_year, p.id);
      h.profile = std::move(p);
      h.sort_key = std::move(keys[k]);
      h.initials = std::move(initials[k]);
      for (const model::AwardGrant& g : h.profile.awards) {
        if (g.decision.date && (!h.honoured || *h.honoured < *g.decision.date))
          h.honoured = g.decision.date;
        if (const model::Award* a = m_.award(g.award)) h.top_rank = std::max(h.top_rank, a->rank);
      }
      if (!h.honoured) h.honoured = year_end(h.profile.school_year);
    }
  }

  // A bulletin may announce only published honourees: the paper and the site must agree.
  void select_bulletins() {
    std::map<std::string, int> by_path;
    for (int i = 0; i < static_cast<int>(s_.honourees.size()); ++i)
      by_path[s_.honourees[i].profile.path] = i;
    std::set<std::string> years;
    for (model::Bulletin& b : m_.bulletins) {
      std::string why = hidden_before_expiry(b, false, true, o_);
      if (std::string expiry = why.empty() ? expiry_reason(b, o_) : ""; !expiry.empty()) {
        std::string url = "/thong-bao/" + b.id + "/";
        expire(b, Withdrawn::What::kBulletin, {url, url + "ban-in/"}, expiry);
        years.insert(b.school_year);  // its year's list stays, even when it was the last one
        continue;
      }
      if (!why.empty()) {
        diags_.note({b.path, 0, 0}, why);
        continue;
      }
      PublishedBulletin pb{std::move(b), "", {}};
      pb.url = "/thong-bao/" + pb.bulletin.id + "/";
      for (const model::BulletinGroup& g : pb.bulletin.groups) {
        std::vector<int> members;
        for (std::size_t i = 0; i < g.resolved.size(); ++i) {
          int mi = g.resolved[i];
          if (mi < 0) continue;
          auto h = by_path.find(model_paths_[mi]);
          if (h != by_path.end()) {
            members.push_back(h->second);
            continue;
          }
          diags_.error(
              i < g.profile_pos.size() ? g.profile_pos[i] : pb.bulletin.pos,
              fmt::format("{} is {}, so a published bulletin cannot announce it", model_paths_[mi],
                          hidden_[mi].empty() ? "not published" : hidden_[mi]),
              "publish the profile first, or remove it from the bulletin");
        }
        pb.groups.push_back(std::move(members));
      }
      years.insert(pb.bulletin.school_year);
      s_.bulletins.push_back(std::move(pb));
    }
    std::stable_sort(s_.bulletins.begin(), s_.bulletins.end(),
                     [](const PublishedBulletin& a, const PublishedBulletin& b) {
                       if (a.bulletin.date != b.bulletin.date)
                         return a.bulletin.date > b.bulletin.date;
                       return a.bulletin.id < b.bulletin.id;
                     });
    for (int bi = 0; bi < static_cast<int>(s_.bulletins.size()); ++bi)
      for (const std::vector<int>& g : s_.bulletins[bi].groups)
        for (int h : g) {
          std::vector<int>& list = s_.bulletins_of[h];
          if (list.empty() || list.back() != bi) list.push_back(bi);
        }
    s_.bulletin_years.assign(years.rbegin(), years.rend());
  }

  // Adds `member` to the list `which` of the tag named `name` (tags are matched by slug, so
  // "Chuyển đổi số" and "chuyển đổi số" are one tag; the first spelling seen names it).
  void tag(std::map<std::string, Tag>& tags, const std::string& name, std::vector<int> Tag::*which,
           int member) {
    const std::string& slug = memo(&Memo::slugs, name, text::slugify);
    if (slug.empty()) return;
    Tag& t = tags[slug];
    if (t.name.empty()) {
      t.name = name;
      t.slug = slug;
    }
    std::vector<int>& list = t.*which;
    if (list.empty() || list.back() != member) list.push_back(member);
  }

  void index() {
    std::map<std::string, Tag> tags;  // by slug
    std::set<std::string> years;
    for (int i = 0; i < static_cast<int>(s_.honourees.size()); ++i) {
      const model::Profile& p = s_.honourees[i].profile;
      s_.by_unit[p.unit].push_back(i);
      s_.by_year[p.school_year].push_back(i);
      years.insert(p.school_year);
      for (const std::string& c : p.campaigns) s_.by_campaign[c].push_back(i);
      for (std::size_t k = 0; k < p.awards.size(); ++k) {  // each award once (a profile has few)
        const std::string& award = p.awards[k].award;
        bool again = false;
        for (std::size_t j = 0; j < k && !again; ++j) again = p.awards[j].award == award;
        if (!again) s_.by_award[award].push_back(i);
      }
      for (const std::string& t : p.tags) tag(tags, t, &Tag::profiles, i);
    }
    for (const auto& [unit, gone] : gone_years_) years.insert(gone.begin(), gone.end());
    for (int ci = 0; ci < static_cast<int>(s_.campaigns.size()); ++ci) {
      const model::Campaign& c = s_.campaigns[ci];
      if (!c.school_year.empty()) years.insert(c.school_year);
      for (const std::string& t : c.tags) tag(tags, t, &Tag::campaigns, ci);
    }
    for (auto& [slug, t] : tags) s_.tags.push_back(std::move(t));
    std::stable_sort(s_.tags.begin(), s_.tags.end(), [](const Tag& a, const Tag& b) {
      return text::compare_vi(a.name, b.name) < 0;
    });
    s_.years.assign(years.rbegin(), years.rend());
    s_.current_year = !s_.config.current_school_year.empty() ? s_.config.current_school_year
                      : s_.years.empty()                     ? text::school_year_of(o_.today)
                                                             : s_.years.front();
  }

  void add(Page p) { s_.pages.push_back(std::move(p)); }

  // f(text), remembered in the memo (the options' one, kept by serve across builds, or this
  // build's own: the same ten tags are written on thousands of profiles).
  template <class F>
  const std::string& memo(std::unordered_map<std::string, std::string> Memo::*table,
                          const std::string& text, F f) {  // elements never move in the map
    auto& m = memo_->*table;
    auto it = m.find(text);
    if (it == m.end()) it = m.emplace(text, f(text)).first;
    return it->second;
  }

  // f(text) for every text, on all cores; only the texts the memo does not know yet are
  // computed (a name or tag written many times is worked out once).
  template <class F>
  std::vector<std::string> memo_all(std::unordered_map<std::string, std::string> Memo::*table,
                                    const std::vector<const std::string*>& texts, F f) {
    std::vector<std::string> out(texts.size());
    std::vector<std::size_t> unknown;
    auto& m = memo_->*table;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (auto it = m.find(*texts[i]); it != m.end()) {
        out[i] = it->second;
        continue;
      }
      unknown.push_back(i);
    }
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t k; (k = next++) < unknown.size();) out[unknown[k]] = f(*texts[unknown[k]]);
    };
    unsigned threads = o_.threads > 0 ? static_cast<unsigned>(o_.threads)
                                      : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(
        std::min<std::size_t>(threads, std::max<std::size_t>(1, unknown.size() / 256)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (std::size_t i : unknown) m.emplace(*texts[i], out[i]);
    return out;
  }

  // A list page and its continuation pages "<url>trang/2/".
  void paginated(PageKind kind, const std::string& url, int entity, const std::string& key,
                 const std::vector<int>& items) {
    int per = std::max(1, s_.config.paginate);
    int count = std::max<int>(1, (static_cast<int>(items.size()) + per - 1) / per);
    for (int n = 1; n <= count; ++n) {
      Page p{kind, n == 1 ? url : fmt::format("{}trang/{}/", url, n), entity, key, n, count, {},
             {}};
      auto first = items.begin() +
                   std::min<std::size_t>(items.size(), static_cast<std::size_t>((n - 1) * per));
      auto last =
          items.begin() + std::min<std::size_t>(items.size(), static_cast<std::size_t>(n * per));
      p.items.assign(first, last);
      add(std::move(p));
    }
  }

  void pages() {
    add({PageKind::kHome, "/"});
    add({PageKind::kNotFound, "/404.html"});
    add({PageKind::kCampaigns, "/phong-trao/"});
    add({PageKind::kUnits, "/don-vi/"});
    add({PageKind::kYears, "/nam-hoc/"});
    add({PageKind::kAwards, "/danh-hieu/"});
    add({PageKind::kInitiatives, "/sang-kien/"});
    add({PageKind::kTags, "/chu-de/"});
    add({PageKind::kSearch, "/tim-kiem/"});
    for (int i = 0; i < static_cast<int>(s_.honourees.size()); ++i)
      add({PageKind::kProfile, s_.honourees[i].url, i});
    for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i)
      add({PageKind::kCampaign, s_.campaign_url(s_.campaigns[i].id), i});
    for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i) {
      const std::string& id = s_.campaigns[i].id;
      auto members = s_.by_campaign.find(id);
      if (members != s_.by_campaign.end() || gone_campaigns_.count(id))
        paginated(PageKind::kCampaignHonourees, s_.campaign_honourees_url(id), i, {},
                  members != s_.by_campaign.end() ? members->second : std::vector<int>{});
    }
    for (int i = 0; i < static_cast<int>(s_.units.size()); ++i) {
      add({PageKind::kUnit, s_.unit_url(s_.units[i].id), i});
      embeds(i);
    }
    for (const std::string& y : s_.years)
      paginated(PageKind::kYear, s_.year_url(y), -1, y, s_.by_year[y]);
    for (int i = 0; i < static_cast<int>(s_.awards.size()); ++i)
      paginated(PageKind::kAward, s_.award_url(s_.awards[i].id), i, {},
                s_.by_award[s_.awards[i].id]);
    for (int i = 0; i < static_cast<int>(s_.tags.size()); ++i)
      paginated(PageKind::kTag, "/chu-de/" + s_.tags[i].slug + "/", i, {}, s_.tags[i].profiles);
    for (const Withdrawn& w : s_.withdrawn) add({PageKind::kWithdrawn, w.url});
    stats_pages();
    bulletin_pages();
    aliases();
    check_collisions();
    std::sort(s_.pages.begin(), s_.pages.end(),
              [](const Page& a, const Page& b) { return a.url < b.url; });
    for (const Edition& e : o_.editions) add_edition(s_, e);
  }

  // A unit with honourees gets compact rolls for iframes: all years, and one per school year
  // (kept when its last honouree of that year is withdrawn: a school's iframe never breaks).
  void embeds(int unit) {
    const std::string& id = s_.units[unit].id;
    auto members = s_.by_unit.find(id);
    auto gone = gone_years_.find(id);
    std::set<std::string> years;
    if (members != s_.by_unit.end())
      for (int i : members->second) years.insert(s_.honourees[i].profile.school_year);
    if (gone != gone_years_.end()) years.insert(gone->second.begin(), gone->second.end());
    if (years.empty()) return;
    add({PageKind::kUnitEmbed, s_.unit_embed_url(id), unit});
    for (const std::string& y : years)
      add({PageKind::kUnitEmbed, s_.unit_embed_url(id, y), unit, y});
  }

  // One beside every year, campaign and unit page (so it lives exactly as long as they do), and
  // one for the whole site.
  void stats_pages() {
    add({PageKind::kStats, Site::stats_url()});
    for (const std::string& y : s_.years) {
      Page p{PageKind::kYearStats, Site::stats_url(s_.year_url(y))};
      p.key = y;
      add(std::move(p));
    }
    for (int i = 0; i < static_cast<int>(s_.campaigns.size()); ++i)
      add({PageKind::kCampaignStats, Site::stats_url(s_.campaign_url(s_.campaigns[i].id)), i});
    for (int i = 0; i < static_cast<int>(s_.units.size()); ++i)
      add({PageKind::kUnitStats, Site::stats_url(s_.unit_url(s_.units[i].id)), i});
  }

  void bulletin_pages() {
    if (s_.bulletin_years.empty()) return;
    add({PageKind::kBulletins, s_.bulletins_url()});
    for (const std::string& y : s_.bulletin_years) {
      Page p{PageKind::kBulletins, s_.bulletins_url(y)};
      p.key = y;
      add(std::move(p));
    }
    for (int i = 0; i < static_cast<int>(s_.bulletins.size()); ++i) {
      const std::string& url = s_.bulletins[i].url;
      add({PageKind::kBulletin, url, i});
      add({PageKind::kBulletinPrint, url + "ban-in/", i});
      add({PageKind::kBulletinEmail, url + "email.html", i});
    }
  }

  void aliases() {
    for (const Honouree& h : s_.honourees)
      for (std::size_t i = 0; i < h.profile.aliases.size(); ++i)
        alias(h.profile.aliases[i], h.url, h.profile, i);
    for (const model::Campaign& c : s_.campaigns)
      for (std::size_t i = 0; i < c.aliases.size(); ++i)
        alias(c.aliases[i], s_.campaign_url(c.id), c, i);
    for (std::size_t w = 0; w < s_.withdrawn.size(); ++w)
      for (std::size_t i = 0; i < withdrawn_pages_[w].aliases.size(); ++i)
        alias(withdrawn_pages_[w].aliases[i], s_.withdrawn[w].url, withdrawn_pages_[w], i);
    for (const PublishedBulletin& b : s_.bulletins)
      for (std::size_t i = 0; i < b.bulletin.aliases.size(); ++i)
        alias(b.bulletin.aliases[i], b.url, b.bulletin, i);
  }

  // An alias becomes a file of the output: a plain site path only (no '..', no '%' that a
  // server would decode into one, no hidden files such as the output's manifest).
  static bool safe_alias(const std::string& url) {
    if (url.empty() || url.find("//") != std::string::npos) return false;
    for (unsigned char c : url)
      if (c < 0x80 && !std::isalnum(c) && c != '/' && c != '-' && c != '_' && c != '.' && c != '~')
        return false;
    for (std::size_t at = 0; at < url.size(); at = url.find('/', at) + 1) {
      if (url[at] == '.') return false;  // "..", ".hidden"
      if (url.find('/', at) == std::string::npos) break;
    }
    static const char* kReserved[] = {"assets/",  "images/",     "api/",
                                      "feed.xml", "sitemap.xml", "robots.txt"};
    std::string rel = url.substr(url[0] == '/' ? 1 : 0);
    for (const char* r : kReserved)
      if (rel.rfind(r, 0) == 0) return false;
    return true;
  }

  void alias(std::string url, const std::string& target, const model::Page& from, std::size_t i) {
    diag::Position pos = i < from.alias_pos.size() ? from.alias_pos[i] : from.pos;
    if (!safe_alias(url)) {
      diags_.error(pos, fmt::format("alias '{}' is not a path of this site", url),
                   "write an alias as a site path of letters, digits and '-', such as "
                   "/dien-hinh/2023-2024/ten-cu/");
      return;
    }
    if (url[0] != '/') url = "/" + url;
    if (url.back() != '/' && url.find('.', url.rfind('/')) == std::string::npos) url += '/';
    Page p{PageKind::kAlias, url};
    p.target = target;
    p.key = from.path;
    alias_pos_[url] = pos;
    add(std::move(p));
  }

  // Two pages on one URL would overwrite each other: a duplicate slug or alias.
  void check_collisions() {
    std::map<std::string, const Page*> seen;
    for (const Page& p : s_.pages) {
      auto [it, fresh] = seen.emplace(output_path(p.url), &p);
      if (fresh) continue;
      diags_.error(
          position_of(p),
          fmt::format("duplicate URL {}: {} already uses it", p.url, describe(*it->second)),
          "give one of them another file name, or set 'slug:' / change the alias");
    }
  }

  diag::Position position_of(const Page& p) const {
    if (p.kind == PageKind::kProfile) return s_.honourees[p.entity].profile.slug_pos;
    if (p.kind == PageKind::kCampaign || p.kind == PageKind::kCampaignHonourees)
      return s_.campaigns[p.entity].slug_pos;
    if (p.kind == PageKind::kAlias) return alias_pos_.at(p.url);
    return {"content", 1, 1};
  }

  std::string source_of(const Page& p) const {
    if (p.kind == PageKind::kProfile) return s_.honourees[p.entity].profile.path;
    if (p.kind == PageKind::kCampaign || p.kind == PageKind::kCampaignHonourees)
      return s_.campaigns[p.entity].path;
    if (p.kind == PageKind::kAlias) return p.key;
    if (p.kind == PageKind::kWithdrawn)
      for (const Withdrawn& w : s_.withdrawn)
        if (w.url == p.url) return w.path;
    if (p.kind == PageKind::kBulletin || p.kind == PageKind::kBulletinPrint ||
        p.kind == PageKind::kBulletinEmail)
      return s_.bulletins[p.entity].bulletin.path;
    return "content";
  }
  std::string describe(const Page& p) const {
    std::string src = source_of(p);
    return src == "content" ? fmt::format("the {} page", kind_name(p.kind)) : src;
  }

  model::Model& m_;
  std::vector<std::string> hidden_, model_paths_;  // per model profile: why hidden, source path
  const Options& o_;
  Memo own_memo_;                                // when the options bring none
  Memo* memo_ = o_.memo ? o_.memo : &own_memo_;  // (declared after o_: initialised from it)
  std::vector<model::Page> withdrawn_pages_;     // their aliases lead to the withdrawn notice
  std::map<std::string, std::set<std::string>> gone_years_;  // unit → years of withdrawn people
  std::set<std::string> gone_campaigns_;                     // campaigns of withdrawn people
  diag::Diagnostics& diags_;
  Site s_;
  std::map<std::string, diag::Position> alias_pos_;  // alias URL → where it was written
};

}  // namespace

void add_edition(Site& s, Edition e) {
  auto insert = [&](Page p) {
    auto at = std::lower_bound(s.pages.begin(), s.pages.end(), p.url,
                               [](const Page& q, const std::string& u) { return q.url < u; });
    if (at == s.pages.end() || at->url != p.url) s.pages.insert(at, std::move(p));
  };
  insert({PageKind::kEditions, "/editions/"});
  // A withdrawn person disappears from the changelogs of earlier editions too.
  for (EditionChange& c : e.changes)
    for (const Withdrawn& w : s.withdrawn)
      if (w.what == Withdrawn::What::kProfile && !c.url.empty() && c.url == w.url)
        c.title.clear(), c.url.clear();
  Page one{PageKind::kEdition, fmt::format("/editions/{}/", e.number)};
  one.entity = static_cast<int>(s.editions.size());
  insert(std::move(one));
  s.editions.push_back(std::move(e));
}

Site build_site(model::Model m, const Options& opts, diag::Diagnostics& diags) {
  return Builder(m, opts, diags).build();
}

}  // namespace vd::site
