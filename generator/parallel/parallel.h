// parallel: one loop over the indexes 0..count-1 shared by several threads (the calling thread
// is one of them), each index taken once, in no particular order.
// In: a count, the threads asked for (0 or less: one per core), the smallest share worth a
// thread of its own, and fn(i) or fn(i, worker). Out: returns when every call has returned.
// Never orders the calls (callers write results into slot i and merge them in index order, so
// the outcome does not depend on the threads), never catches what fn throws.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <type_traits>

namespace vd::parallel {

// The threads a loop over `count` items uses: `threads` (0 or less: the number of cores), but
// no more than count / min_per_thread (a thread costs ~50 µs to start), and at least one.
unsigned thread_count(int threads, std::size_t count, std::size_t min_per_thread = 1);

// Runs worker(w) for w = 1..n-1 on new threads and worker(0) on this one; returns when all are
// done.
void run_workers(unsigned n, const std::function<void(unsigned)>& worker);

// fn(i) (or fn(i, w), w being the worker 0..thread_count-1, for per-thread state) for every i.
template <class Fn>
void parallel_for(std::size_t count, int threads, Fn&& fn, std::size_t min_per_thread = 1) {
  if (count == 0) return;
  std::atomic<std::size_t> next{0};
  run_workers(thread_count(threads, count, min_per_thread), [&](unsigned worker) {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) {
      if constexpr (std::is_invocable_v<Fn&, std::size_t, unsigned>)
        fn(i, worker);
      else
        fn(i);
    }
  });
}

}  // namespace vd::parallel
