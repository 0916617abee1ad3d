#include "optimizer.hpp"

#include <cmath>

namespace hqnn {

const char* optimizer_kind_name(OptimizerKind kind) { return kind == OptimizerKind::adam ? "adam" : "sgd"; }

std::optional<OptimizerKind> parse_optimizer_kind(const std::string& name) {
  if (name == "adam") return OptimizerKind::adam;
  if (name == "sgd") return OptimizerKind::sgd;
  return std::nullopt;
}

void Optimizer::step(const std::vector<ParamBlock>& blocks) {
  if (m_.size() != blocks.size()) {
    m_.assign(blocks.size(), {});
    v_.assign(blocks.size(), {});
    for (size_t i = 0; i < blocks.size(); ++i) {
      m_[i].assign(blocks[i].size, 0.0);
      if (options_.kind == OptimizerKind::adam) v_[i].assign(blocks[i].size, 0.0);
    }
  }
  ++steps_;
  const double lr = options_.lr;
  if (options_.kind == OptimizerKind::adam) {
    const double c1 = 1.0 - std::pow(options_.beta1, static_cast<double>(steps_));
    const double c2 = 1.0 - std::pow(options_.beta2, static_cast<double>(steps_));
    for (size_t i = 0; i < blocks.size(); ++i) {
      const ParamBlock& b = blocks[i];
      if (!b.trainable) continue;
      double* m = m_[i].data();
      double* v = v_[i].data();
      for (Index k = 0; k < b.size; ++k) {
        const double g = b.grad[k];
        m[k] = options_.beta1 * m[k] + (1.0 - options_.beta1) * g;
        v[k] = options_.beta2 * v[k] + (1.0 - options_.beta2) * g * g;
        b.value[k] -= static_cast<Real>(lr * (m[k] / c1) / (std::sqrt(v[k] / c2) + options_.eps));
      }
    }
  } else {
    for (size_t i = 0; i < blocks.size(); ++i) {
      const ParamBlock& b = blocks[i];
      if (!b.trainable) continue;
      double* vel = m_[i].data();
      for (Index k = 0; k < b.size; ++k) {
        vel[k] = options_.momentum * vel[k] + b.grad[k];
        b.value[k] -= static_cast<Real>(lr * vel[k]);
      }
    }
  }
}

}  // namespace hqnn
