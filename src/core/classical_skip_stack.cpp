#include "classical_skip_stack.hpp"

#include "activation.hpp"
#include "input_error.hpp"
#include "linear.hpp"
#include "orthogonal_linear.hpp"

namespace hqnn {

ClassicalSkipStack::ClassicalSkipStack(std::string name, const ClassicalSkipStackOptions& options, Rng& rng)
    : name_(std::move(name)),
      options_(options),
      skips_(options.topology, options.layers, options.lambda_init, options.dense_lambda_inverse, options.train_lambda) {
  if (options.width < 1) throw InputError("width n must be at least 1, got " + std::to_string(options.width));
  if (options.branch == SkipBranch::v_chain || options.branch == SkipBranch::none) throw InputError("a classical skip stack needs a classical layer");
  if (options.layers < 1) throw InputError("number of layers L must be at least 1, got " + std::to_string(options.layers));
  const Index n = options.width;
  for (int l = 0; l < options.layers; ++l) {
    const std::string layer_name = name_ + "." + std::to_string(l);  // "c.0": c.0.weight beside c.0.lambda
    if (options.branch == SkipBranch::orthogonal) {
      transforms_.push_back(std::make_unique<OrthogonalLinear>(layer_name, n, rng));
      activations_.push_back(nullptr);
    } else {
      transforms_.push_back(std::make_unique<Linear>(layer_name, n, n, rng));
      if (options.branch == SkipBranch::tanh)
        activations_.push_back(std::make_unique<Tanh>(n));
      else
        activations_.push_back(std::make_unique<LeakyRelu>(n, options.leaky_slope));
    }
    lambda_names_.push_back(name_ + "." + std::to_string(l) + ".lambda");
  }
  output_offsets_.resize(options.layers);
  states_.resize(options.layers + 1);
  transformed_.resize(options.layers);
  branch_.resize(options.layers);
  state_grads_.resize(options.layers + 1);
}

void ClassicalSkipStack::forward(const Matrix& in, Matrix& out) {
  states_[0] = in;
  for (int l = 1; l <= options_.layers; ++l) {
    const size_t i = static_cast<size_t>(l - 1);
    Matrix& branch = branch_[i];
    if (activations_[i]) {
      transforms_[i]->forward(states_[l - 1], transformed_[i]);
      activations_[i]->forward(transformed_[i], branch);
    } else {
      transforms_[i]->forward(states_[l - 1], branch);
    }
    if (output_offsets_[i].size() > 0) branch.rowwise() += output_offsets_[i];
    skips_.combine(l, branch, states_, states_[l]);
  }
  out = states_[options_.layers];
}

// As QuantumStack::backward without renormalisation: ḡ_L = grad_out, then for
// l = L..1 the skips' terms and ḡ_{l-1} += f'ᵀ ḡ_l.
void ClassicalSkipStack::backward(const Matrix& grad_out, Matrix& grad_in) {
  const int L = options_.layers;
  const Index batch = grad_out.rows();
  for (int l = 0; l < L; ++l) state_grads_[l].setZero(batch, options_.width);
  state_grads_[L] = grad_out;
  skips_.zero_grads();
  for (int l = L; l >= 1; --l) {
    const size_t i = static_cast<size_t>(l - 1);
    const Matrix& g = state_grads_[l];
    skips_.backward(l, g, states_, state_grads_);
    if (activations_[i]) {
      activations_[i]->backward(g, grad_a_);
      transforms_[i]->backward(grad_a_, grad_b_);
    } else {
      transforms_[i]->backward(g, grad_b_);
    }
    state_grads_[l - 1] += grad_b_;
  }
  grad_in = state_grads_[0];
}

std::vector<ParamBlock> ClassicalSkipStack::params() {
  std::vector<ParamBlock> blocks;
  for (int l = 0; l < options_.layers; ++l) {
    for (auto& b : transforms_[static_cast<size_t>(l)]->params()) blocks.push_back(std::move(b));
    if (skips_.has_block(l)) blocks.push_back(skips_.block(l, lambda_names_[static_cast<size_t>(l)]));
  }
  return blocks;
}

AttackTarget ClassicalSkipStack::attack_target(int l) {
  Layer& t = *transforms_.at(static_cast<size_t>(l));
  RowVector* offset = &output_offsets_[static_cast<size_t>(l)];
  if (auto* o = dynamic_cast<OrthogonalLinear*>(&t)) return {&o->weight, &o->weight_offset, offset, o->output_width()};
  auto& fc = static_cast<Linear&>(t);
  return {&fc.weight, &fc.weight_offset, offset, fc.output_width()};
}

}  // namespace hqnn
