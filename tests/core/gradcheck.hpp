// Central finite differences against a layer's or model's analytic gradients.
// Used only with the double-precision core (hqnn_core64).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/layer.hpp"
#include "core/model.hpp"
#include "core/rng.hpp"

namespace hqnn::gradcheck {

static_assert(sizeof(Real) == sizeof(double), "gradient checks need the double-precision core");

inline Matrix random_input(Index batch, Index width, uint64_t seed) {
  Rng rng(seed, 77);
  Matrix m(batch, width);
  for (Index c = 0; c < width; ++c)
    for (Index b = 0; b < batch; ++b) m(b, c) = rng.normal();
  return m;
}

// |analytic - numeric| <= tol * max(1, |numeric|)
inline void expect_close(double analytic, double numeric, const std::string& what, double tol = 1e-6) {
  EXPECT_NEAR(analytic, numeric, tol * std::max(1.0, std::abs(numeric))) << what;
}

// Loss = Σ w ⊙ layer(x) for a fixed random weighting w, so every output matters.
inline void expect_layer_gradients(Layer& layer, Matrix x, double h = 1e-6) {
  Matrix out, grad_in;
  layer.forward(x, out);
  const Matrix w = random_input(out.rows(), out.cols(), 99);
  auto loss = [&](const Matrix& input) {
    Matrix o;
    layer.forward(input, o);
    return (o.array() * w.array()).sum();
  };
  layer.forward(x, out);
  layer.backward(w, grad_in);
  // copy analytic parameter gradients before the probes overwrite caches
  std::vector<std::vector<double>> analytic;
  auto blocks = layer.params();
  for (auto& b : blocks) analytic.emplace_back(b.grad, b.grad + b.size);
  for (size_t i = 0; i < blocks.size(); ++i) {
    for (Index k = 0; k < blocks[i].size; ++k) {
      const double saved = blocks[i].value[k];
      blocks[i].value[k] = saved + h;
      const double up = loss(x);
      blocks[i].value[k] = saved - h;
      const double down = loss(x);
      blocks[i].value[k] = saved;
      expect_close(analytic[i][static_cast<size_t>(k)], (up - down) / (2 * h), blocks[i].name + "[" + std::to_string(k) + "]");
    }
  }
  for (Index c = 0; c < x.cols(); ++c)
    for (Index b = 0; b < x.rows(); ++b) {
      Matrix xp = x, xm = x;
      xp(b, c) += h;
      xm(b, c) -= h;
      expect_close(grad_in(b, c), (loss(xp) - loss(xm)) / (2 * h),
                   layer.kind() + " input(" + std::to_string(b) + "," + std::to_string(c) + ")");
    }
}

// Softmax cross-entropy of a whole model against every parameter. λ and
// biases are first moved off their common starting values: a sample whose
// hidden activations are all zero would otherwise sit exactly on a ReLU kink,
// where finite differences are meaningless.
inline void expect_model_gradients(Model& model, const Matrix& x, const std::vector<int>& y, double tol = 1e-6,
                            double h = 1e-6) {
  Rng rng(3);
  for (auto& b : model.params())
    if (b.kind == ParamKind::lambda || b.kind == ParamKind::bias)
      for (Index k = 0; k < b.size; ++k) b.value[k] = 0.5 + rng.uniform();
  auto loss = [&] { return softmax_cross_entropy(model.forward(x), y, nullptr); };
  Matrix grad;
  softmax_cross_entropy(model.forward(x), y, &grad);
  model.backward(grad);
  for (auto& b : model.params()) {
    const std::vector<double> analytic(b.grad, b.grad + b.size);
    for (Index k = 0; k < b.size; ++k) {
      const double saved = b.value[k];
      b.value[k] = saved + h;
      const double up = loss();
      b.value[k] = saved - h;
      const double down = loss();
      b.value[k] = saved;
      expect_close(analytic[static_cast<size_t>(k)], (up - down) / (2 * h), b.name + "[" + std::to_string(k) + "]", tol);
    }
  }
}

}  // namespace hqnn::gradcheck
