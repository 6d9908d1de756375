#include "output/output.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parallel/parallel.h"

extern char** environ;

namespace vd::output {

namespace {

constexpr int kTimeoutSeconds = 120;

bool executable(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

// Runs argv with stdout and stderr sent to `log`; kills it after kTimeoutSeconds.
diag::Status run(const std::vector<std::string>& argv, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int err = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0)
    return diag::Status::failure(fmt::format("cannot start {}: {}", argv[0], std::strerror(err)));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return diag::Status::failure(fmt::format("waiting for {} failed", argv[0]));
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return diag::Status::failure(
          fmt::format("{} did not finish within {} s", argv[0], kTimeoutSeconds));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return diag::Status::failure(fmt::format("{} failed (see {})", argv[0], log));
  return diag::Status::success();
}

std::string absolute(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) ? std::string(buf) : path;
}

struct TempDir {
  fs::FileSystem& fs;
  std::string path;
  explicit TempDir(fs::FileSystem& f) : fs(f) {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/vinhdanh-pdf-XXXXXX";
    if (::mkdtemp(tmpl.data())) path = tmpl;
  }
  ~TempDir() {
    if (!path.empty()) fs.remove_all(path);
  }
};

}  // namespace

std::string find_chromium() {
  if (const char* env = std::getenv("VINHDANH_CHROMIUM"); env && *env)
    return executable(env) ? env : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::size_t start = 0;
    while (start <= dirs.size()) {
      std::size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      std::string candidate = dirs.substr(start, end - start) + "/" + name;
      if (end > start && executable(candidate)) return candidate;
      start = end + 1;
    }
  }
  return {};
}

void set_pdf_dates(std::string& pdf, const std::string& date) {
  if (date.size() != 8) return;
  for (const char* key : {"/CreationDate (D:", "/ModDate (D:"}) {
    std::size_t at = pdf.find(key);
    if (at == std::string::npos) continue;
    at += std::string_view(key).size();
    if (at + 14 > pdf.size()) continue;
    pdf.replace(at, 14, date + "000000");
  }
}

diag::Status print_pdfs(fs::FileSystem& fs, StagingWriter& writer, const std::vector<PdfJob>& jobs,
                        const std::string& chromium, int threads, std::size_t& made) {
  made = 0;
  std::vector<const PdfJob*> to_print;
  std::vector<std::uint64_t> keys(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    fs::ReadResult page = fs.read(fs::join(writer.staging_folder(), jobs[i].page));
    if (!page.status) return page.status;
    keys[i] = XXH3_64bits(page.bytes.data(), page.bytes.size());
    if (!writer.reuse(jobs[i].pdf, keys[i])) to_print.push_back(&jobs[i]);
  }
  if (to_print.empty()) return diag::Status::success();
  TempDir tmp(fs);
  if (tmp.path.empty()) return diag::Status::failure("cannot create a temporary folder for PDFs");
  std::string staging = absolute(writer.staging_folder());
  std::mutex mutex;
  diag::Status failure = diag::Status::success();
  // Two Chromium processes at a time by default, never more than four.
  parallel::parallel_for(
      to_print.size(), std::clamp(threads > 0 ? threads : 2, 1, 4), [&](std::size_t i) {
        const PdfJob& job = *to_print[i];
        std::string out = fmt::format("{}/{}.pdf", tmp.path, i);
        std::vector<std::string> argv = {chromium,
                                         "--headless",
                                         "--disable-gpu",
                                         "--no-first-run",
                                         "--disable-extensions",
                                         "--no-pdf-header-footer",
                                         "--allow-file-access-from-files",
                                         fmt::format("--user-data-dir={}/profile-{}", tmp.path, i),
                                         "--print-to-pdf=" + out,
                                         "file://" + staging + "/" + job.page};
        if (::geteuid() == 0) argv.insert(argv.begin() + 1, "--no-sandbox");
        diag::Status s = run(argv, fmt::format("{}/{}.log", tmp.path, i));
        fs::ReadResult r = s ? fs.read(out) : fs::ReadResult{};
        if (s && !r.status) s = r.status;
        if (s && r.bytes.rfind("%PDF-", 0) != 0)
          s = diag::Status::failure(
              fmt::format("{} did not write a PDF for {}", chromium, job.page));
        std::lock_guard<std::mutex> lock(mutex);
        if (!s) {
          if (failure) failure = s;
          return;
        }
        set_pdf_dates(r.bytes, job.date);
        std::size_t index = static_cast<std::size_t>(&job - jobs.data());
        writer.put_derived({job.pdf, std::move(r.bytes)}, keys[index]);
        ++made;
      });
  if (!failure) return failure;
  return writer.status();
}

}  // namespace vd::output
