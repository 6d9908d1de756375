#include "site/site.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vd::site {
namespace {

model::Model base() {
  model::Model m;
  m.config.paginate = 2;
  m.config.base_url = "https://x.vn/";
  m.units.push_back({.id = "u", .name = "Trường U", .kind = "school"});
  m.awards.push_back({.id = "giay-khen",
                      .name = "Giấy khen",
                      .type = "commendation",
                      .individual = true,
                      .collective = true});
  return m;
}

model::Profile profile(const std::string& id, const std::string& name) {
  model::Profile p;
  p.path = "content/profiles/2023-2024/" + id + ".md";
  p.id = id;
  p.name = name;
  p.unit = "u";
  p.school_year = "2023-2024";
  p.consent = true;
  p.awards.push_back({"giay-khen", {}, {}});
  return p;
}

const Page* find(const Site& s, const std::string& url) {
  for (const Page& p : s.pages)
    if (p.url == url) return &p;
  return nullptr;
}

// The paths of a list of honourees (indexes differ between two sites; paths do not).
std::vector<std::string> paths(const Site& s, const std::vector<int>& list) {
  std::vector<std::string> out;
  for (int i : list) out.push_back(s.honourees[i].profile.path);
  return out;
}

// Everything a rename may move, as paths: name order, indexes, pages and their items.
std::string shape(const Site& s) {
  std::string out;
  for (const Honouree& h : s.honourees) out += h.profile.path + " " + h.initials + "\n";
  for (const auto* index : {&s.by_unit, &s.by_year, &s.by_award, &s.by_campaign})
    for (const auto& [key, list] : *index)
      for (const std::string& p : paths(s, list)) out += key + ":" + p + "\n";
  for (const Tag& t : s.tags)
    for (const std::string& p : paths(s, t.profiles)) out += t.slug + ":" + p + "\n";
  for (const Page& p : s.pages) {
    out += p.url + " " + (p.kind == PageKind::kProfile ? s.honourees[p.entity].profile.path : "");
    for (const std::string& i : paths(s, p.items)) out += " " + i;
    out += "\n";
  }
  return out;
}

// A name change patched into a site equals a site built with the new name, across pages of the
// lists, onto a name another profile has, and back.
TEST(Site, ARenamePatchedInPlaceEqualsAFreshBuild) {
  model::Model m = base();
  const char* names[] = {"Lê An",    "Trần Bình", "Ngô Cúc", "Phạm Dũng",
                         "Vũ Giang", "Hồ Hà",     "Lý Khoa"};
  for (int i = 0; i < 7; ++i) {
    m.profiles.push_back(profile("p" + std::to_string(i), names[i]));
    m.profiles.back().tags = {i % 2 ? "đổi mới" : "chuyển đổi số"};
  }
  Memo memo;
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}, .memo = &memo}, d);
  struct Step {
    int profile;
    const char* name;
  } steps[] = {{0, "Lê Yến"}, {6, "Lý Ánh"}, {3, "Trần Bình"}, {1, "Trần Bình"}, {3, "Phạm Dũng"}};
  for (const Step& step : steps) {
    m.profiles[step.profile].name = step.name;
    const std::string& path = m.profiles[step.profile].path;
    int at = -1;
    for (std::size_t i = 0; i < s.honourees.size(); ++i)
      if (s.honourees[i].profile.path == path) at = static_cast<int>(i);
    ASSERT_GE(at, 0);
    Site before = s;
    Moved mv = rename_honouree(s, at, m.profiles[step.profile], memo);
    EXPECT_EQ(mv.from, at);
    Site want = build_site(m, {.today = {2024, 9, 1}}, d);
    EXPECT_EQ(shape(s), shape(want)) << step.name;
    std::vector<int> moved;
    for (std::size_t k = 0; k < s.pages.size(); ++k)
      if (paths(before, before.pages[k].items) != paths(s, s.pages[k].items))
        moved.push_back(static_cast<int>(k));
    EXPECT_EQ(mv.pages, moved) << step.name;
  }
  EXPECT_FALSE(d.has_errors());
}

TEST(Site, UrlComesFromTheFileNotTheName) {
  model::Model m = base();
  m.profiles.push_back(profile("nguyen-thi-thuy", "Nguyễn Thị Thủy (sửa tên)"));
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  EXPECT_NE(find(s, "/dien-hinh/2023-2024/nguyen-thi-thuy/"), nullptr);
}

TEST(Site, UnconsentedDraftFutureAndExpiredAreNotPublished) {
  model::Model m = base();
  m.profiles.push_back(profile("a", "A"));
  m.profiles.push_back(profile("b", "B"));
  m.profiles.back().consent = false;
  m.profiles.push_back(profile("c", "C"));
  m.profiles.back().draft = true;
  m.profiles.push_back(profile("d", "D"));
  m.profiles.back().publish_date = text::Date{2025, 1, 1};
  m.profiles.push_back(profile("e", "E"));
  m.profiles.back().expiry_date = text::Date{2024, 1, 1};
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  ASSERT_EQ(s.honourees.size(), 1u);
  EXPECT_EQ(s.honourees[0].profile.id, "a");
  EXPECT_EQ(d.all().size(), 4u);  // one note per hidden profile
  for (const auto& n : d.all()) EXPECT_EQ(n.severity, diag::Severity::kNote);
  // The expired one was published once: its URL keeps a neutral notice.
  ASSERT_EQ(s.withdrawn.size(), 1u);
  EXPECT_EQ(s.withdrawn[0].url, "/dien-hinh/2023-2024/e/");
  EXPECT_EQ(s.withdrawn[0].expired, (text::Date{2024, 1, 1}));
  const Page* notice = find(s, "/dien-hinh/2023-2024/e/");
  ASSERT_NE(notice, nullptr);
  EXPECT_EQ(notice->kind, PageKind::kWithdrawn);
  diag::Diagnostics d2;
  Site all =
      build_site(m, {.drafts = true, .future = true, .expired = true, .today = {2024, 9, 1}}, d2);
  EXPECT_EQ(all.honourees.size(), 4u);  // consent is never overridden
}

TEST(Site, NamesSortByGivenNameTheVietnameseWay) {
  model::Model m = base();
  m.profiles.push_back(profile("a", "Nguyễn Văn Đức"));
  m.profiles.push_back(profile("b", "Trần Thị Dung"));
  m.profiles.push_back(profile("c", "Lê Ánh"));
  m.profiles.push_back(profile("d", "Phạm Văn Anh"));
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  std::vector<std::string> names;
  for (const Honouree& h : s.honourees) names.push_back(h.profile.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Phạm Văn Anh", "Lê Ánh", "Trần Thị Dung",
                                             "Nguyễn Văn Đức"}));
}

TEST(Site, LongListsArePaginated) {
  model::Model m = base();
  for (char c = 'a'; c <= 'e'; ++c)
    m.profiles.push_back(profile(std::string(1, c), std::string(1, c)));
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  const Page* p3 = find(s, "/nam-hoc/2023-2024/trang/3/");
  ASSERT_NE(p3, nullptr);
  EXPECT_EQ(p3->count, 3);
  EXPECT_EQ(p3->items.size(), 1u);
  EXPECT_EQ(find(s, "/nam-hoc/2023-2024/trang/4/"), nullptr);
}

TEST(Site, AliasesRedirectAndCollisionsAreErrors) {
  model::Model m = base();
  m.profiles.push_back(profile("a", "A"));
  m.profiles.back().aliases = {"/dien-hinh/2023-2024/ten-cu/"};
  m.profiles.push_back(profile("b", "B"));
  m.profiles.back().aliases = {"/dien-hinh/2023-2024/a/", "../../etc/passwd"};
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  const Page* alias = find(s, "/dien-hinh/2023-2024/ten-cu/");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->target, "/dien-hinh/2023-2024/a/");
  ASSERT_EQ(d.errors(), 2u) << diag::format_all(d, {});
}

TEST(Site, OutputPaths) {
  EXPECT_EQ(output_path("/"), "index.html");
  EXPECT_EQ(output_path("/don-vi/a/"), "don-vi/a/index.html");
  EXPECT_EQ(output_path("/feed.xml"), "feed.xml");
}

}  // namespace
}  // namespace vd::site

namespace vd::site {
namespace {

TEST(Site, BulletinsGetPagesAndLinkTheirHonourees) {
  model::Model m = base();
  m.profiles.push_back(profile("a", "Lê Văn A"));
  m.profiles.push_back(profile("b", "Trần Thị B"));
  m.profiles[1].consent = false;
  model::Bulletin b;
  b.path = "content/bulletins/2023-2024/kq.md";
  b.stem = "kq";
  b.id = "2023-2024/kq";
  b.school_year = "2023-2024";
  b.date = text::Date{2024, 6, 1};
  b.groups.push_back({.award = "giay-khen", .profiles = {"a", "b"}, .resolved = {0, 1}});
  m.bulletins.push_back(b);
  diag::Diagnostics d;
  Site s = build_site(m, {.today = {2024, 9, 1}}, d);
  ASSERT_EQ(s.bulletins.size(), 1u);
  for (const char* url : {"/thong-bao/", "/thong-bao/2023-2024/", "/thong-bao/2023-2024/kq/",
                          "/thong-bao/2023-2024/kq/ban-in/", "/thong-bao/2023-2024/kq/email.html"})
    EXPECT_NE(find(s, url), nullptr) << url;
  ASSERT_EQ(s.bulletins[0].groups.size(), 1u);
  EXPECT_EQ(s.bulletins[0].groups[0], std::vector<int>{0});  // only the published profile
  EXPECT_EQ(s.bulletins_of.at(0), std::vector<int>{0});
  // Announcing an unconsented profile is an error naming it.
  std::string all = diag::format_all(d, {});
  EXPECT_TRUE(d.has_errors());
  EXPECT_NE(all.find("content/profiles/2023-2024/b.md is not published"), std::string::npos) << all;
}

// newest is the head of a stable sort by date, newest first (ties and missing dates included).
TEST(Site, NewestIsTheHeadOfAStableSortByDate) {
  Site s;
  s.honourees.resize(40);
  for (std::size_t i = 0; i < s.honourees.size(); ++i)
    if (i % 7 != 3) s.honourees[i].honoured = text::Date{2020 + static_cast<int>(i % 4), 5, 1};
  std::vector<int> items;
  for (int i = 39; i >= 0; i -= 3) items.push_back(i);  // not in index order
  for (int i = 0; i < 40; i += 3) items.push_back(i);
  std::vector<int> sorted = items;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](int a, int b) { return s.honourees[a].honoured > s.honourees[b].honoured; });
  for (std::size_t n : {0u, 1u, 5u, 12u, 27u, 100u}) {
    std::vector<int> want(sorted.begin(), sorted.begin() + std::min(n, sorted.size()));
    EXPECT_EQ(newest(s, items, n), want) << n;
  }
}

}  // namespace
}  // namespace vd::site
