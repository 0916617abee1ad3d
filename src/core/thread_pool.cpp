#include "thread_pool.hpp"

#include <algorithm>

namespace hqnn {

// Without -pthread, Emscripten's std::thread compiles but aborts when started.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kHaveThreads = false;
#else
constexpr bool kHaveThreads = true;
#endif

int resolve_thread_count(int requested) {
  if (!kHaveThreads) return 1;
  if (requested > 0) return requested;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

ThreadPool::ThreadPool(int threads) {
  const int total = resolve_thread_count(threads);
  for (int i = 1; i < total; ++i) workers_.emplace_back([this] { work_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (next_ < count_) {
    const int i = next_++;
    lock.unlock();
    try {
      (*task_)(i);
    } catch (...) {
      lock.lock();
      errors_[static_cast<size_t>(i)] = std::current_exception();
      continue;
    }
    lock.lock();
  }
}

void ThreadPool::work_loop() {
  unsigned long long seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    ++running_;
    lock.unlock();
    drain();
    lock.lock();
    if (--running_ == 0) finished_.notify_all();
  }
}

void ThreadPool::run(int count, const std::function<void(int)>& task) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {
    for (int i = 0; i < count; ++i) task(i);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    task_ = &task;
    count_ = count;
    next_ = 0;
    errors_.assign(static_cast<size_t>(count), nullptr);
    ++generation_;
  }
  wake_.notify_all();
  drain();
  std::unique_lock<std::mutex> lock(mutex_);
  // Workers that woke late find no index left and leave at once.
  finished_.wait(lock, [&] { return running_ == 0; });
  task_ = nullptr;
  count_ = 0;
  for (auto& e : errors_)
    if (e) std::rethrow_exception(e);
}

}  // namespace hqnn
