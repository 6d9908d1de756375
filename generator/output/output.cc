#include "output/output.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <charconv>
#include <set>

#include <unistd.h>

namespace vd::output {

namespace {
std::mutex g_fs_mutex;  // file systems that are not thread-safe are used one call at a time
}  // namespace

namespace {
// "public/" (as shell completion writes it) is "public": its twins are "public.staging" and
// "public.old", beside it, not inside it.
std::string without_trailing_slashes(std::string p) {
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}
}  // namespace

StagingWriter::StagingWriter(fs::FileSystem& fs, std::string out, Stats& stats)
    : fs_(fs),
      out_(without_trailing_slashes(std::move(out))),
      staging_(out_ + ".staging"),
      stats_(stats) {}

StagingWriter::~StagingWriter() {
  if (open_) abort();
}

// "<16 hex digits> <path>" per line after the first line; "=<16 hex digits> <path>" records the
// source key of a derived file.
void read_manifest(const fs::FileSystem& fs, const std::string& folder,
                   std::map<std::string, std::uint64_t>& hashes,
                   std::map<std::string, std::uint64_t>& sources) {
  fs::ReadResult r = fs.read(fs::join(folder, kMarker));
  if (!r.status) return;
  std::string_view text = r.bytes;
  for (std::size_t pos = text.find('\n'); pos != std::string_view::npos && pos + 1 < text.size();) {
    std::size_t end = text.find('\n', pos + 1);
    std::string_view line =
        text.substr(pos + 1, (end == std::string_view::npos ? text.size() : end) - pos - 1);
    pos = end;
    bool source = !line.empty() && line[0] == '=';
    if (source) line.remove_prefix(1);
    std::uint64_t h = 0;
    if (line.size() > 17 && std::from_chars(line.data(), line.data() + 16, h, 16).ec == std::errc())
      (source ? sources : hashes).emplace(std::string(line.substr(17)), h);
  }
}

std::string content_hash(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size()));
}

diag::Status StagingWriter::begin() {
  if (out_.empty() || out_ == "/" || out_ == ".")
    return diag::Status::failure(fmt::format("refusing to write the site into '{}'", out_));
  if (fs_.is_dir(out_) && !fs_.is_file(fs::join(out_, kMarker)) && !fs_.list(out_).empty())
    return diag::Status::failure(fmt::format(
        "'{}' already exists and was not made by vinhdanh; choose another --out folder or empty it",
        out_));
  // A staging folder left by an interrupted build holds nobody knows what.
  if (fs_.is_dir(staging_) || fs_.is_file(staging_)) discard(staging_);
  recycle_spare();
  diag::Status s = fs_.make_dirs(staging_);
  if (!s) return s;
  had_old_ = fs_.is_dir(out_);
  if (had_old_) read_manifest(fs_, out_, old_hashes_, old_sources_);
  open_ = true;
  return diag::Status::success();
}

// The folder the previous build replaced becomes the staging folder when it is one of ours;
// what its manifest does not list (a file put there by hand, a link) goes at once, so the new
// folder holds exactly what this build puts.
void StagingWriter::recycle_spare() {
  std::string spare = out_ + ".old";
  if (!fs_.is_dir(spare) && !fs_.is_file(spare)) return;
  if (fs_.is_link(spare) || !fs_.is_file(fs::join(spare, kMarker)) ||
      !fs_.rename(spare, staging_)) {
    discard(spare);
    return;
  }
  read_manifest(fs_, staging_, spare_hashes_, spare_sources_);
  fs_.remove(fs::join(staging_, kMarker));  // written again by commit() only
  std::vector<std::string> links;
  for (const std::string& path : fs_.list(staging_, &links))
    if (!spare_hashes_.count(path)) fs_.remove(fs::join(staging_, path));
  for (const std::string& path : links) fs_.remove(fs::join(staging_, path));
}

// Out of the way now (a rename), removed in the background.
void StagingWriter::discard(const std::string& folder) {
  std::string trash = fmt::format("{}.trash-{}", folder, ::getpid());
  fs_.remove_all(trash);
  if (fs_.rename(folder, trash))
    fs_.remove_all_later(trash);
  else
    fs_.remove_all(folder);
}

bool safe_output_path(std::string_view p) {
  if (p.empty() || p[0] == '/' || p.back() == '/' || p.find('\\') != std::string_view::npos ||
      p.find('\0') != std::string_view::npos || p == kMarker)
    return false;
  for (std::size_t at = 0;;) {
    std::size_t end = p.find('/', at);
    std::string_view seg = p.substr(at, end == std::string_view::npos ? p.size() - at : end - at);
    if (seg.empty() || seg == "." || seg == "..") return false;
    if (end == std::string_view::npos) return true;
    at = end + 1;
  }
}

bool StagingWriter::in_place(const std::string& path, std::uint64_t hash,
                             std::optional<std::uint64_t> size) {
  auto spare = spare_hashes_.find(path);
  if (spare == spare_hashes_.end()) return false;
  std::string target = fs::join(staging_, path);
  std::optional<std::uint64_t> there = fs_.file_size(target);
  if (spare->second == hash && there && (!size || *there == *size)) return true;
  // The old copy may be the current output's file too (a hard link): unlink it, never write
  // into it. A folder where a file now goes was a page's folder: it goes whole.
  if (there || fs_.is_link(target))
    fs_.remove(target);
  else if (fs_.is_dir(target))
    fs_.remove_all(target);
  return false;
}

// A page of the spare where a folder now goes ("a/b" was a file, "a/b/index.html" is one now).
bool StagingWriter::clear_ancestors(const std::string& path) {
  bool cleared = false;
  for (std::string dir = fs::parent_path(path); !dir.empty(); dir = fs::parent_path(dir))
    if (spare_hashes_.count(dir) && fs_.file_size(fs::join(staging_, dir))) {
      fs_.remove(fs::join(staging_, dir));
      cleared = true;
    }
  return cleared;
}

bool StagingWriter::link_old(const std::string& path) {
  return fs_.link(fs::join(out_, path), fs::join(staging_, path)).ok;
}

void StagingWriter::write_one(const render::File& f) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const char* why = !safe_output_path(f.path)       ? "a path leaving the output folder"
                      : new_hashes_.count(f.path) > 0 ? "a second file on the same path"
                                                      : nullptr;
    if (why) {
      if (status_)
        status_ = diag::Status::failure(fmt::format("refusing to write '{}': {}", f.path, why));
      return;
    }
    new_hashes_[f.path] = 0;  // claimed
  }
  std::uint64_t hash = XXH3_64bits(f.bytes.data(), f.bytes.size());
  auto old = old_hashes_.find(f.path);
  bool same = old != old_hashes_.end() && old->second == hash;
  if (in_place(f.path, hash, f.bytes.size()) || (same && link_old(f.path))) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.kept;
    new_hashes_[f.path] = hash;
    return;
  }
  diag::Status s = fs_.write(fs::join(staging_, f.path), f.bytes);
  if (!s && clear_ancestors(f.path)) s = fs_.write(fs::join(staging_, f.path), f.bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  new_hashes_[f.path] = hash;
  if (!s) {
    if (status_) status_ = s;  // keep the first failure
    return;
  }
  ++stats_.written;
}

void StagingWriter::put(render::File file) {
  if (!status()) return;  // after a failure, stop writing
  if (fs_.thread_safe()) {
    write_one(file);
    return;
  }
  std::lock_guard<std::mutex> lock(g_fs_mutex);
  write_one(file);
}

bool StagingWriter::reuse(const std::string& path) {
  std::uint64_t hash;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto old = old_hashes_.find(path);
    if (old == old_hashes_.end()) return false;
    hash = old->second;
  }
  bool kept;
  if (fs_.thread_safe()) {
    kept = in_place(path, hash, std::nullopt) || link_old(path);
  } else {
    std::lock_guard<std::mutex> lock(g_fs_mutex);
    kept = in_place(path, hash, std::nullopt) || link_old(path);
  }
  if (!kept) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  ++stats_.kept;
  new_hashes_[path] = hash;
  return true;
}

bool StagingWriter::reuse(const std::string& path, std::uint64_t source_key) {
  auto src = old_sources_.find(path);
  auto hash = old_hashes_.find(path);
  if (src == old_sources_.end() || src->second != source_key || hash == old_hashes_.end())
    return false;
  auto spare_src = spare_sources_.find(path);
  bool spare_ok = spare_src != spare_sources_.end() && spare_src->second == source_key;
  if (!(spare_ok && in_place(path, hash->second, std::nullopt)) && !link_old(path)) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  ++stats_.kept;
  new_hashes_[path] = hash->second;
  new_sources_[path] = source_key;
  return true;
}

void StagingWriter::put_derived(render::File file, std::uint64_t source_key) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    new_sources_[file.path] = source_key;
  }
  put(std::move(file));
}

diag::Status StagingWriter::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

void StagingWriter::abort() {
  fs_.remove_all(staging_);
  open_ = false;
}

// The spare's files this build did not put, and the folders they leave empty.
void StagingWriter::remove_leftovers() {
  std::set<std::string> folders;
  for (const auto& [path, hash] : spare_hashes_) {
    if (new_hashes_.count(path)) continue;
    fs_.remove(fs::join(staging_, path));
    if (std::string dir = fs::parent_path(path); !dir.empty()) folders.insert(dir);
  }
  // Deepest first, so a folder is tried after the folders inside it.
  for (auto it = folders.rbegin(); it != folders.rend(); ++it)
    for (std::string dir = *it; !dir.empty() && fs_.remove_dir(fs::join(staging_, dir));)
      dir = fs::parent_path(dir);
}

diag::Status StagingWriter::commit() {
  diag::Status s = status();
  if (s) {
    remove_leftovers();
    std::string manifest = "This folder is generated by vinhdanh; it is replaced at every build.\n";
    for (const auto& [path, hash] : new_hashes_)
      manifest += fmt::format("{:016x} {}\n", hash, path);
    for (const auto& [path, key] : new_sources_)
      manifest += fmt::format("={:016x} {}\n", key, path);
    s = fs_.write(fs::join(staging_, kMarker), manifest);
  }
  if (!s) {
    abort();
    return s;
  }
  // begin() took "<out>.old" over; should one have appeared since, it goes.
  std::string old = out_ + ".old";
  if (had_old_) {
    if (fs_.is_dir(old) || fs_.is_file(old)) discard(old);
    s = fs_.rename(out_, old);
    if (!s) {
      abort();
      return s;
    }
  }
  s = fs_.rename(staging_, out_);
  if (!s) {
    if (had_old_) fs_.rename(old, out_);
    abort();
    return s;
  }
  open_ = false;
  return diag::Status::success();
}

diag::Status write_site(fs::FileSystem& fs, const render::Output& files, const std::string& out,
                        Stats& stats) {
  StagingWriter w(fs, out, stats);
  diag::Status s = w.begin();
  if (!s) return s;
  for (const render::File& f : files.files) w.put(f);
  return w.commit();
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// What people write between the digits of a phone number: "0912 345 678", "(+84) 912.345.678".
bool phone_separator(char c) {
  return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || c == '+';
}

// The digits that identify a Vietnamese phone number whatever its prefix: "0912 345 678",
// "+84 912 345 678" and "84912345678" all give "912345678". Empty if it is not one.
std::string phone_digits(std::string_view v) {
  std::string d;
  for (char c : v) {
    if (is_digit(c))
      d += c;
    else if (!phone_separator(c))
      return {};  // other characters: not a phone number
  }
  if (d.rfind("84", 0) == 0 && d.size() >= 11) d.erase(0, 2);
  if (!d.empty() && d[0] == '0') d.erase(0, 1);
  return d.size() >= 9 ? d : std::string();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool email_like(std::string_view v) {
  std::size_t at = v.find('@');
  return at != std::string_view::npos && at > 0 && v.find('.', at) != std::string_view::npos &&
         v.find(' ') == std::string_view::npos;
}

// Runs of digits and the separators people put between them, as digits only.
std::vector<std::string> digit_runs(std::string_view text) {
  std::vector<std::string> runs;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 9) runs.push_back(cur);
    cur.clear();
  };
  for (char c : text) {
    if (is_digit(c))
      cur += c;
    else if (!phone_separator(c))
      flush();
  }
  flush();
  return runs;
}

}  // namespace

LeakScanner::LeakScanner(const PrivateValues& privates) {
  for (const auto& [path, values] : privates) {
    Owner o{path, {}, {}, {}};
    for (const std::string& v : values) {
      if (v.size() >= 8) o.values.push_back(v);
      if (std::string d = phone_digits(v); !d.empty()) o.phones.push_back(d);
      if (email_like(v)) {
        std::string e = lower(v);
        std::size_t at = e.find('@');
        o.emails.push_back(e);
        for (const char* sep : {" [at] ", "[at]", " (at) ", "(at)", " at "})
          o.emails.push_back(e.substr(0, at) + sep + e.substr(at + 1));
      }
    }
    if (!o.values.empty() || !o.phones.empty() || !o.emails.empty())
      owners_.push_back(std::move(o));
  }
}

// One report per profile and file: the first shape found.
void LeakScanner::scan(const render::File& f, std::vector<Leak>& leaks) const {
  std::vector<std::string> runs;
  std::string low;
  bool have_runs = false, have_low = false;
  for (const Owner& o : owners_) {
    const char* shape = nullptr;
    for (const std::string& v : o.values)
      if (!shape && f.bytes.find(v) != std::string::npos) shape = "value";
    if (!shape && !o.phones.empty()) {
      if (!have_runs) runs = digit_runs(f.bytes);
      have_runs = true;
      for (const std::string& p : o.phones)
        for (const std::string& r : runs)
          if (!shape && r.find(p) != std::string::npos) shape = "phone number";
    }
    if (!shape && !o.emails.empty()) {
      if (!have_low) low = lower(f.bytes);
      have_low = true;
      for (const std::string& e : o.emails)
        if (!shape && low.find(e) != std::string::npos) shape = "e-mail address";
    }
    if (shape) leaks.push_back({f.path, o.path, shape});
  }
}

void find_leaks(const render::File& f, const PrivateValues& privates, std::vector<Leak>& leaks) {
  LeakScanner(privates).scan(f, leaks);
}

std::vector<Leak> find_leaks(const render::Output& files, const PrivateValues& privates) {
  LeakScanner scanner(privates);
  std::vector<Leak> leaks;
  for (const render::File& f : files.files) scanner.scan(f, leaks);
  return leaks;
}

}  // namespace vd::output
