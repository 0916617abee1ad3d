// The trainable λ skips of the residual and dense stacks (Eq. 7, 8), whatever
// the layer inside them: the V chain of the hybrids (quantum_stack.hpp) or a
// classical layer of the controls (classical_skip_stack.hpp).
//
//   plain:    ψ_l = f_{l-1}(ψ_{l-1})
//   residual: ψ_l = f_{l-1}(ψ_{l-1}) + λ_{l-1} ψ_{l-1}                 Eq. (7)
//   dense:    ψ_l = f_{l-1}(ψ_{l-1}) + Σ_{j=0}^{l-1} λ_{l,j} ψ_j        Eq. (8)
//
// for l = 1..L. λ start at lambda_init (dense: lambda_init / l with
// dense_lambda_inverse), decision D3.
#pragma once

#include <string>
#include <vector>

#include "enum_table.hpp"
#include "layer.hpp"

namespace hqnn {

enum class SkipTopology { plain, residual, dense };
template <>
struct EnumTable<SkipTopology> {
  static constexpr EnumName<SkipTopology> rows[] = {
      {SkipTopology::plain, "plain"}, {SkipTopology::residual, "residual"}, {SkipTopology::dense, "dense"}};
};
static_assert(enum_table_is_complete<SkipTopology>());

// The layer inside the skips: a V chain (the hybrids), one of the classical
// layers of the controls (classical_skip_stack.hpp), or none (the plain MLP
// and CNN baselines have no skips).
enum class SkipBranch { none, v_chain, leaky, tanh, orthogonal };
template <>
struct EnumTable<SkipBranch> {
  static constexpr EnumName<SkipBranch> rows[] = {{SkipBranch::none, "none"},
                                                  {SkipBranch::v_chain, "v-chain"},
                                                  {SkipBranch::leaky, "leaky"},
                                                  {SkipBranch::tanh, "tanh"},
                                                  {SkipBranch::orthogonal, "orthogonal"}};
};
static_assert(enum_table_is_complete<SkipBranch>());

// A stack of L layers with λ skips: the options the hybrids' stack
// (quantum_stack.hpp), the controls' stack (classical_skip_stack.hpp) and
// ModelOptions (model.hpp) all hold, declared once here.
struct SkipStackOptions {
  int layers = 2;                     // L (>= 1)
  bool train_lambda = true;           // D3: λ are "adaptive parameters"
  Real lambda_init = 1;               // D3: residual λ, and dense λ_{l,j} when not scaled
  bool dense_lambda_inverse = false;  // D3: dense λ_{l,j} start at lambda_init / l
};

class SkipConnections {
 public:
  SkipConnections(SkipTopology topology, int layers, Real lambda_init, bool dense_lambda_inverse, bool train_lambda);
  SkipTopology topology() const { return topology_; }
  int offset(int l) const;       // index of λ for layer l's first skip term (l = 1..L)
  int count(int l) const;        // number of skip terms into ψ_l
  int first_source(int l) const; // ψ_{l-1} for residual, ψ_0 for dense
  Real lambda(int l, int j) const;  // coefficient of ψ_j in ψ_l, 0 when there is no such skip
  // next = branch + Σ_j λ_{l,j} ψ_j, in the order j = first_source(l), ...; the first
  // term joins the copy of the branch (one pass, the same sums in the same order).
  void combine(int l, const Matrix& branch, const std::vector<Matrix>& states, Matrix& next) const;
  // g = dL/dψ_l before any renormalisation: dL/dλ_{l,j} = Σ_batch ⟨g, ψ_j⟩ and ḡ_j += λ_{l,j} g.
  void backward(int l, const Matrix& g, const std::vector<Matrix>& states, std::vector<Matrix>& state_grads);
  void zero_grads();
  // λ of layer l (0-based, as a parameter block), or none for the plain topology.
  bool has_block(int layer) const { return count(layer + 1) > 0; }
  ParamBlock block(int layer, const std::string& name);

 private:
  SkipTopology topology_;
  bool train_;
  std::vector<Real> lambdas_, grads_;
};

}  // namespace hqnn
