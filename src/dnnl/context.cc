#include "heed/dnnl/context.h"

namespace heed::onednn {

const dnnl::engine& engine() {
  static const dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  thread_local dnnl::stream s(engine());
  return s;
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
