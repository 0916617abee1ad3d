// What the skip connections of Eq. (7)/(8) cost on a quantum computer.
//
// ψ_l = U_{l-1} ψ_{l-1} + Σ_j λ_{l,j} ψ_j is not unitary. Without D2's
// renormalisation every ψ_l is a linear map of ψ_0, ψ_l = A_l ψ_0, with
//     A_l = U_{l-1} A_{l-1} + Σ_j λ_{l,j} A_j,   A_0 = I,
// a weighted sum of products of the unitaries U_j (and ±I). A linear
// combination of unitaries (LCU: prepare the weights on a select register,
// apply each term controlled by it, unprepare, post-select the register on
// |0⟩) gives A_l ψ_0 / s_l, where s_l is the sum of the terms' |weights|:
//     s_0 = 1,   s_l = s_{l-1} + Σ_j |λ_{l,j}| s_j.
// The post-selection succeeds with probability
//     P_l = ‖A_l ψ_0‖² / s_l² = ‖ψ_l‖² / s_l²        (‖ψ_0‖ = 1),
// and the state it leaves is ψ_l / ‖ψ_l‖, which is what the model computes
// with --renormalize (D2); ‖ψ_l‖ = s_l √P_l is the norm the classical model
// keeps without it. Layer by layer (one select register per layer, each
// post-selected) the probabilities multiply to the same P_L for residual
// connections. Construction counted here: layer l adds a select register of
// ⌈log₂(1 + skip terms)⌉ qubits (residual: 1; dense layer l: ⌈log₂(l+1)⌉);
// the ancillas are their sum. Amplitude amplification would need about
// 1/√P_L rounds instead of 1/P_L repetitions; not counted.
#pragma once

#include <vector>

#include "core/quantum_stack.hpp"

namespace hqnn {

// state <- U·state in double precision for a layer's 2n-3 angles (D1):
// the gates applied one by one, rightmost factor of Eq. (5) first.
void apply_givens_chain(const std::vector<double>& angles, int n, std::vector<double>& state);
// The stored angles of layer l of a stack, in double.
std::vector<double> layer_angles(const QuantumStack& stack, int l);

struct SkipSumCost {
  std::vector<int> terms;          // per layer l = 1..L: 1 + its skip terms
  std::vector<int> select_qubits;  // ⌈log₂ terms⌉
  std::vector<double> one_norm;    // s_l
  std::vector<double> success_probability;  // mean of P_l over the given states
  int ancillas = 0;                // Σ select_qubits
  long long samples = 0;
};

// encoded: ψ_0 of each sample (unit vectors of length n; each is normalised
// again here). Empty: success probabilities are left empty.
SkipSumCost skip_sum_cost(const QuantumStack& stack, const std::vector<std::vector<double>>& encoded);

}  // namespace hqnn
