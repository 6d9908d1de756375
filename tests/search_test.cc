// The search index and page: what the client-side search receives (tests/browser/ checks the
// script itself in Chromium).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace vd::testing {
namespace {

// "vdSearch.index({...});\n" → the JSON argument.
nlohmann::json call_arg(const std::string& js, const std::string& fn) {
  std::string head = "vdSearch." + fn + "(";
  EXPECT_EQ(js.rfind(head, 0), 0u) << js.substr(0, 40);
  EXPECT_EQ(js.substr(js.size() - 3), ");\n");
  return nlohmann::json::parse(js.substr(head.size(), js.size() - head.size() - 3));
}

TEST(Search, IndexHoldsFoldedNamesUnitsAwardsAndShardedSummaries) {
  auto files = minimal_site();
  files["content/profiles/2023-2024/dang-van-duc-2.md"] =
      "---\nname: Đặng Văn Đức\nkind: individual\nunit: th-a\nawards:\n"
      "  - award: lao-dong-tien-tien\nsummary: Thầy Đức dạy bơi.\nconsent: true\n---\nx\n";
  auto out = built(files);
  std::string index_path;
  std::vector<std::string> shards;
  for (const auto& [path, bytes] : out) {
    if (path.rfind("tim-kiem/chi-muc.", 0) == 0) index_path = path;
    if (path.rfind("tim-kiem/tom-tat-", 0) == 0) shards.push_back(path);
  }
  ASSERT_FALSE(index_path.empty());
  nlohmann::json idx = call_arg(out[index_path], "index");
  ASSERT_EQ(idx["p"].size(), 3u);
  auto find = [&](const std::string& name) {
    for (std::size_t i = 0; i < idx["p"].size(); ++i)
      if (idx["p"][i][0] == name) return i;
    ADD_FAILURE() << name;
    return std::size_t{0};
  };
  std::size_t duc = find("Đặng Văn Đức"), thuy = find("Nguyễn Thị Thúy");
  EXPECT_LT(duc, thuy);  // Vietnamese name order, given name first: Đức < Thúy
  EXPECT_EQ(idx["p"][duc][1], "dang van duc");
  // The file name differs from the folded name: the last URL segment is given.
  EXPECT_EQ(idx["p"][duc][7], "dang-van-duc-2");
  // nguyen-thi-thuy.md matches its folded name: no path at all.
  EXPECT_EQ(idx["p"][thuy][1], "nguyen thi thuy");
  EXPECT_EQ(idx["p"][thuy].size(), 7u);
  EXPECT_EQ(idx["years"], nlohmann::json({"2023-2024"}));
  ASSERT_EQ(idx["units"].size(), 1u);  // only units with honourees
  EXPECT_EQ(idx["units"][0][0], "th-a");
  // Former names are searchable.
  EXPECT_NE(idx["units"][0][2].get<std::string>().find("truong tieu hoc thi tran a"),
            std::string::npos);
  int award = idx["p"][thuy][4][0];
  EXPECT_EQ(idx["awards"][award][2], "chien si thi dua co so");
  // Summaries are kept out of the core index and come in shards, in the same order.
  EXPECT_EQ(out[index_path].find("Mười hai năm"), std::string::npos);
  ASSERT_EQ(shards.size(), 1u);
  nlohmann::json shard = call_arg(out[shards[0]], "shard");
  EXPECT_EQ(shard["n"], 0);
  EXPECT_EQ(shard["s"][thuy], "Mười hai năm đứng lớp.");
  EXPECT_EQ(idx["shards"][0], shards[0].substr(9));
}

TEST(Search, PageLinksTheIndexAndOffersFiltersWithoutInlineScript) {
  auto out = built(minimal_site());
  const std::string& page = out["tim-kiem/index.html"];
  ASSERT_FALSE(page.empty());
  EXPECT_NE(page.find("data-index=\"../tim-kiem/chi-muc."), std::string::npos);
  EXPECT_NE(page.find("<option value=\"th-a\">Trường Tiểu học A</option>"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"2023-2024\">"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"chien-si-thi-dua-co-so\">"), std::string::npos);
  EXPECT_NE(page.find("<script src=\"../assets/search."), std::string::npos);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  // Every page carries the Pagefind body marker and links the search page.
  EXPECT_NE(out["index.html"].find("data-pagefind-body"), std::string::npos);
  EXPECT_NE(out["index.html"].find("tim-kiem/index.html"), std::string::npos);
}

}  // namespace
}  // namespace vd::testing
