#include "heed/ops/prepared_matrix.h"

#include <algorithm>
#include <string>
#include <vector>

#include "heed/core/cpu.h"
#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/linear.h"
#include "heed/ops/quantize.h"

namespace heed::ops {

using dnnl::memory;
using onednn::Dims;
using dt = memory::data_type;

namespace {

// Products of many rows run in blocks of this many, each block with a primitive made for its
// exact row count: oneDNN 2.6's blocked-weight (brgemm) kernels need a fixed row count, and a
// row count seen once is served from the cache afterwards (decoding sees at most batch x beam).
constexpr int64_t kRowBlock = 256;

// Scratch of the calling thread: an input rounded or quantized, and its row scales.
struct Scratch {
  std::vector<uint16_t> bf16;
  std::vector<uint8_t> int8;  // q + limit + 1 (quantize_rows_u8)
  std::vector<float> scales;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Signed 8-bit weights hold values in [-127, 127], and so do the inputs where the CPU multiplies
// bytes in one instruction (VNNI). Without VNNI oneDNN multiplies the unsigned inputs by the
// weights in pairs summed into 16 bits, which saturate past 32767 (255 · 127 · 2 = 64770): inputs
// of 7 bits, q + 64 in [1, 127], keep every pair within range (127 · 127 · 2 = 32258). 7-bit
// weights did the same, and lost more: Bible test on AVX2, Bible model 32.1 BLEU against 32.3,
// es-en 32.7 against 32.8 (fp32: 32.4 and 32.8).

}  // namespace

int int8_input_limit() { return cpu::vnni() ? 127 : 63; }

struct PreparedMatrix::Impl {
  ComputeType type;
  int64_t n = 0, k = 0;
  memory::desc weights_desc;  // the weights as the kernels read them (K, N)
  memory weights;             // owning storage in weights_desc's layout
  std::vector<float> scales;     // int8: (N) one per output row of W
  int input_limit = 127;         // int8: the inputs' limit on this CPU (int8_input_limit)
  std::vector<int32_t> offsets;  // int8: (N) the inputs' offset (input_limit + 1) · the row's sum of weights

  // int8 inputs are unsigned, q + limit + 1 (quantize_rows_u8).
  dt src_type() const { return type == ComputeType::f32 ? dt::f32 : type == ComputeType::bf16 ? dt::bf16 : dt::u8; }

  dt dst_type() const { return type == ComputeType::int8 ? dt::s32 : dt::f32; }

  // The primitive for exactly `m` rows.
  onednn::CachedPrimitive primitive(int64_t m, bool bias) const {
    onednn::CacheKey key("prepared");
    key.add(static_cast<int64_t>(type)).add(n).add(k).add(m).add(int64_t{bias});
    return onednn::cached_primitive(key, [&] {
      memory::desc src({m, k}, src_type(), memory::format_tag::ab);
      memory::desc dst({m, n}, dst_type(), memory::format_tag::ab);
      auto desc = bias ? dnnl::matmul::desc(src, weights_desc, memory::desc({1, n}, dt::f32, memory::format_tag::ab), dst)
                       : dnnl::matmul::desc(src, weights_desc, dst);
      dnnl::matmul::primitive_desc pd(desc, onednn::engine());
      return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
    });
  }
};

PreparedMatrix::PreparedMatrix(const Tensor& w, ComputeType type) : impl_(std::make_unique<Impl>()) {
  HEED_ASSERT(w.ndim() == 2, "a prepared matrix needs a 2-D weight, got {}", to_string(w.shape()));
  const std::string unavailable = compute_type_unavailable(type);
  HEED_CHECK(unavailable.empty(), "{}", unavailable);
  Impl& p = *impl_;
  p.type = type;
  p.n = w.dim(0);
  p.k = w.dim(1);
  const auto& engine = onednn::engine();
  // W (N, K) row-major is the (K, N) operand with strides (1, K).
  const Dims plain_strides{1, p.k};
  // Let oneDNN choose the layout for a block of rows, then reorder once. int8 is quantized
  // first, with each row's sum kept for the offset its unsigned inputs add. A plain int8 matrix
  // went to the gemm kernels, which repack the weights on every call: at decoding shapes they
  // ran at 53-277 GOP/s, the blocked layout's brgemm at 800-1,400.
  const dt weights_dt = type == ComputeType::int8 ? dt::s8 : p.src_type();
  memory::desc any({p.k, p.n}, weights_dt, memory::format_tag::any);
  dnnl::matmul::primitive_desc pd(
      dnnl::matmul::desc(memory::desc({kRowBlock, p.k}, p.src_type(), memory::format_tag::ab), any,
                         memory::desc({kRowBlock, p.n}, p.dst_type(), memory::format_tag::ab)),
      engine);
  p.weights_desc = pd.weights_desc();
  // Without brgemm (oneDNN 2.6 has it on AVX-512 only) int8 runs on the gemm kernels, which
  // measured faster on the plain (K, N) matrix than on the layout `any` gave them.
  if (type == ComputeType::int8 && std::string(pd.impl_info_str()).rfind("brg", 0) != 0)
    p.weights_desc = memory::desc({p.k, p.n}, dt::s8, plain_strides);
  p.weights = memory(p.weights_desc, engine);
  if (type == ComputeType::int8) {
    memory plain(memory::desc({p.k, p.n}, dt::s8, plain_strides), engine);
    p.scales.resize(p.n);
    auto* q = static_cast<int8_t*>(plain.get_data_handle());
    quantize_rows(w.data(), p.n, p.k, p.k, q, p.scales.data());
    p.input_limit = int8_input_limit();
    p.offsets.resize(p.n);
    for (int64_t r = 0; r < p.n; ++r) {
      int32_t sum = 0;
      for (int64_t c = 0; c < p.k; ++c) sum += q[r * p.k + c];
      p.offsets[r] = (p.input_limit + 1) * sum;
    }
    dnnl::reorder(plain, p.weights).execute(onednn::stream(), plain, p.weights);
  } else {
    // oneDNN's memory takes a void*; the reorder only reads w.
    memory plain(memory::desc({p.k, p.n}, dt::f32, plain_strides), engine, const_cast<float*>(w.data()));
    dnnl::reorder(plain, p.weights).execute(onednn::stream(), plain, p.weights);
  }
  onednn::stream().wait();
}

PreparedMatrix::~PreparedMatrix() = default;
PreparedMatrix::PreparedMatrix(PreparedMatrix&&) noexcept = default;

ComputeType PreparedMatrix::type() const { return impl_->type; }

int64_t PreparedMatrix::bytes() const {
  return static_cast<int64_t>(impl_->weights_desc.get_size() + impl_->scales.size() * sizeof(float));
}

void PreparedMatrix::forward(const Tensor& y, const Tensor& x, const float* bias) const {
  const Impl& p = *impl_;
  HEED_ASSERT(x.ndim() == 2 && x.dim(1) == p.k, "prepared product: input {} for a ({}, {}) weight",
             to_string(x.shape()), p.n, p.k);
  const int64_t m = x.dim(0);
  check_shape(y, {m, p.n}, "prepared product output");
  if (m == 0) return;
  Scratch& s = scratch();

  if (p.type == ComputeType::int8) {
    // x ≈ q · sx (per row), W ≈ qw · sw (per row of W): y = (q · qw^T) · sx ⊗ sw + b, the integer
    // product written into y's own storage (int32 and float have the same size), then scaled in place.
    // Row counts past the full blocks run as a multiple of 8 and the few rows left over: decoding's
    // row count changes as hypotheses finish, and each count was a primitive of its own,
    // JIT-compiled (511 of them for the Bible test); this way there are at most 32 + 7 per matrix.
    const int64_t k = p.k, tail = m % kRowBlock, rest = tail > 8 ? tail % 8 : 0;
    s.int8.resize(m * k);
    s.scales.resize(m);
    quantize_rows_u8(x.data(), m, k, k, s.int8.data(), s.scales.data(), p.input_limit);
    run_blocks(m - rest, s.int8.data(), y.mutable_data(), nullptr);
    if (rest > 0) run_blocks(rest, s.int8.data() + (m - rest) * k, y.mutable_data() + (m - rest) * p.n, nullptr);
    const float* sw = p.scales.data();
    const float* sx = s.scales.data();
    float* out = y.mutable_data();
    const int64_t n = p.n;
    parallel_for(m, m * n, [&](int64_t r) {
      dequantize_sums(reinterpret_cast<const int32_t*>(out + r * n), p.offsets.data(), sx[r], sw, bias, n,
                      out + r * n);
    });
    return;
  }

  const void* src_data = x.data();
  if (p.type == ComputeType::bf16) {
    s.bf16.resize(m * p.k);
    to_bf16(x.data(), m * p.k, s.bf16.data());
    src_data = s.bf16.data();
  }
  run_blocks(m, src_data, y.mutable_data(), bias);
}

void PreparedMatrix::run_blocks(int64_t m, const void* src, void* dst, const float* bias) const {
  const Impl& p = *impl_;
  const auto& engine = onednn::engine();
  const size_t src_elem = p.type == ComputeType::f32 ? 4 : p.type == ComputeType::bf16 ? 2 : 1;
  for (int64_t row = 0; row < m; row += kRowBlock) {
    const int64_t rows = std::min(kRowBlock, m - row);
    const auto& entry = p.primitive(rows, bias != nullptr);
    auto* src_ptr = static_cast<char*>(const_cast<void*>(src)) + row * p.k * src_elem;
    auto* dst_ptr = static_cast<char*>(dst) + row * p.n * 4;  // f32 or s32
    memory src_mem({{rows, p.k}, p.src_type(), memory::format_tag::ab}, engine, src_ptr);
    memory dst_mem({{rows, p.n}, p.dst_type(), memory::format_tag::ab}, engine, dst_ptr);
    onednn::Args args{{DNNL_ARG_SRC, src_mem}, {DNNL_ARG_WEIGHTS, p.weights}, {DNNL_ARG_DST, dst_mem}};
    if (bias) args[DNNL_ARG_BIAS] = onednn::wrap(onednn::f32_desc({1, p.n}), bias);
    onednn::execute(entry.primitive, args);
  }
}

void PreparedWeights::add(const Tensor& w) {
  const std::pair key{static_cast<const float*>(w.data()), w.dim(0)};
  if (!matrices_.count(key)) matrices_.emplace(key, PreparedMatrix(w, type_));
}

const PreparedMatrix* PreparedWeights::find(const Tensor& w) const {
  const auto it = matrices_.find({w.data(), w.dim(0)});
  return it == matrices_.end() ? nullptr : &it->second;
}

int64_t PreparedWeights::bytes() const {
  int64_t total = 0;
  for (const auto& [key, m] : matrices_) total += m.bytes();
  return total;
}

void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b,
                    const PreparedWeights* prepared) {
  if (const PreparedMatrix* m = prepared ? prepared->find(w) : nullptr) {
    check_shape(y, {x.dim(0), w.dim(0)}, "linear_forward output");
    m->forward(y, x, b.defined() ? b.data() : nullptr);
    return;
  }
  linear_forward(y, x, w, b);
}

}  // namespace heed::ops
