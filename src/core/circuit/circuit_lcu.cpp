#include "circuit_lcu.hpp"

#include <cmath>

#include "core/givens_chain.hpp"

namespace hqnn {

void apply_givens_chain(const std::vector<double>& angles, int n, std::vector<double>& state) {
  for (int r = givens_gate_count(n) - 1; r >= 0; --r) {
    const size_t p = static_cast<size_t>(givens_gate_pair(r, n));
    const double c = std::cos(angles[static_cast<size_t>(r)]), s = std::sin(angles[static_cast<size_t>(r)]);
    const double a = state[p], b = state[p + 1];
    state[p] = c * a - s * b;
    state[p + 1] = s * a + c * b;
  }
}

std::vector<double> layer_angles(const QuantumStack& stack, int l) {
  const Real* a = stack.layer_angles(l);
  return std::vector<double>(a, a + stack.gates_per_layer());
}

// Skip sources of layer l: ψ_{l-1} (residual) or ψ_0 … ψ_{l-1} (dense), as in QuantumStack.
static int first_source(SkipTopology topology, int l) { return topology == SkipTopology::dense ? 0 : l - 1; }

SkipSumCost skip_sum_cost(const QuantumStack& stack, const std::vector<std::vector<double>>& encoded) {
  const QuantumStackOptions& o = stack.options();
  const int L = o.layers, n = o.width;
  SkipSumCost cost;
  std::vector<double> s(static_cast<size_t>(L) + 1, 1.0);
  for (int l = 1; l <= L; ++l) {
    const int terms = 1 + stack.lambda_count(l);
    int select = 0;
    while ((1 << select) < terms) ++select;
    cost.terms.push_back(terms);
    cost.select_qubits.push_back(select);
    cost.ancillas += select;
    double sl = s[static_cast<size_t>(l - 1)];
    const int j0 = first_source(o.topology, l);
    for (int t = 0; t < stack.lambda_count(l); ++t)
      sl += std::abs(double(stack.lambda(l, j0 + t))) * s[static_cast<size_t>(j0 + t)];
    s[static_cast<size_t>(l)] = sl;
    cost.one_norm.push_back(sl);
  }
  if (encoded.empty()) return cost;
  std::vector<std::vector<double>> angles;
  for (int l = 0; l < L; ++l) angles.push_back(layer_angles(stack, l));
  cost.success_probability.assign(static_cast<size_t>(L), 0.0);
  std::vector<std::vector<double>> psi(static_cast<size_t>(L) + 1);
  for (const auto& x : encoded) {
    double norm = 0;
    for (double v : x) norm += v * v;
    norm = std::sqrt(norm);
    psi[0] = x;
    for (double& v : psi[0]) v /= norm;
    for (int l = 1; l <= L; ++l) {
      std::vector<double>& next = psi[static_cast<size_t>(l)];
      next = psi[static_cast<size_t>(l - 1)];
      apply_givens_chain(angles[static_cast<size_t>(l - 1)], n, next);
      const int j0 = first_source(o.topology, l);
      for (int t = 0; t < stack.lambda_count(l); ++t) {
        const double lambda = stack.lambda(l, j0 + t);
        const auto& source = psi[static_cast<size_t>(j0 + t)];
        for (int k = 0; k < n; ++k) next[static_cast<size_t>(k)] += lambda * source[static_cast<size_t>(k)];
      }
      double sq = 0;
      for (double v : next) sq += v * v;
      cost.success_probability[static_cast<size_t>(l - 1)] += sq / (s[static_cast<size_t>(l)] * s[static_cast<size_t>(l)]);
    }
  }
  for (double& p : cost.success_probability) p /= double(encoded.size());
  cost.samples = static_cast<long long>(encoded.size());
  return cost;
}

}  // namespace hqnn
