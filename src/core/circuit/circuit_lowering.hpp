// Multi-controlled and uniformly controlled RY rewritten into qelib1.inc's
// x, cx and ry (OpenQASM 2.0), with the choice of decomposition and its cost.
//
// Uniformly controlled RY on k controls (Möttönen et al. 2004, Gray code):
// 2^k rounds of ry(θ_i) then cx from the control whose bit flips between Gray
// codes g(i) and g(i+1) (cyclically). Control value c sees the target rotated
// by Σ_i (-1)^{popcount(c & g(i))} θ_i, so θ = 2^-k Mᵀ α (M a permuted
// Walsh-Hadamard matrix): 2^k cx, no ancilla.
//
// A k-controlled RY is two ways:
//   gray_code:     the uniformly controlled RY with one non-zero angle, at the
//                  index of the control values: 2^k cx, no ancilla.
//   ancilla_chain: for k >= 3, the AND of the first k-1 controls is computed
//                  into k-2 ancillas by a chain of relative-phase Toffolis
//                  (3 cx each: ry(π/4) cx ry(π/4) cx ry(-π/4) cx ry(-π/4), a
//                  Toffoli times a ±1 diagonal; computing and uncomputing with
//                  the same sequence cancels the signs), then a uniformly
//                  controlled RY on (last control, last ancilla): 6k - 8 cx,
//                  k - 2 ancillas. Controls on |0⟩ are conjugated by x.
//   fewest_cnots:  per gate, the one with fewer cx; ties (k = 4) go to the
//                  chain, whose Toffolis of neighbouring rotations partly cancel
//                  in the peephole pass (n = 32: 1016 instead of 1076 cx). That
//                  is gray_code up to 3 controls (N <= 4 qubits, n <= 16).
// A last peephole pass cancels x·x and cx·cx on the same qubits and merges
// neighbouring ry on a qubit (dropping a sum of exactly zero), with nothing in
// between on those qubits.
#pragma once

#include <optional>
#include <string>

#include "circuit.hpp"
#include "core/enum_table.hpp"

namespace hqnn {

enum class MultiControl { fewest_cnots, gray_code, ancilla_chain };
template <>
struct EnumTable<MultiControl> {
  static constexpr EnumName<MultiControl> rows[] = {{MultiControl::fewest_cnots, "fewest-cnots"},
                                                    {MultiControl::gray_code, "gray-code"},
                                                    {MultiControl::ancilla_chain, "ancilla-chain"}};
};
static_assert(enum_table_is_complete<MultiControl>());

// The strategy actually used for a k-controlled RY (gray_code for k <= 2,
// where the ancilla chain is the Gray-code rotation itself).
MultiControl resolve_multi_control(MultiControl strategy, int controls);
// cx and ancillas of one k-controlled RY, before the peephole pass.
int multi_controlled_ry_cnots(int controls, MultiControl strategy);
int multi_controlled_ry_ancillas(int controls, MultiControl strategy);

// At most this many gates in a lowered circuit (a gray_code chain is 2^(N-1)
// cx per Givens gate); more throws InputError suggesting the ancilla chain.
constexpr long long kMaxLoweredGates = 20'000'000;

// The same unitary on the data qubits with x, cx and ry only (ancillas added
// as needed, |0⟩ in and out).
Circuit lower_to_qelib1(const Circuit& circuit, MultiControl strategy = MultiControl::fewest_cnots);

}  // namespace hqnn
