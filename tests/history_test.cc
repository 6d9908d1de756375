// Version-control dates passed into the pipeline as data reach profile and campaign pages, the
// sitemap and the feeds; a site without them builds as before.
#include <gtest/gtest.h>

#include "test_util.h"

namespace vd {
namespace {

std::map<std::string, std::string> build(const load::History& history) {
  auto fs = testing::site_fs(testing::minimal_site());
  pipeline::BuildOptions o = testing::site_options();
  o.history = history;
  pipeline::BuildResult r = pipeline::build(*fs, o);
  EXPECT_FALSE(r.diags.has_errors());
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : fs->files())
    if (path.rfind("out/", 0) == 0) out[path.substr(4)] = bytes;
  return out;
}

TEST(History, DatesReachPagesSitemapAndFeeds) {
  load::History h;
  h["content/profiles/2023-2024/nguyen-thi-thuy.md"] = {{2024, 5, 2}, {2024, 7, 9}, true};
  h["content/campaigns/thi-dua-2024.md"] = {{2023, 9, 16}, {2023, 9, 16}, false};
  auto out = build(h);
  const std::string& profile = out["dien-hinh/2023-2024/nguyen-thi-thuy/index.html"];
  EXPECT_NE(profile.find("<time datetime=\"2024-05-02\">02/05/2024</time>"), std::string::npos);
  EXPECT_NE(profile.find("<time datetime=\"2024-07-09\">09/07/2024</time>"), std::string::npos);
  const std::string& campaign = out["phong-trao/thi-dua-2024/index.html"];
  EXPECT_NE(campaign.find("<time datetime=\"2023-09-16\">16/09/2023</time>"), std::string::npos);
  EXPECT_NE(campaign.find("có thay đổi chưa lưu vào lịch sử"), std::string::npos);
  EXPECT_NE(out["sitemap.xml"].find("nguyen-thi-thuy/</loc><lastmod>2024-07-09</lastmod>"),
            std::string::npos);
  EXPECT_NE(out["sitemap.xml"].find("thi-dua-2024/</loc><lastmod>2023-09-16</lastmod>"),
            std::string::npos);
  EXPECT_NE(out["feed.xml"].find("<updated>2024-07-09T00:00:00Z</updated>"), std::string::npos);
  // The other profile has no git dates: its page has no history line.
  EXPECT_EQ(out["dien-hinh/2023-2024/to-toan/index.html"].find("history meta"), std::string::npos);
}

TEST(History, NoDatesNoHistoryAndNoEditionFiles) {
  auto out = build({});
  for (const auto& [path, bytes] : out) EXPECT_EQ(bytes.find("history meta"), std::string::npos);
  EXPECT_EQ(out.count("version.json"), 0u);
  EXPECT_EQ(out.count("editions/index.html"), 0u);
}

}  // namespace
}  // namespace vd
