#pragma once
// The one oneDNN CPU engine and stream of the process, and the thread count oneDNN uses.
#include <dnnl.hpp>

#include <unordered_map>

#include "heed/core/tensor.h"

namespace heed::onednn {

const dnnl::engine& engine();
dnnl::stream& stream();

// Sets the OpenMP threads oneDNN and heed's own loops use; n <= 0 means all cores.
void set_threads(int n);
int threads();

// The instruction set oneDNN dispatches to on this CPU, e.g. "avx2" or "avx512_core_bf16".
const char* isa_name();

using Dims = dnnl::memory::dims;

// An f32 memory descriptor with explicit strides, and a memory object over existing data
// (oneDNN memory objects over user pointers are cheap; the primitive is what we cache).
dnnl::memory::desc f32_desc(const Dims& dims, const Dims& strides);
dnnl::memory::desc f32_desc(const Dims& dims);  // dense row-major
dnnl::memory wrap(const dnnl::memory::desc& desc, const float* data);
dnnl::memory wrap(const Tensor& t);  // the tensor as a dense row-major memory of its own shape

using Args = std::unordered_map<int, dnnl::memory>;
void execute(const dnnl::primitive& primitive, const Args& args);

}  // namespace heed::onednn
