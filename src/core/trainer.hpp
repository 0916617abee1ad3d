// Mini-batch training with seeded shuffling, per-epoch curves and per-layer
// gradient norms. The same seed gives the same numbers, bit for bit.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "json.hpp"
#include "model.hpp"
#include "optimizer.hpp"
#include "rng.hpp"
#include "thread_pool.hpp"

namespace hqnn {

struct TrainOptions {
  int epochs = 100;
  int batch = 16;                 // D6: 16 for iris, 64 for images
  OptimizerOptions optimizer;
  uint64_t seed = 1;              // shuffling
  SoftmaxLoss loss = SoftmaxLoss::stable;  // the training steps' loss (evaluations always report the stable one)
  // Threads for the training steps and evaluations; 0 means every core (the
  // program's shared pool when it started one, see start_shared_thread_pool).
  // The results do not depend on it (Model::kChunkRows).
  int threads = 0;
  static constexpr int kMaxThreads = 1024;
};
void validate(const TrainOptions& options);

struct EpochRecord {
  int epoch = 0;                  // 1-based
  double train_loss = 0, train_accuracy = 0;
  double test_loss = 0, test_accuracy = 0;
  std::vector<double> grad_norm_mean, grad_norm_max;  // per parameter block, over the epoch's steps
  bool finite = true;             // false once a loss or gradient was NaN/Inf in this epoch
  double max_abs_logit = 0;       // the largest finite |logit| of the epoch's training steps
};

// One epoch record in the state form (Trainer::state_json's history items, a
// checkpoint's appended epochs): exact numbers, so that a resumed run is bit for bit.
Json epoch_record_json(const EpochRecord& r);

struct Evaluation {
  double loss = 0, accuracy = 0;
  Matrix probabilities;           // samples x classes
  std::vector<int> predictions;
};
// Evaluates in batches of `batch` samples, each in chunks spread over `pool`
// (one thread without it). NaN logits give NaN loss and class 0.
Evaluation evaluate(Model& model, const Dataset& data, int batch = 256, ThreadPool* pool = nullptr);

class Trainer {
 public:
  // `train` and `test` must outlive the trainer and not change while it trains
  // (image sets are batched from a copy of train's features made here).
  Trainer(Model& model, const Dataset& train, const Dataset& test, const TrainOptions& options);

  // One optimiser step on the next mini-batch; returns true when it finished an epoch
  // (the epoch's record is then in history()).
  bool step();
  // Steps to the end of the current epoch and returns its record.
  const EpochRecord& run_epoch();
  // Runs the remaining epochs; `on_epoch` is called after each one.
  void run(const std::function<void(const EpochRecord&)>& on_epoch = {});

  int epoch() const { return static_cast<int>(history_.size()); }
  bool done() const { return epoch() >= options_.epochs; }
  const std::vector<EpochRecord>& history() const { return history_; }
  // Everything needed to continue training exactly where it stopped: the
  // optimiser's moments, the shuffling state, the position in the epoch and the
  // curves so far. Continue with a model loaded from the same point.
  // with_history false: "history" is left empty, for savers that keep the
  // curves apart (a checkpoint appends them, so saving costs O(1) per epoch).
  Json state_json(bool with_history = true) const;
  void load_state(const Json& state);  // throws InputError when it does not fit this model and data
  const std::vector<std::string>& param_names() const { return param_names_; }
  double last_batch_loss() const { return last_loss_; }
  const TrainOptions& options() const { return options_; }
  ThreadPool* thread_pool() { return pool_; }  // for evaluations beside training

 private:
  void finish_epoch();
  static constexpr Index kMinRowCopyFeatures = 64;
#ifdef __EMSCRIPTEN__
  static constexpr double kMaxRowCopyBytes = 16.0 * 1024 * 1024;  // the page's heap is fixed; its sets are small
#else
  static constexpr double kMaxRowCopyBytes = 128.0 * 1024 * 1024;
#endif
  Model& model_;
  const Dataset& train_;
  const Dataset& test_;
  TrainOptions options_;
  std::unique_ptr<ThreadPool> own_pool_;  // null when the shared pool is borrowed
  ThreadPool* pool_ = nullptr;
  Optimizer optimizer_;
  Rng shuffle_rng_;
  std::vector<Index> order_;
  size_t cursor_ = 0;
  std::vector<std::string> param_names_;
  std::vector<double> norm_sum_, norm_max_;
  int steps_in_epoch_ = 0;
  bool epoch_finite_ = true;
  double epoch_max_abs_logit_ = 0;
  double last_loss_ = 0;
  std::vector<EpochRecord> history_;
  RowMajorMatrix train_rows_;  // train's features row by row (empty: gathered from train_ itself)
  Matrix batch_x_;
  std::vector<int> batch_y_;
};

}  // namespace hqnn
