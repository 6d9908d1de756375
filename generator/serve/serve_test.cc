// End to end: `serve` on a free loopback port over a site on disk; a saved edit reaches the
// page over HTTP; a broken file shows its problems and keeps the last good page; only GET/HEAD.
#include "serve/serve.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "test_util.h"

namespace vd::serve {
namespace {

struct Reply {
  int status = 0;
  std::string head, body;
};

// One HTTP/1.1 request to 127.0.0.1:port (the connection is closed after the reply).
Reply request(int port, const std::string& method, const std::string& path) {
  Reply r;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return r;
  }
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  req += method == "POST" ? "Content-Length: 1\r\n\r\nx" : "\r\n";
  if (::send(fd, req.data(), req.size(), 0) < 0) r.status = -1;
  std::string all;
  char buf[65536];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    all.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  auto end = all.find("\r\n\r\n");
  if (end == std::string::npos || all.size() < 12) return r;
  r.status = std::atoi(all.substr(9, 3).c_str());
  r.head = all.substr(0, end);
  r.body = all.substr(end + 4);
  return r;
}

const std::string kPage = "/dien-hinh/2023-2024/nguyen-thi-thuy/";
const std::string kFile = "content/profiles/2023-2024/nguyen-thi-thuy.md";

class Serve : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vd-serve-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    for (const auto& [rel, text] : testing::minimal_site()) write(rel, text);
    for (const auto& [rel, text] : extra_) write(rel, text);
    Options o;
    o.build = testing::site_options();
    o.build.source = dir_.string();
    o.build.theme = VD_SOURCE_DIR;
    o.port = 0;
    server_ = std::make_unique<Server>(o, [this](const Event& e) {
      if (e.kind != Event::Kind::kListening) ++builds_;
    });
    ASSERT_TRUE(server_->start());
    ASSERT_GT(server_->port(), 0);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  void write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories((dir_ / rel).parent_path());
    std::ofstream((dir_ / rel).string() + ".tmp") << text;
    std::filesystem::rename((dir_ / rel).string() + ".tmp", dir_ / rel);  // as editors save
  }
  std::string read(const std::string& rel) {
    std::ifstream in(dir_ / rel);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  // Polls the page until it contains `text` (the watcher and the rebuild take a moment).
  bool eventually(const std::string& path, const std::string& text) {
    for (int i = 0; i < 200; ++i) {
      if (request(server_->port(), "GET", path).body.find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // Saves kFile with `from` replaced by `to`, waits for the failed rebuild and gives its status.
  std::string break_file(const std::string& from, const std::string& to) {
    std::string bad = read(kFile);
    bad.replace(bad.find(from), from.size(), to);
    write(kFile, bad);
    EXPECT_TRUE(eventually("/__vinhdanh/status.json", "\"ok\":false"));
    return request(server_->port(), "GET", "/__vinhdanh/status.json").body;
  }
  std::map<std::string, std::string> extra_;  // files added to the site (set in a constructor)
  std::filesystem::path dir_;
  std::unique_ptr<Server> server_;
  std::atomic<int> builds_{0};
};

TEST_F(Serve, AnEditReachesThePageOverHttp) {
  Reply r = request(server_->port(), "GET", kPage);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.head.find("text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(r.body.find("Mười hai năm đứng lớp"), std::string::npos);
  EXPECT_NE(r.body.find("<script src=\"/__vinhdanh/reload.js\" defer></script></head>"),
            std::string::npos);
  std::string text = read(kFile);
  text.replace(text.find("Mười hai năm đứng lớp"), std::string("Mười hai năm đứng lớp").size(),
               "Mười ba năm đứng lớp");
  write(kFile, text);
  EXPECT_TRUE(eventually(kPage, "Mười ba năm đứng lớp"));
  // The build is announced (the event streams' reload) just after its files are in place.
  for (int i = 0; i < 100 && server_->generation() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(server_->generation(), 2);
}

TEST_F(Serve, ABrokenFileShowsItsProblemAndKeepsTheLastGoodPage) {
  std::string good = read(kFile);
  std::string status = break_file("name: ", "name: [");
  EXPECT_NE(status.find("\"file\":\"" + kFile + "\",\"line\":3"), std::string::npos) << status;
  EXPECT_NE(status.find("YAML syntax"), std::string::npos) << status;
  Reply page = request(server_->port(), "GET", kPage);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Mười hai năm đứng lớp"), std::string::npos);
  write(kFile, good);
  EXPECT_TRUE(eventually("/__vinhdanh/status.json", "\"ok\":true"));
}

// A site whose year pages print the office's hotline.
class ServeHotline : public Serve {
 protected:
  ServeHotline() {
    extra_["layouts/year.mustache"] =
        testing::read_repo_file("layouts/year.mustache") + "<p>Đường dây nóng: 0912 999 888</p>\n";
  }
};

// A teacher gives the hotline as her private phone: the year page, left for later (fast render),
// finds it when it is rendered. The problem shows as a failed rebuild's would, the page is not
// served, and the fix clears both.
TEST_F(ServeHotline, AProblemFoundInAPageRenderedLaterShowsUntilTheFix) {
  const std::string year = "/nam-hoc/2023-2024/";
  std::string good = read(kFile);
  std::string status = break_file("0912 000 111", "0912 999 888");
  EXPECT_NE(
      status.find("\"file\":\"" + kFile +
                  "\",\"line\":0,\"column\":0,\"message\":\"a value from this profile's "
                  "'private:' block appears in the output file nam-hoc/2023-2024/index.html\""),
      std::string::npos)
      << status;
  Reply page = request(server_->port(), "GET", year);
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.body.find("0912 999 888"), std::string::npos);
  write(kFile, good);
  EXPECT_TRUE(eventually("/__vinhdanh/status.json", "\"ok\":true"));
  EXPECT_TRUE(eventually(year, "0912 999 888"));
}

TEST_F(Serve, OnlyGetAndHeadInsideTheSite) {
  int port = server_->port();
  EXPECT_EQ(request(port, "HEAD", kPage).status, 200);
  EXPECT_EQ(request(port, "HEAD", kPage).body, "");
  EXPECT_EQ(request(port, "POST", kPage).status, 405);
  EXPECT_EQ(request(port, "DELETE", kPage).status, 405);
  EXPECT_EQ(request(port, "GET", "/../site.yml").status, 404);
  EXPECT_EQ(request(port, "GET", "/%2e%2e/site.yml").status, 404);
  EXPECT_EQ(request(port, "GET", "/content/units.yml").status, 404);
  Reply missing = request(port, "GET", "/khong-co/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("<html"), std::string::npos);  // the site's own 404 page
  Reply slash = request(port, "GET", "/don-vi/th-a");
  EXPECT_EQ(slash.status, 301);
  EXPECT_NE(slash.head.find("Location: /don-vi/th-a/"), std::string::npos) << slash.head;
  Reply script = request(port, "GET", "/__vinhdanh/reload.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_NE(script.body.find("EventSource"), std::string::npos);
  Reply css = request(port, "GET", "/robots.txt");
  EXPECT_EQ(css.body.find("reload.js"), std::string::npos);  // only HTML pages get the script
}

}  // namespace
}  // namespace vd::serve
