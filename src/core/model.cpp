#include "model.hpp"

#include <algorithm>
#include <cmath>

#include "activation.hpp"
#include "amplitude_encoding.hpp"
#include "attack.hpp"
#include "conv2d.hpp"
#include "exact_math.hpp"
#include "input_error.hpp"
#include "max_pool.hpp"
#include "linear.hpp"
#include "rng.hpp"
#include "thread_pool.hpp"

namespace hqnn {

static bool uses_rot_relu(ModelKind kind) { return enum_row(kind).activation == Activation::rot_relu; }

// The largest logit of row b, in class order (a NaN logit makes the loss NaN either way).
static Real row_max(const Matrix& logits, Index b) {
  Real m = logits(b, 0);
  for (Index k = 1; k < logits.cols(); ++k) m = std::max(m, logits(b, k));
  return m;
}

// Softmax cross-entropy for rows of a larger batch: row b's loss goes to
// row_loss[b], and the gradient is that of the mean over `mean_over` samples.
// Stable: log Σ exp(z − max z). Naive: p = exp z / Σ exp z and −log p_y, in
// Real, as a textbook implementation would write it.
static void softmax_cross_entropy_rows(const Matrix& logits, const int* labels, Index mean_over, double* row_loss,
                                       Matrix* grad, SoftmaxLoss loss) {
  if (grad) grad->resize(logits.rows(), logits.cols());
  // Plain loops with exact::exp and sums in class order: the same bits in every
  // build (Eigen's exp() and sum() are vectorised natively, scalar in WebAssembly).
  const Index classes = logits.cols();
  for (Index b = 0; b < logits.rows(); ++b) {
    if (loss == SoftmaxLoss::naive) {
      // p_k = exp z_k / Σ exp z, in class order: overflows to inf/inf = NaN for a large logit.
      Real sum = 0;
      for (Index k = 0; k < classes; ++k) sum += exact::exp(logits(b, k));
      row_loss[b] = -exact::log(static_cast<double>(exact::exp(logits(b, labels[b])) / sum));
      if (grad) {
        for (Index k = 0; k < classes; ++k) (*grad)(b, k) = exact::exp(logits(b, k)) / sum / Real(mean_over);
        (*grad)(b, labels[b]) -= Real(1) / Real(mean_over);
      }
      continue;
    }
    const Real m = row_max(logits, b);
    Real sum = 0;
    for (Index k = 0; k < classes; ++k) sum += exact::exp(logits(b, k) - m);
    const double log_sum = exact::log(static_cast<double>(sum));
    row_loss[b] = log_sum - static_cast<double>(logits(b, labels[b]) - m);
    if (grad) {
      for (Index k = 0; k < classes; ++k)
        (*grad)(b, k) = exact::exp((logits(b, k) - m) - static_cast<Real>(log_sum)) / Real(mean_over);
      (*grad)(b, labels[b]) -= Real(1) / Real(mean_over);
    }
  }
}

// The largest finite |z| of a block of logits; 0 when none is finite.
static double max_abs_finite(const Matrix& logits) {
  double m = 0;
  for (Index i = 0; i < logits.size(); ++i) {
    const double v = std::abs(double(logits.data()[i]));
    if (std::isfinite(v) && v > m) m = v;
  }
  return m;
}

Index effective_width(const ModelOptions& options, Index input_width) {
  return options.width > 0 ? options.width : is_convolutional(options.kind) ? 64 : input_width;  // D9: n = 64
}

void validate(const ModelOptions& o) {
  if (o.layers < 1) throw InputError("layers (L) must be at least 1, got " + std::to_string(o.layers));
  if (o.layers > 64) throw InputError("layers (L) must be at most 64, got " + std::to_string(o.layers));
  if (o.width < 0) throw InputError("width (n) must be positive, got " + std::to_string(o.width));
  if (o.width == 1) throw InputError("width (n) must be at least 2: a V chain needs two amplitudes");
  if (o.width > 16384) throw InputError("width (n) must be at most 16384, got " + std::to_string(o.width));
  if (!(o.angle_init_scale >= 0) || !std::isfinite(o.angle_init_scale))
    throw InputError("angle initialisation scale must be a finite number >= 0");
  if (!std::isfinite(o.lambda_init)) throw InputError("lambda initial value must be finite");
  if (!(o.leaky_slope >= 0 && o.leaky_slope <= 1)) throw InputError("leaky-relu slope must be between 0 and 1");
  if (is_convolutional(o.kind)) {
    if (o.conv1_channels < 1 || o.conv2_channels < 1 || o.conv1_channels > 256 || o.conv2_channels > 256)
      throw InputError("convolution channels must be between 1 and 256");
    if (o.image_channels > 256 || o.image_height > 4096 || o.image_width > 4096)
      throw InputError("image shape " + std::to_string(o.image_channels) + "x" + std::to_string(o.image_height) + "x" +
                       std::to_string(o.image_width) + " is too large (at most 256 channels of 4096x4096)");
    if (o.image_channels < 1 || o.image_height < 4 || o.image_width < 4)
      throw InputError(std::string(enum_name(o.kind)) + " needs image data of at least 4x4 pixels (got " +
                       std::to_string(o.image_channels) + "x" + std::to_string(o.image_height) + "x" +
                       std::to_string(o.image_width) + "); use an image dataset or an FNN model");
  }
}

// The largest model hqnn builds: a model file or option asking for more is
// refused before any memory is allocated.
constexpr double kMaxParameters = 64e6;

Model::Model(const ModelOptions& options, Index input_width, int classes)
    : options_(options), input_width_(input_width), classes_(classes) {
  validate(options);
  if (input_width < 1) throw InputError("the data has no feature columns");
  if (input_width > (Index(1) << 24)) throw InputError("the data has " + std::to_string(input_width) + " features; at most 16777216 are supported");
  if (classes < 2) throw InputError("classification needs at least two classes, got " + std::to_string(classes));
  if (classes > 100000) throw InputError("at most 100000 classes are supported, got " + std::to_string(classes));
  {
    // the dominant weight matrices, before allocating them
    const double n = double(effective_width(options, input_width));
    double in = double(input_width);
    if (is_convolutional(options.kind))
      in = double(options.conv2_channels) * (options.image_height / 4) * (options.image_width / 4);
    if (is_convolutional(options.kind)) {
      // the largest activation per sample (conv1's output) must fit comfortably in memory for a batch
      const double activation = double(options.conv1_channels) * options.image_height * options.image_width;
      if (activation > 16e6)
        throw InputError("a " + std::to_string(options.image_height) + "x" + std::to_string(options.image_width) +
                         " image with " + std::to_string(options.conv1_channels) +
                         " first-layer channels needs too much memory per sample (at most 16 million activations)");
    }
    const double estimate = in * n + n * n * (is_hybrid(options.kind) ? 0 : options.layers) + n * classes +
                            double(options.layers) * (2 * n + options.layers);
    if (estimate > kMaxParameters)
      throw InputError("the model would have about " + std::to_string(static_cast<long long>(estimate)) +
                       " parameters; at most " + std::to_string(static_cast<long long>(kMaxParameters)) +
                       " are supported (reduce the width n, the layers or the input size)");
  }
  const bool conv = is_convolutional(options.kind);
  width_ = static_cast<int>(effective_width(options, input_width));
  if (is_hybrid(options.kind) && width_ < 2)
    throw InputError("a quantum-inspired layer needs n >= 2 amplitudes; the data has one feature, set --width");
  Rng rng(options.seed, kStreamInit);
  auto activation = [&](Index width) -> std::unique_ptr<Layer> {
    if (uses_rot_relu(options.kind)) return std::make_unique<RotRelu>(width);
    return std::make_unique<LeakyRelu>(width, options.leaky_slope);
  };
  Index features = input_width;
  if (conv) {
    if (input_width != Index(options.image_channels) * Index(options.image_height) * Index(options.image_width))
      throw InputError("the data has " + std::to_string(input_width) + " features, the model's image shape " +
                       std::to_string(options.image_channels) + "x" + std::to_string(options.image_height) + "x" +
                       std::to_string(options.image_width) + " needs " +
                       std::to_string(Index(options.image_channels) * options.image_height * options.image_width));
    int channels = options.image_channels, h = options.image_height, w = options.image_width;
    const int widths[2] = {options.conv1_channels, options.conv2_channels};
    for (int stage = 0; stage < 2; ++stage) {
      Conv2dShape s;
      s.in_channels = channels;
      s.out_channels = widths[stage];
      s.height = h;
      s.width = w;
      s.kernel = 3;
      s.padding = 1;
      auto c = std::make_unique<Conv2d>("conv" + std::to_string(stage), s, rng);
      if (stage == 0) c->set_input_gradient(false);
      const Index out = c->output_width();
      layers_.push_back(std::move(c));
      layers_.push_back(std::make_unique<LeakyRelu>(out, options.leaky_slope));
      if (uses_rot_relu(options.kind)) layers_.back() = std::make_unique<RotRelu>(out);
      layers_.push_back(std::make_unique<MaxPool2d>(widths[stage], h, w, 2));
      channels = widths[stage];
      h /= 2;
      w /= 2;
    }
    features = Index(channels) * h * w;  // flatten is the identity in this layout
    layers_.push_back(std::make_unique<Linear>("proj", features, width_, rng));
    features = width_;
    if (!is_hybrid(options.kind) && !is_classical_skip(options.kind)) layers_.push_back(activation(width_));
  }
  if (is_hybrid(options.kind) || is_classical_skip(options.kind)) {
    if (width_ != features) layers_.push_back(std::make_unique<Linear>("in", features, width_, rng));
    encoding_index_ = static_cast<int>(layers_.size());
    layers_.push_back(std::make_unique<AmplitudeEncoding>(width_));
  }
  if (is_classical_skip(options.kind)) {
    ClassicalSkipStackOptions c;
    static_cast<SkipStackOptions&>(c) = options;
    c.topology = skip_topology_of(options.kind);
    c.branch = enum_row(options.kind).branch();
    c.width = width_;
    c.leaky_slope = options.leaky_slope;
    auto stack = std::make_unique<ClassicalSkipStack>("c", c, rng);
    classical_skip_ = stack.get();
    layers_.push_back(std::move(stack));
  } else if (is_hybrid(options.kind)) {
    QuantumStackOptions q;
    static_cast<SkipStackOptions&>(q) = options;
    static_cast<QuantumLayerOptions&>(q) = options;
    q.topology = skip_topology_of(options.kind);
    q.width = width_;
    auto stack = std::make_unique<QuantumStack>("q", q, rng);
    quantum_ = stack.get();
    layers_.push_back(std::move(stack));
  } else {
    Index in = features;
    for (int l = 0; l < options.layers; ++l) {
      hidden_linear_index_.push_back(layers_.size());
      layers_.push_back(std::make_unique<Linear>("fc" + std::to_string(l), in, width_, rng));
      layers_.push_back(activation(width_));
      in = width_;
    }
  }
  layers_.push_back(std::make_unique<Linear>("out", width_, classes, rng));
  activations_.resize(layers_.size() + 1);
  output_offsets_.resize(layers_.size());
  for (auto& layer : layers_)
    for (auto& block : layer->params()) params_.push_back(std::move(block));
}

const Matrix* Model::encoding_input() const {
  return encoding_index_ < 0 ? nullptr : &activations_[static_cast<size_t>(encoding_index_)];
}

const Matrix& Model::forward(const Matrix& inputs) {
  if (attack_ && !keep_attack_draws_) attack_->before_forward(*this);
  activations_[0] = inputs;
  forward_layers();
  return activations_.back();
}

void Model::forward_layers() {
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(activations_[i], activations_[i + 1]);
    if (output_offsets_[i].size() > 0) activations_[i + 1].rowwise() += output_offsets_[i];
  }
}

// [SECTION] Chunked passes

void Model::copy_state_from(Model& source) {
  const auto& from = source.params();
  const auto& to = params();
  for (size_t i = 0; i < from.size(); ++i) std::copy(from[i].value, from[i].value + from[i].size, to[i].value);
  if (QuantumStack* q = source.quantum_stack())
    for (int l = 0; l < q->options().layers; ++l) quantum_->perturbation(l) = q->perturbation(l);
  if (!quantum_)
    for (int l = 0; l < options_.layers; ++l) {
      const AttackTarget from_target = source.attack_target(l), to_target = attack_target(l);
      *to_target.weight_offset = *from_target.weight_offset;
      *to_target.output_offset = *from_target.output_offset;
    }
  output_offsets_ = source.output_offsets_;
}

// Chunks are handed out one at a time; the thread that takes one runs it on
// its own copy of the model (this model on the caller's thread), brought up to
// date at its first chunk. Which thread computes a chunk does not change the
// result: every copy holds the same parameters.
template <class AfterForward>
void Model::for_each_chunk(const Matrix& inputs, ThreadPool& pool, const AfterForward& after_forward) {
  if (attack_ && !keep_attack_draws_) attack_->before_forward(*this);
  const Index batch = inputs.rows();
  const int chunks = static_cast<int>((batch + kChunkRows - 1) / kChunkRows);
  while (static_cast<int>(replicas_.size()) < pool.size() - 1)
    replicas_.push_back(std::make_unique<Model>(options_, input_width_, classes_));
  replica_up_to_date_.assign(static_cast<size_t>(pool.size()), 0);
  const auto run_chunk = [&](int c, int thread) {
    Model& m = thread == 0 ? *this : *replicas_[static_cast<size_t>(thread - 1)];
    if (thread > 0 && !replica_up_to_date_[static_cast<size_t>(thread)]) {
      m.copy_state_from(*this);
      replica_up_to_date_[static_cast<size_t>(thread)] = 1;
    }
    const Index begin = Index(c) * kChunkRows, rows = std::min(kChunkRows, batch - begin);
    m.activations_[0] = inputs.middleRows(begin, rows);
    m.forward_layers();
    after_forward(m, c, begin, rows);
  };
  // One reference: the pool's std::function then holds it without allocating.
  pool.run(chunks, [&run_chunk](int c, int thread) { run_chunk(c, thread); });
}

double Model::forward_backward(const Matrix& inputs, const std::vector<int>& labels, ThreadPool& pool,
                               SoftmaxLoss loss) {
  const Index batch = inputs.rows();
  const size_t chunks = static_cast<size_t>((batch + kChunkRows - 1) / kChunkRows);
  chunk_grads_.resize(chunks);
  chunk_max_abs_logit_.assign(chunks, 0.0);
  row_losses_.resize(static_cast<size_t>(batch));
  for_each_chunk(inputs, pool, [&](Model& m, int c, Index begin, Index) {
    chunk_max_abs_logit_[static_cast<size_t>(c)] = max_abs_finite(m.activations_.back());
    softmax_cross_entropy_rows(m.activations_.back(), labels.data() + begin, batch, row_losses_.data() + begin,
                               &m.grad_logits_, loss);
    m.backward(m.grad_logits_);
    std::vector<Real>& g = chunk_grads_[static_cast<size_t>(c)];
    g.clear();  // keeps its capacity: no allocation after the first step
    for (const auto& block : m.params()) g.insert(g.end(), block.grad, block.grad + block.size);
  });
  // dL/dθ = Σ over chunks, in chunk order.
  size_t offset = 0;
  for (const auto& block : params()) {
    std::copy(chunk_grads_[0].begin() + offset, chunk_grads_[0].begin() + offset + block.size, block.grad);
    for (size_t c = 1; c < chunks; ++c) {
      const Real* g = chunk_grads_[c].data() + offset;
      for (Index k = 0; k < block.size; ++k) block.grad[k] += g[k];
    }
    offset += static_cast<size_t>(block.size);
  }
  last_max_abs_logit_ = 0;
  for (double v : chunk_max_abs_logit_) last_max_abs_logit_ = std::max(last_max_abs_logit_, v);
  double total = 0;
  for (double l : row_losses_) total += l;
  return total / static_cast<double>(batch);
}

const Matrix& Model::forward(const Matrix& inputs, ThreadPool& pool) {
  batch_logits_.resize(inputs.rows(), classes_);
  for_each_chunk(inputs, pool, [&](Model& m, int, Index begin, Index rows) {
    batch_logits_.middleRows(begin, rows) = m.activations_.back();
  });
  return batch_logits_;
}

AttackTarget Model::attack_target(int l) {
  if (classical_skip_) return classical_skip_->attack_target(l);
  const size_t i = hidden_linear_index_.at(static_cast<size_t>(l));
  auto& fc = static_cast<Linear&>(*layers_[i]);
  // The activation follows its Linear layer directly.
  return {&fc.weight, &fc.weight_offset, &output_offsets_[i + 1], fc.output_width()};
}

void Model::set_attack(const AttackOptions& options) {
  clear_attack();
  attack_ = std::make_shared<ParameterAttack>(options, *this);
}

void Model::clear_attack() {
  if (attack_) attack_->remove(*this);
  attack_.reset();
}

Json Model::attack_state_json() { return attack_ ? attack_->state_json(*this) : Json(); }

void Model::load_attack_state(const Json& state) {
  if (!attack_) throw InputError("attack state: the model is not under attack (are the attack options missing?)");
  attack_->load_state(state, *this);
}

void Model::after_optimizer_step() {
  if (attack_) attack_->after_step(*this);
}

void Model::backward(const Matrix& grad_logits) {
  input_grads_.resize(layers_.size());
  for (size_t i = layers_.size(); i-- > 0;)
    layers_[i]->backward(i + 1 < layers_.size() ? input_grads_[i + 1] : grad_logits, input_grads_[i]);
}

Index Model::parameter_count() {
  Index total = 0;
  for (const auto& b : params()) total += b.size;
  return total;
}

Matrix softmax(const Matrix& logits) {
  Matrix p(logits.rows(), logits.cols());
  for (Index b = 0; b < logits.rows(); ++b) {
    const Real m = row_max(logits, b);
    Real sum = 0;
    for (Index k = 0; k < logits.cols(); ++k) sum += (p(b, k) = exact::exp(logits(b, k) - m));
    for (Index k = 0; k < logits.cols(); ++k) p(b, k) /= sum;
  }
  return p;
}

double softmax_cross_entropy(const Matrix& logits, const std::vector<int>& labels, Matrix* grad, SoftmaxLoss loss) {
  const Index batch = logits.rows();
  std::vector<double> row_loss(static_cast<size_t>(batch));
  softmax_cross_entropy_rows(logits, labels.data(), batch, row_loss.data(), grad, loss);
  double total = 0;
  for (double l : row_loss) total += l;
  return total / static_cast<double>(batch);
}

}  // namespace hqnn
