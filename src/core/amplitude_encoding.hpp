// Amplitude encoding, Eq. (6): ψ₀ = x / ‖x‖₂ for every sample.
//
// An all-zero (or tinier than kZeroNorm) input has no direction; it is encoded
// as the uniform state (1/√n, ..., 1/√n) and its gradient is zero. The result
// is always a finite unit vector, never NaN.
#pragma once

#include <vector>

#include "layer.hpp"

namespace hqnn {

class AmplitudeEncoding : public Layer {
 public:
  static constexpr Real kZeroNorm = Real(1e-12);
  explicit AmplitudeEncoding(Index width) : width_(width) {}
  std::string kind() const override { return "amplitude_encoding"; }
  Index input_width() const override { return width_; }
  Index output_width() const override { return width_; }
  void forward(const Matrix& in, Matrix& out) override;
  // dL/dx = (g - ψ (ψ·g)) / ‖x‖; zero for inputs encoded as the uniform state.
  void backward(const Matrix& grad_out, Matrix& grad_in) override;

 private:
  Index width_;
  Matrix state_;
  Vector overlap_;  // backward's per-sample ⟨ψ, dL/dψ⟩
  Vector norm_;  // per sample; 0 marks an input encoded as the uniform state
  Vector divisor_;                   // the norm, or 1 for those samples
  std::vector<Index> uniform_rows_;  // the samples encoded as the uniform state
};

}  // namespace hqnn
