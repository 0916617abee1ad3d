// Strides that make the rows of a batch-contiguous block share cache sets.
//
// A layer's block is batch x width, column-major: amplitude (feature) c of
// every sample is one row of the batch, `stride` values after row c - 1. A
// kernel that walks the samples tile by tile touches the same offset of every
// row at once. With a stride of a multiple of 512 bytes (a power-of-two batch
// from 128 floats on) those lines fall into a few of the cache's sets and
// evict each other and their prefetched neighbours; one cache line more
// (padded_stride) spreads them over every set. Training's chunks of
// Model::kChunkRows samples are never padded.
#pragma once

#include "core/real.hpp"

namespace hqnn {

inline bool stride_shares_cache_sets(Index stride) {
  const Index bytes = stride * Index(sizeof(Real));
  return bytes >= 512 && bytes % 512 == 0;
}

// The stride to compute a batch at: the batch, or one cache line more.
inline Index padded_stride(Index batch) {
  return stride_shares_cache_sets(batch) ? batch + 64 / Index(sizeof(Real)) : batch;
}

}  // namespace hqnn
