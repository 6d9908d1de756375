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

// A SharedView reference reads as its value everywhere: names, dotted names, sections, lists.
TEST(Mustache, SharedValuesReadLikeTheirValue) {
  SharedView card(View{{"name", "An"}, {"unit", {{"name", "TH A"}}}, {"tags", {"x", "y"}}});
  View v = {{"one", card.ref()}, {"list", {card.ref(), card.ref()}}};
  EXPECT_EQ(render("{{one.name}}|{{one.unit.name}}|{{#one}}{{name}}{{#tags}}{{.}}{{/tags}}{{/one}}"
                   "|{{#list}}{{name}};{{/list}}|{{^one}}no{{/one}}|{{one}}",
                   v),
            "An|TH A|Anxy|An;An;||");
}

std::vector<load::ThemeFile> card_layouts(const std::string& card) {
  return {{"list.mustache", "{{#cards}}{{> card}}{{/cards}}", ""},
          {"partials/card.mustache", card, ""}};
}

// The partial's output on a shared value is kept once and reused while what it read outside the
// value is unchanged; anything else there renders it again.
TEST(Mustache, PartialOnASharedValueIsRenderedOnceAndStaysRight) {
  SharedView a(View{{"name", "An"}}), b(View{{"name", "Bình"}});
  Templates t(card_layouts("<p>{{name}} {{i18n.unit}}{{#note}}!{{/note}}</p>"));
  Globals globals(View{{"i18n", {{"unit", "đơn vị"}}}});
  std::string errors;
  View page = {{"cards", {a.ref(), b.ref(), a.ref()}}};
  EXPECT_EQ(t.render("list", page, errors, &globals),
            "<p>An đơn vị</p><p>Bình đơn vị</p><p>An đơn vị</p>");
  EXPECT_EQ(a.kept(), 1u);  // kept at its second use
  EXPECT_EQ(b.kept(), 0u);  // shown once
  // Another page shadows a name the partial read outside the card, or adds one it looked for.
  View other = {{"cards", {a.ref()}}, {"i18n", {{"unit", "unit"}}}};
  EXPECT_EQ(t.render("list", other, errors, &globals), "<p>An unit</p>");
  View noted = {{"cards", {a.ref()}}, {"note", true}};
  EXPECT_EQ(t.render("list", noted, errors, &globals), "<p>An đơn vị!</p>");
  EXPECT_EQ(t.render("list", page, errors, &globals),
            "<p>An đơn vị</p><p>Bình đơn vị</p><p>An đơn vị</p>");
  EXPECT_EQ(a.kept(), 1u);
  EXPECT_EQ(errors, "");
  // Other templates (another theme) keep their own output.
  Templates t2(card_layouts("[{{name}}]"));
  EXPECT_EQ(t2.render("list", page, errors, &globals), "[An][Bình][An]");
  EXPECT_EQ(a.kept(), 2u);
  EXPECT_EQ(b.kept(), 2u);  // its second page kept it for t, then t2 kept its own
}

// A partial that reads a list or an object outside the card depends on the page: never kept.
TEST(Mustache, PartialReadingPageObjectsIsRenderedEachTime) {
  SharedView a(View{{"name", "An"}});
  Templates t(card_layouts("{{name}}{{#page}}@{{title}}{{/page}}"));
  std::string errors;
  for (const char* title : {"Một", "Hai"}) {
    View page = {{"cards", {a.ref()}}, {"page", {{"title", title}}}};
    EXPECT_EQ(t.render("list", page, errors), std::string("An@") + title);
  }
  EXPECT_EQ(errors, "");
}

// Numbers that compare equal as JSON but print differently are not the same input.
TEST(Mustache, KeptPartialOutputTellsIntegersFromDecimals) {
  SharedView a(View{{"name", "An"}});
  Templates t(card_layouts("{{name}} {{n}}"));
  std::string errors;
  EXPECT_EQ(t.render("list", {{"cards", {a.ref()}}, {"n", 1}}, errors), "An 1");
  EXPECT_EQ(t.render("list", {{"cards", {a.ref()}}, {"n", 1.0}}, errors), "An 1,00");
  EXPECT_EQ(t.render("list", {{"cards", {a.ref()}}, {"n", 1.5}}, errors), "An 1,50");
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

// Globals are found through their index exactly as a walk would find them: under the page's own
// names, a level down, with a name of the page shadowing them.
TEST(Mustache, GlobalsAreLookedUpUnderThePage) {
  Globals g(View{{"site", {{"title", "T"}, {"x", {{"y", "deep"}}}}},
                 {"i18n", {{"a", "A"}, {"b.c", "dotted"}}},
                 {"b", {{"c", "real"}}}});
  EXPECT_EQ(g.find("i18n.a")->get<std::string>(), "A");
  EXPECT_EQ(g.find("i18n.b.c"), nullptr);
  std::string errors;
  Templates t({{"t.mustache",
                "{{site.title}}|{{i18n.a}}|{{site.x.y}}|{{b.c}}|{{i18n.missing}}|"
                "{{#site}}{{title}}{{/site}}|{{#items}}{{i18n.a}}{{/items}}",
                ""}});
  View page = {{"items", {{{"i18n", {{"a", "shadowed"}}}}, View::object()}}};
  EXPECT_EQ(t.render("t", page, errors, &g), "T|A|deep|real||T|shadowedA");
  View over = {{"i18n", {{"b", "B"}}}};
  EXPECT_EQ(t.render("t", over, errors, &g), "T||deep|real||T|");
  EXPECT_EQ(errors, "");
}

TEST(Mustache, UnknownPartialIsAnError) {
  std::string errors;
  Templates t({{"t.mustache", "{{> nope}}", ""}});
  t.render("t", View::object(), errors);
  EXPECT_EQ(errors, "partial 'nope' not found in layouts/partials/\n");
}

}  // namespace
}  // namespace vd::render
