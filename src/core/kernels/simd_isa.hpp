// The instruction sets the fast kernels are compiled for, and the one this
// machine runs. Each kernel file (givens_chain_kernels.inc, conv2d_kernels.inc,
// linear_kernels.inc) is compiled once per instruction set; the widest the CPU
// supports is chosen at run time, so the default build runs anywhere and uses AVX2 or AVX-512
// where present. All of them give bit-identical results: the kernels never
// fuse a multiply and an add (-ffp-contract=off), and every sum runs in an order
// fixed by the code, not by the vector width.
#pragma once

#include "core/enum_table.hpp"

namespace hqnn {

enum class SimdIsa { portable, avx2, avx512 };  // portable: SSE2 on x86-64, SIMD128 in WebAssembly
template <>
struct EnumTable<SimdIsa> {
  static constexpr EnumName<SimdIsa> rows[] = {
      {SimdIsa::portable, "portable"}, {SimdIsa::avx2, "avx2"}, {SimdIsa::avx512, "avx512"}};
};
static_assert(enum_table_is_complete<SimdIsa>());
// Compiled into this build and supported by this CPU and operating system.
bool simd_isa_available(SimdIsa isa);
// The widest available instruction set. The environment variable HQNN_SIMD
// (portable, avx2 or avx512) lowers it, for benchmarks; a value that is not
// available is ignored.
SimdIsa simd_isa();

}  // namespace hqnn
