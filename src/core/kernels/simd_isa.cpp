#include "simd_isa.hpp"

#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace hqnn {

const char* simd_isa_name(SimdIsa isa) {
  switch (isa) {
    case SimdIsa::portable: return "portable";
    case SimdIsa::avx2: return "avx2";
    case SimdIsa::avx512: return "avx512";
  }
  return "?";
}

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
    for (SimdIsa isa : {SimdIsa::portable, SimdIsa::avx2, SimdIsa::avx512})
      if (std::strcmp(wanted, simd_isa_name(isa)) == 0 && simd_isa_available(isa) && isa < best) best = isa;
  return best;
}

SimdIsa simd_isa() {
  static const SimdIsa isa = detect();
  return isa;
}

}  // namespace hqnn
