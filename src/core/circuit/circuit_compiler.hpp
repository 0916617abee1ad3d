// A quantum-inspired layer and the amplitude encoding as quantum circuits on
// N = ⌈log₂ n⌉ qubits (basis convention in circuit.hpp: amplitude k ↔ |k⟩,
// q[0] least significant). Amplitudes n..2^N-1 are padding: they start at zero
// and every compiled layer leaves them at zero.
//
// Givens gate T(α) on the adjacent pair (p, p+1) (D1, givens_chain.hpp) is a
// two-level rotation. p = …0 1…1 (t trailing ones) and p+1 = …1 0…0 differ in
// the lowest t+1 bits; CNOTs from q[t] to q[0..t-1] (a Gray-code step) map
// |p+1⟩ to the basis state that differs from |p⟩ in q[t] alone and leave |p⟩
// where it is. Between that ladder and its undo, T(α) is RY(2α) on q[t]
// controlled by every other qubit holding its bit of |p⟩ (q[0..t-1] on |1⟩):
//     [[cos α, -sin α], [sin α, cos α]] = RY(2α) on (|p⟩, |p+1⟩).
// The gates act in the order of Eq. (5) applied to a state: gate 2n-4 (pair 0)
// first, gate 0 (pair 0) last.
#pragma once

#include <vector>

#include "circuit.hpp"

namespace hqnn {

class QuantumStack;

// U of one layer (2n-3 angles, D1) as ladders of cx and multi-controlled RY.
Circuit compile_givens_chain(const std::vector<double>& angles, int n);
// U_l of a model's quantum stack (0 <= l < L), from its stored angles.
Circuit compile_layer(const QuantumStack& stack, int l);

// Amplitude encoding (Eq. 6) as a state preparation: |0…0⟩ -> Σ_k x_k/‖x‖ |k⟩
// for real x of length n (signs kept), by the cascade of uniformly controlled
// RY of Möttönen et al. (2004): q[N-1] splits the norm between the two halves,
// then each lower qubit splits its block, controlled by the qubits above it; the
// last level, on q[0], takes the signed pair (x_2m, x_2m+1). An all-zero x gives
// the uniform state over the n amplitudes, as AmplitudeEncoding does.
Circuit amplitude_preparation(const std::vector<double>& x);

}  // namespace hqnn
