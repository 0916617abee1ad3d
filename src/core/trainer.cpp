#include "trainer.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <numeric>

#include "state_json.hpp"

namespace hqnn {

static std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void validate(const TrainOptions& o) {
  if (o.epochs < 1) throw InputError("epochs must be at least 1, got " + std::to_string(o.epochs));
  if (o.epochs > 1000000) throw InputError("epochs must be at most 1000000, got " + std::to_string(o.epochs));
  if (o.batch < 1) throw InputError("batch size must be at least 1, got " + std::to_string(o.batch));
  if (o.threads < 0 || o.threads > TrainOptions::kMaxThreads)
    throw InputError("threads must be between 0 (every core) and " + std::to_string(TrainOptions::kMaxThreads) +
                     ", got " + std::to_string(o.threads));
  if (!(o.optimizer.lr > 0) || !std::isfinite(o.optimizer.lr))
    throw InputError("learning rate must be a finite number > 0, got " + short_number(o.optimizer.lr));
  if (!(o.optimizer.momentum >= 0 && o.optimizer.momentum < 1))
    throw InputError("momentum must be in [0, 1), got " + short_number(o.optimizer.momentum));
}

// Samples rows[begin, end) of `data` into x (batch x features). From the
// trainer's row-major copy when it has one: each sample is then one contiguous
// read, where the column-major set costs a cache miss per feature and sample.
// Else column by column, the columns shared out over the pool (a random gather
// from a large set is bound by memory latency). Both copy the same values.
static void gather_batch(const Dataset& data, const RowMajorMatrix& rows_copy, const std::vector<Index>& rows,
                         size_t begin, size_t end, Matrix& x, std::vector<int>& y, ThreadPool& pool) {
  const Index count = static_cast<Index>(end - begin), features = data.feature_count();
  x.resize(count, features);
  y.resize(static_cast<size_t>(count));
  for (Index i = 0; i < count; ++i) y[static_cast<size_t>(i)] = data.labels[rows[begin + static_cast<size_t>(i)]];
  const Index* picked = rows.data() + begin;
  if (rows_copy.size() > 0) {
    for (Index i = 0; i < count; ++i) x.row(i) = rows_copy.row(picked[i]);
    return;
  }
  const int parts = static_cast<int>(std::min<Index>(pool.size(), features));
  const auto gather_part = [&](int part) {
    for (Index c = features * part / parts; c < features * (part + 1) / parts; ++c) {
      const Real* src = data.features.col(c).data();
      Real* dst = x.col(c).data();
      for (Index i = 0; i < count; ++i) dst[i] = src[picked[i]];
    }
  };
  // One reference: the pool's std::function then holds it without allocating.
  pool.run(parts, [&gather_part](int part, int) { gather_part(part); });
}

Evaluation evaluate(Model& model, const Dataset& data, int batch, ThreadPool* pool) {
  std::unique_ptr<ThreadPool> own_pool;
  if (!pool) pool = (own_pool = std::make_unique<ThreadPool>(1)).get();
  Evaluation ev;
  const Index n = data.size();
  ev.probabilities.resize(n, model.class_count());
  ev.predictions.resize(static_cast<size_t>(n));
  Matrix x;
  double loss_sum = 0;
  Index correct = 0;
  for (Index begin = 0; begin < n; begin += batch) {
    const Index end = std::min(n, begin + batch);
    // consecutive samples: a block copy, column by column
    x = data.features.middleRows(begin, end - begin);
    const std::vector<int> y(data.labels.begin() + begin, data.labels.begin() + end);
    const Matrix& logits = model.forward(x, *pool);
    loss_sum += softmax_cross_entropy(logits, y, nullptr) * static_cast<double>(end - begin);
    const Matrix p = softmax(logits);
    ev.probabilities.middleRows(begin, end - begin) = p;
    for (Index i = 0; i < end - begin; ++i) {
      Index arg = 0;
      for (Index c = 1; c < p.cols(); ++c)
        if (p(i, c) > p(i, arg)) arg = c;  // NaN compares false: class 0
      ev.predictions[static_cast<size_t>(begin + i)] = static_cast<int>(arg);
      correct += arg == y[static_cast<size_t>(i)];
    }
  }
  ev.loss = n > 0 ? loss_sum / static_cast<double>(n) : 0.0;
  ev.accuracy = n > 0 ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
  return ev;
}

Trainer::Trainer(Model& model, const Dataset& train, const Dataset& test, const TrainOptions& options)
    : model_(model), train_(train), test_(test), options_(options), optimizer_(options.optimizer),
      shuffle_rng_(options.seed, kStreamShuffle) {
  validate(options);
  if (train.size() == 0) throw InputError("the training set is empty");
  if (train.feature_count() != model.input_width())
    throw InputError("the model expects " + std::to_string(model.input_width()) + " features, the data has " +
                     std::to_string(train.feature_count()));
  // Every check comes before the pool's threads start: the threaded wasm build
  // compiles this file without exception cleanup, and a refused trainer must
  // not leave threads behind.
  pool_ = options.threads == 0 ? shared_thread_pool() : nullptr;
  if (!pool_) pool_ = (own_pool_ = std::make_unique<ThreadPool>(options.threads)).get();
  // Image sets are gathered from a row-major copy, up to kMaxRowCopyBytes (the
  // full FashionMNIST 0-3: 75 MB; the page's subsets: 3 MB); small sets stay in cache either way.
  const double copy_bytes = static_cast<double>(train.features.size()) * sizeof(Real);
  if (train.feature_count() >= kMinRowCopyFeatures && copy_bytes <= kMaxRowCopyBytes) train_rows_ = train.features;
  order_.resize(static_cast<size_t>(train.size()));
  std::iota(order_.begin(), order_.end(), Index(0));
  shuffle_rng_.shuffle(order_);
  for (const auto& b : model_.params()) param_names_.push_back(b.name);
  norm_sum_.assign(param_names_.size(), 0.0);
  norm_max_.assign(param_names_.size(), 0.0);
}

bool Trainer::step() {
  const size_t end = std::min(order_.size(), cursor_ + static_cast<size_t>(options_.batch));
  gather_batch(train_, train_rows_, order_, cursor_, end, batch_x_, batch_y_, *pool_);
  last_loss_ = model_.forward_backward(batch_x_, batch_y_, *pool_, options_.loss);
  epoch_max_abs_logit_ = std::max(epoch_max_abs_logit_, model_.last_max_abs_logit());
  const auto& blocks = model_.params();
  bool finite = std::isfinite(last_loss_);
  for (size_t i = 0; i < blocks.size(); ++i) {
    double sq = 0;
    for (Index k = 0; k < blocks[i].size; ++k) sq += static_cast<double>(blocks[i].grad[k]) * blocks[i].grad[k];
    const double norm = std::sqrt(sq);
    finite = finite && std::isfinite(norm);
    norm_sum_[i] += norm;
    norm_max_[i] = std::max(norm_max_[i], norm);
  }
  epoch_finite_ = epoch_finite_ && finite;
  optimizer_.step(blocks);
  model_.after_optimizer_step();
  ++steps_in_epoch_;
  cursor_ = end;
  if (cursor_ < order_.size()) return false;
  finish_epoch();
  return true;
}

void Trainer::finish_epoch() {
  EpochRecord rec;
  rec.epoch = epoch() + 1;
  const Evaluation tr = evaluate(model_, train_, 256, pool_);
  rec.train_loss = tr.loss;
  rec.train_accuracy = tr.accuracy;
  if (test_.size() > 0) {
    const Evaluation te = evaluate(model_, test_, 256, pool_);
    rec.test_loss = te.loss;
    rec.test_accuracy = te.accuracy;
  }
  rec.grad_norm_mean.resize(norm_sum_.size());
  for (size_t i = 0; i < norm_sum_.size(); ++i) rec.grad_norm_mean[i] = norm_sum_[i] / std::max(1, steps_in_epoch_);
  rec.grad_norm_max = norm_max_;
  rec.finite = epoch_finite_ && std::isfinite(rec.train_loss);
  rec.max_abs_logit = epoch_max_abs_logit_;
  history_.push_back(std::move(rec));
  epoch_max_abs_logit_ = 0;
  std::fill(norm_sum_.begin(), norm_sum_.end(), 0.0);
  std::fill(norm_max_.begin(), norm_max_.end(), 0.0);
  steps_in_epoch_ = 0;
  epoch_finite_ = true;
  cursor_ = 0;
  shuffle_rng_.shuffle(order_);
}

Json epoch_record_json(const EpochRecord& r) {
  Json e = Json::object();
  e.set("train_loss", exact_number(r.train_loss));
  e.set("train_accuracy", exact_number(r.train_accuracy));
  e.set("test_loss", exact_number(r.test_loss));
  e.set("test_accuracy", exact_number(r.test_accuracy));
  e.set("grad_norm_mean", exact_numbers(r.grad_norm_mean));
  e.set("grad_norm_max", exact_numbers(r.grad_norm_max));
  e.set("finite", r.finite);
  e.set("max_abs_logit", exact_number(r.max_abs_logit));
  return e;
}

Json Trainer::state_json(bool with_history) const {
  Json j = Json::object();
  j.set("epoch", epoch());
  j.set("cursor", static_cast<long long>(cursor_));
  Json order = Json::array();
  for (Index i : order_) order.push(static_cast<long long>(i));
  j.set("order", order);
  j.set("shuffle_rng", rng_state_json(shuffle_rng_.state()));
  j.set("optimizer", optimizer_.state_json());
  // The epoch in progress: its gradient-norm sums so far.
  j.set("steps_in_epoch", steps_in_epoch_);
  j.set("epoch_finite", epoch_finite_);
  j.set("epoch_max_abs_logit", exact_number(epoch_max_abs_logit_));
  j.set("norm_sum", exact_numbers(norm_sum_));
  j.set("norm_max", exact_numbers(norm_max_));
  Json hist = Json::array();
  for (size_t i = 0; with_history && i < history_.size(); ++i) {
    hist.push(epoch_record_json(history_[i]));
  }
  j.set("history", hist);
  return j;
}

void Trainer::load_state(const Json& j) {
  // Everything is read and checked first; the trainer changes only if all of it fits.
  const std::string ctx = "training state";
  const auto& order = j.at("order", ctx).items(ctx + ".order");
  if (order.size() != order_.size())
    throw InputError(ctx + ": saved for " + std::to_string(order.size()) + " training samples, the data has " +
                     std::to_string(order_.size()));
  std::vector<Index> restored;
  std::vector<bool> seen(order_.size(), false);
  for (const auto& v : order) {
    const double i = v.as_number(ctx + ".order");
    if (!(i >= 0 && i < static_cast<double>(order_.size())) || i != std::floor(i) || seen[static_cast<size_t>(i)])
      throw InputError(ctx + ".order: not a permutation of the training samples");
    seen[static_cast<size_t>(i)] = true;
    restored.push_back(static_cast<Index>(i));
  }
  const double cursor = j.at("cursor", ctx).as_number(ctx + ".cursor");
  if (!(cursor >= 0 && cursor < static_cast<double>(order_.size())) || cursor != std::floor(cursor))
    throw InputError(ctx + ".cursor: out of range");
  const Rng::State rs = rng_state_of(j.at("shuffle_rng", ctx), ctx + ".shuffle_rng");
  const size_t blocks = param_names_.size();
  const auto per_block = [&](const Json& v, const std::string& what) {
    std::vector<double> values = exact_numbers_of(v, what);
    if (values.size() != blocks)
      throw InputError(what + ": expected " + std::to_string(blocks) + " parameter blocks, got " +
                       std::to_string(values.size()));
    return values;
  };
  const double steps = j.at("steps_in_epoch", ctx).as_number(ctx + ".steps_in_epoch");
  if (!(steps >= 0 && steps <= static_cast<double>(order_.size())) || steps != std::floor(steps))
    throw InputError(ctx + ".steps_in_epoch: out of range");
  const bool epoch_finite = j.at("epoch_finite", ctx).as_bool(ctx + ".epoch_finite");
  // Absent in checkpoints written before the largest |logit| was logged: 0.
  const Json* saved_max_logit = j.get("epoch_max_abs_logit");
  const double epoch_max_abs_logit =
      saved_max_logit ? exact_number_of(*saved_max_logit, ctx + ".epoch_max_abs_logit") : 0.0;
  std::vector<double> norm_sum = per_block(j.at("norm_sum", ctx), ctx + ".norm_sum");
  std::vector<double> norm_max = per_block(j.at("norm_max", ctx), ctx + ".norm_max");
  std::vector<EpochRecord> hist;
  for (const auto& e : j.at("history", ctx).items(ctx + ".history")) {
    const std::string ectx = ctx + ".history[" + std::to_string(hist.size()) + "]";
    EpochRecord r;
    r.epoch = static_cast<int>(hist.size()) + 1;
    r.train_loss = exact_number_of(e.at("train_loss", ectx), ectx);
    r.train_accuracy = exact_number_of(e.at("train_accuracy", ectx), ectx);
    r.test_loss = exact_number_of(e.at("test_loss", ectx), ectx);
    r.test_accuracy = exact_number_of(e.at("test_accuracy", ectx), ectx);
    r.grad_norm_mean = per_block(e.at("grad_norm_mean", ectx), ectx + ".grad_norm_mean");
    r.grad_norm_max = per_block(e.at("grad_norm_max", ectx), ectx + ".grad_norm_max");
    r.finite = e.at("finite", ectx).as_bool(ectx + ".finite");
    if (const Json* m = e.get("max_abs_logit")) r.max_abs_logit = exact_number_of(*m, ectx + ".max_abs_logit");
    hist.push_back(std::move(r));
  }
  Optimizer optimizer(options_.optimizer);
  optimizer.load_state(j.at("optimizer", ctx), model_.params());

  optimizer_ = std::move(optimizer);
  order_ = std::move(restored);
  cursor_ = static_cast<size_t>(cursor);
  shuffle_rng_.set_state(rs);
  history_ = std::move(hist);
  norm_sum_ = std::move(norm_sum);
  norm_max_ = std::move(norm_max);
  steps_in_epoch_ = static_cast<int>(steps);
  epoch_finite_ = epoch_finite;
  epoch_max_abs_logit_ = epoch_max_abs_logit;
}

const EpochRecord& Trainer::run_epoch() {
  while (!step()) {
  }
  return history_.back();
}

void Trainer::run(const std::function<void(const EpochRecord&)>& on_epoch) {
  while (!done()) {
    const EpochRecord& rec = run_epoch();
    if (on_epoch) on_epoch(rec);
  }
}

}  // namespace hqnn
