// Publication through git, on temporary repositories (no network): editions, no-op, dirty tree,
// content errors, build --at, stable URLs (alias, withdrawal), push.
#include "publish/publish.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace vd::publish {
namespace {

class Publish : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vd-publish-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    disk_ = fs::make_real();
    ASSERT_TRUE(git::Repository::init(dir_, false, repo_));
    write(".gitignore", "public/\npublic.*/\nout-at/\nremote.git/\n");
    for (const auto& [path, text] : testing::minimal_site()) write(path, text);
    commit("the site");
  }
  void TearDown() override {
    std::error_code ec;  // the output's old tree may still be going away in the background
    for (int i = 0; i < 5 && std::filesystem::exists(dir_); ++i)
      std::filesystem::remove_all(dir_, ec);
  }

  void write(const std::string& path, const std::string& text) {
    ASSERT_TRUE(disk_->write(dir_ + "/" + path, text));
  }
  std::string read(const std::string& path) { return disk_->read(dir_ + "/" + path).bytes; }
  void edit(const std::string& path, const std::string& from, const std::string& to) {
    std::string t = read(path);
    ASSERT_NE(t.find(from), std::string::npos) << from;
    write(path, t.replace(t.find(from), from.size(), to));
  }
  void commit(const std::string& msg) {
    std::string id;
    ASSERT_TRUE(repo_.commit_all(msg, {1717200000 + 86400 * commits_++, 420}, id));
  }
  pipeline::BuildOptions options() {
    pipeline::BuildOptions o;
    o.source = dir_;
    o.out = dir_ + "/public";
    o.theme = VD_SOURCE_DIR;
    o.today = {2024, 9, 1};
    o.threads = 2;
    return o;
  }
  Result publish(Options po = {}) {
    Result r = publish::publish(*disk_, options(), po);
    for (const diag::Diagnostic& d : r.build.diags.all())
      if (d.severity == diag::Severity::kError) ADD_FAILURE() << d.pos.file << ": " << d.message;
    return r;
  }
  // Output path → bytes of a published commit.
  std::map<std::string, std::string> tree(const std::string& commit) {
    std::vector<git::TreeEntry> files;
    EXPECT_TRUE(repo_.list_files(commit, "", files));
    std::map<std::string, std::string> out;
    for (const git::TreeEntry& f : files) EXPECT_TRUE(repo_.read_blob(f.blob, out[f.path]));
    return out;
  }

  std::string dir_;
  int commits_ = 0;
  git::Repository repo_;
  std::unique_ptr<fs::FileSystem> disk_;
};

TEST_F(Publish, TwoEditionsDifferExactlyByTheContentChange) {
  Result first = publish();
  ASSERT_TRUE(first.status) << first.status.message;
  ASSERT_EQ(first.edition, 1);
  EXPECT_NE(first.message.find("- Nguyễn Thị Thúy /dien-hinh/2023-2024/nguyen-thi-thuy/\n"),
            std::string::npos);
  edit("content/profiles/2023-2024/nguyen-thi-thuy.md", "Mười hai năm đứng lớp.",
       "Mười ba năm đứng lớp.");
  commit("summary");
  Result second = publish();
  ASSERT_TRUE(second.status) << second.status.message;
  ASSERT_EQ(second.edition, 2);
  EXPECT_NE(second.message.find("Profiles updated:\n- Nguyễn Thị Thúy "
                                "/dien-hinh/2023-2024/nguyen-thi-thuy/"),
            std::string::npos)
      << second.message;
  git::Commit c;
  ASSERT_TRUE(repo_.resolve(second.commit, c));
  EXPECT_EQ(c.parents, std::vector<std::string>{first.commit});
  EXPECT_NE(c.message.find("Source-Commit: " + *repo_.ref_target("HEAD")), std::string::npos);
  // Every page that changed shows the new summary; nothing unrelated moved.
  std::vector<std::string> changed;
  ASSERT_TRUE(repo_.changed_files(first.commit, second.commit, "", changed));
  auto now = tree(second.commit);
  bool profile_page = false;
  for (const std::string& path : changed) {
    if (path == "version.json" || path.rfind("editions/", 0) == 0) continue;
    // The search index is named by its content hash (and the search page links it): it follows
    // every summary, as it must.
    if (path.rfind("tim-kiem/", 0) == 0) continue;
    if (path == "dien-hinh/2023-2024/nguyen-thi-thuy/index.html") profile_page = true;
    if (path == "sitemap.xml") {  // the git date of the edit is the page's lastmod
      EXPECT_NE(now[path].find("nguyen-thi-thuy/</loc><lastmod>2024-06-02</lastmod>"),
                std::string::npos);
      continue;
    }
    EXPECT_NE(now[path].find("Mười ba năm"), std::string::npos) << path << " changed";
  }
  EXPECT_TRUE(profile_page);
  EXPECT_NE(now["version.json"].find("\"edition\": 2"), std::string::npos);
  EXPECT_NE(now["editions/index.html"].find("editions/2/"), std::string::npos);
}

// Publish hashes the edition straight into the repository and never touches the output folder;
// what it commits is exactly what `build` makes of the same commit, file for file, byte for byte:
// after a build (photos and social cards taken from its output folder), with no output folder
// (taken from the last edition's blobs), and with neither (drawn again).
TEST_F(Publish, PublishedTreeIsWhatBuildMakesAndTheOutputFolderIsUntouched) {
  pipeline::BuildOptions o = options();
  ASSERT_TRUE(pipeline::build(*disk_, o).status);
  const std::string manifest = read("public/.vinhdanh-output");
  for (int edition = 1; edition <= 3; ++edition) {
    if (edition > 1) {
      edit("content/profiles/2023-2024/nguyen-thi-thuy.md",
           edition == 2 ? "Mười hai năm đứng lớp." : "Mười ba năm đứng lớp.",
           edition == 2 ? "Mười ba năm đứng lớp." : "Mười bốn năm đứng lớp.");
      commit("summary");
      std::filesystem::remove_all(dir_ + "/public");
    }
    if (edition == 3) std::filesystem::remove(repo_.git_dir() + "vinhdanh/blobs");
    Result r = publish();
    ASSERT_TRUE(r.status) << r.status.message;
    ASSERT_EQ(r.edition, edition);
    if (edition == 1) {
      EXPECT_EQ(read("public/.vinhdanh-output"), manifest);
    }
    for (const char* folder : {"/public", "/public.staging", "/public.old"})
      EXPECT_EQ(std::filesystem::exists(dir_ + folder),
                edition == 1 && std::string(folder) == "/public")
          << folder;
    pipeline::BuildOptions b = options();
    b.out = dir_ + "/out-at";
    b.history = worktree_history(*disk_, dir_);
    b.editions = published_editions(*disk_, dir_);
    pipeline::BuildResult built = pipeline::build(*disk_, b);
    ASSERT_TRUE(built.status) << built.status.message;
    std::map<std::string, std::string> output;
    for (const std::string& path : disk_->list(b.out))
      if (path != ".vinhdanh-output") output[path] = disk_->read(b.out + "/" + path).bytes;
    auto published = tree(r.commit);
    ASSERT_GT(output.size(), 20u);
    EXPECT_EQ(published.size(), output.size());
    int cards = 0;
    for (const auto& [path, bytes] : output) {
      auto it = published.find(path);
      ASSERT_NE(it, published.end()) << path;
      EXPECT_EQ(it->second, bytes) << path;
      cards += path.rfind("images/", 0) == 0 && path.size() > 4 &&
               path.compare(path.size() - 4, 4, ".jpg") == 0;
    }
    EXPECT_GT(cards, 0);  // social cards were reused or drawn, and published
  }
}

TEST_F(Publish, NoChangeMakesNoCommit) {
  Result first = publish();
  ASSERT_TRUE(first.status);
  Result again = publish();
  ASSERT_TRUE(again.status) << again.status.message;
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(repo_.ref_target("refs/heads/portal"), first.commit);
}

TEST_F(Publish, DirtyTreeIsRefusedUnlessAllowed) {
  edit("content/profiles/2023-2024/to-toan.md", "xuất sắc", "rất xuất sắc");
  Result r = publish();
  EXPECT_EQ(r.dirty, std::vector<std::string>{"content/profiles/2023-2024/to-toan.md"});
  EXPECT_FALSE(repo_.ref_target("refs/heads/portal"));
  Result allowed = publish({.allow_dirty = true});
  ASSERT_TRUE(allowed.status) << allowed.status.message;
  EXPECT_NE(allowed.message.find("(with uncommitted changes)"), std::string::npos);
  // The uncommitted file's page carries the mark.
  EXPECT_NE(tree(allowed.commit)["dien-hinh/2023-2024/to-toan/index.html"].find(
                "có thay đổi chưa lưu vào lịch sử"),
            std::string::npos);
}

TEST_F(Publish, ContentErrorsAreRefused) {
  edit("content/profiles/2023-2024/to-toan.md", "unit: th-a", "unit: th-khong-co");
  commit("broken");
  Result r = publish::publish(*disk_, options(), {});
  EXPECT_TRUE(r.build.diags.has_errors());
  EXPECT_FALSE(repo_.ref_target("refs/heads/portal"));
}

TEST_F(Publish, BuildAtAnEditionEqualsItsPublishedTree) {
  Result first = publish({.tag = true});
  ASSERT_TRUE(first.status) << first.status.message;
  EXPECT_EQ(first.tag, "edition/2024-09-01");
  edit("content/profiles/2023-2024/to-toan.md", "xuất sắc", "rất xuất sắc");
  commit("later");
  ASSERT_TRUE(publish({.tag = true}).status);
  for (const std::string& rev : {first.tag, first.commit, std::string("HEAD~1")}) {
    pipeline::BuildOptions o = options();
    o.out = dir_ + "/out-at";
    o.today = {2030, 1, 1};  // the edition's own date must be used
    Revision at;
    ASSERT_TRUE(open_revision(dir_, rev, *disk_, o, at)) << rev;
    EXPECT_EQ(at.edition, 1);
    pipeline::BuildResult b = pipeline::build(*at.fs, o);
    ASSERT_FALSE(b.diags.has_errors());
    ASSERT_TRUE(b.status) << b.status.message;
    std::map<std::string, std::string> built;
    for (const std::string& p : disk_->list(o.out))
      if (p != ".vinhdanh-output") built[p] = disk_->read(o.out + "/" + p).bytes;
    auto published = tree(first.commit);
    ASSERT_EQ(built.size(), published.size()) << rev;
    for (const auto& [path, bytes] : published) EXPECT_EQ(built[path], bytes) << rev << " " << path;
  }
}

TEST_F(Publish, RenamedProfileNeedsAnAliasAndGetsARedirect) {
  ASSERT_TRUE(publish().status);
  std::string text = read("content/profiles/2023-2024/to-toan.md");
  std::filesystem::remove(dir_ + "/content/profiles/2023-2024/to-toan.md");
  write("content/profiles/2023-2024/to-toan-truong-a.md", text);
  commit("rename");
  Result refused = publish::publish(*disk_, options(), {});
  ASSERT_TRUE(refused.build.diags.has_errors());
  EXPECT_EQ(refused.build.diags.all().back().message.find(
                "the page /dien-hinh/2023-2024/to-toan/ of edition 1 would vanish"),
            0u);
  edit("content/profiles/2023-2024/to-toan-truong-a.md",
       "name:", "aliases: [/dien-hinh/2023-2024/to-toan/]\nname:");
  commit("alias");
  Result r = publish();
  ASSERT_TRUE(r.status) << r.status.message;
  auto now = tree(r.commit);
  EXPECT_NE(now["dien-hinh/2023-2024/to-toan/index.html"].find("to-toan-truong-a/index.html"),
            std::string::npos);
}

TEST_F(Publish, WithdrawalLeavesANeutralPageAndNoName) {
  ASSERT_TRUE(publish().status);
  edit("content/profiles/2023-2024/to-toan.md", "consent: true", "consent: true\nwithdrawn: true");
  commit("withdrawn");
  Result r = publish();
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_NE(r.message.find(": 1 profile withdrawn\n"), std::string::npos) << r.message;
  auto now = tree(r.commit);
  EXPECT_NE(now["dien-hinh/2023-2024/to-toan/index.html"].find("Hồ sơ đã được gỡ"),
            std::string::npos);
  for (const auto& [path, bytes] : now) {
    EXPECT_EQ(bytes.find("Tổ Toán Trường Tiểu học A"), std::string::npos) << path;
    EXPECT_EQ(bytes.find("Tổ chuyên môn xuất sắc"), std::string::npos) << path;
  }
  EXPECT_EQ(r.message.find("Tổ Toán"), std::string::npos);
}

// An expiry_date passing changes no file, yet the profile's page goes: publish keeps its URL
// with a neutral notice instead of refusing (nobody could have fixed that error).
TEST_F(Publish, AnExpiredProfileKeepsItsUrlWithANotice) {
  edit("content/profiles/2023-2024/to-toan.md", "consent: true",
       "consent: true\nexpiry_date: 2024-12-31");
  commit("expires at the end of the year");
  ASSERT_TRUE(publish().status);
  pipeline::BuildOptions later = options();
  later.today = {2025, 1, 15};
  Result r = publish::publish(*disk_, later, {});
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_FALSE(r.build.diags.has_errors()) << diag::format_all(r.build.diags, r.build.sources);
  auto now = tree(r.commit);
  const std::string& page = now["dien-hinh/2023-2024/to-toan/index.html"];
  EXPECT_NE(page.find("Hồ sơ không còn được đăng"), std::string::npos) << page;
  EXPECT_NE(page.find("từ ngày 31/12/2024."), std::string::npos) << page;
  for (const auto& [path, bytes] : now)
    EXPECT_EQ(bytes.find("Tổ Toán Trường Tiểu học A"), std::string::npos) << path;
}

// The same for a campaign and a bulletin: every URL they had keeps answering with a notice, and
// the bulletin's school year index stays although it was the last bulletin of that year.
TEST_F(Publish, AnExpiredCampaignAndBulletinKeepTheirUrlsWithANotice) {
  for (const auto& [path, text] : testing::example_bulletin()) write(path, text);
  commit("a bulletin");
  Result first = publish();
  ASSERT_TRUE(first.status) << first.status.message;
  edit("content/campaigns/thi-dua-2024.md", "title:", "expiry_date: 2024-12-31\ntitle:");
  edit("content/bulletins/2023-2024/ket-qua.md", "number:", "expiry_date: 2024-12-31\nnumber:");
  commit("both expire at the end of the year");
  pipeline::BuildOptions later = options();
  later.today = {2025, 1, 15};
  Result r = publish::publish(*disk_, later, {});
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_FALSE(r.build.diags.has_errors()) << diag::format_all(r.build.diags, r.build.sources);
  EXPECT_EQ(r.message.find("withdrawn"), std::string::npos) << r.message;
  auto before = tree(first.commit), now = tree(r.commit);
  for (const char* path :
       {"phong-trao/thi-dua-2024/index.html", "phong-trao/thi-dua-2024/dien-hinh/index.html",
        "phong-trao/thi-dua-2024/thong-ke/index.html", "thong-bao/2023-2024/ket-qua/index.html",
        "thong-bao/2023-2024/ket-qua/ban-in/index.html"}) {
    ASSERT_TRUE(before.count(path)) << path;
    const std::string& page = now[path];
    EXPECT_NE(page.find("Trang không còn được đăng"), std::string::npos) << path << page;
    EXPECT_NE(page.find("từ ngày 31/12/2024."), std::string::npos) << path;
  }
  ASSERT_TRUE(now.count("thong-bao/2023-2024/index.html"));
  EXPECT_EQ(now["thong-bao/2023-2024/index.html"].find("30/TB-PGDĐT"), std::string::npos);
  // The honourees keep their pages, which no longer link to the campaign.
  const char* profile = "dien-hinh/2023-2024/nguyen-thi-thuy/index.html";
  const std::string link = "phong-trao/thi-dua-2024/index.html\"";
  EXPECT_NE(before[profile].find(link), std::string::npos);
  ASSERT_TRUE(now.count(profile));
  EXPECT_EQ(now[profile].find(link), std::string::npos);
}

// Rolls that listed someone stay when their last honouree is withdrawn: a year, a campaign's
// honourees and a school's embedded roll keep their URLs and list no one.
TEST_F(Publish, WithdrawingEveryoneKeepsEveryRollUrl) {
  Result first = publish();
  ASSERT_TRUE(first.status) << first.status.message;
  for (const char* path :
       {"content/profiles/2023-2024/to-toan.md", "content/profiles/2023-2024/nguyen-thi-thuy.md"})
    edit(path, "consent: true", "consent: true\nwithdrawn: true");
  commit("both withdrawn");
  Result r = publish();
  ASSERT_TRUE(r.status) << r.status.message;
  auto before = tree(first.commit), now = tree(r.commit);
  for (const char* url :
       {"nam-hoc/2023-2024/index.html", "don-vi/th-a/nhung/index.html",
        "don-vi/th-a/nhung/2023-2024/index.html", "phong-trao/thi-dua-2024/dien-hinh/index.html"}) {
    EXPECT_TRUE(before.count(url)) << url;
    ASSERT_TRUE(now.count(url)) << url;
    EXPECT_EQ(now[url].find("Nguyễn Thị Thúy"), std::string::npos) << url;
  }
  EXPECT_NE(now["don-vi/th-a/nhung/index.html"].find("Hiện chưa có ai trong danh sách này."),
            std::string::npos);
  for (const auto& [path, bytes] : before) {  // tag pages go with their last use
    if (path.rfind("chu-de/", 0) != 0 && path.size() > 10 &&
        path.compare(path.size() - 10, 10, "index.html") == 0) {
      EXPECT_TRUE(now.count(path)) << path << " vanished";
    }
  }
}

constexpr const char* kBulletin = R"(---
number: 30/TB-PGDĐT
issuer: pgd
date: 2024-08-01
title: Kết quả thi đua năm học 2023-2024
honourees:
  - award: Chiến sĩ thi đua cơ sở
    profiles: [2023-2024/nguyen-thi-thuy]
signer:
  position: Trưởng phòng
  name: Đặng Văn Ưu
---
Phòng Giáo dục và Đào tạo thông báo kết quả thi đua.
)";

TEST_F(Publish, ChangelogNamesBulletinsByTitleAndCountsInTheRightNumber) {
  ASSERT_TRUE(publish().status);
  write("content/bulletins/2023-2024/ket-qua.md", kBulletin);
  edit("content/profiles/2023-2024/to-toan.md", "xuất sắc", "rất xuất sắc");
  commit("bulletin");
  Result r = publish();
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_NE(r.message.find("): 1 profile updated, 1 bulletin issued\n"), std::string::npos)
      << r.message;
  EXPECT_NE(r.message.find("Bulletins issued:\n- Thông báo 30/TB-PGDĐT: Kết quả thi đua năm học "
                           "2023-2024 /thong-bao/2023-2024/ket-qua/\n"),
            std::string::npos)
      << r.message;
  auto now = tree(r.commit);
  const std::string& page = now["editions/2/index.html"];
  EXPECT_NE(page.find(">Thông báo 30/TB-PGDĐT: Kết quả thi đua năm học 2023-2024</a>"),
            std::string::npos)
      << page;
  EXPECT_NE(now["editions/index.json"].find(
                "\"title\": \"Thông báo 30/TB-PGDĐT: Kết quả thi đua năm học 2023-2024\""),
            std::string::npos);
}

TEST_F(Publish, EnglishCountsAgreeWithTheNumber) {
  write("site.yml", read("site.yml") + "language: en\n");
  commit("english");
  Result first = publish();
  ASSERT_TRUE(first.status) << first.status.message;
  edit("content/profiles/2023-2024/to-toan.md", "xuất sắc", "rất xuất sắc");
  commit("one edit");
  Result r = publish();
  ASSERT_TRUE(r.status) << r.status.message;
  const std::string list = tree(r.commit)["editions/index.html"];
  EXPECT_NE(list.find(">1 profile updated</span>"), std::string::npos) << list;
  EXPECT_NE(list.find(">2 profiles added</span>"), std::string::npos) << list;
  EXPECT_EQ(list.find("1 profiles"), std::string::npos);
}

// A plain build (no publish) of a site whose publication branch holds editions renders them: its
// editions files are those of the last edition, byte for byte.
TEST_F(Publish, PlainBuildShowsThePublishedEditions) {
  EXPECT_TRUE(published_editions(*disk_, dir_).empty());  // nothing published yet
  ASSERT_TRUE(publish().status);
  edit("content/profiles/2023-2024/to-toan.md", "xuất sắc", "rất xuất sắc");
  commit("later");
  Result second = publish();
  ASSERT_TRUE(second.status) << second.status.message;
  pipeline::BuildOptions o = options();
  o.out = dir_ + "/out-at";
  o.editions = published_editions(*disk_, dir_);
  ASSERT_EQ(o.editions.size(), 2u);
  pipeline::BuildResult b = pipeline::build(*disk_, o);
  ASSERT_TRUE(b.status) << b.status.message;
  ASSERT_FALSE(b.diags.has_errors());
  auto published = tree(second.commit);
  int compared = 0;
  for (const auto& [path, bytes] : published) {
    if (path != "version.json" && path.rfind("editions/", 0) != 0) continue;
    EXPECT_EQ(disk_->read(o.out + "/" + path).bytes, bytes) << path;
    ++compared;
  }
  EXPECT_EQ(compared, 5);  // version.json, editions/index.{html,json}, editions/{1,2}/index.html
}

TEST_F(Publish, PushesToALocalBareRemote) {
  git::Repository bare;
  ASSERT_TRUE(git::Repository::init(dir_ + "/remote.git", true, bare));
  Result r = publish({.tag = true, .push = dir_ + "/remote.git"});
  ASSERT_TRUE(r.status) << r.status.message;
  EXPECT_TRUE(r.pushed);
  EXPECT_EQ(bare.ref_target("refs/heads/portal"), r.commit);
  EXPECT_TRUE(bare.tag_exists("edition/2024-09-01"));
}

}  // namespace
}  // namespace vd::publish
