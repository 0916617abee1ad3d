#include "optimizer.hpp"

#include <cmath>

#include "exact_math.hpp"
#include "input_error.hpp"
#include "state_json.hpp"

namespace hqnn {

Json Optimizer::state_json() const {
  Json j = Json::object();
  j.set("kind", enum_name(options_.kind));
  j.set("steps", static_cast<long long>(steps_));
  auto blocks = [](const std::vector<std::vector<double>>& v) {
    Json a = Json::array();
    for (const auto& block : v) {
      Json b = Json::array();
      for (double x : block) b.push(exact_number(x));
      a.push(b);
    }
    return a;
  };
  j.set("m", blocks(m_));
  j.set("v", blocks(v_));
  return j;
}

void Optimizer::load_state(const Json& j, const std::vector<ParamBlock>& params) {
  const std::string ctx = "optimizer state";
  if (j.at("kind", ctx).as_string(ctx + ".kind") != enum_name(options_.kind))
    throw InputError(ctx + ": saved for " + j.at("kind").as_string() + ", training uses " + enum_name(options_.kind));
  const double steps = j.at("steps", ctx).as_number(ctx + ".steps");
  if (!(steps >= 0 && steps < 9007199254740992.0 && steps == std::floor(steps)))
    throw InputError(ctx + ".steps: expected a non-negative integer");
  // Every block must have exactly its parameter count (SGD keeps no second moments).
  auto read = [&](const char* key, bool needed) {
    std::vector<std::vector<double>> out;
    const auto& blocks = j.at(key, ctx).items(ctx + "." + key);
    if (blocks.empty() && (steps == 0 || !needed)) return out;  // saved before the first step, or not used
    if (blocks.size() != params.size()) throw InputError(ctx + ": " + key + " has the wrong number of parameter blocks");
    for (size_t i = 0; i < blocks.size(); ++i) {
      const auto& items = blocks[i].items(ctx);
      const Index want = needed ? params[i].size : 0;
      if (static_cast<Index>(items.size()) != want)
        throw InputError(ctx + ": " + key + " block " + std::to_string(i) + " has the wrong size");
      out.emplace_back();
      for (const auto& x : items) out.back().push_back(exact_number_of(x, ctx));
    }
    return out;
  };
  auto m = read("m", true);
  auto v = read("v", options_.kind == OptimizerKind::adam);
  if (m.empty() != (steps == 0)) throw InputError(ctx + ": moments and step count do not agree");
  if (options_.kind == OptimizerKind::adam && m.size() != v.size())
    throw InputError(ctx + ": first and second moments do not agree");
  if (options_.kind == OptimizerKind::sgd) v.assign(m.size(), {});
  m_ = std::move(m);
  v_ = std::move(v);
  steps_ = static_cast<long>(steps);
}

// One step t (counted from 1) for every parameter θ with gradient g = dL/dθ:
//
//   Adam (Kingma & Ba):  m ← β₁ m + (1 − β₁) g
//                        v ← β₂ v + (1 − β₂) g²
//                        θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
//   SGD with momentum μ: u ← μ u + g              (u is kept in m_)
//                        θ ← θ − lr · u
//
// The moments are doubles, so a long run's bias corrections and sums keep
// their precision whatever Real is. Frozen blocks (trainable = false, e.g.
// --fixed-lambda) keep their values and moments.
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
  // The options are read into locals: through `this` they might alias the
  // moment arrays, which kept the loops scalar. Same operations, same order.
  const double lr = options_.lr;
  if (options_.kind == OptimizerKind::adam) {
    const double beta1 = options_.beta1, beta2 = options_.beta2, eps = options_.eps;
    const double c1 = 1.0 - exact::pow_int(beta1, static_cast<uint64_t>(steps_));
    const double c2 = 1.0 - exact::pow_int(beta2, static_cast<uint64_t>(steps_));
    for (size_t i = 0; i < blocks.size(); ++i) {
      const ParamBlock& b = blocks[i];
      if (!b.trainable) continue;
      double* __restrict m = m_[i].data();
      double* __restrict v = v_[i].data();
      Real* __restrict value = b.value;
      const Real* __restrict grad = b.grad;
      for (Index k = 0, n = b.size; k < n; ++k) {
        const double g = grad[k];
        m[k] = beta1 * m[k] + (1.0 - beta1) * g;
        v[k] = beta2 * v[k] + (1.0 - beta2) * g * g;
        value[k] -= static_cast<Real>(lr * (m[k] / c1) / (std::sqrt(v[k] / c2) + eps));
      }
    }
  } else {
    const double momentum = options_.momentum;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const ParamBlock& b = blocks[i];
      if (!b.trainable) continue;
      double* __restrict vel = m_[i].data();
      Real* __restrict value = b.value;
      const Real* __restrict grad = b.grad;
      for (Index k = 0, n = b.size; k < n; ++k) {
        vel[k] = momentum * vel[k] + grad[k];
        value[k] -= static_cast<Real>(lr * vel[k]);
      }
    }
  }
}

}  // namespace hqnn
