// A small, portable random number generator.
//
// The standard library's distributions differ between libstdc++ (native) and
// libc++ (WebAssembly), so hqnn draws every random number through this class:
// the same seed gives the same numbers on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hqnn {

class Rng {
 public:
  // `stream` separates independent uses of one user seed (init, shuffling, noise, ...).
  explicit Rng(uint64_t seed = 1, uint64_t stream = 0);

  uint64_t next_u64();                  // xoshiro256**
  double uniform();                     // [0, 1), 53 random bits
  double uniform(double lo, double hi); // [lo, hi)
  double normal();                      // N(0, 1), Box-Muller
  double normal(double mean, double sd);
  uint64_t below(uint64_t bound);       // uniform integer in [0, bound), unbiased
  template <typename T>
  void shuffle(std::vector<T>& v) {     // Fisher-Yates
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(below(i));
      std::swap(v[i - 1], v[j]);
    }
  }

  // The full state, for checkpoints: 4 words, the cached normal and its flag.
  struct State {
    uint64_t s[4];
    bool has_spare;
    double spare;
  };
  State state() const { return {{s_[0], s_[1], s_[2], s_[3]}, has_spare_, spare_}; }
  void set_state(const State& st) {
    for (int i = 0; i < 4; ++i) s_[i] = st.s[i];
    has_spare_ = st.has_spare;
    spare_ = st.spare;
  }

 private:
  uint64_t s_[4];
  bool has_spare_ = false;
  double spare_ = 0.0;
};

// Stream ids, so that one seed drives independent, reproducible sequences.
enum RngStream : uint64_t {
  kStreamInit = 1,
  kStreamShuffle = 2,
  kStreamSplit = 3,
  kStreamNoise = 4,
  kStreamAttack = 5,
};

}  // namespace hqnn
