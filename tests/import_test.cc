// Nomination lists, end to end: tests/import/<case>.csv (bytes as spreadsheets export them, made
// by tests/import/make_fixtures.py) are imported into the minimal site; <case>.expected holds the
// exact report (diagnostics, then the files that would be created with their text).
// A first line "# args: award=<id>" replaces the default --award (empty: none).
// VD_UPDATE_GOLDEN=1 rewrites the expected files (refused when CI is set).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "import/import.h"
#include "load/load.h"
#include "test_util.h"

namespace vd::testing {
namespace {

import::Options options(const std::string& csv){import::Options o;
o.csv = csv;
o.source = "site";
o.campaign = "thi-dua-2024";
o.school_year = "2023-2024";
o.award = "lao-dong-tien-tien";
return o;
}  // namespace

std::string args_line(const std::string& expected) {
  return expected.rfind("# args:", 0) == 0 ? expected.substr(0, expected.find('\n') + 1) : "";
}

std::string report(const import::Plan& p) {
  std::string out =
      "encoding " + p.encoding + ", separator " +
      (p.separator == '\t' ? std::string("tab") : "'" + std::string(1, p.separator) + "'") +
      ", rows " + std::to_string(p.rows) + "\n";
  out += diag::format_all(p.diags, p.sources);
  if (p.diags.has_errors()) return out;  // the command lists nothing then
  out += import::describe(p, true);
  for (const import::NewProfile& f : p.create) out += "=== " + f.path + "\n" + f.bytes;
  return out;
}

class ImportCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(ImportCorpus, ReportsExactlyAndWritesFilesTheBuildAccepts) {
  std::string name = GetParam();
  std::string rel = "tests/import/" + name.substr(0, name.size() - 4) + ".expected";
  std::string expected = read_repo_file(rel);
  auto mem = site_fs(minimal_site());
  mem->write("lists/" + name, read_repo_file("tests/import/" + name));
  import::Options o = options("lists/" + name);
  std::string args = args_line(expected);
  if (auto at = args.find("award="); at != std::string::npos)
    o.award = args.substr(at + 6, args.find('\n') - at - 6);
  import::Plan plan = import::plan_import(*mem, o);
  ASSERT_TRUE(plan.status.ok) << plan.status.message;
  std::string actual = args + report(plan);
  if (std::getenv("VD_UPDATE_GOLDEN") && !std::getenv("CI")) {
    fs::make_real()->write(fs::join(VD_SOURCE_DIR, rel), actual);
    return;
  }
  EXPECT_EQ(expected, actual) << "in " << rel;
  if (plan.diags.has_errors()) {
    EXPECT_FALSE(import::apply(*mem, plan, "site").ok);
    return;
  }
  ASSERT_TRUE(import::apply(*mem, plan, "site").ok);
  // Every created file is a valid profile (drafts count, so their problems are errors).
  pipeline::BuildOptions b = site_options();
  b.drafts = true;
  b.write = false;
  pipeline::BuildResult r = pipeline::build(*mem, b);
  EXPECT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const std::string& f : fs::make_real()->list(fs::join(VD_SOURCE_DIR, "tests/import")))
    if (f.size() > 4 && f.compare(f.size() - 4, 4, ".csv") == 0) out.push_back(f);
  return out;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param.substr(0, info.param.size() - 4);
}

INSTANTIATE_TEST_SUITE_P(Lists, ImportCorpus, ::testing::ValuesIn(cases()), case_name);

// Private values of the created files: what follows `phone: "` and `email: "`.
std::vector<std::string> private_values(const import::Plan& plan) {
  std::vector<std::string> out;
  for (const import::NewProfile& f : plan.create)
    for (const char* key : {"  phone: \"", "  email: \""}) {
      std::size_t at = f.bytes.find(key);
      if (at == std::string::npos) continue;
      at += std::string(key).size();
      std::string v = f.bytes.substr(at, f.bytes.find('"', at) - at);
      if (!v.empty()) out.push_back(v);
    }
  return out;
}

TEST(Import, PrivateDataNeverReachesTheBuiltSiteEvenWithConsent) {
  auto mem = site_fs(minimal_site());
  std::vector<std::string> secrets;
  for (const char* name : {"utf8_comma.csv", "utf16le_tab.csv", "cp1258_semicolon.csv"}) {
    mem->write(std::string("lists/") + name, read_repo_file(std::string("tests/import/") + name));
    import::Plan plan = import::plan_import(*mem, options(std::string("lists/") + name));
    ASSERT_FALSE(plan.diags.has_errors()) << diag::format_all(plan.diags, plan.sources);
    ASSERT_TRUE(import::apply(*mem, plan, "site").ok);
    for (const std::string& v : private_values(plan)) secrets.push_back(v);
    for (const import::NewProfile& f : plan.create) {  // a person confirmed consent
      std::string bytes = mem->read("site/" + f.path).bytes;
      bytes.replace(bytes.find("consent: false"), 14, "consent: true");
      bytes.erase(bytes.find("draft: true\n"), 12);
      mem->write("site/" + f.path, bytes);
    }
  }
  ASSERT_EQ(secrets.size(), 7u);  // 4 phones, 3 e-mails
  pipeline::BuildResult r = pipeline::build(*mem, site_options());
  ASSERT_FALSE(r.diags.has_errors()) << diag::format_all(r.diags, r.sources);
  ASSERT_TRUE(r.status.ok) << r.status.message;
  // The imported people are published …
  EXPECT_TRUE(mem->is_file("out/dien-hinh/2023-2024/nguyen-van-an/index.html"));
  EXPECT_TRUE(mem->is_file("out/dien-hinh/2023-2024/dang-van-uu/index.html"));
  // … and none of their phone numbers or e-mail addresses is in any output byte.
  int files = 0;
  for (const auto& [path, bytes] : mem->files()) {
    if (path.rfind("out/", 0) != 0) continue;
    ++files;
    for (const std::string& s : secrets)
      EXPECT_EQ(bytes.find(s), std::string::npos) << s << " in " << path;
  }
  EXPECT_GT(files, 20);
}

TEST(Import, NothingIsWrittenWhenAWriteFails) {
  auto mem = site_fs(minimal_site());
  mem->write("l.csv", read_repo_file("tests/import/utf8_comma.csv"));
  import::Plan plan = import::plan_import(*mem, options("l.csv"));
  ASSERT_EQ(plan.create.size(), 2u);
  fs::FaultyFileSystem faulty(*mem, 2);
  EXPECT_FALSE(import::apply(faulty, plan, "site").ok);
  EXPECT_FALSE(mem->is_file("site/" + plan.create[0].path));
  EXPECT_FALSE(mem->is_file("site/" + plan.create[1].path));
}

TEST(Import, OptionsAreChecked) {
  auto mem = site_fs(minimal_site());
  mem->write("l.csv", read_repo_file("tests/import/utf8_comma.csv"));
  import::Options o = options("l.csv");
  o.campaign = "thi-dua-2042";
  o.school_year = "2023-2025";
  o.award = "lao-dong-tien-tien-x";
  import::Plan plan = import::plan_import(*mem, o);
  EXPECT_EQ(diag::format_all(plan.diags, plan.sources),
            "l.csv: error: '2023-2025' is not a school year\n"
            "hint: write --school-year like 2023-2024 (the second year follows the first)\n"
            "l.csv: error: unknown campaign 'thi-dua-2042'\n"
            "hint: did you mean 'thi-dua-2024'? (campaigns are the files in content/campaigns/)\n"
            "l.csv: error: unknown award 'lao-dong-tien-tien-x' (--award)\n"
            "hint: did you mean 'Lao động tiên tiến'? (awards are listed in content/awards.yml "
            "and on the award catalogue page)\n");
  o = options("missing.csv");
  EXPECT_FALSE(import::plan_import(*mem, o).status.ok);
  o = options("l.csv");
  o.encoding = "klingon";
  EXPECT_FALSE(import::plan_import(*mem, o).status.ok);
}

// Garbage in: no crash, and every file written is a front matter the loader reads back unchanged
// (names and summaries full of YAML's special characters are quoted where needed).
TEST(Import, ArbitraryCellsNeverCrashAndAlwaysGiveValidYaml) {
  const std::vector<std::string> pieces = {"\"",   ",",
                                           ";",    "\t",
                                           "\n",   "\r",
                                           ":",    ": ",
                                           " #",   "#",
                                           "-",    " ",
                                           "'",    "{",
                                           "[",    "]",
                                           "&",    "*",
                                           "!",    "|",
                                           ">",    "%",
                                           "@",    "ễ",
                                           "Đ",    "a",
                                           "1",    "th-a",
                                           "\\",   "\x01",
                                           "\x7f", "yes",
                                           "null", "Trường Tiểu học A",
                                           "~",    "? ",
                                           "`",    "\xEF\xBB\xBF"};
  const std::vector<std::string> bad_bytes = {"\xC3", "\x81", std::string(1, '\0'), "\xFF\xFE"};
  unsigned seed = 12345;
  auto next = [&seed](unsigned n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  auto garbage = [&](unsigned max) {
    std::string s;
    for (unsigned i = 0, n = next(max); i < n; ++i) s += pieces[next(pieces.size())];
    return s;
  };
  auto quoted = [](std::string s) {  // a CSV field holding s
    for (std::size_t at = 0; (at = s.find('"', at)) != std::string::npos; at += 2)
      s.insert(at, "\"");
    return "\"" + s + "\"";
  };
  auto mem = site_fs(minimal_site());
  int written = 0;
  for (int round = 0; round < 100; ++round) {
    std::string csv = round % 3 ? "Họ và tên,Đơn vị công tác,Tóm tắt thành tích,Chức vụ\n" : "";
    if (round % 4 == 0) csv += garbage(40);  // raw: the reader must survive anything
    if (round % 10 == 0) csv += bad_bytes[next(bad_bytes.size())];
    for (int row = 0; row < 3; ++row)
      csv += quoted("An" + garbage(8)) + ",th-a," + quoted("x" + garbage(12)) + "," +
             quoted(garbage(6)) + "\n";
    mem->write("l.csv", csv);
    import::Plan plan = import::plan_import(*mem, options("l.csv"));
    ASSERT_TRUE(plan.status.ok);
    for (const import::NewProfile& f : plan.create) {
      diag::Diagnostics d;
      std::string text = f.bytes;
      ASSERT_TRUE(load::clean_text(f.path, text, d)) << f.bytes;
      load::Document doc = load::parse_document(f.path, text, d);
      ASSERT_TRUE(doc.ok && !d.has_errors()) << f.bytes << diag::format_all(d, {});
      EXPECT_EQ(doc.front.find("name")->scalar, f.name) << f.bytes;
      ++written;
    }
  }
  EXPECT_GT(written, 120);
}

// The command itself: exit codes, --dry-run writes nothing, a second import overwrites nothing.
int run(const std::string& args, std::string* output) {
  FILE* p = popen((std::string(VD_BINARY) + " " + args + " 2>&1").c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) output->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Import, Command) {
  std::string dir = temp_dir("import_cli");
  auto real = fs::make_real();
  for (const auto& [path, bytes] : minimal_site()) real->write(fs::join(dir, path), bytes);
  real->write(dir + "/list.csv", read_repo_file("tests/import/utf8_comma.csv"));
  real->write(dir + "/bad.csv", read_repo_file("tests/import/row_errors.csv"));
  std::string common =
      " --campaign thi-dua-2024 --school-year 2023-2024 --award "
      "lao-dong-tien-tien --source " +
      dir;
  std::string out;
  EXPECT_EQ(run("import " + dir + "/list.csv --dry-run" + common, &out), 0) << out;
  EXPECT_NE(out.find("would create content/profiles/2023-2024/nguyen-van-an.md"), std::string::npos)
      << out;
  EXPECT_FALSE(real->is_file(dir + "/content/profiles/2023-2024/nguyen-van-an.md"));
  out.clear();
  EXPECT_EQ(run("import " + dir + "/bad.csv" + common, &out), 1) << out;
  EXPECT_NE(out.find("nothing was written"), std::string::npos) << out;
  EXPECT_FALSE(real->is_dir(dir + "/content/profiles/2023-2024/ly-van-son.md"));
  out.clear();
  EXPECT_EQ(run("import " + dir + "/list.csv" + common, &out), 0) << out;
  EXPECT_TRUE(real->is_file(dir + "/content/profiles/2023-2024/nguyen-van-an.md"));
  std::string first = real->read(dir + "/content/profiles/2023-2024/le-thi-bich.md").bytes;
  out.clear();
  EXPECT_EQ(run("import " + dir + "/list.csv" + common, &out), 0) << out;
  EXPECT_NE(out.find("left alone content/profiles/2023-2024/le-thi-bich.md"), std::string::npos)
      << out;
  EXPECT_EQ(real->read(dir + "/content/profiles/2023-2024/le-thi-bich.md").bytes, first);
  out.clear();
  EXPECT_EQ(run("import " + dir + "/none.csv" + common, &out), 2) << out;
  out.clear();
  EXPECT_EQ(run("check --source " + dir + " --theme " + VD_SOURCE_DIR, &out), 0) << out;
}

}  // namespace vd::testing
}  // namespace vd::testing
