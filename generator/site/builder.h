// The site stage's builder, private to generator/site/ (others include site/site.h). In: a
// validated model::Model, the options and the diagnostics list; out: the site graph (build()).
// Its steps live in one file each: what is published (select.cc), the indexes and name keys
// (indexes.cc), the pages (pages.cc), aliases and URL collisions (aliases.cc); memo_of and
// page_items serve rename.cc too. Never reads a file.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "site/site.h"

namespace vd::site::detail {

class Builder {
 public:
  Builder(model::Model& m, const Options& o, diag::Diagnostics& d) : m_(m), o_(o), diags_(d) {}

  Site build();

 private:
  // select.cc: what is published (consent, drafts, dates, withdrawal).
  void expire(const model::Page& p, Withdrawn::What what, const std::vector<std::string>& urls,
              const std::string& why);
  void select_campaigns();
  void withdraw(std::size_t i, const std::string& why, std::optional<text::Date> expired);
  void select_profiles();
  std::vector<std::size_t> url_order() const;
  void select_bulletins();

  // indexes.cc: honourees by unit, year, campaign, award and tag; name keys through the memo.
  void tag(std::map<std::string, Tag>& tags, const std::string& name, std::vector<int> Tag::*which,
           int member);
  void index();
  std::vector<std::string> memo_all(std::unordered_map<std::string, std::string> Memo::*table,
                                    const std::vector<const std::string*>& texts,
                                    std::string (*f)(std::string_view));

  // pages.cc: every page of the site, sorted by URL.
  void add(Page p) { s_.pages.push_back(std::move(p)); }
  void paginated(PageKind kind, const std::string& url, int entity, const std::string& key,
                 const std::vector<int>& items);
  void pages();
  void embeds(int unit);
  void stats_pages();
  void bulletin_pages();

  // aliases.cc: redirects from old URLs, and two pages on one URL.
  void aliases();
  void alias(std::string url, const std::string& target, const model::Page& from, std::size_t i);
  void check_collisions();
  diag::Position position_of(const Page& p) const;
  std::string source_of(const Page& p) const;
  std::string describe(const Page& p) const;

  model::Model& m_;
  std::vector<std::string> hidden_, model_paths_;  // per model profile: why hidden, source path
  std::vector<int> honouree_of_;  // per model profile: its index in s_.honourees, or -1
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

// f(text), remembered in `table` (serve's memo, kept across builds, or a build's own: the same ten
// tags are written on thousands of profiles). Elements never move in the map, so the reference
// stays valid. Shared with rename_honouree (rename.cc).
const std::string& memo_of(std::unordered_map<std::string, std::string>& table,
                           const std::string& text, std::string (*f)(std::string_view));

// The items of page `number` (from 1) of `list` shown `per` to a page: what Builder::paginated
// gives each page, and what rename_honouree gives it again after a move.
std::vector<int> page_items(const std::vector<int>& list, int number, int per);

}  // namespace vd::site::detail
