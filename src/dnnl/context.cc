#include "heed/dnnl/context.h"

#include <omp.h>

namespace heed::onednn {

const dnnl::engine& engine() {
  static const dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  thread_local dnnl::stream s(engine());
  return s;
}

const char* isa_name() {
  switch (dnnl::get_effective_cpu_isa()) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

dnnl::memory::desc f32_desc(const Dims& dims, const Dims& strides) {
  return dnnl::memory::desc(dims, dnnl::memory::data_type::f32, strides);
}

dnnl::memory::desc f32_desc(const Dims& dims) {
  Dims strides(dims.size(), 1);
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) strides[i] = strides[i + 1] * dims[i + 1];
  return f32_desc(dims, strides);
}

dnnl::memory wrap(const dnnl::memory::desc& desc, const float* data) {
  // oneDNN takes a non-const handle for every argument; inputs are only read.
  return dnnl::memory(desc, engine(), const_cast<float*>(data));
}

dnnl::memory::desc bf16_desc(const Dims& dims, const Dims& strides) {
  return dnnl::memory::desc(dims, dnnl::memory::data_type::bf16, strides);
}

dnnl::memory wrap(const dnnl::memory::desc& desc, const uint16_t* data) {
  return dnnl::memory(desc, engine(), const_cast<uint16_t*>(data));
}

dnnl::memory wrap(const Tensor& t) { return wrap(f32_desc(Dims(t.shape().begin(), t.shape().end())), t.data()); }

void execute(const dnnl::primitive& primitive, const Args& args) {
  primitive.execute(stream(), args);
  stream().wait();
}

}  // namespace heed::onednn
