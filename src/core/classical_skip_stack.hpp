// The classical controls of the hybrids: the residual and dense λ skips of
// Eq. (7) / (8) (skip_connections.hpp, the same λ and initialisation as the
// hybrids') around a classical layer instead of a V chain:
//
//   ψ_l = f_{l-1}(ψ_{l-1}) + Σ_j λ_{l,j} ψ_j
//
// with f one of
//   leaky:      leaky-relu(W ψ + b), the baselines' own layer (unbounded);
//   tanh:       tanh(W ψ + b), bounded;
//   orthogonal: W ψ with W orthogonal (orthogonal_linear.hpp, the Cayley map).
// A parameter attack (attack.hpp) perturbs f's weights (form ①; for the
// orthogonal layer its unconstrained S, as a hybrid's angles) or adds ε to f's
// output (form ②), per layer through attack_target().
#pragma once

#include <memory>
#include <vector>

#include "layer.hpp"
#include "skip_connections.hpp"

namespace hqnn {

class Rng;

struct ClassicalSkipStackOptions : SkipStackOptions {
  SkipTopology topology = SkipTopology::residual;
  SkipBranch branch = SkipBranch::leaky;
  int width = 4;  // n
  Real leaky_slope = Real(0.01);
};

// What a parameter attack perturbs in one attacked layer.
struct AttackTarget {
  Matrix* weight;         // form ①, persistent: added into the stored weights
  Matrix* weight_offset;  // form ①, transient / fixed
  RowVector* output_offset;  // form ②: added to the layer's output
  Index outputs;
};

class ClassicalSkipStack : public Layer {
 public:
  ClassicalSkipStack(std::string name, const ClassicalSkipStackOptions& options, Rng& rng);
  std::string kind() const override { return "classical_skip_stack"; }
  Index input_width() const override { return options_.width; }
  Index output_width() const override { return options_.width; }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;

  const ClassicalSkipStackOptions& options() const { return options_; }
  Real lambda(int l, int j) const { return skips_.lambda(l, j); }
  AttackTarget attack_target(int l);
  // ψ₀ … ψ_L of the last forward batch.
  const std::vector<Matrix>& states() const { return states_; }

 private:
  std::string name_;
  ClassicalSkipStackOptions options_;
  SkipConnections skips_;
  std::vector<std::unique_ptr<Layer>> transforms_;   // Linear or OrthogonalLinear, per layer
  std::vector<std::unique_ptr<Layer>> activations_;  // leaky-relu or tanh; null for the orthogonal layer
  std::vector<RowVector> output_offsets_;            // form ② offsets; empty: none
  std::vector<std::string> lambda_names_;
  std::vector<Matrix> states_, transformed_, branch_, state_grads_;
  Matrix grad_a_, grad_b_;
};

}  // namespace hqnn
