#include "thread_pool.hpp"

#include <algorithm>
#include <atomic>

#ifdef __EMSCRIPTEN_PTHREADS__
#include <emscripten/threading.h>
#endif

namespace hqnn {

// Without -pthread, Emscripten's std::thread compiles but aborts when started.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
constexpr bool kHaveThreads = false;
#else
constexpr bool kHaveThreads = true;
#endif

#ifdef __EMSCRIPTEN_PTHREADS__
// A thread beyond the prestarted workers (-sPTHREAD_POOL_SIZE) starts only
// when the browser's main thread returns to its event loop; the programs
// prestart enough for 4 (the playground: src/app/CMakeLists.txt).
constexpr int kMaxThreads = 4;
#else
constexpr int kMaxThreads = 1024;
#endif

int resolve_thread_count(int requested) {
  if (!kHaveThreads) return 1;
#ifdef __EMSCRIPTEN_PTHREADS__
  // Emscripten starts a thread, and takes a finished one back into its pool of
  // workers, through the main thread's event loop. A pool made on another
  // thread (the playground's training thread) would wait for a main thread
  // that may be blocked in a wait of its own (as under node), so it runs inline.
  if (!emscripten_is_main_runtime_thread()) return 1;
#endif
  const int wanted = requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::min(wanted, kMaxThreads);
}

namespace {
std::atomic<ThreadPool*> g_shared_pool{nullptr};
std::mutex g_shared_pool_mutex;
}  // namespace

ThreadPool& start_shared_thread_pool(int threads) {
  std::lock_guard<std::mutex> lock(g_shared_pool_mutex);
  if (ThreadPool* pool = g_shared_pool.load()) return *pool;
  // Never destroyed: joining at exit would wait, in a WebAssembly build, on
  // threads that only the main thread's event loop can take back.
  ThreadPool* pool = new ThreadPool(threads);
  g_shared_pool.store(pool);
  return *pool;
}

ThreadPool* shared_thread_pool() { return g_shared_pool.load(); }

ThreadPool::ThreadPool(int threads) {
  const int total = resolve_thread_count(threads);
  for (int i = 1; i < total; ++i) workers_.emplace_back([this, i] { work_loop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::drain(int thread) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (next_ < count_) {
    const int i = next_++;
    lock.unlock();
    try {
      (*task_)(i, thread);
    } catch (...) {
      lock.lock();
      errors_[static_cast<size_t>(i)] = std::current_exception();
      continue;
    }
    lock.lock();
  }
}

void ThreadPool::work_loop(int thread) {
  unsigned long long seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    ++running_;
    lock.unlock();
    drain(thread);
    lock.lock();
    if (--running_ == 0) finished_.notify_all();
  }
}

void ThreadPool::run(int count, const Task& task) {
  if (count <= 0) return;
  std::unique_lock<std::mutex> caller(caller_, std::try_to_lock);
  if (workers_.empty() || count == 1 || !caller.owns_lock()) {
    std::exception_ptr first;
    for (int i = 0; i < count; ++i) {
      try {
        task(i, 0);
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
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
  drain(0);
  std::unique_lock<std::mutex> lock(mutex_);
  // Workers that woke late find no index left and leave at once.
  finished_.wait(lock, [&] { return running_ == 0; });
  task_ = nullptr;
  count_ = 0;
  for (auto& e : errors_)
    if (e) std::rethrow_exception(e);
}

}  // namespace hqnn
