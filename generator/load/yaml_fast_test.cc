// The fast YAML reader gives exactly the yaml-cpp path's value tree (kinds, text, quotes and
// every position) on every YAML text of the repository, and declines what it cannot read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "load/yaml_fast.h"
#include "test_util.h"

namespace vd::load {
namespace {

std::string dump(const Node& n, int depth = 0) {
  static const char* kinds[] = {"null", "scalar", "list", "map"};
  std::string out = std::string(static_cast<std::size_t>(depth) * 2, ' ') +
                    kinds[static_cast<int>(n.kind)] + " " + std::to_string(n.pos.line) + ":" +
                    std::to_string(n.pos.column) + (n.quoted ? " quoted " : " ") + n.scalar + "\n";
  for (const Node& i : n.items) out += dump(i, depth + 1);
  for (const auto& [k, v] : n.entries) out += dump(k, depth + 1) + dump(v, depth + 2);
  return out;
}

// Compares both readers on one text; returns whether the fast one accepted it.
bool same_as_yaml_cpp(const std::string& name, std::string_view text, int first_line) {
  auto path = std::make_shared<const std::string>(name);
  std::optional<Node> fast = parse_yaml_fast(path, text, first_line);
  if (!fast) return false;
  diag::Diagnostics d;
  Node slow = parse_yaml_cpp(name, text, first_line, d);
  EXPECT_EQ(d.errors(), 0u) << name;
  EXPECT_EQ(dump(*fast), dump(slow)) << name << "\n" << text;
  return true;
}

// The front matter of a Markdown file (between the --- fences), or the whole of a .yml file.
std::optional<std::string> yaml_of(const std::filesystem::path& p, std::string text) {
  if (p.extension() == ".yml") return text;
  if (text.rfind("---\n", 0) != 0) return std::nullopt;
  std::size_t end = text.find("\n---\n", 3);
  if (end == std::string::npos) return std::nullopt;
  return text.substr(4, end - 3);
}

TEST(FastYaml, ReadsEveryYamlTextOfTheRepositoryLikeYamlCpp) {
  int accepted = 0, total = 0;
  for (const char* dir : {"content", "i18n", "tests/golden", "generator/model"}) {
    for (const auto& e :
         std::filesystem::recursive_directory_iterator(std::string(VD_SOURCE_DIR) + "/" + dir)) {
      if (!e.is_regular_file()) continue;
      auto ext = e.path().extension();
      if (ext != ".md" && ext != ".yml") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      auto yaml = yaml_of(e.path(), ss.str());
      if (!yaml) continue;
      ++total;
      bool ok = same_as_yaml_cpp(e.path().string(), *yaml, ext == ".md" ? 2 : 1);
      // Profiles are the bulk of a site: every one of them takes the fast path.
      // So are the units (a list at the top, hundreds of entries on a large site).
      if (e.path().string().find("/profiles/") != std::string::npos ||
          e.path().string().ends_with("content/units.yml")) {
        EXPECT_TRUE(ok) << e.path();
      }
      accepted += ok;
    }
  }
  EXPECT_GT(total, 50);
  EXPECT_GT(accepted * 10, total * 8) << accepted << " of " << total;
}

TEST(FastYaml, AgreesOnEmptyValuesCommentsAndFlowCollections) {
  const char* cases[] = {
      "a:\n  b: 1\n  c:\nd: 2\ne:\n",
      "a:\n# comment\n\n  # c2\nb: x # tail\nc: \"q\" # t\nd: -5\ne: [ ]\nf: {}\ng:\n  - x:\n    "
      "y: 1\n",
      "l:\n- a\n- b\nm: 1\n",
      "a: null\nb: Null\nc: NULL\nd: nULL\ne: ~\nf: \"~\"\ng: [a,b]\nh: {a: 1,b: 2}\ni: 12:30\nj: "
      "a#b\n",
      "awards:\n  - award: x\n    decision: {number: 1/QĐ, date: 2023-08-15, issuer: UBND huyện}\n"
      "  - award: 'it''s'\nname: \"Nguyễn \\\"Thúy\\\"\"\n",
      "",
      "# only a comment\n",
      "k:\n  - a\n  -  b\n  - c:\n      d: 1\n  - e\n",
      "# units\n\n- id: a\n  staff:\n    2023-2024: 5\n\n- id: b\n  name: B\n",
      "- x\n- y: 1\n  z: [2]\n",
      "a: 12:30 và 13:45\nb: x#1 y#2 # c\nc: [một, hai ba] # t\nd: {k: v, l: w x}\ne: a:b#c\n",
  };
  for (const char* c : cases) EXPECT_TRUE(same_as_yaml_cpp("t.md", c, 2)) << c;
}

TEST(FastYaml, DeclinesWhatItDoesNotReadExactly) {
  const char* cases[] = {
      "a: |\n  x\n",   "a: &x 1\nb: *x\n", "a: !tag 1\n",      "a: b\n  c\n",
      "a: 1\na: 2\n",  "a: \"open\n",      "a: [1,\n  2]\n",   "a: {b: [1]}\n",
      "\tb: 1\n",      "a: b: c\n",        "a: \"\\u00e9\"\n", "- - x\n",
      "a: 1",          "? a\n: b\n",       "\"a\": 1\n",       "a:\n - b\n  - c\n",
      "a: x: y\n",     "a: x:\n",          "a: [b #c]\n",      "a: [x:y]\n",
      "a: b\r\n",      "- a\n  - b\n",     " - a\n",           "a: b\nc:\n\t- d\n",
      "a: {k: v#w}\n", "a: [x, y\n",
  };
  for (const char* c : cases)
    EXPECT_FALSE(parse_yaml_fast(std::make_shared<const std::string>("t"), c, 1)) << c;
}

}  // namespace
}  // namespace vd::load
