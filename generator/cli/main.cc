// Command-line parsing (CLI11 is included here only: it costs ~9 s per translation unit).
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/commands.h"

// Read by LeakSanitizer in the sanitizer build only: libgit2's PCRE2 match data on push and
// fontconfig's font caches (social cards, through Pango) live as long as the process.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpcre2-8.so\nleak:libfontconfig.so\n";
}

int main(int argc, char** argv) {
  vd::cli::use_huge_pages();
  using vd::pipeline::BuildOptions;
  CLI::App app{
      "vinhdanh: a static site generator for honour rolls of exemplary teachers and collectives"};
  app.require_subcommand(1);
  vd::cli::Common common;
  app.add_flag("-q,--quiet", common.quiet, "print only problems and errors");

  BuildOptions opts;
  opts.theme = vd::cli::default_theme();
  auto add_source = [&](CLI::App* cmd) {
    cmd->add_option("-s,--source", opts.source, "the site folder (holding site.yml)")
        ->capture_default_str();
    cmd->add_option("--theme", opts.theme, "the default theme folder (layouts/, assets/, i18n/)")
        ->capture_default_str();
    cmd->add_flag("-D,--drafts", opts.drafts, "include drafts");
    cmd->add_flag("-F,--future", opts.future,
                  "include content whose publish_date is in the future");
    cmd->add_flag("-E,--expired", opts.expired, "include content whose expiry_date has passed");
    cmd->add_option("-j,--threads", opts.threads, "threads to use (0 = all cores)");
    cmd->add_flag("-q,--quiet", common.quiet, "print only problems and errors");
    cmd->add_flag("--timings", common.timings, "print the time each stage took");
  };
  CLI::App* build = app.add_subcommand("build", "build the site into the output folder");
  add_source(build);
  build->add_option("-o,--out", opts.out, "the output folder")->capture_default_str();
  build->add_option("-b,--base-url", opts.base_url, "the absolute URL the site is published at");
  build->add_flag("--pdf", opts.pdf,
                  "also print every bulletin to PDF with headless Chromium (package 'chromium')");
  build->add_flag("--pretty-links", opts.pretty_links,
                  "link to folders (/x/) instead of /x/index.html");
  std::string at;
  build->add_option("--at", at,
                    "build the site as it was at a git tag or commit (an edition is reproduced "
                    "byte for byte)");

  vd::publish::Options po;
  std::string push_remote;
  CLI::App* publish = app.add_subcommand(
      "publish", "build the site and commit it as a new edition on the publication branch");
  add_source(publish);
  publish
      ->add_option("-o,--out", opts.out,
                   "the last build's output folder: its photos and social cards are reused; "
                   "publish does not write it")
      ->capture_default_str();
  publish->add_option("-b,--base-url", opts.base_url, "the absolute URL the site is published at");
  publish->add_flag("--allow-dirty", po.allow_dirty, "publish even with uncommitted changes");
  publish->add_flag("--tag", po.tag, "tag the edition edition/YYYY-MM-DD[-n]");
  CLI::Option* push = publish->add_option(
      "--push", push_remote,
      "push the publication branch (and tag) to REMOTE (a remote name, path or URL; default "
      "origin); never forced");
  push->expected(0, 1);

  CLI::App* check =
      app.add_subcommand("check", "validate the whole site and list every problem; write nothing");
  add_source(check);

  CLI::App* serve = app.add_subcommand(
      "serve", "preview the site: serve it from memory, rebuild and reload pages on every save");
  add_source(serve);
  vd::cli::ServeFlags serve_flags;
  serve->add_option("-p,--port", serve_flags.port, "the port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve->add_option("--bind", serve_flags.bind, "the address to listen on (loopback by default)")
      ->capture_default_str();
  serve->add_option("-b,--base-url", opts.base_url, "the absolute URL used in feeds and links");
  serve->add_flag("--disable-fast-render", serve_flags.disable_fast_render,
                  "render every changed page at each rebuild (by default the pages not viewed "
                  "lately are rendered when asked for, or soon after in the background)");

  std::string kind, name, new_source = ".";
  CLI::App* create =
      app.add_subcommand("new", "create a profile, campaign, bulletin or unit from an archetype");
  create->add_option("kind", kind, "profile, campaign, bulletin or unit")
      ->required()
      ->check(CLI::IsMember({"profile", "campaign", "bulletin", "unit"}));
  create->add_option("name", name, "the name, e.g. \"Nguyễn Thị Thúy\"")->required();
  create->add_option("-s,--source", new_source, "the site folder")->capture_default_str();

  vd::import::Options import_opts;
  bool dry_run = false;
  CLI::App* import_cmd = app.add_subcommand(
      "import", "create draft profiles from a nomination list (CSV from a spreadsheet)");
  import_cmd->add_option("file", import_opts.csv, "the list, e.g. danh-sach.csv")->required();
  import_cmd->add_option("-c,--campaign", import_opts.campaign, "the campaign id")->required();
  import_cmd->add_option("-y,--school-year", import_opts.school_year, "e.g. 2023-2024")->required();
  import_cmd->add_option("-a,--award", import_opts.award,
                         "the award (id or name) for rows without a 'Danh hiệu' cell");
  import_cmd->add_option("--encoding", import_opts.encoding,
                         "the list's encoding (default: detected; UTF-8, UTF-16, windows-1258)");
  import_cmd->add_option("-s,--source", import_opts.source, "the site folder")
      ->capture_default_str();
  import_cmd->add_flag("-n,--dry-run", dry_run, "print what would be created; write nothing");
  import_cmd->add_flag("-q,--quiet", common.quiet, "print only problems and errors");

  CLI::App* version = app.add_subcommand("version", "print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? vd::cli::kOk : vd::cli::kSystemError;
  }
  opts.today = vd::pipeline::today();
  if (*build) return vd::cli::run_build(opts, common, at);
  if (*publish) {
    if (push->count() > 0) po.push = push_remote.empty() ? "origin" : push_remote;
    return vd::cli::run_publish(opts, po, common);
  }
  if (*check) return vd::cli::run_check(opts, common);
  if (*serve) return vd::cli::run_serve(opts, serve_flags, common);
  if (*create) return vd::cli::run_new(kind, name, new_source, common);
  if (*import_cmd) return vd::cli::run_import(import_opts, dry_run, common);
  if (*version) {
    std::printf("vinhdanh %s\n", VD_VERSION);
    return vd::cli::kOk;
  }
  return vd::cli::kSystemError;
}
