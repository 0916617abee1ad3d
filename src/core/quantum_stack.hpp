// L quantum-inspired layers with plain, residual or dense connections.
//
//   plain    (TQFNN):  ψ_l = U_{l-1} ψ_{l-1}
//   residual (QRFNN):  ψ_l = U_{l-1} ψ_{l-1} + λ_{l-1} ψ_{l-1}                 Eq. (7)
//   dense    (QDFNN):  ψ_l = U_{l-1} ψ_{l-1} + Σ_{j=0}^{l-1} λ_{l,j} ψ_j        Eq. (8)
//
// for l = 1..L, where each U is a V chain of 2n-3 Givens rotations
// (givens_chain.hpp). "+" is element-wise addition. With `renormalize` each ψ_l
// is divided by its norm (decision D2, off by default: Eq. 9 treats the layer
// outputs as plain vectors). ψ₀ … ψ_L of the last batch stay available for the
// state viewer.
#pragma once

#include <vector>

#include "givens_chain.hpp"
#include "layer.hpp"
#include "skip_connections.hpp"

namespace hqnn {

class Rng;

// The quantum-inspired layers' own options, held by QuantumStackOptions and
// ModelOptions (model.hpp).
struct QuantumLayerOptions {
  bool renormalize = false;           // D2
  bool angle_init_normal = false;     // D4: false: θ ~ U(-scale, scale); true: θ ~ N(0, scale²)
  Real angle_init_scale = Real(kPi);  // D4
};

struct QuantumStackOptions : SkipStackOptions, QuantumLayerOptions {
  SkipTopology topology = SkipTopology::dense;
  int width = 4;  // n, the state dimension (n >= 2)
};

// Perturbations of one layer's gates by a parameter attack (attack.hpp); empty
// vectors mean none. Gate r uses the angle θ_r + angle[r] (form ①) and the
// entries cos(·) + c[r], sin(·) + s[r] (form ②, no longer a rotation).
struct GatePerturbation {
  std::vector<Real> angle, c, s;
  bool empty() const { return angle.empty() && c.empty() && s.empty(); }
};

class QuantumStack : public Layer {
 public:
  QuantumStack(std::string name, const QuantumStackOptions& options, Rng& rng);
  std::string kind() const override { return "quantum_stack"; }
  Index input_width() const override { return options_.width; }
  Index output_width() const override { return options_.width; }
  void forward(const Matrix& in, Matrix& out) override;
  void backward(const Matrix& grad_out, Matrix& grad_in) override;
  std::vector<ParamBlock> params() override;

  const QuantumStackOptions& options() const { return options_; }
  int gates_per_layer() const { return givens_gate_count(options_.width); }
  Real* layer_angles(int l) { return angles_.data() + l * gates_per_layer(); }
  const Real* layer_angles(int l) const { return angles_.data() + l * gates_per_layer(); }
  // Coefficients of ψ_j in ψ_l (l = 1..L); empty for the plain topology.
  int lambda_offset(int l) const { return skips_.offset(l); }  // index of λ for layer l's first skip term
  int lambda_count(int l) const { return skips_.count(l); }    // number of skip terms into ψ_l
  Real lambda(int l, int j) const { return skips_.lambda(l, j); }
  // Every λ, by the state it flows into: row l-1 holds λ_{l,j} for the sources
  // j = l-count .. l-1 of ψ_l (Eq. 7: one per row; Eq. 8: l per row; plain: empty rows).
  std::vector<std::vector<Real>> lambdas() const;
  // ψ₀ … ψ_L of the last forward batch (each batch x n).
  const std::vector<Matrix>& states() const;
  // A batch whose stride is a multiple of 512 bytes (1024, 4096, ... samples)
  // is computed in blocks of padded_rows(batch) rows, the batch and zero rows
  // below it: a power-of-two stride puts every amplitude row of a tile in the
  // same cache sets. The same bits per sample either way; use_padding(false)
  // computes at the batch's own stride, the reference the tests compare with.
  static Index padded_rows(Index batch);
  void use_padding(bool on) { padding_ = on; }
  // The gates used by layer l in the last forward pass.
  const GivensGates& gates(int l) const { return gates_[l]; }
  // |c_r² + s_r² − 1| of each gate of layer l in the last forward pass: 0 for a
  // rotation (and under form ①, which only moves the angle), > 0 under form ②.
  std::vector<Real> orthogonality_error(int l) const;
  GatePerturbation& perturbation(int l) { return perturbations_[l]; }

 private:
  void build_gates(int l);
  std::string name_;
  std::vector<std::string> block_names_;  // params()' names, "q.<l>.angles" and "q.<l>.lambda" per layer
  QuantumStackOptions options_;
  std::vector<Real> angles_, angle_grads_;   // L x (2n-3)
  SkipConnections skips_;                    // the λ of Eq. (7) / (8)
  std::vector<GivensGates> gates_;
  std::vector<GivensAngleTrig> trig_;  // cos/sin of each layer's (perturbed) angles
  std::vector<Real> perturbed_angles_;
  std::vector<GatePerturbation> perturbations_;
  // Padded forward pass: states_, rotated_ and norms_ hold ld_ > batch_ rows
  // (rows batch_.. zero); states() hands out their first batch_ rows, copied
  // into state_views_ when first asked for, and backward() trims them first.
  void trim_padding();
  bool padding_ = true;
  Index batch_ = 0, ld_ = 0;
  mutable std::vector<Matrix> state_views_;
  mutable bool state_views_fresh_ = false;
  std::vector<Matrix> states_;     // ψ_0..ψ_L
  std::vector<Matrix> rotated_;    // U_{l-1} ψ_{l-1}, l = 1..L; the backward pass un-rotates it in place
  std::vector<unsigned char> rotated_fresh_;  // rotated_[l] holds U ψ (not yet un-rotated)
  std::vector<Vector> norms_;      // renormalisation divisors, l = 1..L
  std::vector<Matrix> state_grads_;
  Vector overlap_;  // renormalisation: per-sample ⟨ψ_l, ḡ_l⟩
};

}  // namespace hqnn
