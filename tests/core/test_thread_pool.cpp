// ThreadPool: every index runs exactly once, on any number of threads, on a
// thread numbered below size(), and a failing task's exception reaches the
// caller; two callers can share one pool; the program's shared pool is made
// once and lent to the trainers that ask for every core.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/thread_pool.hpp"
#include "core/trainer.hpp"

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

TEST(ThreadPool, TwoCallersShareOnePoolAndEachGetsEveryIndexOnce) {
  ThreadPool pool(2);
  std::atomic<bool> all_once{true};
  const auto caller = [&](int count) {
    for (int round = 0; round < 300; ++round) {
      std::vector<std::atomic<int>> hits(static_cast<size_t>(count));
      pool.run(count, [&](int i, int) { hits[static_cast<size_t>(i)]++; });
      for (const auto& h : hits)
        if (h.load() != 1) all_once = false;
    }
  };
  std::thread other(caller, 5);
  caller(7);
  other.join();
  EXPECT_TRUE(all_once.load());
}

TEST(ThreadPool, SharedPoolIsMadeOnceAndLentToTrainersAskingForEveryCore) {
  ThreadPool& shared = start_shared_thread_pool(2);
  EXPECT_EQ(&start_shared_thread_pool(3), &shared);  // later calls return the first pool
  EXPECT_EQ(shared_thread_pool(), &shared);
  EXPECT_EQ(shared.size(), resolve_thread_count(2));

  Dataset data;
  data.class_names = {"a", "b"};
  data.features = Matrix::Random(8, 4);
  data.labels = {0, 1, 0, 1, 0, 1, 0, 1};
  ModelOptions mo;
  mo.kind = ModelKind::mlp_leaky;
  Model model(mo, 4, 2);
  TrainOptions every_core, one_thread;
  one_thread.threads = 1;
  Trainer borrowing(model, data, data, every_core), owning(model, data, data, one_thread);
  EXPECT_EQ(borrowing.thread_pool(), &shared);
  ASSERT_NE(owning.thread_pool(), &shared);
  EXPECT_EQ(owning.thread_pool()->size(), 1);
  borrowing.run_epoch();  // trains on the borrowed pool
  EXPECT_TRUE(std::isfinite(borrowing.history().back().train_loss));
}
