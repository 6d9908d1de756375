#include "render/templates.h"

#include <gtest/gtest.h>

namespace vd::render {
namespace {

std::string render(const std::string& tpl, const View& view,
                   std::map<std::string, std::string> partials = {}) {
  std::vector<load::ThemeFile> files{{"t.mustache", tpl, "layouts/t.mustache"}};
  for (auto& [n, b] : partials) files.push_back({"partials/" + n + ".mustache", b, ""});
  std::string errors;
  std::string out = Templates(files).render("t", view, errors);
  EXPECT_EQ(errors, "");
  return out;
}

TEST(Mustache, VariablesAreEscapedUnlessTriple) {
  View v = {{"x", "<b>\"Đức\" & 'An'</b>"}};
  EXPECT_EQ(render("{{x}}|{{{x}}}|{{& x}}", v),
            "&lt;b&gt;&quot;Đức&quot; &amp; &#39;An&#39;&lt;/b&gt;|<b>\"Đức\" & "
            "'An'</b>|<b>\"Đức\" & 'An'</b>");
}

TEST(Mustache, DottedNamesSectionsAndParentLookup) {
  View v = {{"site", {{"title", "T"}}}, {"items", {{{"n", "a"}}, {{"n", "b"}}}}, {"sep", ","}};
  EXPECT_EQ(render("{{site.title}}:{{#items}}{{n}}{{sep}}{{/items}}", v), "T:a,b,");
  EXPECT_EQ(render("{{#site}}{{title}}{{/site}}", v), "T");
  EXPECT_EQ(render("{{#list}}{{.}} {{/list}}", {{"list", {"x", "y"}}}), "x y ");
}

TEST(Mustache, EmptyStringsFalseAndEmptyListsAreFalsy) {
  View v = {{"e", ""}, {"f", false}, {"l", View::array()}, {"n", 0}, {"s", "x"}};
  EXPECT_EQ(render("{{#e}}1{{/e}}{{#f}}2{{/f}}{{#l}}3{{/l}}{{#missing}}4{{/missing}}{{#n}}5{{/"
                   "n}}{{#s}}6{{/s}}",
                   v),
            "56");
  EXPECT_EQ(render("{{^e}}a{{/e}}{{^l}}b{{/l}}{{^s}}c{{/s}}", v), "ab");
  EXPECT_EQ(render("[{{missing}}][{{f}}][{{n}}]", v), "[][][0]");
}

TEST(Mustache, StandaloneTagLinesAreRemoved) {
  View v = {{"a", true}};
  EXPECT_EQ(render("<ul>\n  {{#a}}\n  <li>x</li>\n  {{/a}}\n  {{! note }}\n</ul>\n", v),
            "<ul>\n  <li>x</li>\n</ul>\n");
  EXPECT_EQ(render("x {{#a}}y{{/a}} z\n", v), "x y z\n");
}

TEST(Mustache, PartialsSeeTheCurrentContext) {
  View v = {{"cards", {{{"name", "An"}}, {{"name", "Bình"}}}}};
  EXPECT_EQ(render("{{#cards}}{{> card}}{{/cards}}", v, {{"card", "<p>{{name}}</p>"}}),
            "<p>An</p><p>Bình</p>");
}

TEST(Mustache, SyntaxErrorsArePositioned) {
  diag::Diagnostics d;
  check_layouts({{"a.mustache", "<h1>\n  {{#x}}\n  {{/y}}\n", ""},
                 {"b.mustache", "ok {{y", ""},
                 {"c.mustache", "{{/z}}", ""},
                 {"d.mustache", "{{=<% %>=}}", ""}},
                d);
  ASSERT_EQ(d.errors(), 4u);
  auto all = d.sorted();
  EXPECT_EQ(all[0].pos.file, "layouts/a.mustache");
  EXPECT_EQ(all[0].pos.line, 3);
  EXPECT_EQ(all[0].pos.column, 3);
  EXPECT_EQ(all[0].message, "template syntax: {{/y}} found where {{/x}} was expected");
  EXPECT_EQ(all[1].message, "template syntax: this tag is never closed with }}");
  EXPECT_EQ(all[1].pos.column, 4);
  EXPECT_EQ(all[2].message, "template syntax: {{/z}} closes a section that was never opened");
  EXPECT_EQ(all[3].message, "template syntax: changing delimiters ({{= =}}) is not supported");
}

TEST(Mustache, UnknownPartialIsAnError) {
  std::string errors;
  Templates t({{"t.mustache", "{{> nope}}", ""}});
  t.render("t", View::object(), errors);
  EXPECT_EQ(errors, "partial 'nope' not found in layouts/partials/\n");
}

}  // namespace
}  // namespace vd::render
