#include "output/output.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <charconv>

#include <unistd.h>

namespace vd::output {

namespace {
std::mutex g_fs_mutex;  // file systems that are not thread-safe are used one call at a time
}  // namespace

StagingWriter::StagingWriter(fs::FileSystem& fs, std::string out, Stats& stats)
    : fs_(fs), out_(std::move(out)), staging_(out_ + ".staging"), stats_(stats) {}

StagingWriter::~StagingWriter() {
  if (open_) abort();
}

diag::Status StagingWriter::begin() {
  if (out_.empty() || out_ == "/" || out_ == ".")
    return diag::Status::failure(fmt::format("refusing to write the site into '{}'", out_));
  if (fs_.is_dir(out_) && !fs_.is_file(fs::join(out_, kMarker)) && !fs_.list(out_).empty())
    return diag::Status::failure(fmt::format(
        "'{}' already exists and was not made by vinhdanh; choose another --out folder or empty it",
        out_));
  fs_.remove_all(staging_);
  fs_.remove_all(out_ + ".old");
  diag::Status s = fs_.make_dirs(staging_);
  if (!s) return s;
  had_old_ = fs_.is_dir(out_);
  if (had_old_) read_manifest();
  open_ = true;
  return diag::Status::success();
}

// "<16 hex digits> <path>" per line after the first line; "=<16 hex digits> <path>" records the
// source key of a derived file.
std::string content_hash(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size()));
}

void StagingWriter::read_manifest() {
  fs::ReadResult r = fs_.read(fs::join(out_, kMarker));
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
      (source ? old_sources_ : old_hashes_).emplace(std::string(line.substr(17)), h);
  }
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
  std::string target = fs::join(staging_, f.path);
  std::uint64_t hash = XXH3_64bits(f.bytes.data(), f.bytes.size());
  auto old = old_hashes_.find(f.path);
  bool same = old != old_hashes_.end() && old->second == hash;
  if (same && fs_.link(fs::join(out_, f.path), target)) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.kept;
    new_hashes_[f.path] = hash;
    return;
  }
  diag::Status s = fs_.write(target, f.bytes);
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
  bool linked;
  if (fs_.thread_safe()) {
    linked = fs_.link(fs::join(out_, path), fs::join(staging_, path)).ok;
  } else {
    std::lock_guard<std::mutex> lock(g_fs_mutex);
    linked = fs_.link(fs::join(out_, path), fs::join(staging_, path)).ok;
  }
  if (!linked) return false;
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
  if (!fs_.link(fs::join(out_, path), fs::join(staging_, path))) return false;
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

diag::Status StagingWriter::commit() {
  diag::Status s = status();
  if (s) {
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
  // A previous build's background removal may still hold "<out>.old": fall back to a fresh name.
  std::string old = out_ + ".old";
  if (had_old_) {
    if (fs_.is_dir(old)) old += "." + std::to_string(::getpid());
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
  if (had_old_) fs_.remove_all_later(old);
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

// The digits that identify a Vietnamese phone number whatever its prefix: "0912 345 678",
// "+84 912 345 678" and "84912345678" all give "912345678". Empty if it is not one.
std::string phone_digits(std::string_view v) {
  std::string d;
  for (char c : v) {
    if (is_digit(c))
      d += c;
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '+')
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
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '+')
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
