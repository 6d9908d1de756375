// The search index with a cache (serve) is byte for byte the index without one, and a rebuild
// serialises again only what changed.
#include "render/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vd::render {
namespace {

// A site graph with `n` honourees in two units, two years, one award and one campaign: enough
// for several summary shards.
site::Site big_site(std::size_t n) {
  site::Site s;
  s.units = {model::Unit{}, model::Unit{}};
  s.units[0].id = "th-a";
  s.units[0].name = "Trường Tiểu học A";
  s.units[1].id = "th-b";
  s.units[1].name = "Trường Tiểu học B";
  s.awards.resize(1);
  s.awards[0].id = "lao-dong-tien-tien";
  s.awards[0].name = "Lao động tiên tiến";
  s.campaigns.resize(1);
  s.campaigns[0].id = "thi-dua-2024";
  s.campaigns[0].title = "Thi đua 2024";
  s.years = {"2022-2023", "2023-2024"};
  for (std::size_t i = 0; i < n; ++i) {
    site::Honouree h;
    model::Profile& p = h.profile;
    p.name = "Nguyễn Văn Đức " + std::to_string(i);
    p.school_year = s.years[i % 2];
    p.unit = s.units[i % 3 == 0 ? 0 : 1].id;
    p.kind = i % 10 == 0 ? model::Kind::kCollective : model::Kind::kIndividual;
    p.awards.push_back({});
    p.awards[0].award = "lao-dong-tien-tien";
    if (i % 2) p.campaigns = {"thi-dua-2024"};
    p.summary = "Thầy Đức số " + std::to_string(i) + " dạy \"bơi\".";
    h.url = "/dien-hinh/" + p.school_year + "/nguyen-van-duc-" + std::to_string(i) + "/";
    s.by_unit[p.unit].push_back(static_cast<int>(i));
    s.by_award["lao-dong-tien-tien"].push_back(static_cast<int>(i));
    if (i % 2) s.by_campaign["thi-dua-2024"].push_back(static_cast<int>(i));
    s.by_year[p.school_year].push_back(static_cast<int>(i));
    s.honourees.push_back(std::move(h));
  }
  return s;
}

std::map<std::string, std::string> by_path(const SearchFiles& f) {
  std::map<std::string, std::string> out;
  for (const File& file : f.files) out[file.path] = file.bytes;
  return out;
}

TEST(SearchCache, GivesTheSameBytesAsAFreshIndexAndRewritesOnlyWhatChanged) {
  site::Site s = big_site(2 * kSearchShard + 10);  // three summary shards
  SearchCache cache;
  std::map<std::string, std::string> first = by_path(search_files(s, &cache));
  ASSERT_EQ(first.size(), 4u);  // the index and three shards
  EXPECT_EQ(first, by_path(search_files(s)));
  EXPECT_EQ(first, by_path(search_files(s, &cache)));  // from the cache alone

  s.honourees[kSearchShard + 5].profile.summary = "Đã sửa.";  // a summary in the second shard
  std::map<std::string, std::string> edited = by_path(search_files(s, &cache));
  EXPECT_EQ(edited, by_path(search_files(s)));
  std::vector<std::string> changed;  // paths only in the new set
  for (const auto& [path, bytes] : edited)
    if (!first.count(path)) changed.push_back(path);
  ASSERT_EQ(changed.size(), 2u);  // the second shard, and the index that names it
  EXPECT_EQ(changed[0].rfind("tim-kiem/chi-muc.", 0), 0u);
  EXPECT_EQ(changed[1].rfind("tim-kiem/tom-tat-1.", 0), 0u);

  s.honourees[3].profile.name = "Lê Thị Ánh";  // an entry of the core index
  s.honourees[7].profile.campaigns.clear();
  EXPECT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s)));
  s.honourees.pop_back();  // the last shard shrinks
  EXPECT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s)));
}

// A rename moves a profile in name order: its entry and its summary move too, across shards.
void move_honouree(site::Site& s, std::size_t from, std::size_t to, const std::string& name) {
  site::Honouree h = std::move(s.honourees[from]);
  h.profile.name = name;
  s.honourees.erase(s.honourees.begin() + static_cast<std::ptrdiff_t>(from));
  s.honourees.insert(s.honourees.begin() + static_cast<std::ptrdiff_t>(to), std::move(h));
}

TEST(SearchCache, RenamesAcrossShardsGiveTheBytesOfAFreshIndex) {
  site::Site s = big_site(2 * kSearchShard + 10);  // three summary shards
  s.honourees[5].profile.summary = "Dòng một\ndòng hai, \\ và \"ngoặc\" \t.";
  SearchCache cache;
  std::map<std::string, std::string> first = by_path(search_files(s, &cache));
  move_honouree(s, 5, 2 * kSearchShard + 3, "Vũ Thị Yến");  // first shard to the third
  std::map<std::string, std::string> moved = by_path(search_files(s, &cache));
  EXPECT_EQ(moved, by_path(search_files(s)));
  std::size_t changed = 0;
  for (const auto& [path, bytes] : moved) changed += !first.count(path);
  EXPECT_EQ(changed, 4u);  // every shard and the index
  move_honouree(s, 2 * kSearchShard + 3, kSearchShard + 1, "Lê Văn Bình");  // to the second
  EXPECT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s)));
  move_honouree(s, kSearchShard + 1, 5, "Đỗ Thị Mai");  // back where it was, renamed
  std::map<std::string, std::string> back = by_path(search_files(s, &cache));
  EXPECT_EQ(back, by_path(search_files(s)));
  for (const auto& [path, bytes] : back) {  // the shards are written as nlohmann::json would
    if (path.rfind("tim-kiem/tom-tat-", 0) != 0) continue;
    std::string head = "vdSearch.shard(";
    ASSERT_EQ(bytes.rfind(head, 0), 0u);
    std::string body = bytes.substr(head.size(), bytes.size() - head.size() - 3);
    EXPECT_EQ(bytes.substr(bytes.size() - 3), ");\n");
    EXPECT_EQ(nlohmann::json::parse(body).dump(), body);
    if (path.rfind("tim-kiem/tom-tat-0.", 0) == 0) {
      EXPECT_EQ(nlohmann::json::parse(body)["s"][5], s.honourees[5].profile.summary);
    }
  }
  // Its first shard is the first build's again (the same summaries in the same order).
  EXPECT_EQ(std::count_if(back.begin(), back.end(),
                          [&](const auto& f) { return first.count(f.first) != 0; }),
            3);
}

TEST(SearchCache, TheIndexIsWrittenAsNlohmannJsonWouldWriteIt) {
  site::Site s = big_site(30);
  s.honourees[4].url = "/khac/duong-dan/";  // an entry with a whole URL
  SearchCache cache;
  for (const File& f : search_files(s, &cache).files) {
    if (f.path.rfind("tim-kiem/chi-muc.", 0) != 0) continue;
    std::string head = "vdSearch.index(";
    ASSERT_EQ(f.bytes.rfind(head, 0), 0u);
    std::string body = f.bytes.substr(head.size(), f.bytes.size() - head.size() - 3);
    EXPECT_EQ(f.bytes.substr(f.bytes.size() - 3), ");\n");
    EXPECT_EQ(nlohmann::json::parse(body).dump(), body);
    EXPECT_EQ(nlohmann::json::parse(body)["p"][4][7], "/khac/duong-dan/");
  }
}

}  // namespace
}  // namespace vd::render
