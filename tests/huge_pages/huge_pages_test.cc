// The release program's TCMalloc takes its memory in 2 MiB pages (generator/cli/huge_pages.cc).
// Its own binary: the test program does not link TCMalloc.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace vd::cli {
void use_huge_pages();
}

namespace {

class HugePages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { vd::cli::use_huge_pages(); }
};

std::string read_all(const char* path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

long minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// 256 MiB in 64 KiB blocks: in 4 KiB pages that is 65 536 page faults. First, while the heap
// holds no freed memory to reuse.
TEST_F(HugePages, TheHeapGrowsTwoMebibytesAtATime) {
  std::string thp = read_all("/sys/kernel/mm/transparent_hugepage/enabled");
  if (thp.empty() || thp.find("[never]") != std::string::npos)
    GTEST_SKIP() << "transparent huge pages are off on this system";
  long before = minor_faults();
  std::vector<std::unique_ptr<char[]>> blocks;
  for (int i = 0; i < 4096; ++i) {
    blocks.emplace_back(new char[64 << 10]);
    std::memset(blocks.back().get(), 1, 64 << 10);
  }
  long faults = minor_faults() - before;
  EXPECT_LT(faults, 65536 / 4) << "the heap was faulted in 4 KiB pages";
}

TEST_F(HugePages, BlocksOfEverySizeHoldWhatIsWrittenInThem) {
  std::vector<std::unique_ptr<char[]>> blocks;
  std::vector<std::size_t> sizes;
  for (std::size_t i = 0; i < 20000; ++i) {
    std::size_t n = i % 97 == 0 ? (std::size_t{1} << 20) + i * 131 : 8 + (i * 7919) % 40000;
    blocks.emplace_back(new char[n]);
    std::memset(blocks.back().get(), static_cast<int>(i & 0xff), n);
    sizes.push_back(n);
  }
  for (std::size_t i = 0; i < blocks.size(); i += 3) blocks[i].reset();  // holes, filled again
  for (std::size_t i = 0; i < blocks.size(); i += 3) {
    blocks[i].reset(new char[sizes[i]]);
    std::memset(blocks[i].get(), static_cast<int>(i & 0xff), sizes[i]);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const char* p = blocks[i].get();
    ASSERT_EQ(p[0], static_cast<char>(i & 0xff)) << i;
    ASSERT_EQ(p[sizes[i] - 1], static_cast<char>(i & 0xff)) << i;
  }
}

}  // namespace
