// The scalar type and matrix layout shared by the whole core.
//
// Real is float unless HQNN_REAL_DOUBLE is defined; the library is also built
// in double precision (target hqnn_core64) for finite-difference gradient checks.
//
// Layout: a batch is a column-major Eigen matrix of shape batch x features, so
// each feature (each amplitude of the state) is a contiguous run of batch
// values. Every gate of the V chain then updates two contiguous rows of the
// batch, which the compiler vectorises (bench/bench_givens_chain measures it).
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace hqnn {

#ifdef HQNN_REAL_DOUBLE
using Real = double;
#else
using Real = float;
#endif

using Index = Eigen::Index;
using Matrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;  // batch x features
using RowMajorMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::Matrix<Real, Eigen::Dynamic, 1>;
using RowVector = Eigen::Matrix<Real, 1, Eigen::Dynamic>;

constexpr double kPi = 3.14159265358979323846;

}  // namespace hqnn
