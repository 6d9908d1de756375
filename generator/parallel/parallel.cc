#include "parallel/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace vd::parallel {

unsigned thread_count(int threads, std::size_t count, std::size_t min_per_thread) {
  std::size_t n = threads > 0 ? static_cast<std::size_t>(threads)
                              : std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, count / std::max<std::size_t>(1, min_per_thread));
  return static_cast<unsigned>(std::max<std::size_t>(1, n));
}

void run_workers(unsigned n, const std::function<void(unsigned)>& worker) {
  std::vector<std::thread> pool;
  pool.reserve(n > 0 ? n - 1 : 0);
  for (unsigned w = 1; w < n; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace vd::parallel
