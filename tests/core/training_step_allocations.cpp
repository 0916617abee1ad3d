// A training step after the first allocates nothing: the parameter views, the
// chunks' gradient buffers, the layers' caches and the batch buffers are kept
// from step to step. Its own program (hqnn_allocation_tests, glibc only): it
// replaces malloc and its family, which every allocation goes through
// (operator new, Eigen, the standard library), with counting versions that
// forward to glibc's own.
//
// With one thread every step after the first allocates nothing; with more,
// each thread allocates only until it has run its first chunk (below).
// Steps are compared while the batch shape stays the same: a step that ends an
// epoch evaluates the model (that allocates, and is not a training step), and
// an epoch's last, shorter batch resizes the buffers once per shape.
//
// HQNN_ALLOCATION_TRACE=1 prints a stack trace of every allocation of a step after the first
// (resolve the addresses with addr2line -e hqnn_allocation_tests).
#include <gtest/gtest.h>

#include <execinfo.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "core/trainer.hpp"
#include "data/csv_loader.hpp"
#include "data/image_datasets.hpp"

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* p, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
void __libc_free(void* p);
}

namespace {

// Counts per thread (a slot per thread that allocated while counting): the
// test thread, and each worker of the training's thread pool.
constexpr int kSlots = 64;
std::atomic<bool> counting{false};
std::atomic<long> allocations[kSlots];
std::atomic<int> slots_used{0};
thread_local int slot = -1;
bool trace = false;
thread_local bool in_trace = false;

void count_one() {
  if (!counting.load(std::memory_order_relaxed)) return;
  if (slot < 0) slot = std::min(slots_used.fetch_add(1), kSlots - 1);
  allocations[slot].fetch_add(1, std::memory_order_relaxed);
  if (trace && !in_trace) {
    in_trace = true;
    void* frames[32];
    const int depth = backtrace(frames, 32);
    const char line[] = "-- allocation in a counted training step:\n";
    (void)!write(2, line, sizeof line - 1);
    backtrace_symbols_fd(frames, depth, 2);
    in_trace = false;
  }
}

}  // namespace

extern "C" {
void* malloc(size_t size) {
  count_one();
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  count_one();
  return __libc_calloc(count, size);
}
void* realloc(void* p, size_t size) {
  count_one();
  return __libc_realloc(p, size);
}
void* memalign(size_t alignment, size_t size) {
  count_one();
  return __libc_memalign(alignment, size);
}
void* aligned_alloc(size_t alignment, size_t size) {
  count_one();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) {
  count_one();
  void* p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
void free(void* p) { __libc_free(p); }
}

using namespace hqnn;

namespace {

// Allocations of each step of the first epoch but its last (which evaluates),
// per thread: counts[step][slot].
using StepCounts = std::vector<std::vector<long>>;
StepCounts allocations_per_step(Model& model, const Dataset& train, const Dataset& test, int batch, int threads) {
  TrainOptions to;
  to.epochs = 1;
  to.batch = batch;
  to.threads = threads;
  Trainer trainer(model, train, test, to);
  const bool want_trace = std::getenv("HQNN_ALLOCATION_TRACE") != nullptr;
  StepCounts counts;
  const int full_steps = static_cast<int>(train.size() / batch);
  for (int s = 0; s + 1 < full_steps; ++s) {
    for (auto& a : allocations) a = 0;
    trace = want_trace && s > 0;  // the first step's allocations are expected
    counting = true;
    const bool epoch_done = trainer.step();
    counting = false;
    EXPECT_FALSE(epoch_done);
    counts.emplace_back();
    for (auto& a : allocations) counts.back().push_back(a.load());
  }
  return counts;
}

// One thread: every step after the first allocates nothing.
void expect_no_allocation_after_the_first_step(const StepCounts& counts, const char* what) {
  ASSERT_GE(counts.size(), 3u) << what;
  long first = 0;
  for (long a : counts[0]) first += a;
  EXPECT_GT(first, 0) << what << ": the first step sets its buffers up (the counter works)";
  for (size_t s = 1; s < counts.size(); ++s)
    for (size_t t = 0; t < counts[s].size(); ++t) EXPECT_EQ(counts[s][t], 0) << what << ": step " << s + 1;
}

// Several threads: the pool hands chunks out to whichever thread is free, so a
// thread's copy of the model sets its buffers up at the first step in which
// that thread ran a chunk, which need not be the first. So: every thread
// allocates in the first step and in at most one other (its first chunk), and
// never again.
void expect_each_thread_allocates_only_when_it_starts(const StepCounts& counts, const char* what) {
  ASSERT_GE(counts.size(), 6u) << what;
  for (size_t t = 0; t < counts[0].size(); ++t) {
    int later_steps = 0;
    for (size_t s = 1; s < counts.size(); ++s) later_steps += counts[s][t] > 0;
    EXPECT_LE(later_steps, 1) << what << ": thread slot " << t;
  }
}

TEST(TrainingStepAllocations, QdfnnOnIrisAllocatesNothingAfterTheFirstStep) {
  const TrainTestSplit split = stratified_split(load_iris(), 0.3, 1);
  // Its 105 training samples four times over: 13 steps of 32 samples (2 chunks).
  Dataset train = split.train;
  train.features.resize(4 * split.train.size(), split.train.feature_count());
  train.labels.clear();
  for (int copy = 0; copy < 4; ++copy) {
    train.features.middleRows(copy * split.train.size(), split.train.size()) = split.train.features;
    train.labels.insert(train.labels.end(), split.train.labels.begin(), split.train.labels.end());
  }
  for (int threads : {1, 2}) {
    ModelOptions mo;
    mo.kind = ModelKind::qdfnn;
    mo.layers = 3;
    Model model(mo, 4, 3);
    const StepCounts counts = allocations_per_step(model, train, split.test, 32, threads);
    if (threads == 1) expect_no_allocation_after_the_first_step(counts, "qdfnn, 1 thread");
    else expect_each_thread_allocates_only_when_it_starts(counts, "qdfnn, 2 threads");
  }
}

TEST(TrainingStepAllocations, QdcnnOnAnImageSubsetAllocatesNothingAfterTheFirstStep) {
  ImageDatasetOptions io;
  io.downsample = 2;  // 14x14
  io.train_per_class = 112;
  io.test_per_class = 8;
  const ImageData images = load_image_dataset("fashion-mnist-subset", io);  // 448 training images: 7 steps
  for (int threads : {1, 2}) {
    ModelOptions mo;
    mo.kind = ModelKind::qdcnn;
    mo.width = 16;
    mo.image_channels = 1;
    mo.image_height = 14;
    mo.image_width = 14;
    Model model(mo, images.train.feature_count(), images.train.class_count());
    const StepCounts counts = allocations_per_step(model, images.train, images.test, 64, threads);
    if (threads == 1) expect_no_allocation_after_the_first_step(counts, "qdcnn, 1 thread");
    else expect_each_thread_allocates_only_when_it_starts(counts, "qdcnn, 2 threads");
  }
}

}  // namespace
