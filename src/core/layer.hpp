// The interface every layer implements, and the view of its parameters that
// optimisers, gradient checks, model files and attacks share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "real.hpp"

namespace hqnn {

enum class ParamKind { weight, bias, angle, lambda };

// A contiguous block of parameters and the gradient buffer of the same size.
struct ParamBlock {
  std::string name;   // unique within a model, e.g. "q2.angles", "fc0.weight"
  ParamKind kind;
  Real* value;
  Real* grad;
  Index size;
  bool trainable = true;
};

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string kind() const = 0;
  virtual Index input_width() const = 0;
  virtual Index output_width() const = 0;
  // Caches what backward() needs. `in` is batch x input_width.
  virtual void forward(const Matrix& in, Matrix& out) = 0;
  // Must follow forward() on the same batch. Overwrites the parameter
  // gradients with dL/dθ and writes dL/d(in) to grad_in.
  virtual void backward(const Matrix& grad_out, Matrix& grad_in) = 0;
  virtual std::vector<ParamBlock> params() { return {}; }
};

}  // namespace hqnn
