// The search index with a cache (serve) is byte for byte the index without one, and a rebuild
// serialises again only what changed.
#include "render/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

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

// The cache takes each entry and summary from the last build's place or the place next to it,
// and looks further only after many misses: every kind of reordering must still give the bytes
// of a fresh index (moves near and far, shared summaries, profiles added and removed, a block
// reversed, a table changed).
TEST(SearchCache, EveryReorderingGivesTheBytesOfAFreshIndex) {
  site::Site s = big_site(2 * kSearchShard + 40);
  for (std::size_t i = 0; i < s.honourees.size(); i += 7) s.honourees[i].profile.summary.clear();
  SearchCache cache;
  std::minstd_rand random(7);
  auto pick = [&] { return static_cast<std::size_t>(random() % s.honourees.size()); };
  for (int step = 0; step < 40; ++step) {
    switch (step % 8) {
      case 0:  // a rename a few places on
        move_honouree(s, pick(), 0, "Tên " + std::to_string(step));
        std::rotate(s.honourees.begin(), s.honourees.begin() + 1, s.honourees.begin() + 4);
        break;
      case 1:  // a rename far away, possibly to another shard
        move_honouree(s, pick(), pick(), "Bùi Thị Ngân " + std::to_string(step));
        break;
      case 2:  // two profiles share a summary, and one moves
        s.honourees[pick()].profile.summary = s.honourees[pick()].profile.summary;
        move_honouree(s, pick(), pick(), s.honourees[pick()].profile.name + " B");
        break;
      case 3:  // a block of profiles reversed: more misses than the neighbours can find
        std::reverse(s.honourees.begin() + 100, s.honourees.begin() + 300);
        break;
      case 4: {  // a profile goes, another comes
        s.honourees.erase(s.honourees.begin() + static_cast<std::ptrdiff_t>(pick()));
        site::Honouree twin = s.honourees[pick()];  // the same entry twice
        s.honourees.insert(s.honourees.begin() + static_cast<std::ptrdiff_t>(pick()), twin);
        s.honourees[pick()].url += "khac/";
        break;
      }
      case 5:  // a unit's name changes: every entry's table
        s.units[1].name += " Mới";
        break;
      case 6:  // nothing changes
        break;
      case 7:  // an award and a campaign leave a profile that moves by one
        s.honourees[kSearchShard].profile.awards.clear();
        s.honourees[kSearchShard].profile.campaigns = {"thi-dua-2024"};
        std::swap(s.honourees[kSearchShard], s.honourees[kSearchShard + 1]);
        break;
    }
    ASSERT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s))) << "step " << step;
  }
}

// Serve patches its site graph in place and says what it changed: the next build reads only those
// profiles, and still gives the bytes of a fresh index.
TEST(SearchCache, FollowsServesHintsToTheBytesOfAFreshIndex) {
  site::Site s = big_site(2 * kSearchShard + 40);
  SearchCache cache;
  search_files(s, &cache);
  std::minstd_rand random(11);
  auto pick = [&] { return static_cast<int>(random() % s.honourees.size()); };
  for (int step = 0; step < 12; ++step) {
    for (int k = 0; k <= step % 3; ++k) {  // one to three changes before a build
      int from = pick(), to = step % 2 ? pick() : std::min(from + 3, pick());
      move_honouree(s, static_cast<std::size_t>(from), static_cast<std::size_t>(to),
                    "Tên " + std::to_string(step) + " " + std::to_string(k));
      cache.moved(s, from, to);
      int edited = pick();
      s.honourees[static_cast<std::size_t>(edited)].profile.summary += " Sửa.";
      cache.changed(s, edited);
    }
    if (step % 4 == 3) cache.unchanged(s);  // a render of pages left for later
    ASSERT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s))) << "step " << step;
  }
  // A hint is followed: a change it does not name is not read (the build does not walk the site).
  s.honourees[5].profile.summary = "Không báo.";
  cache.unchanged(s);
  EXPECT_NE(by_path(search_files(s, &cache)), by_path(search_files(s)));
}

TEST(SearchCache, AHintAboutAnotherSiteObjectIsIgnored) {
  site::Site s = big_site(50);
  SearchCache cache;
  search_files(s, &cache);
  site::Site copy = s;  // another object: serve built a new graph
  copy.honourees[7].profile.summary = "Đã sửa.";
  copy.honourees[9].profile.name = "Lê Thị Ánh";
  cache.unchanged(copy);  // wrong, and about another object than the one indexed
  EXPECT_EQ(by_path(search_files(copy, &cache)), by_path(search_files(copy)));
  cache.changed(s, 3);  // about the old object: the cache indexed `copy` since
  s.honourees[3].profile.summary = "Đã sửa nữa.";
  EXPECT_EQ(by_path(search_files(s, &cache)), by_path(search_files(s)));
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
