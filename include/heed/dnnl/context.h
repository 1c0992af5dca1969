#pragma once
// The oneDNN CPU engine (one per process), a stream per thread, and oneDNN memory over heed's
// tensors. (OpenMP's thread count is core/parallel.h's set_threads.)
//
// Threading model. Every op may be called from several threads at once: the engine is shared,
// and streams, cached primitives and ops' scratch buffers are per thread. Objects that hold
// weights only (model::Parameters, text::Tokenizer) are read-only once loaded and may be shared.
// Objects that hold activations (model::Transformer, model::IncrementalDecoder,
// decode::BeamSearch, decode::Translator) are per thread: give each thread its own, all over the
// same shared Parameters. OpenMP's thread count is a per-thread setting: a thread that runs ops
// calls set_threads() (core/parallel.h) itself.
#include <dnnl.hpp>

#include <unordered_map>

#include "heed/core/tensor.h"

namespace heed::onednn {

const dnnl::engine& engine();
dnnl::stream& stream();

using Dims = dnnl::memory::dims;

// An f32 memory descriptor with explicit strides, and a memory object over existing data
// (oneDNN memory objects over user pointers are cheap; the primitive is what we cache).
dnnl::memory::desc f32_desc(const Dims& dims, const Dims& strides);
dnnl::memory::desc f32_desc(const Dims& dims);  // dense row-major
dnnl::memory wrap(const dnnl::memory::desc& desc, const float* data);
// bfloat16 operands (raw 16-bit patterns) of the bf16 products.
dnnl::memory::desc bf16_desc(const Dims& dims, const Dims& strides);
dnnl::memory wrap(const dnnl::memory::desc& desc, const uint16_t* data);
dnnl::memory wrap(const Tensor& t);  // the tensor as a dense row-major memory of its own shape

using Args = std::unordered_map<int, dnnl::memory>;
void execute(const dnnl::primitive& primitive, const Args& args);

}  // namespace heed::onednn
