// Version-control dates and `build --at`.
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "publish/publish_internal.h"

namespace vd::publish {

text::Date civil_date(std::int64_t z) {
  // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

diag::Status open_source(const std::string& site_dir, Source& out) {
  if (diag::Status s = git::Repository::open(site_dir, out.repo); !s) return s;
  std::string work = out.repo.workdir();
  if (work.empty()) return diag::Status::failure("the site's repository is bare: no site folder");
  std::error_code ec;
  std::string site = std::filesystem::weakly_canonical(site_dir, ec).string();
  std::string root = std::filesystem::weakly_canonical(work, ec).string();
  if (ec) return diag::Status::failure(fmt::format("{}: {}", site_dir, ec.message()));
  out.prefix.clear();
  if (site.size() > root.size() && site.compare(0, root.size(), root) == 0)
    out.prefix = site.substr(root.size() + (site[root.size()] == '/' ? 1 : 0));
  return {};
}

namespace {

std::string cache_path(const Source& src) {
  return src.repo.git_dir() + "vinhdanh/history";
}

// The cache: a header naming the commit and the site folder, then one line per file.
bool read_cache(const fs::FileSystem& fs, const Source& src, std::string& commit,
                git::DateMap& dates) {
  fs::ReadResult r = fs.read(cache_path(src));
  if (!r.status) return false;
  std::size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos >= r.bytes.size()) return false;
    std::size_t nl = r.bytes.find('\n', pos);
    if (nl == std::string::npos) nl = r.bytes.size();
    line = r.bytes.substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  std::string line;
  if (!next_line(line) || line != "vinhdanh-history 1") return false;
  if (!next_line(line) || line.rfind("commit ", 0) != 0) return false;
  commit = line.substr(7);
  if (!next_line(line) || line != "prefix " + src.prefix) return false;
  while (next_line(line)) {
    std::size_t tab = line.find('\t');
    long long cs = 0, us = 0;
    int co = 0, uo = 0;
    if (tab == std::string::npos ||
        std::sscanf(line.c_str() + tab + 1, "%lld %d %lld %d", &cs, &co, &us, &uo) != 4)
      return false;
    dates[line.substr(0, tab)] = {{cs, co}, {us, uo}};
  }
  return true;
}

void write_cache(fs::FileSystem& fs, const Source& src, const std::string& commit,
                 const git::DateMap& dates) {
  std::string out = fmt::format("vinhdanh-history 1\ncommit {}\nprefix {}\n", commit, src.prefix);
  for (const auto& [path, d] : dates)
    out += fmt::format("{}\t{} {} {} {}\n", path, d.created.seconds, d.created.offset_minutes,
                       d.updated.seconds, d.updated.offset_minutes);
  fs.write(cache_path(src), out);  // a cache: failing to write it only costs time next run
}

text::Date local_date(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

diag::Status history(const Source& src, const git::Commit& commit, bool worktree,
                     const fs::FileSystem& fs, const std::string& site_dir, load::History& out,
                     const std::vector<std::string>* uncommitted) {
  git::DateMap dates;
  std::string cached;
  auto real = fs::make_real();  // the cache lives in the git folder, always on disk
  bool hit = read_cache(*real, src, cached, dates);
  if (!hit || cached != commit.id) {
    std::string stop = hit && src.repo.is_ancestor(cached, commit.id) ? cached : "";
    if (stop.empty()) dates.clear();
    if (diag::Status s = src.repo.file_dates(commit.id, stop, src.prefix, dates); !s) return s;
    write_cache(*real, src, commit.id, dates);
  }
  out.clear();
  for (const auto& [path, d] : dates)
    if (path.rfind("content/", 0) == 0)
      out[path] = {civil_date(git::local_days(d.created)), civil_date(git::local_days(d.updated)),
                   true};
  if (!worktree) return {};
  std::vector<std::string> changed;
  if (uncommitted)
    changed = *uncommitted;
  else if (diag::Status s = src.repo.uncommitted(src.prefix, changed); !s)
    return s;
  for (const std::string& path : changed) {
    std::string file = fs::join(site_dir, path);
    if (path.rfind("content/", 0) != 0 || !fs.is_file(file)) continue;
    text::Date when = local_date(fs.mtime(file));
    auto [it, fresh] = out.try_emplace(path, load::FileHistory{when, when, false});
    if (!fresh) it->second = {it->second.created, when, false};
  }
  return {};
}

load::History worktree_history(const fs::FileSystem& fs, const std::string& site_dir) {
  Source src;
  git::Commit head;
  load::History out;
  if (!open_source(site_dir, src) || !src.repo.resolve("HEAD", head)) return out;
  if (!history(src, head, true, fs, site_dir, out)) out.clear();
  return out;
}

std::string source_of(const std::string& message) {
  std::size_t at = message.rfind(std::string("\n") + kSourceTrailer);
  if (at == std::string::npos) return "";
  std::size_t start = at + 1 + std::char_traits<char>::length(kSourceTrailer);
  std::size_t end = message.find_first_of(" \n", start);
  return message.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

namespace {

// The publication commit that REV is, or that was built from REV (the newest such edition).
std::optional<git::Commit> edition_commit(const Source& src, const git::Commit& rev) {
  if (!source_of(rev.message).empty()) return rev;
  std::string yml;
  std::vector<git::TreeEntry> files;
  std::string site_yml = src.prefix.empty() ? "site.yml" : src.prefix + "/site.yml";
  std::string branch = "portal";
  if (src.repo.list_files(rev.id, "", files)) {
    for (const git::TreeEntry& f : files)
      if (f.path == site_yml && src.repo.read_blob(f.blob, yml)) branch = branch_of(yml);
  }
  git::Commit c;
  auto tip = src.repo.ref_target("refs/heads/" + branch);
  for (std::string id = tip.value_or(""); !id.empty() && src.repo.resolve(id, c);
       id = c.parents.empty() ? "" : c.parents[0])
    if (source_of(c.message) == rev.id) return c;
  return std::nullopt;
}

}  // namespace

diag::Status open_revision(const std::string& site_dir, const std::string& rev,
                           fs::FileSystem& real, pipeline::BuildOptions& opts, Revision& out) {
  if (diag::Status s = open_source(site_dir, out.src); !s) return s;
  git::Commit c, source;
  if (diag::Status s = out.src.repo.resolve(rev, c); !s) return s;
  source = c;
  opts.editions.clear();
  opts.today = civil_date(git::local_days(c.when));
  if (std::optional<git::Commit> pub = edition_commit(out.src, c)) {
    if (diag::Status s = out.src.repo.resolve(source_of(pub->message), source); !s) return s;
    Previous p;
    if (diag::Status s = read_previous(out.src.repo, pub->id, p); !s) return s;
    opts.editions = std::move(p.editions);
    if (!opts.editions.empty()) {
      opts.today = opts.editions.back().date;
      out.edition = opts.editions.back().number;
    }
  }
  out.source_commit = source.id;
  if (diag::Status s = history(out.src, source, false, real, site_dir, opts.history); !s) return s;
  std::vector<git::TreeEntry> files;
  if (diag::Status s = out.src.repo.list_files(source.id, out.src.prefix, files); !s) return s;
  std::string root = "git:" + source.id.substr(0, 12);
  out.fs = std::make_unique<git::TreeFileSystem>(out.src.repo, std::move(files), root, real);
  opts.source = root;
  return {};
}

}  // namespace vd::publish
