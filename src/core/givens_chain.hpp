// The quantum-inspired layer's "V" chain of Givens rotations, Eq. (3)-(5).
//
// T_i(θ) is the identity except the block [[cos θ, -sin θ], [sin θ, cos θ]] on
// the adjacent basis pair (i, i+1) (decision D1). A layer of width n has
// 2n-3 gates; gate r acts on the 0-based pair (p, p+1) with
//     p = r            for 0 <= r <= n-2      (Eq. 4, first half of the V)
//     p = 2n-4-r       for n-2 < r <= 2n-4    (second half)
// and U = T(α_0) T(α_1) ... T(α_{2n-4}) (Eq. 5, left-to-right product), so the
// rightmost factor, gate 2n-4, acts on a state first.
//
// The fast kernel never builds U: it applies each gate to two contiguous rows
// of the batch, O(n) per sample, at the widest vectors of the machine
// (givens_chain_kernels.inc, simd_isa.hpp). Two references sit beside it: the
// plain loop over the batch (givens_chain_plain_loop.hpp) and
// givens_chain_dense(), the literal dense product of Eq. (5).
#pragma once

#include <vector>

#include "real.hpp"
#include "core/kernels/givens_gates.hpp"
#include "core/kernels/simd_isa.hpp"

namespace hqnn {

// Fills `gates` with exact rotations for the given angles.
void givens_rotation_gates(const Real* angles, int count, GivensGates& gates);

// cos θ_r and sin θ_r of a layer's gate angles, kept between forward passes:
// the angles change once per optimiser step, the forward passes (training,
// evaluation, the state viewer) are many more. update() recomputes an entry
// only where the angle's bits differ from the ones it was computed for, with
// the same exact::cos / exact::sin, so the values equal fresh ones bit for bit and
// are never stale, whoever changed the angle (optimiser, attack, model file).
class GivensAngleTrig {
 public:
  void update(const Real* angles, int count);
  const Real* cos() const { return cos_.data(); }
  const Real* sin() const { return sin_.data(); }

 private:
  std::vector<Real> angles_, cos_, sin_;
};

// state: column 0 of a batch x n column-major block, leading dimension ld.
// On exit the block holds U·state for every sample.
void givens_chain_forward(const GivensGates& gates, int n, Real* state, Index batch, Index ld);
// The same out of place: out (leading dimension ld) = U·in (leading dimension
// in_ld), in left as it was. The same bits as copying in to out and applying
// the chain in place, with one pass over the memory fewer.
void givens_chain_forward(const GivensGates& gates, int n, const Real* in, Index in_ld, Real* out, Index ld,
                          Index batch);

// state: on entry U·x (the forward output), on exit x, recovered by inverting
//        each gate in turn (no intermediate state is stored).
// grad:  on entry dL/d(U·x), on exit dL/dx = Uᵀ·grad.
// angle_grad: dL/dθ_r is added to angle_grad[r].
void givens_chain_backward(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld);

// The same with the kernel of a given instruction set (simd_isa_available(isa)
// must hold). All give bit-identical results.
void givens_chain_forward(SimdIsa isa, const GivensGates& gates, int n, Real* state, Index batch, Index ld);
void givens_chain_forward(SimdIsa isa, const GivensGates& gates, int n, const Real* in, Index in_ld, Real* out,
                          Index ld, Index batch);
void givens_chain_backward(SimdIsa isa, const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                           Index batch, Index ld);

// Reference: the plain loop, one gate at a time over the whole batch, with the
// same two paths. Equal to the fast kernels up to the order of the angle
// gradient's sum.
void givens_chain_forward_reference(const GivensGates& gates, int n, Real* state, Index batch, Index ld);
void givens_chain_backward_reference(const GivensGates& gates, int n, Real* state, Real* grad, Real* angle_grad,
                                     Index batch, Index ld);

// Reference: U built literally as the product of 2n-3 dense n x n matrices (Eq. 5).
Eigen::MatrixXd givens_chain_dense(const std::vector<double>& angles, int n);
// Reference for one gate's dense matrix T_{pair+1}(θ).
Eigen::MatrixXd givens_gate_dense(int pair, double angle, int n);
// The paper's training step (supp. part 5) on that dense product: builds U,
// applies it to the batch and returns dL/dθ (size 2n-3) for L = sum(G ∘ (X Uᵀ)),
// X and G batch x n, through the prefix and suffix products of Eq. (5), O(n⁴).
// `hqnn reproduce` times it against the kernel; a test checks it against the kernel's gradient.
std::vector<double> givens_chain_dense_angle_gradient(const std::vector<double>& angles, int n, const Eigen::MatrixXd& x,
                                                      const Eigen::MatrixXd& grad_out);

}  // namespace hqnn
