// heed-bench matmul: GFLOP/s of heed's linear layer, forward and backward, at transformer shapes,
// against a 2048³ product in the same run (the practical ceiling on this machine).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "bench/benchmarks.h"
#include "heed/dnnl/context.h"
#include "heed/ops/linear.h"
#include "heed/ops/matmul.h"

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
  const Tensor a = filled({n, n}), b = filled({n, n}), c = Tensor::empty({n, n});
  ops::MatmulOptions one_call;
  one_call.row_block = 0;  // the plain oneDNN product, as PERF_NOTES measured it
  const double s = time_per_call([&] {
    ops::matmul(ops::MatrixView::of(c), ops::MatrixView::of(a), ops::MatrixView::of(b), one_call);
  });
  return 2.0 * n * n * n / s / 1e9;
}

struct Shape3 {
  int64_t m, k, n;
  const char* what;
};

}  // namespace

int matmul(const std::vector<std::string>&) {
  fmt::print("isa {} threads {}\n", onednn::isa_name(), onednn::threads());
  // The ceiling is measured before and after the shapes, and the better kept: a noisy neighbour
  // during one measurement should not flatter the fractions.
  double peak = square_product_gflops(2048);
  const std::vector<Shape3> shapes{
      {4096, 256, 256, "small attention projection"}, {4096, 256, 1024, "small ffn fc1"},
      {4096, 1024, 256, "small ffn fc2"},             {4096, 512, 512, "base attention projection"},
      {4096, 512, 2048, "base ffn fc1"},              {4096, 2048, 512, "base ffn fc2"},
      {4096, 256, 8000, "small output layer"},        {64, 512, 512, "decoding step (beam 4 x 16)"},
  };
  struct Row {
    Shape3 s;
    double fwd, bwd;
  };
  std::vector<Row> rows;
  for (const auto& s : shapes) {
    const Tensor x = filled({s.m, s.k}), w = filled({s.n, s.k}), b = filled({s.n});
    const Tensor y = Tensor::empty({s.m, s.n}), dx = Tensor::empty({s.m, s.k});
    const Tensor dw = Tensor::zeros({s.n, s.k}), db = Tensor::zeros({s.n});
    const double flops = 2.0 * s.m * s.k * s.n;
    const double fwd = time_per_call([&] { ops::linear_forward(y, x, w, b); });
    const double bwd = time_per_call([&] { ops::linear_backward(dx, dw, db, y, x, w); });
    rows.push_back({s, flops / fwd / 1e9, 2 * flops / bwd / 1e9});
  }
  peak = std::max(peak, square_product_gflops(2048));
  fmt::print("matmul 2048x2048x2048 {:.1f} GFLOP/s (the reference ceiling)\n", peak);
  fmt::print("{:<30} {:>18} {:>12} {:>8} {:>12} {:>8}\n", "shape", "M x K -> N", "fwd GFLOP/s",
             "of peak", "bwd GFLOP/s", "of peak");
  double lowest = 1e9;
  for (const auto& r : rows) {
    fmt::print("{:<30} {:>18} {:>12.1f} {:>8.2f} {:>12.1f} {:>8.2f}\n", r.s.what,
               fmt::format("{}x{}->{}", r.s.m, r.s.k, r.s.n), r.fwd, r.fwd / peak, r.bwd,
               r.bwd / peak);
    if (r.s.m >= 1024) lowest = std::min(lowest, r.fwd / peak);
  }
  fmt::print("linear_forward_fraction_of_peak {:.3f}\n", lowest);
  return 0;
}

}  // namespace heed::bench
