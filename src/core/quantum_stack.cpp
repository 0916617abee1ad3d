#include "quantum_stack.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "fixed_order_sums.hpp"
#include "core/kernels/cache_sets.hpp"
#include "input_error.hpp"
#include "rng.hpp"

namespace hqnn {

QuantumStack::QuantumStack(std::string name, const QuantumStackOptions& options, Rng& rng)
    : name_(std::move(name)),
      options_(options),
      skips_(options.topology, options.layers, options.lambda_init, options.dense_lambda_inverse, options.train_lambda) {
  if (options.width < 2) throw InputError("quantum layer width n must be at least 2, got " + std::to_string(options.width));
  if (options.layers < 1) throw InputError("number of quantum layers L must be at least 1, got " + std::to_string(options.layers));
  const int L = options.layers, k = gates_per_layer();
  angles_.resize(static_cast<size_t>(L) * k);
  for (auto& a : angles_)
    a = static_cast<Real>(options.angle_init_normal ? rng.normal(0.0, options.angle_init_scale)
                                                    : rng.uniform(-options.angle_init_scale, options.angle_init_scale));
  angle_grads_.assign(angles_.size(), 0);
  for (int l = 0; l < L; ++l)  // params()' names, made once: params() runs at every training step
    for (const char* what : {".angles", ".lambda"}) block_names_.push_back(name_ + "." + std::to_string(l) + what);
  gates_.resize(L);
  trig_.resize(L);
  perturbations_.resize(L);
  states_.resize(L + 1);
  rotated_.resize(L);
  rotated_fresh_.assign(L, 0);
  norms_.resize(L);
  state_grads_.resize(L + 1);
}

// The gates of layer l from its angles and perturbation; sin and cos come
// from the layer's cache (GivensAngleTrig), so they are computed again only
// after the angles changed.
std::vector<std::vector<Real>> QuantumStack::lambdas() const {
  std::vector<std::vector<Real>> rows;
  for (int l = 1; l <= options_.layers; ++l) {
    std::vector<Real>& row = rows.emplace_back();
    for (int j = l - lambda_count(l); j < l; ++j) row.push_back(lambda(l, j));
  }
  return rows;
}

std::vector<Real> QuantumStack::orthogonality_error(int l) const {
  const GivensGates& g = gates_[l];
  std::vector<Real> error(static_cast<size_t>(g.count()));
  for (int r = 0; r < g.count(); ++r) error[r] = std::fabs(g.c[r] * g.c[r] + g.s[r] * g.s[r] - Real(1));
  return error;
}

void QuantumStack::build_gates(int l) {
  const GatePerturbation& p = perturbations_[l];
  const int k = gates_per_layer();
  const Real* theta = layer_angles(l);
  if (!p.empty()) {  // form ① moves the angle itself
    perturbed_angles_.resize(k);
    for (int r = 0; r < k; ++r) perturbed_angles_[r] = theta[r] + (p.angle.empty() ? Real(0) : p.angle[r]);
    theta = perturbed_angles_.data();
  }
  GivensAngleTrig& trig = trig_[l];
  trig.update(theta, k);
  GivensGates& g = gates_[l];
  g.resize(k);
  const bool rotation = p.c.empty() && p.s.empty();
  for (int r = 0; r < k; ++r) {
    const Real cr = trig.cos()[r], sr = trig.sin()[r];
    g.c[r] = p.empty() ? cr : cr + (p.c.empty() ? Real(0) : p.c[r]);  // no "+ 0": sin(-0) = -0 stays
    g.s[r] = p.empty() ? sr : sr + (p.s.empty() ? Real(0) : p.s[r]);
    g.dc[r] = -sr;
    g.ds[r] = cr;
    g.inv_det[r] = rotation ? Real(1) : Real(1) / (g.c[r] * g.c[r] + g.s[r] * g.s[r]);
  }
  // Without form ② (form ① only moves the angle) every gate is an exact
  // rotation: the backward pass takes the rotation path.
  g.rotation = rotation;
}

Index QuantumStack::padded_rows(Index batch) { return padded_stride(batch); }

void QuantumStack::forward(const Matrix& in, Matrix& out) {
  assert(in.cols() == options_.width);
  const int n = options_.width;
  const Index batch = in.rows(), ld = padding_ ? padded_rows(batch) : batch;
  batch_ = batch;
  ld_ = ld;
  state_views_fresh_ = false;
  if (ld == batch) {
    states_[0] = in;
  } else {
    // Zero samples below the batch: the chain, the skips and the
    // renormalisation (0 / 1e-30) keep them 0, and no sample reads another.
    states_[0].resize(ld, n);
    states_[0].topRows(batch) = in;
    states_[0].bottomRows(ld - batch).setZero();
  }
  for (int l = 1; l <= options_.layers; ++l) {
    build_gates(l - 1);
    Matrix& rotated = rotated_[l - 1];
    // Out of place: one pass over ψ_{l-1} (the kernel also takes care of
    // power-of-two strides, whose rows would otherwise share cache sets).
    rotated.resize(ld, n);
    givens_chain_forward(gates_[l - 1], n, states_[l - 1].data(), ld, rotated.data(), ld, ld);
    rotated_fresh_[l - 1] = 1;
    Matrix& next = states_[l];
    skips_.combine(l, rotated, states_, next);
    if (options_.renormalize) {
      norms_[l - 1] = row_norms_in_order(next).cwiseMax(Real(1e-30));
      next.array().colwise() /= norms_[l - 1].array();
    }
  }
  if (ld == batch)
    out = states_[options_.layers];
  else
    out = states_[options_.layers].topRows(batch);
}

const std::vector<Matrix>& QuantumStack::states() const {
  if (ld_ == batch_) return states_;
  if (!state_views_fresh_) {
    state_views_.resize(states_.size());
    for (size_t l = 0; l < states_.size(); ++l) state_views_[l] = states_[l].topRows(batch_);
    state_views_fresh_ = true;
  }
  return state_views_;
}

// After a padded forward pass: the states, and the norms, of the batch alone
// (a backward pass after a whole-batch forward pass is rare: training runs
// chunks of Model::kChunkRows). U ψ is computed again at the batch's stride.
void QuantumStack::trim_padding() {
  if (ld_ == batch_) return;
  states();  // fills state_views_
  std::swap(states_, state_views_);
  state_views_fresh_ = false;
  for (Vector& norm : norms_)
    if (norm.size() == ld_) norm = Vector(norm.head(batch_));
  std::fill(rotated_fresh_.begin(), rotated_fresh_.end(), 0);
  ld_ = batch_;
}

// Backward pass, layers l = L..1, with ḡ_j = dL/dψ_j accumulated over every
// term that reads ψ_j (ḡ_L = grad_out, the others start at 0).
//
// Renormalisation (D2): ψ_l = v / ‖v‖ per sample, v = U ψ_{l-1} + Σ λ ψ_j, so
//     dL/dv = (ḡ_l − ψ_l ⟨ψ_l, ḡ_l⟩) / ‖v‖                (projection onto the
//                                                            tangent of the sphere)
// and without it dL/dv = ḡ_l. Write g = dL/dv.
//
// Skips, Eq. (7) (residual: one term, j = l−1) and Eq. (8) (dense: j = 0..l−1):
//     dL/dλ_{l,j} = Σ_batch ⟨g, ψ_j⟩        ḡ_j += λ_{l,j} g
//
// Chain, ψ_l ∋ U_{l-1} ψ_{l-1}:
//     ḡ_{l-1} += U_{l-1}ᵀ g,  dL/dθ_r from givens_chain_backward, which recovers
//     ψ_{l-1} from the stored U_{l-1} ψ_{l-1} by inverting gate after gate.
void QuantumStack::backward(const Matrix& grad_out, Matrix& grad_in) {
  const int n = options_.width, L = options_.layers;
  const Index batch = grad_out.rows();
  trim_padding();
  assert(batch == batch_);
  for (int l = 0; l < L; ++l) state_grads_[l].setZero(batch, n);
  state_grads_[L] = grad_out;
  std::fill(angle_grads_.begin(), angle_grads_.end(), Real(0));
  skips_.zero_grads();
  for (int l = L; l >= 1; --l) {
    // g = dL/dv where v is ψ_l before renormalisation, worked out in place:
    // ḡ_l is not read again.
    Matrix& g = state_grads_[l];
    if (options_.renormalize) {
      row_dots_in_order(states_[l], g, overlap_);  // a member: no allocation per step
      g -= (states_[l].array().colwise() * overlap_.array()).matrix();
      g.array().colwise() /= norms_[l - 1].array();
    }
    skips_.backward(l, g, states_, state_grads_);
    // The backward pass un-rotates U ψ_{l-1} in place; a second backward pass
    // of the same forward pass computes it again (the same bits).
    Matrix& rotated = rotated_[l - 1];
    if (!rotated_fresh_[l - 1]) {
      rotated.resize(batch, n);
      givens_chain_forward(gates_[l - 1], n, states_[l - 1].data(), batch, rotated.data(), batch, batch);
    }
    rotated_fresh_[l - 1] = 0;
    givens_chain_backward(gates_[l - 1], n, rotated.data(), g.data(), angle_grads_.data() + (l - 1) * gates_per_layer(),
                          batch, batch);
    state_grads_[l - 1] += g;
  }
  grad_in = state_grads_[0];
}

std::vector<ParamBlock> QuantumStack::params() {
  std::vector<ParamBlock> blocks;
  const int k = gates_per_layer();
  blocks.reserve(2 * static_cast<size_t>(options_.layers));
  for (int l = 0; l < options_.layers; ++l) {
    const size_t n = 2 * static_cast<size_t>(l);
    blocks.push_back({block_names_[n], ParamKind::angle, angles_.data() + l * k, angle_grads_.data() + l * k, k});
    if (skips_.has_block(l)) blocks.push_back(skips_.block(l, block_names_[n + 1]));
  }
  return blocks;
}

}  // namespace hqnn
