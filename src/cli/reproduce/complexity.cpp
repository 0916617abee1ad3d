#include "complexity.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include "core/givens_chain.hpp"
#include "core/rng.hpp"

namespace hqnn::cli {

template <typename F>
static double time_per_call(F&& f, double min_seconds) {
  using clock = std::chrono::steady_clock;
  f();  // warm-up
  int calls = 0;
  const auto t0 = clock::now();
  double elapsed = 0;
  do {
    f();
    ++calls;
    elapsed = std::chrono::duration<double>(clock::now() - t0).count();
  } while (elapsed < min_seconds);
  return elapsed / calls;
}

std::vector<ComplexityPoint> measure_complexity(const std::vector<int>& widths, int batch, int dense_max_n,
                                                double min_seconds) {
  std::vector<ComplexityPoint> out;
  for (int n : widths) {
    Rng rng(7);
    const int m = givens_gate_count(n);
    std::vector<Real> angles(static_cast<size_t>(m));
    std::vector<double> angles_d(static_cast<size_t>(m));
    for (int r = 0; r < m; ++r) angles_d[r] = rng.uniform(-kPi, kPi), angles[r] = static_cast<Real>(angles_d[r]);
    Matrix state(batch, n), grad(batch, n);
    Eigen::MatrixXd xd(batch, n), gd(batch, n);
    for (Index i = 0; i < batch; ++i)
      for (Index j = 0; j < n; ++j) xd(i, j) = rng.normal(), gd(i, j) = rng.normal();
    GivensGates gates;
    std::vector<Real> angle_grad(static_cast<size_t>(m));
    ComplexityPoint p;
    p.n = n;
    p.kernel_seconds = time_per_call(
        [&] {
          state = xd.cast<Real>();
          grad = gd.cast<Real>();
          givens_rotation_gates(angles.data(), m, gates);
          givens_chain_forward(gates, n, state.data(), batch, batch);
          givens_chain_backward(gates, n, state.data(), grad.data(), angle_grad.data(), batch, batch);
        },
        min_seconds);
    const auto dense_step = [&] { (void)givens_chain_dense_angle_gradient(angles_d, n, xd, gd); };
    p.dense_seconds = n <= dense_max_n ? time_per_call(dense_step, min_seconds) : std::numeric_limits<double>::quiet_NaN();
    out.push_back(p);
  }
  return out;
}

}  // namespace hqnn::cli
