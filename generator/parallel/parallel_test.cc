#include "parallel/parallel.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace vd::parallel {
namespace {

TEST(Parallel, ThreadCountFollowsTheRequestTheWorkAndTheMinimumShare) {
  EXPECT_EQ(thread_count(4, 1000), 4u);
  EXPECT_EQ(thread_count(4, 3), 3u);           // never more threads than items
  EXPECT_EQ(thread_count(4, 0), 1u);           // always the calling thread
  EXPECT_EQ(thread_count(8, 1000, 256), 3u);   // 1000 / 256 items worth a thread each
  EXPECT_EQ(thread_count(8, 100, 256), 1u);    // too little work for a second thread
  EXPECT_EQ(thread_count(1, 100000, 64), 1u);  // -j1 stays on one thread
  EXPECT_EQ(thread_count(0, 100000, 1), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(thread_count(-3, 100000, 1), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(Parallel, EveryIndexIsCalledExactlyOnce) {
  for (std::size_t count : {0u, 1u, 7u, 1000u}) {
    std::vector<int> calls(count, 0);  // one slot per index: no two threads share one
    parallel_for(count, 4, [&](std::size_t i) { ++calls[i]; });
    EXPECT_EQ(std::vector<int>(count, 1), calls) << count << " items";
  }
}

TEST(Parallel, WorkersAreNumberedFromZeroAndTheCallerIsWorkerZero) {
  std::mutex m;
  std::set<unsigned> workers;
  std::set<std::thread::id> threads;
  std::thread::id caller_as_worker_zero;
  parallel_for(
      4000, 3,
      [&](std::size_t, unsigned w) {
        std::lock_guard<std::mutex> lock(m);
        workers.insert(w);
        threads.insert(std::this_thread::get_id());
        if (w == 0) caller_as_worker_zero = std::this_thread::get_id();
      },
      100);
  EXPECT_LE(workers.size(), 3u);
  for (unsigned w : workers) EXPECT_LT(w, 3u);
  EXPECT_EQ(workers.size(), threads.size());  // one number per thread
  if (workers.count(0)) {
    EXPECT_EQ(caller_as_worker_zero, std::this_thread::get_id());
  }
}

TEST(Parallel, RunWorkersStartsTheGivenNumberAndWaitsForAll) {
  std::vector<int> ran(5, 0);
  run_workers(5, [&](unsigned w) { ran[w] = 1; });
  EXPECT_EQ(std::vector<int>(5, 1), ran);
}

}  // namespace
}  // namespace vd::parallel
