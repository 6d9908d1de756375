#include "fuzz/targets.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>

#include "diag/diag.h"
#include "fs/fs.h"
#include "import/import.h"
#include "load/load.h"
#include "model/model.h"
#include "pipeline/pipeline.h"
#include "render/render.h"

namespace vd::fuzz {

namespace {

std::string bytes_of(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// (A macro for the line: clang 14 has no std::source_location with libstdc++ 12.)
void broken(bool ok, int line) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken at tests/fuzz/targets.cc:%d\n", line);
  std::abort();  // libFuzzer keeps the input
}
#define FUZZ_CHECK(ok) broken((ok), __LINE__)

}  // namespace

int front_matter(const std::uint8_t* data, std::size_t size) {
  std::string text = bytes_of(data, size);
  const std::string path = "content/profiles/2023-2024/x.md";
  diag::Diagnostics diags;
  diag::SourceMap sources;
  if (load::clean_text(path, text, diags)) {
    load::SourceTree tree;
    tree.profiles.push_back(load::parse_document(path, text, diags));
    tree.units = load::parse_yaml("content/units.yml", text, 1, diags);
    sources[path] = text;
    sources["content/units.yml"] = text;
    model::Model m = model::build_model(tree, diags);
    for (const model::Profile& p : m.profiles) FUZZ_CHECK(p.path == path);
  }
  for (const diag::Diagnostic& d : diags.all()) FUZZ_CHECK(d.pos.line >= 0 && d.pos.column >= 0);
  std::string printed = diag::format_all(diags, sources);
  FUZZ_CHECK(diags.all().empty() || !printed.empty());
  return 0;
}

int markdown(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  bool allow_html = data[0] & 1;
  int shift = (data[0] >> 1) % 3;
  std::string_view md(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string html = render::markdown_to_html(md, allow_html, shift);
  std::vector<render::MarkdownProblem> problems = render::check_markdown(md, allow_html);
  for (const render::MarkdownProblem& p : problems) FUZZ_CHECK(p.line >= 1 && p.column >= 1);
  if (!allow_html) {
    std::string lower;
    for (char c : html) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    FUZZ_CHECK(lower.find("<script") == std::string::npos);
    FUZZ_CHECK(lower.find("href=\"javascript:") == std::string::npos);
    FUZZ_CHECK(lower.find("src=\"javascript:") == std::string::npos);
  }
  return 0;
}

namespace {

// The golden site and the default theme, read once.
const std::map<std::string, std::string>& fixture() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> out;
    auto real = fs::make_real();
    std::string site = fs::join(VD_SOURCE_DIR, "tests/golden/basic");
    for (const std::string& f : real->list(site))
      if (f.rfind("expected/", 0) != 0) out["site/" + f] = real->read(fs::join(site, f)).bytes;
    for (const char* dir : {"layouts", "assets", "i18n"}) {
      std::string root = fs::join(VD_SOURCE_DIR, dir);
      for (const std::string& f : real->list(root))
        out["theme/" + std::string(dir) + "/" + f] = real->read(fs::join(root, f)).bytes;
    }
    return out;
  }();
  return files;
}

std::vector<std::string> replaceable() {
  std::vector<std::string> out;
  for (const auto& [path, bytes] : fixture())
    if (path.rfind("site/", 0) == 0 || path.rfind("theme/layouts/", 0) == 0) out.push_back(path);
  return out;
}

}  // namespace

int site(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::vector<std::string> targets = replaceable();
  auto mem = fs::make_memory();
  for (const auto& [path, bytes] : fixture()) mem->write(path, bytes);
  mem->write(targets[data[0] % targets.size()], bytes_of(data + 1, size - 1));
  pipeline::BuildOptions o;
  o.source = "site";
  o.out = "out";
  o.theme = "theme";
  o.today = {2024, 9, 1};
  o.threads = 1;
  pipeline::BuildResult r = pipeline::build(*mem, o);
  for (const auto& [path, bytes] : mem->files())
    FUZZ_CHECK(path.rfind("site/", 0) == 0 || path.rfind("theme/", 0) == 0 ||
               path.rfind("out/", 0) == 0);
  FUZZ_CHECK(r.diags.has_errors() || !r.status || mem->is_file("out/index.html"));
  std::string printed = diag::format_all(r.diags, r.sources);
  return 0;
}

int import_list(const std::uint8_t* data, std::size_t size) {
  auto mem = fs::make_memory();
  for (const auto& [path, bytes] : fixture()) mem->write(path, bytes);
  mem->write("list.csv", bytes_of(data, size));
  import::Options o;
  o.csv = "list.csv";
  o.source = "site";
  o.campaign = "thi-dua-2024";
  o.school_year = "2023-2024";
  o.award = "lao-dong-tien-tien";
  import::Plan plan = import::plan_import(*mem, o);
  FUZZ_CHECK(plan.status.ok);
  for (const diag::Diagnostic& d : plan.diags.all())
    FUZZ_CHECK(d.pos.line >= 0 && d.pos.column >= 0);  // line 0: the whole file
  std::string printed = diag::format_all(plan.diags, plan.sources);
  std::size_t before = mem->files().size();
  bool applied = import::apply(*mem, plan, "site").ok;
  FUZZ_CHECK(applied != plan.diags.has_errors());
  if (!applied) {
    FUZZ_CHECK(mem->files().size() == before);  // all or nothing
    return 0;
  }
  for (const import::NewProfile& f : plan.create)
    FUZZ_CHECK(f.path.rfind("content/profiles/2023-2024/", 0) == 0 &&
               f.path.find("..") == std::string::npos && f.path.find('/', 27) == std::string::npos);
  diag::Diagnostics diags;
  load::LoadOptions lo;
  lo.root = "site";
  lo.theme = "theme";
  lo.threads = 1;
  load::SourceTree tree = load::load_site(*mem, lo, diags);
  model::build_model(tree, diags, true);
  if (diags.has_errors()) std::fputs(diag::format_all(diags, tree.sources).c_str(), stderr);
  FUZZ_CHECK(!diags.has_errors());
  return 0;
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {{"front_matter", front_matter},
                                          {"markdown", markdown},
                                          {"site", site},
                                          {"import", import_list}};
  return all;
}

}  // namespace vd::fuzz
