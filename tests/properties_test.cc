// Whole-site properties: the example site builds cleanly, privacy, determinism, atomicity.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_util.h"

namespace vd::testing {
namespace {

std::map<std::string, std::string> output_files(const fs::MemoryFileSystem& m,
                                                const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : m.files())
    if (path.rfind(dir + "/", 0) == 0) out[path.substr(dir.size() + 1)] = bytes;
  return out;
}

// Reads the repository's own example site into memory.
std::map<std::string, std::string> example_site() {
  auto real = fs::make_real();
  std::map<std::string, std::string> files;
  files["site.yml"] = read_repo_file("site.yml");
  for (const std::string& f : real->list(fs::join(VD_SOURCE_DIR, "content")))
    files["content/" + f] = read_repo_file("content/" + f);
  return files;
}

TEST(ExampleSite, BuildsWithoutErrorsAndHasEveryPageKind) {
  auto mem = site_fs(example_site());
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  ASSERT_TRUE(r.status.ok) << r.status.message;
  auto out = output_files(*mem, "out");
  for (const char* page : {"index.html",
                           "404.html",
                           "phong-trao/index.html",
                           "phong-trao/vinh-thuan-2021-2022/index.html",
                           "don-vi/index.html",
                           "don-vi/th-tram-chim-2/index.html",
                           "nam-hoc/index.html",
                           "nam-hoc/2023-2024/index.html",
                           "danh-hieu/index.html",
                           "danh-hieu/chien-si-thi-dua-co-so/index.html",
                           "sang-kien/index.html",
                           "chu-de/index.html",
                           "tim-kiem/index.html",
                           "feed.xml",
                           "sitemap.xml",
                           "robots.txt",
                           "api/units/th-tram-chim-2.json",
                           "don-vi/th-tram-chim-2/feed.xml",
                           "thong-bao/index.html",
                           "thong-bao/atom.xml",
                           "thong-bao/2023-2024/ket-qua-thi-dua-can-giuoc/index.html",
                           "thong-bao/2023-2024/ket-qua-thi-dua-can-giuoc/ban-in/index.html",
                           "thong-bao/2023-2024/ket-qua-thi-dua-can-giuoc/email.html",
                           "thong-bao/2023-2024/ket-qua-thi-dua-can-giuoc/email.txt"})
    EXPECT_TRUE(out.count(page)) << page;
  EXPECT_GE(std::count_if(out.begin(), out.end(),
                          [](auto& kv) { return kv.first.rfind("dien-hinh/", 0) == 0; }),
            38);
}

// Every HTML page carries a Content-Security-Policy that runs no inline script; only the e-mail
// version (inline styles are all mail clients keep) allows inline styles, and it runs no script.
TEST(OutputHygiene, EveryHtmlPageHasAStrictContentSecurityPolicy) {
  auto mem = site_fs(example_site());
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_TRUE(r.status.ok) << r.status.message;
  int pages = 0;
  for (const auto& [path, bytes] : output_files(*mem, "out")) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
    ++pages;
    std::size_t at = bytes.find("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    ASSERT_NE(at, std::string::npos) << path;
    std::string policy = bytes.substr(at, bytes.find('>', at) - at);
    EXPECT_EQ(policy.find("script-src 'unsafe-inline'"), std::string::npos) << path;
    EXPECT_TRUE(policy.find("object-src 'none'") != std::string::npos ||
                policy.find("default-src 'none'") != std::string::npos)
        << path;
    bool email = path.size() > 10 && path.compare(path.size() - 10, 10, "email.html") == 0;
    EXPECT_EQ(policy.find("'unsafe-inline'") != std::string::npos, email) << path;
  }
  EXPECT_GT(pages, 100);
}

TEST(Privacy, NoPrivateValueAndNoUnconsentedProfileReachesAnyOutputByte) {
  auto files = example_site();
  // Plant a unique marker in every private field of every profile.
  int n = 0;
  for (auto& [path, bytes] : files) {
    if (path.rfind("content/profiles/", 0) != 0) continue;
    std::size_t at = bytes.find("\nprivate:\n");
    if (at == std::string::npos) {
      at = bytes.find("\n---\n", 4);
      bytes.insert(at, "\nprivate:\n  notes: VDMARKER" + std::to_string(n++) + "X");
      continue;
    }
    bytes.insert(at + 10, "  marker: VDMARKER" + std::to_string(n++) + "X\n");
  }
  ASSERT_GE(n, 40);
  auto mem = site_fs(files);
  pipeline::BuildOptions o = site_options();
  o.drafts = o.future = o.expired = true;
  pipeline::BuildResult r = pipeline::build(*mem, o);
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  auto out = output_files(*mem, "out");
  ASSERT_GT(out.size(), 100u);
  std::vector<std::string> privates;
  for (auto& [path, bytes] : files) {
    std::size_t at = bytes.find("\nprivate:\n");
    if (at == std::string::npos) continue;
    std::size_t end = bytes.find("\n---\n", at);
    std::string block = bytes.substr(at + 10, end - at - 10);
    for (std::size_t p = 0; p < block.size();) {
      std::size_t nl = block.find('\n', p);
      std::string line = block.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
      p = nl == std::string::npos ? block.size() : nl + 1;
      auto colon = line.find(": ");
      if (colon == std::string::npos) continue;
      std::string v = line.substr(colon + 2);
      if (v.size() > 1 && v.front() == '"') v = v.substr(1, v.size() - 2);
      if (v.size() >= 6) privates.push_back(v);
    }
  }
  ASSERT_GE(privates.size(), 40u);
  for (const auto& [path, bytes] : out)
    for (const std::string& v : privates)
      EXPECT_EQ(bytes.find(v), std::string::npos) << v << " leaked into " << path;
  // Profiles without consent are absent from every page, feed and roll.
  for (const char* name : {"le-thi-bich-ngoc", "pham-hoang-yen", "ho-thi-mong-tuyen"})
    for (const auto& [path, bytes] : out)
      EXPECT_EQ(bytes.find(name), std::string::npos) << name << " in " << path;
}

TEST(Determinism, TwoBuildsAreByteIdenticalWhateverTheThreadCount) {
  auto a = site_fs(example_site());
  auto b = site_fs(example_site());
  pipeline::BuildOptions o = site_options();
  ASSERT_FALSE(pipeline::build(*a, o).diags.has_errors());
  o.threads = 1;
  ASSERT_FALSE(pipeline::build(*b, o).diags.has_errors());
  EXPECT_EQ(output_files(*a, "out"), output_files(*b, "out"));
}

// A file system that lists folders in reverse order, as another disk might.
class ReversedListing : public fs::MemoryFileSystem {
 public:
  std::vector<std::string> list(const std::string& dir,
                                std::vector<std::string>* skipped) const override {
    auto v = MemoryFileSystem::list(dir, skipped);
    std::reverse(v.begin(), v.end());
    return v;
  }
};

TEST(Determinism, DirectoryOrderDoesNotMatter) {
  auto a = site_fs(example_site());
  ReversedListing b;
  for (const auto& [path, bytes] : a->files()) b.write(path, bytes);
  ASSERT_FALSE(pipeline::build(*a, site_options()).diags.has_errors());
  ASSERT_FALSE(pipeline::build(b, site_options()).diags.has_errors());
  EXPECT_EQ(output_files(*a, "out"), output_files(b, "out"));
}

TEST(Atomicity, AWriteFailingMidwayLeavesThePreviousOutputByteIdentical) {
  auto files = example_site();
  auto mem = site_fs(files);
  ASSERT_FALSE(pipeline::build(*mem, site_options()).diags.has_errors());
  auto before = output_files(*mem, "out");
  // Change a story so that the next build must write, then fail its 50th write.
  files["content/profiles/2023-2024/doan-van-loi.md"] += "\nMột đoạn mới.\n";
  mem->write("site/content/profiles/2023-2024/doan-van-loi.md",
             files["content/profiles/2023-2024/doan-van-loi.md"]);
  fs::FaultyFileSystem faulty(*mem, 50);
  pipeline::BuildResult r = pipeline::build(faulty, site_options());
  EXPECT_FALSE(r.status.ok);
  EXPECT_EQ(output_files(*mem, "out"), before);
  EXPECT_TRUE(output_files(*mem, "out.staging").empty());
}

TEST(Atomicity, ContentErrorsWriteNothing) {
  auto files = minimal_site();
  auto mem = site_fs(files);
  ASSERT_FALSE(pipeline::build(*mem, site_options()).diags.has_errors());
  auto before = output_files(*mem, "out");
  mem->write("site/content/profiles/2023-2024/x.md", "---\nname: X\n---\n");
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  EXPECT_TRUE(r.diags.has_errors());
  EXPECT_EQ(output_files(*mem, "out"), before);
}

}  // namespace
}  // namespace vd::testing

namespace vd::testing {
namespace {

TEST(Pagination, LongListsLinkFirstLastAndNeighboursOnly) {
  auto files = minimal_site();
  files["site.yml"] += "paginate: 5\n";
  for (int i = 0; i < 40; ++i)
    files["content/profiles/2023-2024/p" + std::to_string(i) + ".md"] =
        "---\nname: Người " + std::to_string(i) +
        "\nkind: individual\nunit: th-a\ncampaigns: [thi-dua-2024]\nawards: [{award: "
        "giay-khen}]\nsummary: s\nconsent: "
        "true\n---\nx\n";
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  std::string p1 = mem->read("out/nam-hoc/2023-2024/index.html").bytes;
  EXPECT_NE(p1.find("trang/3/index.html"), std::string::npos);
  EXPECT_EQ(p1.find("trang/4/index.html"), std::string::npos);
  EXPECT_NE(p1.find("trang/9/index.html"), std::string::npos);  // 42 honourees / 5 = 9 pages
  EXPECT_NE(p1.find("pagination__gap"), std::string::npos);
  EXPECT_TRUE(mem->is_file("out/nam-hoc/2023-2024/trang/9/index.html"));
  EXPECT_FALSE(mem->is_file("out/nam-hoc/2023-2024/trang/10/index.html"));
  // A campaign page shows at most 12 honourees per award and links the full, paginated list.
  std::string campaign = mem->read("out/phong-trao/thi-dua-2024/index.html").bytes;
  std::size_t cards = 0;
  for (std::size_t at = 0; (at = campaign.find("class=\"card\"", at)) != std::string::npos; ++at)
    ++cards;
  EXPECT_EQ(cards, 12u + 1u);  // 12 Giấy khen + 1 Chiến sĩ thi đua cơ sở
  EXPECT_NE(campaign.find("phong-trao/thi-dua-2024/dien-hinh/index.html"), std::string::npos);
  EXPECT_TRUE(mem->is_file("out/phong-trao/thi-dua-2024/dien-hinh/trang/9/index.html"));
}

}  // namespace
}  // namespace vd::testing

namespace vd::testing {
namespace {

std::map<std::string, std::string> built(fs::MemoryFileSystem& mem) {
  std::map<std::string, std::string> out;
  for (const auto& [path, bytes] : mem.files())
    if (path.rfind("out/", 0) == 0) out[path.substr(4)] = bytes;
  return out;
}

TEST(Privacy, WithdrawnConsentRemovesThePersonFromEveryOutputFile) {
  auto files = minimal_site();
  auto mem = site_fs(files);
  ASSERT_FALSE(pipeline::build(*mem, site_options()).diags.has_errors());
  const std::string path = "content/profiles/2023-2024/nguyen-thi-thuy.md";
  auto count = [](const std::map<std::string, std::string>& out, const std::string& needle) {
    std::set<std::string> kinds;
    for (const auto& [file, bytes] : out)
      if (bytes.find(needle) != std::string::npos) kinds.insert(file);
    return kinds;
  };
  auto first = built(*mem);
  // The person is everywhere before: pages, rolls, feeds, the JSON roll, the sitemap.
  auto before = count(first, "Nguyễn Thị Thúy");
  for (const char* f : {"index.html", "feed.xml", "api/units/th-a.json", "don-vi/th-a/index.html",
                        "don-vi/th-a/feed.xml", "dien-hinh/2023-2024/nguyen-thi-thuy/index.html"})
    EXPECT_TRUE(before.count(f)) << f;
  EXPECT_TRUE(count(first, "nguyen-thi-thuy").count("sitemap.xml"));

  std::string& text = files[path];
  text.replace(text.find("consent: true"), 13, "consent: false");
  mem->write("site/" + path, text);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  auto second = built(*mem);
  ASSERT_GT(second.size(), 10u);
  for (const char* needle :
       {"Nguyễn Thị Thúy", "nguyen-thi-thuy", "Cô Thúy dạy đọc", "Mười hai năm đứng lớp"})
    EXPECT_EQ(count(second, needle), std::set<std::string>{}) << needle;
  EXPECT_FALSE(second.count("dien-hinh/2023-2024/nguyen-thi-thuy/index.html"));
}

TEST(Privacy, APhoneNumberRetypedInTheStoryAbortsTheBuildNamingTheFile) {
  auto files = minimal_site();
  std::string& text = files["content/profiles/2023-2024/nguyen-thi-thuy.md"];
  text += "Liên hệ: +84 912.000.111.\n";  // the private phone is "0912 000 111"
  auto mem = site_fs(files);
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  std::string printed = diag::format_all(r.diags, r.sources);
  EXPECT_NE(printed.find("content/profiles/2023-2024/nguyen-thi-thuy.md:1:1: error: a phone "
                         "number from this profile's 'private:' block appears in the output "
                         "file dien-hinh/2023-2024/nguyen-thi-thuy/index.html"),
            std::string::npos)
      << printed;
  EXPECT_FALSE(mem->is_dir("out"));
}

// check renders a sample of pages, but scans the whole search index (every profile's name and
// summary) for private values; a site without any has nothing to look for, and check does not
// make the index at all (two files here: the index and one summary shard).
TEST(Privacy, CheckScansTheSearchIndexWhenAPrivateValueExists) {
  const std::string thuy = "content/profiles/2023-2024/nguyen-thi-thuy.md";
  auto check = [](const std::map<std::string, std::string>& files) {
    auto mem = site_fs(files);
    pipeline::BuildOptions o = site_options();
    o.write = false;
    return pipeline::build(*mem, o);
  };
  auto files = minimal_site();
  pipeline::BuildResult clean = check(files);
  ASSERT_FALSE(clean.diags.has_errors()) << diag::format_all(clean.diags, clean.sources);

  std::string& text = files[thuy];
  text.replace(text.find("summary: "), 9, "summary: Liên hệ 0912.000.111. ");
  pipeline::BuildResult leaking = check(files);
  std::string printed = diag::format_all(leaking.diags, leaking.sources);
  EXPECT_NE(printed.find(thuy + ":1:1: error: a phone number from this profile's 'private:' block "
                                "appears in the output file tim-kiem/tom-tat-0."),
            std::string::npos)
      << printed;

  auto without = minimal_site();
  std::string& plain = without[thuy];
  plain.erase(plain.find("private:"), plain.find("---\nCô Thúy") - plain.find("private:"));
  ASSERT_EQ(plain.find("0912"), std::string::npos);
  pipeline::BuildResult nothing_private = check(without);
  ASSERT_FALSE(nothing_private.diags.has_errors())
      << diag::format_all(nothing_private.diags, nothing_private.sources);
  EXPECT_EQ(nothing_private.files + 2, clean.files);
}

}  // namespace
}  // namespace vd::testing
