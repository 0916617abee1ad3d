// The yardstick loops compiled with -march=native (plain_loop_native_isa.cpp).
#pragma once

#include "core/givens_chain.hpp"

namespace hqnn {
void native_plain_chain_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld);
void native_plain_chain_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad, Index batch,
                                 Index ld);
// The plain rotation loop (exact rotations only: reads c and s).
void native_rotation_loop_forward(const GivensGates& g, int n, Real* state, Index batch, Index ld);
void native_rotation_loop_backward(const GivensGates& g, int n, Real* state, Real* grad, Real* angle_grad,
                                   Index batch, Index ld);
}  // namespace hqnn
