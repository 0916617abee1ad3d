#include "skip_connections.hpp"

#include "fixed_order_sums.hpp"

namespace hqnn {

SkipConnections::SkipConnections(SkipTopology topology, int layers, Real lambda_init, bool dense_lambda_inverse,
                                 bool train_lambda)
    : topology_(topology), train_(train_lambda) {
  lambdas_.resize(static_cast<size_t>(offset(layers + 1)));
  for (int l = 1; l <= layers; ++l)
    for (int t = 0; t < count(l); ++t)
      lambdas_[offset(l) + t] =
          topology == SkipTopology::dense && dense_lambda_inverse ? lambda_init / Real(l) : lambda_init;
  grads_.assign(lambdas_.size(), 0);
}

int SkipConnections::offset(int l) const {
  switch (topology_) {
    case SkipTopology::plain: return 0;
    case SkipTopology::residual: return l - 1;
    case SkipTopology::dense: return l * (l - 1) / 2;
  }
  return 0;
}

int SkipConnections::count(int l) const {
  switch (topology_) {
    case SkipTopology::plain: return 0;
    case SkipTopology::residual: return 1;
    case SkipTopology::dense: return l;
  }
  return 0;
}

int SkipConnections::first_source(int l) const { return topology_ == SkipTopology::dense ? 0 : l - 1; }

Real SkipConnections::lambda(int l, int j) const {
  if (topology_ == SkipTopology::dense) return lambdas_[offset(l) + j];
  if (topology_ == SkipTopology::residual && j == l - 1) return lambdas_[l - 1];
  return 0;
}

void SkipConnections::combine(int l, const Matrix& branch, const std::vector<Matrix>& states, Matrix& next) const {
  const int j0 = first_source(l);
  if (count(l) > 0)
    next = branch + lambdas_[offset(l)] * states[j0];
  else
    next = branch;
  for (int t = 1; t < count(l); ++t) next += lambdas_[offset(l) + t] * states[j0 + t];
}

void SkipConnections::backward(int l, const Matrix& g, const std::vector<Matrix>& states,
                               std::vector<Matrix>& state_grads) {
  const int j0 = first_source(l);
  for (int t = 0; t < count(l); ++t) {
    const int idx = offset(l) + t;
    grads_[idx] = dot_in_order(g, states[j0 + t]);  // the same order of additions in every build
    state_grads[j0 + t] += lambdas_[idx] * g;
  }
}

void SkipConnections::zero_grads() { std::fill(grads_.begin(), grads_.end(), Real(0)); }

ParamBlock SkipConnections::block(int layer, const std::string& name) {
  const int l = layer + 1;
  return {name, ParamKind::lambda, lambdas_.data() + offset(l), grads_.data() + offset(l), count(l), train_};
}

}  // namespace hqnn
