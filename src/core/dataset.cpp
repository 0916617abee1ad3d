#include "dataset.hpp"

#include <cmath>

#include "rng.hpp"

namespace hqnn {

Dataset Dataset::subset(const std::vector<Index>& rows) const {
  Dataset out;
  out.name = name;
  out.class_names = class_names;
  out.feature_names = feature_names;
  out.image = image;
  out.features.resize(static_cast<Index>(rows.size()), features.cols());
  out.labels.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    out.features.row(static_cast<Index>(i)) = features.row(rows[i]);
    out.labels[i] = labels[rows[i]];
  }
  return out;
}

void Dataset::validate() const {
  const std::string what = name.empty() ? std::string("dataset") : name;
  if (size() == 0) throw InputError(what + ": no samples");
  if (feature_count() == 0) throw InputError(what + ": no feature columns");
  if (static_cast<Index>(labels.size()) != size())
    throw InputError(what + ": " + std::to_string(labels.size()) + " labels for " + std::to_string(size()) +
                     " samples");
  if (class_count() < 2) throw InputError(what + ": only one class; classification needs at least two");
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= class_count())
      throw InputError(what + ": sample " + std::to_string(i) + " has label " + std::to_string(labels[i]) +
                       ", outside 0.." + std::to_string(class_count() - 1));
  for (Index c = 0; c < features.cols(); ++c)
    for (Index r = 0; r < features.rows(); ++r)
      if (!std::isfinite(features(r, c)))
        throw InputError(what + ": sample " + std::to_string(r) + " feature " + std::to_string(c) +
                         " is " + (std::isnan(features(r, c)) ? "NaN" : "infinite"));
}

TrainTestSplit stratified_split(const Dataset& data, double test_fraction, uint64_t seed) {
  if (!(test_fraction > 0.0 && test_fraction < 1.0))
    throw InputError("test fraction must be between 0 and 1 (exclusive), got " + std::to_string(test_fraction));
  Rng rng(seed, kStreamSplit);
  std::vector<Index> train_rows, test_rows;
  for (int k = 0; k < data.class_count(); ++k) {
    std::vector<Index> rows;
    for (Index i = 0; i < data.size(); ++i)
      if (data.labels[i] == k) rows.push_back(i);
    rng.shuffle(rows);
    const size_t n_test = static_cast<size_t>(std::lround(test_fraction * static_cast<double>(rows.size())));
    for (size_t i = 0; i < rows.size(); ++i) (i < n_test ? test_rows : train_rows).push_back(rows[i]);
  }
  rng.shuffle(train_rows);
  rng.shuffle(test_rows);
  return {data.subset(train_rows), data.subset(test_rows)};
}

}  // namespace hqnn
