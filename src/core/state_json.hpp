// Lossless JSON for checkpoints. Plain JSON numbers cannot hold NaN or ±inf
// (json.hpp writes them as null), and a diverged run has plenty; checkpoints
// write those as the strings "nan", "-nan", "inf" and "-inf" and every finite double
// with 17 significant digits, so a value read back is the value written.
#pragma once

#include <string>
#include <vector>

#include "json.hpp"
#include "real.hpp"
#include "rng.hpp"

namespace hqnn {

Json exact_number(double v);
double exact_number_of(const Json& j, const std::string& context);

template <class T>
Json exact_numbers(const std::vector<T>& values) {
  Json a = Json::array();
  for (const T& v : values) a.push(exact_number(static_cast<double>(v)));
  return a;
}
Json exact_numbers(const Real* values, size_t count);
std::vector<double> exact_numbers_of(const Json& j, const std::string& context);

// A whole number in [lo, hi]; anything else (NaN, a fraction, out of range) is an InputError.
long long whole_number_of(const Json& j, long long lo, long long hi, const std::string& context);

// The whole generator: its four words (hex) and the cached normal draw.
Json rng_state_json(const Rng::State& state);
Rng::State rng_state_of(const Json& j, const std::string& context);

}  // namespace hqnn
