// The site stage's last checks: aliases become redirect pages (a plain site path only), and two
// pages on one URL (a duplicate slug or alias) are an error naming both sources.
#include <fmt/format.h>

#include <cctype>

#include "site/builder.h"

namespace vd::site {
namespace {

// An alias becomes a file of the output: a plain site path only (no '..', no '%' that a
// server would decode into one, no hidden files such as the output's manifest).
bool safe_alias(const std::string& url) {
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

}  // namespace

namespace detail {

void Builder::aliases() {
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

void Builder::alias(std::string url, const std::string& target, const model::Page& from,
                    std::size_t i) {
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
void Builder::check_collisions() {
  std::unordered_map<std::string, const Page*> seen;  // only looked up: no order needed
  seen.reserve(s_.pages.size());
  for (const Page& p : s_.pages) {
    auto [it, fresh] = seen.emplace(output_path(p.url), &p);
    if (fresh) continue;
    diags_.error(position_of(p),
                 fmt::format("duplicate URL {}: {} already uses it", p.url, describe(*it->second)),
                 "give one of them another file name, or set 'slug:' / change the alias");
  }
}

diag::Position Builder::position_of(const Page& p) const {
  if (p.kind == PageKind::kProfile) return s_.honourees[p.entity].profile.slug_pos;
  if (p.kind == PageKind::kCampaign || p.kind == PageKind::kCampaignHonourees)
    return s_.campaigns[p.entity].slug_pos;
  if (p.kind == PageKind::kAlias) return alias_pos_.at(p.url);
  return {"content", 1, 1};
}

std::string Builder::source_of(const Page& p) const {
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

std::string Builder::describe(const Page& p) const {
  std::string src = source_of(p);
  return src == "content" ? fmt::format("the {} page", kind_name(p.kind)) : src;
}

}  // namespace detail
}  // namespace vd::site
