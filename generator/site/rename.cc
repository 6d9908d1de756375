// site::rename_honouree: serve's quick path for a name change (see site.h). The honouree moves to
// its new place in name order; every index, profile page and paginated slice follows.
#include <algorithm>

#include "site/builder.h"
#include "site/site.h"

namespace vd::site {

namespace {

// Index i before a move of one honouree from `from` to `to` → its index after.
struct Remap {
  int from, to;
  int operator()(int i) const {
    if (i == from) return to;
    if (from < to && i > from && i <= to) return i - 1;
    if (to < from && i >= to && i < from) return i + 1;
    return i;
  }
  void apply(std::vector<int>& v) const {
    bool sorted = true;
    for (std::size_t k = 0; k < v.size(); ++k) {
      v[k] = (*this)(v[k]);
      sorted = sorted && (k == 0 || v[k - 1] < v[k]);
    }
    if (!sorted) std::sort(v.begin(), v.end());
  }
};

// The whole list a paginated page is a slice of (null for other pages).
const std::vector<int>* list_of(Site& s, const Page& p) {
  static const std::vector<int> none;
  auto in = [&](std::map<std::string, std::vector<int>>& index, const std::string& key) {
    auto it = index.find(key);
    return it == index.end() ? &none : &it->second;
  };
  switch (p.kind) {
    case PageKind::kCampaignHonourees:
      return in(s.by_campaign, s.campaigns[p.entity].id);
    case PageKind::kYear:
      return in(s.by_year, p.key);
    case PageKind::kAward:
      return in(s.by_award, s.awards[p.entity].id);
    case PageKind::kTag:
      return &s.tags[p.entity].profiles;
    default:
      return nullptr;
  }
}

}  // namespace

Moved rename_honouree(Site& s, int index, model::Profile p, Memo& memo) {
  Moved mv;
  mv.from = index;
  auto& hs = s.honourees;
  Honouree& h = hs[index];
  h.sort_key = detail::memo_of(memo.sort_keys, p.name, text::name_sort_key);
  h.initials = detail::memo_of(memo.initials, p.name, text::initials);
  h.profile = std::move(p);
  auto before = [&](const Honouree& a, const Honouree& b) {
    return a.sort_key != b.sort_key ? a.sort_key < b.sort_key : a.profile.path < b.profile.path;
  };
  auto first = hs.begin() + index;
  if (index > 0 && before(h, hs[index - 1])) {
    auto at = std::upper_bound(hs.begin(), first, h, before);
    mv.to = static_cast<int>(at - hs.begin());
  } else {
    auto at = std::lower_bound(first + 1, hs.end(), h, before);
    mv.to = static_cast<int>(at - hs.begin()) - 1;
  }
  if (mv.to == mv.from) return mv;
  // The others between shift by one place: one move each (std::rotate swaps, three moves each,
  // and an honouree is a large record).
  Honouree moving = std::move(h);
  if (mv.to < mv.from)
    std::move_backward(hs.begin() + mv.to, first, first + 1);
  else
    std::move(first + 1, hs.begin() + mv.to + 1, first);
  hs[mv.to] = std::move(moving);
  Remap r{mv.from, mv.to};
  for (auto* index_map : {&s.by_unit, &s.by_campaign, &s.by_award, &s.by_year})
    for (auto& [key, list] : *index_map) r.apply(list);
  for (Tag& t : s.tags) r.apply(t.profiles);
  for (PublishedBulletin& b : s.bulletins)
    for (std::vector<int>& g : b.groups)
      for (int& i : g) i = r(i);
  std::map<int, std::vector<int>> bulletins_of;
  for (auto& [i, list] : s.bulletins_of) bulletins_of[r(i)] = std::move(list);
  s.bulletins_of = std::move(bulletins_of);
  int per = std::max(1, s.config.paginate);
  for (std::size_t k = 0; k < s.pages.size(); ++k) {
    Page& page = s.pages[k];
    if (page.kind == PageKind::kProfile) page.entity = r(page.entity);
    const std::vector<int>* list = list_of(s, page);
    if (!list) continue;
    std::vector<int> items = detail::page_items(*list, page.number, per);
    bool same = items.size() == page.items.size();
    for (std::size_t j = 0; same && j < items.size(); ++j) same = items[j] == r(page.items[j]);
    if (!same) mv.pages.push_back(static_cast<int>(k));
    page.items = std::move(items);
  }
  return mv;
}

}  // namespace vd::site
