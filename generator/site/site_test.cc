#include "site/site.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vd::site
