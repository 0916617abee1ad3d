// Optimisers over a model's trainable parameter blocks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "enum_table.hpp"
#include "json.hpp"
#include "layer.hpp"

namespace hqnn {

enum class OptimizerKind { adam, sgd };
template <>
struct EnumTable<OptimizerKind> {
  static constexpr EnumName<OptimizerKind> rows[] = {{OptimizerKind::adam, "adam"}, {OptimizerKind::sgd, "sgd"}};
};
static_assert(enum_table_is_complete<OptimizerKind>());

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::adam;  // D6
  double lr = 0.01;
  double momentum = 0.9;                     // SGD
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // Adam
};

class Optimizer {
 public:
  explicit Optimizer(const OptimizerOptions& options) : options_(options) {}
  // One update of every trainable block from its current gradient.
  void step(const std::vector<ParamBlock>& blocks);
  const OptimizerOptions& options() const { return options_; }
  // Moments and step count, for checkpoints (exact: doubles written with 17 digits).
  Json state_json() const;
  void load_state(const Json& state, const std::vector<ParamBlock>& blocks);  // throws InputError on a mismatch

 private:
  OptimizerOptions options_;
  long steps_ = 0;
  std::vector<std::vector<double>> m_, v_;  // per block: first and second moments (SGD: velocity in m_)
};

}  // namespace hqnn
