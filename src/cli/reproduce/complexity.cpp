#include "complexity.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include "core/givens_chain.hpp"
#include "core/rng.hpp"

namespace hqnn::cli {

std::vector<double> dense_u_angle_gradient(const std::vector<double>& angles, int n, const Eigen::MatrixXd& x,
                                           const Eigen::MatrixXd& grad_out) {
  const int m = givens_gate_count(n);
  // U = T_0 T_1 ... T_{m-1} (Eq. 5); prefix[r] = T_0..T_{r-1}, suffix[r] = T_{r+1}..T_{m-1}.
  std::vector<Eigen::MatrixXd> gate(static_cast<size_t>(m)), prefix(static_cast<size_t>(m)), suffix(static_cast<size_t>(m));
  for (int r = 0; r < m; ++r) gate[r] = givens_gate_dense(givens_gate_pair(r, n), angles[r], n);
  prefix[0] = Eigen::MatrixXd::Identity(n, n);
  for (int r = 1; r < m; ++r) prefix[r] = prefix[r - 1] * gate[r - 1];
  suffix[m - 1] = Eigen::MatrixXd::Identity(n, n);
  for (int r = m - 2; r >= 0; --r) suffix[r] = gate[r + 1] * suffix[r + 1];
  const Eigen::MatrixXd u = prefix[m - 1] * gate[m - 1];
  const Eigen::MatrixXd y = x * u.transpose();  // forward: every sample y = U x
  (void)y;
  const Eigen::MatrixXd grad_u = grad_out.transpose() * x;  // dL/dU
  std::vector<double> grad(static_cast<size_t>(m));
  for (int r = 0; r < m; ++r) {
    const Eigen::MatrixXd grad_t = prefix[r].transpose() * grad_u * suffix[r].transpose();  // dL/dT_r
    const int p = givens_gate_pair(r, n);
    const double c = std::cos(angles[r]), s = std::sin(angles[r]);
    // dT/dθ on the block: [[-s, -c], [c, -s]]
    grad[r] = grad_t(p, p) * -s + grad_t(p, p + 1) * -c + grad_t(p + 1, p) * c + grad_t(p + 1, p + 1) * -s;
  }
  return grad;
}

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
    p.dense_seconds = n <= dense_max_n
                          ? time_per_call([&] { (void)dense_u_angle_gradient(angles_d, n, xd, gd); }, min_seconds)
                          : std::numeric_limits<double>::quiet_NaN();
    out.push_back(p);
  }
  return out;
}

}  // namespace hqnn::cli
