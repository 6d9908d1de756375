#include "load/load.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace vd::load {
namespace {

TEST(Yaml, PositionsAreFileLinesAndCodePointColumns) {
  diag::Diagnostics d;
  Node n = parse_yaml("a.md", "tên: Đặng\nđơn_vị: x\n", 2, d);
  ASSERT_TRUE(n.is_map());
  ASSERT_EQ(n.entries.size(), 2u);
  EXPECT_EQ(n.entries[1].first.pos.line, 3);
  EXPECT_EQ(n.entries[0].second.pos.column, 6);  // "Đặng" starts at code point 6
  EXPECT_EQ(n.entries[0].second.scalar, "Đặng");
}

TEST(Yaml, QuotedScalarsAreMarked) {
  diag::Diagnostics d;
  Node n = parse_yaml("a", "a: \"1\"\nb: 1\n", 1, d);
  EXPECT_TRUE(n.find("a")->quoted);
  EXPECT_FALSE(n.find("b")->quoted);
}

TEST(Yaml, DuplicateKeysAreErrors) {
  diag::Diagnostics d;
  parse_yaml("a", "x: 1\nx: 2\n", 1, d);
  ASSERT_EQ(d.errors(), 1u);
  EXPECT_EQ(d.all()[0].message, "duplicate key 'x'");
  EXPECT_EQ(d.all()[0].pos.line, 2);
}

TEST(Yaml, UnclosedQuoteIsCaught) {
  diag::Diagnostics d;
  parse_yaml("a", "x: \"abc\ny: 1\n", 1, d);
  ASSERT_EQ(d.errors(), 1u);
  EXPECT_EQ(d.all()[0].message, "this quoted text is never closed");
}

// A later quote closes the open one, so yaml-cpp fails lines below: the report points at the
// quote that was left open, not at where the parser gave up.
TEST(Yaml, UnclosedQuoteBeforeAnotherQuoteIsFoundWhereItOpens) {
  diag::Diagnostics d;
  parse_yaml("a", "title: \"abc\nb: 1\nlist:\n  - x\nc:\n  d: \"q\"\n", 1, d);
  ASSERT_EQ(d.errors(), 1u) << diag::format_all(d, {});
  EXPECT_EQ(d.all()[0].message, "this quoted text is never closed");
  EXPECT_EQ(d.all()[0].pos.line, 1);
  EXPECT_EQ(d.all()[0].pos.column, 8);
  // A quoted value that really goes on over two lines is valid YAML and no error.
  diag::Diagnostics ok;
  Node n = parse_yaml("a", "x: \"một hai\n  ba\"\ny: \"z\"\n", 1, ok);
  EXPECT_EQ(ok.errors(), 0u);
  EXPECT_EQ(n.find("x")->scalar, "một hai ba");
}

TEST(Yaml, SyntaxErrorsArePositioned) {
  diag::Diagnostics d;
  parse_yaml("a", "a: [1, 2\n", 5, d);
  ASSERT_EQ(d.errors(), 1u);
  EXPECT_GE(d.all()[0].pos.line, 5);
}

TEST(Yaml, AliasBombIsStopped) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  diag::Diagnostics d;
  Node n = parse_yaml("a", bomb, 1, d);
  EXPECT_TRUE(n.is_null());
  EXPECT_EQ(d.errors(), 1u);
}

TEST(Document, SplitsFrontMatterAndBody) {
  diag::Diagnostics d;
  Document doc = parse_document("p.md", "---\nname: A\n---\nBody\n", d);
  ASSERT_TRUE(doc.ok);
  EXPECT_EQ(doc.body, "Body\n");
  EXPECT_EQ(doc.body_line, 4);
  EXPECT_EQ(doc.front.find("name")->pos.line, 2);
}

// take_document gives the same document as parse_document, and leaves in the text only the
// front matter (what diagnostics quote) when the document is usable, the whole text otherwise.
TEST(Document, TakeDocumentMovesTheBodyOut) {
  for (const std::string file :
       {"---\nname: A\n---\nBody\nmore\n", "---\nname: A\n---", "---  \nname: A\n--- \n\n",
        "---\n---\nBody\n", "---\n- a\n---\nBody\n", "no fence\n", "---\nname: A\n"}) {
    diag::Diagnostics d1, d2;
    Document expected = parse_document("p.md", file, d1);
    std::string text = file;
    Document doc = take_document("p.md", text, d2);
    EXPECT_EQ(doc.ok, expected.ok) << file;
    EXPECT_EQ(doc.body, expected.body) << file;
    EXPECT_EQ(doc.body_line, expected.body_line) << file;
    EXPECT_EQ(d2.all().size(), d1.all().size()) << file;
    EXPECT_EQ(doc.front.is_map(), expected.front.is_map()) << file;
    if (doc.ok)
      EXPECT_EQ(text + doc.body, file);
    else
      EXPECT_EQ(text, file);
  }
}

TEST(CleanText, StripsBomNormalisesCrlfAndNfc) {
  diag::Diagnostics d;
  std::string t = "\xEF\xBB\xBFNguye\xCC\x82\xCC\x83n\r\nx";
  ASSERT_TRUE(clean_text("a", t, d));
  EXPECT_EQ(t, "Nguyễn\nx");
}

TEST(CleanText, InvalidUtf8NamesTheByte) {
  diag::Diagnostics d;
  std::string t = "ab\ncd\xFF";
  EXPECT_FALSE(clean_text("a", t, d));
  ASSERT_EQ(d.errors(), 1u);
  EXPECT_EQ(d.all()[0].message, "invalid UTF-8 at byte 5");
  EXPECT_EQ(d.all()[0].pos.line, 2);
  EXPECT_EQ(d.all()[0].pos.column, 3);
}

TEST(LoadSite, ThemeFilesAreOverriddenBySiteFiles) {
  auto m = fs::make_memory();
  m->write("theme/layouts/base.mustache", "theme");
  m->write("theme/layouts/home.mustache", "theme home");
  m->write("site/layouts/base.mustache", "site");
  m->write("site/site.yml", "title: x\n");
  m->write("site/content/units.yml", "[]\n");
  diag::Diagnostics d;
  SourceTree t = load_site(*m, {"site", "theme", 1}, d);
  ASSERT_EQ(t.layouts.size(), 2u);
  EXPECT_EQ(t.layouts[0].bytes, "site");
  EXPECT_EQ(t.layouts[1].bytes, "theme home");
}

// Records what it is given, as a pipeline turning profiles into records would.
class Recorder : public ProfileReader {
 public:
  void begin(std::size_t count) override {
    ++begins;
    names.assign(count, "");
    ok.assign(count, -1);
  }
  void take(std::size_t index, Document& doc) override {
    ASSERT_LT(index, names.size());
    ok[index] = doc.ok;
    if (const Node* n = doc.ok ? doc.front.find("name") : nullptr) names[index] = n->scalar;
    doc.front = Node();  // freed on the loading thread: the tree keeps a null front
  }
  int begins = 0;
  std::vector<std::string> names;
  std::vector<int> ok;
};

TEST(LoadSite, EachProfileGoesToTheReaderAsItIsParsed) {
  auto m = fs::make_memory();
  m->write("site/site.yml", "title: x\n");
  m->write("site/content/units.yml", "[]\n");
  for (int i = 0; i < 200; ++i)  // enough files for both loading threads
    m->write(fmt::format("site/content/profiles/2023-2024/p{:03}.md", i),
             fmt::format("---\nname: Người {}\n---\nChuyện.\n", i));
  m->write("site/content/profiles/2023-2024/p050.md", "no front matter\n");
  Recorder r;
  LoadOptions opts{"site", "site", 2};
  opts.profile_reader = &r;
  diag::Diagnostics d;
  SourceTree t = load_site(*m, opts, d);
  EXPECT_EQ(r.begins, 1);
  ASSERT_EQ(t.profiles.size(), 200u);
  ASSERT_EQ(r.names.size(), 200u);
  for (int i = 0; i < 200; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(r.ok[i], i != 50);
    EXPECT_EQ(r.names[i], i == 50 ? "" : fmt::format("Người {}", i));
    EXPECT_EQ(t.profiles[i].ok, i != 50);
    EXPECT_TRUE(t.profiles[i].front.is_null());  // what the reader left
    EXPECT_EQ(t.profiles[i].body, i == 50 ? "" : "Chuyện.\n");
  }
  EXPECT_EQ(d.errors(), 1u);
}

}  // namespace
}  // namespace vd::load
