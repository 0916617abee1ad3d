#include "simd_isa.hpp"

#include <cstdlib>
#include <initializer_list>

namespace hqnn {

bool simd_isa_available(SimdIsa isa) {
  switch (isa) {
    case SimdIsa::portable: return true;
#ifdef HQNN_X86_KERNELS
    case SimdIsa::avx2: return __builtin_cpu_supports("avx2");
    case SimdIsa::avx512: return __builtin_cpu_supports("avx512f");
#else
    case SimdIsa::avx2: case SimdIsa::avx512: return false;
#endif
  }
  return false;
}

static SimdIsa detect() {
  SimdIsa best = SimdIsa::portable;
  for (SimdIsa isa : {SimdIsa::avx2, SimdIsa::avx512})
    if (simd_isa_available(isa)) best = isa;
  if (const char* wanted = std::getenv("HQNN_SIMD"))
    if (const auto isa = parse_enum<SimdIsa>(wanted); isa && simd_isa_available(*isa) && *isa < best) best = *isa;
  return best;
}

SimdIsa simd_isa() {
  static const SimdIsa isa = detect();
  return isa;
}

}  // namespace hqnn
