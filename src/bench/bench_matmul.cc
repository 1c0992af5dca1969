// heed-bench matmul: GFLOP/s of heed's linear layer, forward and backward, at transformer shapes,
// against a 2048³ product in the same run (the practical ceiling on this machine).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "bench/benchmarks.h"
#include "heed/core/parallel.h"
#include "heed/dnnl/cpu.h"
#include "heed/ops/linear.h"
#include "heed/ops/matmul.h"
#include "heed/ops/prepared_matrix.h"

namespace heed::bench {

double time_per_call(const std::function<void()>& fn, double min_seconds, int rounds) {
  using clock = std::chrono::steady_clock;
  fn();  // warm-up: primitive creation, page faults
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    int calls = 0;
    const auto start = clock::now();
    double elapsed = 0;
    do {
      fn();
      ++calls;
      elapsed = std::chrono::duration<double>(clock::now() - start).count();
    } while (elapsed < min_seconds);
    best = std::min(best, elapsed / calls);
  }
  return best;
}

namespace {

Tensor filled(Shape shape) { return Tensor::full(std::move(shape), 0.01f); }

double square_product_gflops(int64_t n) {
  static const Tensor a = filled({n, n}), b = filled({n, n}), c = Tensor::empty({n, n});
  ops::MatmulOptions one_call;
  one_call.row_block = 0;  // the plain oneDNN product, as PERF_NOTES measured it
  const double s = time_per_call([&] {
    ops::matmul(mutable_view_of<2>(c), view_of<2>(a), view_of<2>(b), one_call);
  }, 0.2, 1);
  return 2.0 * n * n * n / s / 1e9;
}

struct Shape3 {
  int64_t m, k, n;
  const char* what;
};

// Inference products (ops/prepared_matrix.h) in each compute type this CPU runs: GFLOP/s at
// decoding and encoding shapes, as a fraction of the same type's 2048³ product, and against the
// fp32 linear layer (unprepared weights, as training runs it) of the same shape.
void prepared_products() {
  const std::vector<Shape3> shapes{
      {32, 256, 768, "decoding step: self-attn QKV"}, {32, 256, 1024, "decoding step: ffn fc1"},
      {32, 1024, 256, "decoding step: ffn fc2"},      {32, 256, 8000, "decoding step: output layer"},
      {4, 256, 8000, "one sentence: output layer"},   {1024, 256, 1024, "encoder: ffn fc1"},
  };
  fmt::print("\ninference products (prepared weights)\n{:<6} {:<30} {:>16} {:>10} {:>12} {:>12}\n", "type",
             "shape", "M x K -> N", "GFLOP/s", "of own peak", "vs fp32 linear");
  for (auto type : {ops::ComputeType::f32, ops::ComputeType::bf16, ops::ComputeType::int8}) {
    if (!ops::compute_type_unavailable(type).empty()) {
      fmt::print("{:<6} skipped: {}\n", ops::compute_type_name(type), ops::compute_type_unavailable(type));
      continue;
    }
    auto gflops = [&](const Shape3& s, bool prepared) {
      const Tensor x = filled({s.m, s.k}), w = filled({s.n, s.k}), y = Tensor::empty({s.m, s.n});
      const ops::PreparedMatrix p(w, type);
      const double seconds = prepared ? time_per_call([&] { p.forward(y, x, nullptr); }, 0.2, 3)
                                      : time_per_call([&] { ops::linear_forward(y, x, w, Tensor()); }, 0.2, 3);
      return 2.0 * s.m * s.k * s.n / seconds / 1e9;
    };
    const double peak = gflops({2048, 2048, 2048, ""}, true);
    fmt::print("{:<6} {:<30} {:>16} {:>10.1f}\n", ops::compute_type_name(type), "2048^3 (this type's peak)", "", peak);
    for (const auto& s : shapes) {
      const double g = gflops(s, true);
      fmt::print("{:<6} {:<30} {:>16} {:>10.1f} {:>12.2f} {:>12.2f}\n", ops::compute_type_name(type), s.what,
                 fmt::format("{}x{}->{}", s.m, s.k, s.n), g, g / peak, g / gflops(s, false));
    }
  }
}

}  // namespace

int matmul(const std::vector<std::string>&) {
  fmt::print("isa {} threads {}\n", onednn::isa_name(), thread_count());
  const std::vector<Shape3> shapes{
      {4096, 256, 256, "small attention projection"}, {4096, 256, 1024, "small ffn fc1"},
      {4096, 1024, 256, "small ffn fc2"},             {4096, 512, 512, "base attention projection"},
      {4096, 512, 2048, "base ffn fc1"},              {4096, 2048, 512, "base ffn fc2"},
      {4096, 256, 8000, "small output layer"},        {64, 512, 512, "decoding step (beam 4 x 16)"},
  };
  // The machine is shared and noisy: each shape is timed right after the 2048³ ceiling, three
  // times, and the median of the three ratios is reported.
  constexpr int kRounds = 3;
  double best_peak = 0;
  fmt::print("{:<30} {:>18} {:>12} {:>8} {:>12} {:>8}\n", "shape", "M x K -> N", "fwd GFLOP/s",
             "of peak", "bwd GFLOP/s", "of peak");
  double lowest = 1e9;
  for (const auto& s : shapes) {
    const Tensor x = filled({s.m, s.k}), w = filled({s.n, s.k}), b = filled({s.n});
    const Tensor y = Tensor::empty({s.m, s.n}), dx = Tensor::empty({s.m, s.k});
    const Tensor dw = Tensor::zeros({s.n, s.k}), db = Tensor::zeros({s.n});
    const double flops = 2.0 * s.m * s.k * s.n;
    std::vector<double> fwd_ratio, bwd_ratio, fwd, bwd;
    for (int r = 0; r < kRounds; ++r) {
      const double peak = square_product_gflops(2048);
      best_peak = std::max(best_peak, peak);
      fwd.push_back(flops / time_per_call([&] { ops::linear_forward(y, x, w, b); }, 0.2, 1) / 1e9);
      bwd.push_back(2 * flops / time_per_call([&] { ops::linear_backward(dx, dw, db, y, x, w); }, 0.2, 1) / 1e9);
      fwd_ratio.push_back(fwd.back() / peak);
      bwd_ratio.push_back(bwd.back() / peak);
    }
    for (auto* v : {&fwd_ratio, &bwd_ratio, &fwd, &bwd}) std::sort(v->begin(), v->end());
    const int mid = kRounds / 2;
    fmt::print("{:<30} {:>18} {:>12.1f} {:>8.2f} {:>12.1f} {:>8.2f}\n", s.what,
               fmt::format("{}x{}->{}", s.m, s.k, s.n), fwd[mid], fwd_ratio[mid], bwd[mid],
               bwd_ratio[mid]);
    if (s.m >= 1024) lowest = std::min(lowest, fwd_ratio[mid]);
  }
  fmt::print("matmul 2048x2048x2048 {:.1f} GFLOP/s at best (the reference ceiling)\n", best_peak);
  fmt::print("linear_forward_fraction_of_peak {:.3f}\n", lowest);
  prepared_products();
  return 0;
}

}  // namespace heed::bench
