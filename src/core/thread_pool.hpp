// A small fixed pool of worker threads for data-parallel loops.
//
// run(count, task) calls task(i, thread) for i = 0 … count − 1, spread over
// the pool's threads and the caller's, and returns when all are done. Indices
// are handed out one at a time, so a thread that is descheduled delays the
// others by one task at most. `thread` (0 = the caller, < size()) names the
// thread running the task, for per-thread scratch space. Which thread runs
// which index is not fixed, so a task must write only to its own slot of the
// results; the caller combines the slots in index order, which makes the
// result the same for any number of threads.
//
// A pool of one thread (and every pool of a WebAssembly build without
// pthreads, where std::thread would abort) runs the tasks inline, in order.
// So does a run() called while another thread's run() holds the pool: two
// callers share one pool without waiting for each other.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hqnn {

// 0 means every core (std::thread::hardware_concurrency, at least 1). At most
// 4 in a WebAssembly build with pthreads (1 off its main thread), 1 in one without.
int resolve_thread_count(int requested);

class ThreadPool;
// The program's shared pool, for a program that trains on threads of its own
// (the playground): a threaded WebAssembly build starts threads only from its
// main thread, so the program makes this pool there, once, before its
// training threads start. It lives until the program exits and is borrowed
// by every Trainer asked for every core (TrainOptions::threads = 0).
// The first call makes it with `threads` (resolved as above); later calls return it.
ThreadPool& start_shared_thread_pool(int threads);
ThreadPool* shared_thread_pool();  // null until started

class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // resolved with resolve_thread_count
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }  // the caller counts
  // Rethrows the exception of the lowest failing index, after every task has finished.
  // Runs inline when another thread is inside run() on this pool. A task must not
  // call run() on its own pool (the caller's mutex is not recursive).
  using Task = std::function<void(int index, int thread)>;
  void run(int count, const Task& task);

 private:
  void work_loop(int thread);
  void drain(int thread);  // takes indices until none is left

  std::vector<std::thread> workers_;
  std::mutex caller_;  // held by the one run() that hands tasks to the workers
  std::mutex mutex_;
  std::condition_variable wake_, finished_;
  const Task* task_ = nullptr;
  int count_ = 0, next_ = 0, running_ = 0;
  unsigned long long generation_ = 0;
  bool stop_ = false;
  std::vector<std::exception_ptr> errors_;
};

}  // namespace hqnn
