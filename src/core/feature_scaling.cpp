#include "feature_scaling.hpp"

#include <cmath>

namespace hqnn {

FeatureScaler FeatureScaler::fit(ScalingKind kind, const Dataset& train) {
  if (kind != ScalingKind::standard && kind != ScalingKind::minmax)
    throw InputError(std::string("cannot fit a '") + enum_name(kind) + "' scaler (standard or minmax)");
  if (train.size() == 0) throw InputError("cannot fit feature scaling on an empty training set");
  FeatureScaler s;
  s.kind = kind;
  const Index n = train.size(), d = train.feature_count();
  s.offset.resize(d);
  s.scale.resize(d);
  for (Index c = 0; c < d; ++c) {
    const auto col = train.features.col(c).array();
    Real spread = 0;
    if (kind == ScalingKind::standard) {
      // sums in row order, in every build (Eigen's mean() and sum() add in packet order natively)
      Real sum = 0;
      for (Index i = 0; i < n; ++i) sum += col(i);
      s.offset(c) = sum / Real(n);
      Real squares = 0;
      for (Index i = 0; i < n; ++i) squares += (col(i) - s.offset(c)) * (col(i) - s.offset(c));
      spread = std::sqrt(squares / Real(n > 1 ? n - 1 : 1));
    } else {
      s.offset(c) = col.minCoeff();
      spread = col.maxCoeff() - s.offset(c);
    }
    s.scale(c) = spread > Real(0) && std::isfinite(spread) ? spread : Real(1);  // constant feature: only shift it
  }
  return s;
}

void FeatureScaler::apply(Matrix& features) const {
  if (features.cols() != offset.size())
    throw InputError("feature scaling was fitted on " + std::to_string(offset.size()) + " features, the data has " +
                     std::to_string(features.cols()));
  for (Index c = 0; c < features.cols(); ++c) features.col(c) = (features.col(c).array() - offset(c)) / scale(c);
}

}  // namespace hqnn
