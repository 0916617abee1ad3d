// ThreadPool: every index runs exactly once, on any number of threads, on a
// thread numbered below size(), and a failing task's exception reaches the caller.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/thread_pool.hpp"

using namespace hqnn;

TEST(ThreadPool, RunsEveryIndexExactlyOnceForAnyThreadCount) {
  for (int threads : {1, 2, 4}) {
    ThreadPool pool(threads);
    EXPECT_EQ(pool.size(), resolve_thread_count(threads));
    for (int round = 0; round < 50; ++round) {
      std::vector<std::atomic<int>> hits(37);
      std::atomic<bool> thread_in_range{true};
      pool.run(37, [&](int i, int thread) {
        hits[static_cast<size_t>(i)]++;
        if (thread < 0 || thread >= pool.size()) thread_in_range = false;
      });
      for (const auto& h : hits) ASSERT_EQ(h.load(), 1) << threads << " threads, round " << round;
      EXPECT_TRUE(thread_in_range.load());
    }
  }
}

TEST(ThreadPool, ZeroThreadsMeansEveryCore) { EXPECT_GE(resolve_thread_count(0), 1); }

TEST(ThreadPool, RethrowsTheExceptionOfTheLowestFailingIndexAfterAllTasksRan) {
  for (int threads : {1, 2}) {
    ThreadPool pool(threads);
    std::atomic<int> ran{0};
    try {
      pool.run(8, [&](int i, int) {
        ++ran;
        if (i == 3 || i == 6) throw std::runtime_error("task " + std::to_string(i));
      });
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "task 3");
    }
    EXPECT_EQ(ran.load(), 8);
    // the pool is still usable afterwards
    std::atomic<int> after{0};
    pool.run(4, [&](int, int) { ++after; });
    EXPECT_EQ(after.load(), 4);
  }
}
