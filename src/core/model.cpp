#include "model.hpp"

#include <cmath>

#include "activation.hpp"
#include "amplitude_encoding.hpp"
#include "attack.hpp"
#include "dataset.hpp"
#include "linear.hpp"
#include "rng.hpp"

namespace hqnn {

const char* model_kind_name(ModelKind kind) {
  switch (kind) {
    case ModelKind::tqfnn: return "tqfnn";
    case ModelKind::qrfnn: return "qrfnn";
    case ModelKind::qdfnn: return "qdfnn";
    case ModelKind::mlp_leaky: return "mlp-leaky";
    case ModelKind::mlp_rot: return "mlp-rot";
  }
  return "?";
}

std::optional<ModelKind> parse_model_kind(const std::string& name) {
  for (ModelKind k : {ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn, ModelKind::mlp_leaky, ModelKind::mlp_rot})
    if (name == model_kind_name(k)) return k;
  if (name == "mlp_leaky") return ModelKind::mlp_leaky;
  if (name == "mlp_rot") return ModelKind::mlp_rot;
  return std::nullopt;
}

bool is_hybrid(ModelKind kind) {
  return kind == ModelKind::tqfnn || kind == ModelKind::qrfnn || kind == ModelKind::qdfnn;
}

static SkipTopology topology_of(ModelKind kind) {
  return kind == ModelKind::tqfnn ? SkipTopology::plain
         : kind == ModelKind::qrfnn ? SkipTopology::residual
                                    : SkipTopology::dense;
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
  if (!(o.leaky_slope >= 0) || !std::isfinite(o.leaky_slope)) throw InputError("leaky-relu slope must be finite and >= 0");
}

Model::Model(const ModelOptions& options, Index input_width, int classes)
    : options_(options), input_width_(input_width), classes_(classes) {
  validate(options);
  if (input_width < 1) throw InputError("the data has no feature columns");
  if (classes < 2) throw InputError("classification needs at least two classes, got " + std::to_string(classes));
  width_ = options.width > 0 ? options.width : static_cast<int>(input_width);
  if (is_hybrid(options.kind) && width_ < 2)
    throw InputError("a quantum-inspired layer needs n >= 2 amplitudes; the data has one feature, set --width");
  Rng rng(options.seed, kStreamInit);
  if (is_hybrid(options.kind)) {
    if (width_ != input_width) layers_.push_back(std::make_unique<Linear>("in", input_width, width_, rng));
    layers_.push_back(std::make_unique<AmplitudeEncoding>(width_));
    QuantumStackOptions q;
    q.topology = topology_of(options.kind);
    q.width = width_;
    q.layers = options.layers;
    q.renormalize = options.renormalize;
    q.train_lambda = options.train_lambda;
    q.lambda_init = options.lambda_init;
    q.dense_lambda_inverse = options.dense_lambda_inverse;
    q.angle_init_normal = options.angle_init_normal;
    q.angle_init_scale = options.angle_init_scale;
    auto stack = std::make_unique<QuantumStack>("q", q, rng);
    quantum_ = stack.get();
    layers_.push_back(std::move(stack));
  } else {
    Index in = input_width;
    for (int l = 0; l < options.layers; ++l) {
      hidden_linear_index_.push_back(layers_.size());
      layers_.push_back(std::make_unique<Linear>("fc" + std::to_string(l), in, width_, rng));
      if (options.kind == ModelKind::mlp_leaky)
        layers_.push_back(std::make_unique<LeakyRelu>(width_, options.leaky_slope));
      else
        layers_.push_back(std::make_unique<RotRelu>(width_));
      in = width_;
    }
  }
  layers_.push_back(std::make_unique<Linear>("out", width_, classes, rng));
  activations_.resize(layers_.size() + 1);
  output_offsets_.resize(layers_.size());
}

const Matrix& Model::forward(const Matrix& inputs) {
  if (attack_) attack_->before_forward(*this);
  activations_[0] = inputs;
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(activations_[i], activations_[i + 1]);
    if (output_offsets_[i].size() > 0) activations_[i + 1].rowwise() += output_offsets_[i];
  }
  return activations_.back();
}

Linear& Model::hidden_linear(int l) { return static_cast<Linear&>(*layers_[hidden_linear_index_.at(static_cast<size_t>(l))]); }

// The activation follows its Linear layer directly.
RowVector& Model::hidden_output_offset(int l) { return output_offsets_[hidden_linear_index_.at(static_cast<size_t>(l)) + 1]; }

void Model::set_attack(const AttackOptions& options) {
  clear_attack();
  attack_ = std::make_shared<ParameterAttack>(options, *this);
}

void Model::clear_attack() {
  if (attack_) attack_->remove(*this);
  attack_.reset();
}

void Model::after_optimizer_step() {
  if (attack_) attack_->after_step(*this);
}

void Model::backward(const Matrix& grad_logits) {
  grad_a_ = grad_logits;
  for (size_t i = layers_.size(); i-- > 0;) {
    layers_[i]->backward(grad_a_, grad_b_);
    std::swap(grad_a_, grad_b_);
  }
}

std::vector<ParamBlock> Model::params() {
  std::vector<ParamBlock> all;
  for (auto& layer : layers_)
    for (auto& block : layer->params()) all.push_back(block);
  return all;
}

Index Model::parameter_count() {
  Index total = 0;
  for (const auto& b : params()) total += b.size;
  return total;
}

Matrix softmax(const Matrix& logits) {
  Matrix p(logits.rows(), logits.cols());
  for (Index b = 0; b < logits.rows(); ++b) {
    const Real m = logits.row(b).maxCoeff();
    p.row(b) = (logits.row(b).array() - m).exp().matrix();
    p.row(b) /= p.row(b).sum();
  }
  return p;
}

double softmax_cross_entropy(const Matrix& logits, const std::vector<int>& labels, Matrix* grad) {
  const Index batch = logits.rows();
  double loss = 0;
  if (grad) grad->resize(logits.rows(), logits.cols());
  for (Index b = 0; b < batch; ++b) {
    const Real m = logits.row(b).maxCoeff();
    const auto shifted = (logits.row(b).array() - m).eval();
    const double log_sum = std::log(static_cast<double>(shifted.exp().sum()));
    loss += log_sum - static_cast<double>(shifted(labels[b]));
    if (grad) {
      grad->row(b) = (shifted - static_cast<Real>(log_sum)).exp().matrix() / Real(batch);
      (*grad)(b, labels[b]) -= Real(1) / Real(batch);
    }
  }
  return loss / static_cast<double>(batch);
}

}  // namespace hqnn
