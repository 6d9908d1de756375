// The site stage's first step: what is published. A profile needs recorded consent and must be
// neither a draft, nor before its publish_date, nor past its expiry_date; a withdrawn or expired
// one keeps a neutral notice at its URL. Published profiles become honourees in name order; a
// bulletin may announce only published honourees.
#include <fmt/format.h>

#include <algorithm>

#include "parallel/parallel.h"
#include "site/builder.h"

namespace vd::site {
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

}  // namespace

namespace detail {

// A campaign or bulletin that expired keeps a neutral notice at each of its URLs (the first
// one takes its aliases), like an expired profile.
void Builder::expire(const model::Page& p, Withdrawn::What what,
                     const std::vector<std::string>& urls, const std::string& why) {
  diags_.note({p.path, 0, 0}, why + ": only a neutral notice is published at its URLs");
  for (const std::string& url : urls) {
    s_.withdrawn.push_back({p.path, url, p.expiry_date, what});
    withdrawn_pages_.push_back(p);
    if (&url != &urls.front()) withdrawn_pages_.back().aliases.clear();
  }
}

void Builder::select_campaigns() {
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
void Builder::withdraw(std::size_t i, const std::string& why, std::optional<text::Date> expired) {
  const model::Profile& p = m_.profiles[i];
  hidden_[i] = why;
  s_.withdrawn.push_back({p.path, fmt::format("/dien-hinh/{}/{}/", p.school_year, p.id), expired});
  diags_.note({p.path, 0, 0}, why + ": only a neutral notice is published at its URL");
  withdrawn_pages_.push_back(p);
  gone_years_[p.unit].insert(p.school_year);
  gone_campaigns_.insert(p.campaigns.begin(), p.campaigns.end());
}

void Builder::select_profiles() {
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
  // Sorted through indexes, then each record moved once, straight into its place (moving
  // whole records around in the sort cost more than the sort), each honouree on any core.
  std::vector<std::size_t> order(shown.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  honouree_of_.assign(m_.profiles.size(), -1);
  for (std::size_t at = 0; at < order.size(); ++at)
    honouree_of_[shown[order[at]]] = static_cast<int>(at);
  s_.honourees.resize(shown.size());
  parallel::parallel_for(
      order.size(), o_.threads,
      [&](std::size_t at) {
        std::size_t k = order[at];
        model::Profile& p = m_.profiles[shown[k]];
        Honouree& h = s_.honourees[at];
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
      },
      256);
}

// A bulletin may announce only published honourees: the paper and the site must agree.
void Builder::select_bulletins() {
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
        if (honouree_of_[mi] >= 0) {
          members.push_back(honouree_of_[mi]);
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

}  // namespace detail
}  // namespace vd::site
