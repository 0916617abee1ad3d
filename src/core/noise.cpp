#include "noise.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "input_error.hpp"
#include "rng.hpp"

namespace hqnn {

double draw_noise(NoiseKind kind, double m, Rng& rng) {
  switch (kind) {
    case NoiseKind::gaussian_sym: return rng.normal(0.0, m);
    case NoiseKind::gaussian_asym: return rng.normal(m, m);
    case NoiseKind::uniform_sym: return rng.uniform(-m, m);
    case NoiseKind::uniform_asym: return rng.uniform(0.0, 2.0 * m);
    case NoiseKind::mixed_sym:
      return rng.uniform() < 0.5 ? draw_noise(NoiseKind::gaussian_sym, m, rng) : draw_noise(NoiseKind::uniform_sym, m, rng);
    case NoiseKind::mixed_asym:
      return rng.uniform() < 0.5 ? draw_noise(NoiseKind::gaussian_asym, m, rng)
                                 : draw_noise(NoiseKind::uniform_asym, m, rng);
  }
  return 0.0;
}

void validate(const DatasetNoiseOptions& o) {
  if (!(o.magnitude >= 0) || !std::isfinite(o.magnitude))
    throw InputError("noise magnitude must be a finite number >= 0, got " + std::to_string(o.magnitude));
  if (!(o.max_fraction > 0 && o.max_fraction <= 1))
    throw InputError("noise fraction must be in (0, 1], got " + std::to_string(o.max_fraction));
}

Index add_dataset_noise(Matrix& features, const DatasetNoiseOptions& o, Rng& rng) {
  validate(o);
  const Index d = features.cols();
  std::vector<Index> positions(static_cast<size_t>(d));
  Index touched = 0;
  for (Index r = 0; r < features.rows(); ++r) {
    const double f = o.max_fraction * (1.0 - rng.uniform());  // (0, max_fraction]
    const Index count = std::min(d, static_cast<Index>(std::ceil(f * static_cast<double>(d))));
    std::iota(positions.begin(), positions.end(), Index(0));
    for (Index i = 0; i < count; ++i) {  // partial Fisher-Yates: the first `count` positions
      const Index j = i + static_cast<Index>(rng.below(static_cast<uint64_t>(d - i)));
      std::swap(positions[static_cast<size_t>(i)], positions[static_cast<size_t>(j)]);
      features(r, positions[static_cast<size_t>(i)]) += static_cast<Real>(draw_noise(o.kind, o.magnitude, rng));
    }
    touched += count;
  }
  return touched;
}

}  // namespace hqnn
