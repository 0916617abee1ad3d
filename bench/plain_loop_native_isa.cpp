// The plain V chain loop (core/givens_chain_plain_loop.hpp) compiled for this
// machine's best instruction set (-march=native, contraction into fused
// multiply-adds allowed): the yardstick of the fast kernels in bench_givens_chain.
#include "plain_loop_native_isa.hpp"

#include "core/givens_chain_plain_loop.hpp"

namespace hqnn {

void native_plain_chain_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld) {
  plain_chain_forward(g, n, state, batch, ld);
}

void native_plain_chain_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad, Index batch,
                                 Index ld) {
  plain_chain_backward(g, n, state, grad, angle_grad, batch, ld);
}

}  // namespace hqnn
