// The site stage's indexes: honourees by unit, school year, campaign, award and tag (tags matched
// by slug), the school years, and the memo of name keys, initials and slugs that serve keeps
// across builds (computed on all cores, each distinct text once).
#include <algorithm>
#include <functional>
#include <iterator>

#include "parallel/parallel.h"
#include "site/builder.h"

namespace vd::site {
namespace detail {

// Adds `member` to the list `which` of the tag named `name` (tags are matched by slug, so
// "Chuyển đổi số" and "chuyển đổi số" are one tag; the first spelling seen names it).
void Builder::tag(std::map<std::string, Tag>& tags, const std::string& name,
                  std::vector<int> Tag::*which, int member) {
  const std::string& slug = memo_of(memo_->slugs, name, text::slugify);
  if (slug.empty()) return;
  Tag& t = tags[slug];
  if (t.name.empty()) {
    t.name = name;
    t.slug = slug;
  }
  std::vector<int>& list = t.*which;
  if (list.empty() || list.back() != member) list.push_back(member);
}

void Builder::index() {
  std::map<std::string, Tag> tags;  // by slug
  std::set<std::string> years;
  // Each index is made by one thread, walking the honourees in order (so every list comes out
  // as one walk would make it); the five indexes at once on the cores there are.
  const int count = static_cast<int>(s_.honourees.size());
  auto each = [&](auto&& f) {
    for (int i = 0; i < count; ++i) f(i, s_.honourees[i].profile);
  };
  const std::function<void()> indexes[] = {
      [&] { each([&](int i, const model::Profile& p) { s_.by_unit[p.unit].push_back(i); }); },
      [&] {
        each([&](int i, const model::Profile& p) {
          s_.by_year[p.school_year].push_back(i);
          years.insert(p.school_year);
        });
      },
      [&] {
        each([&](int i, const model::Profile& p) {
          for (const std::string& c : p.campaigns) s_.by_campaign[c].push_back(i);
        });
      },
      [&] {
        each([&](int i, const model::Profile& p) {
          for (std::size_t k = 0; k < p.awards.size();
               ++k) {  // each award once (a profile has few)
            const std::string& award = p.awards[k].award;
            bool again = false;
            for (std::size_t j = 0; j < k && !again; ++j) again = p.awards[j].award == award;
            if (!again) s_.by_award[award].push_back(i);
          }
        });
      },
      [&] {
        each([&](int i, const model::Profile& p) {
          for (const std::string& t : p.tags) tag(tags, t, &Tag::profiles, i);
        });
      }};
  parallel::parallel_for(std::size(indexes), count >= 1000 ? o_.threads : 1,
                         [&](std::size_t k) { indexes[k](); });
  for (const auto& [unit, gone] : gone_years_) years.insert(gone.begin(), gone.end());
  for (int ci = 0; ci < static_cast<int>(s_.campaigns.size()); ++ci) {
    const model::Campaign& c = s_.campaigns[ci];
    if (!c.school_year.empty()) years.insert(c.school_year);
    for (const std::string& t : c.tags) tag(tags, t, &Tag::campaigns, ci);
  }
  for (auto& [slug, t] : tags) s_.tags.push_back(std::move(t));
  std::stable_sort(s_.tags.begin(), s_.tags.end(),
                   [](const Tag& a, const Tag& b) { return text::compare_vi(a.name, b.name) < 0; });
  s_.years.assign(years.rbegin(), years.rend());
  s_.current_year = !s_.config.current_school_year.empty() ? s_.config.current_school_year
                    : s_.years.empty()                     ? text::school_year_of(o_.today)
                                                           : s_.years.front();
}

const std::string& memo_of(std::unordered_map<std::string, std::string>& table,
                           const std::string& text, std::string (*f)(std::string_view)) {
  auto it = table.find(text);
  if (it == table.end()) it = table.emplace(text, f(text)).first;
  return it->second;
}

// f(text) for every text, on all cores; only the texts the memo does not know yet are
// computed (a name or tag written many times is worked out once).
std::vector<std::string> Builder::memo_all(
    std::unordered_map<std::string, std::string> Memo::*table,
    const std::vector<const std::string*>& texts, std::string (*f)(std::string_view)) {
  std::vector<std::string> out(texts.size());
  if (memo_ == &own_memo_) {  // nothing known yet, and nobody to keep the results for
    parallel::parallel_for(
        texts.size(), o_.threads, [&](std::size_t i) { out[i] = f(*texts[i]); }, 256);
    return out;
  }
  std::vector<std::size_t> unknown;
  auto& m = memo_->*table;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (auto it = m.find(*texts[i]); it != m.end()) {
      out[i] = it->second;
      continue;
    }
    unknown.push_back(i);
  }
  parallel::parallel_for(
      unknown.size(), o_.threads, [&](std::size_t k) { out[unknown[k]] = f(*texts[unknown[k]]); },
      256);
  for (std::size_t i : unknown) m.emplace(*texts[i], out[i]);
  return out;
}

}  // namespace detail
}  // namespace vd::site
