// Measured cost of one training step of a quantum-inspired layer against n:
// our V-chain kernel (each gate updates two rows of the batch, O(n) per
// sample) and the paper's method (Sec. "complexity", supp. part 5): build U
// as the product of 2n-3 dense n x n gate matrices for the batch, apply it,
// and back-propagate through the product, O(n^4) per batch.
#pragma once

#include <vector>

namespace hqnn::cli {

struct ComplexityPoint {
  int n = 0;
  double kernel_seconds = 0;  // forward + backward of one layer, one batch
  double dense_seconds = 0;   // NaN when n is above the dense limit
};

// Times both methods for every n (batch `batch`), repeating each until
// `min_seconds` have passed. The dense method is only run for n <= dense_max_n.
std::vector<ComplexityPoint> measure_complexity(const std::vector<int>& widths, int batch, int dense_max_n,
                                                double min_seconds);

}  // namespace hqnn::cli
