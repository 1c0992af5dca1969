// heed-bench train: forward + backward + Adam step on synthetic batches, as heed_ref.py
// bench-train does in PyTorch: B = batch_tokens / len sentences of len source and len target
// tokens, vocabulary 8000, dropout 0.1, label smoothing 0.1.
#include <fmt/format.h>

#include <chrono>

#include "bench/benchmarks.h"
#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/model/transformer.h"
#include "heed/ops/compute_type.h"
#include "heed/train/optimizer.h"

namespace heed::bench {

int train(const std::vector<std::string>& args) {
  const std::string preset = arg(args, "--preset", "small");
  const int64_t batch_tokens = std::stoll(arg(args, "--batch-tokens", "4096"));
  const int64_t len = std::stoll(arg(args, "--len", "32"));
  const int64_t steps = std::stoll(arg(args, "--steps", "10"));
  const int64_t vocab = std::stoll(arg(args, "--vocab", "8000"));
  const ops::ComputeType precision = ops::parse_compute_type(arg(args, "--precision", "f32"));
  HEED_CHECK(batch_tokens >= len && len >= 1 && steps >= 1, "bad benchmark sizes");
  model::Parameters params(model::preset(preset, vocab)), grads(params.config());
  Rng init(1);
  params.initialize(init);
  model::Transformer model(params);
  train::Adam adam(params.flat().numel(), {});
  const int64_t B = batch_tokens / len;
  Rng data(0);
  std::vector<std::vector<int32_t>> src(B), tgt(B);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < len; ++t) {
      src[b].push_back(4 + static_cast<int32_t>(data.below(vocab - 4)));
      tgt[b].push_back(4 + static_cast<int32_t>(data.below(vocab - 4)));
    }
  // make_batch appends eos and prepends bos: len - 1 pieces give len positions per side.
  for (auto& s : src) s.pop_back();
  for (auto& t : tgt) t.pop_back();
  const model::Batch batch = model::make_batch(src, tgt);
  Rng rng(2);
  const model::ForwardOptions options{0.1f, 0.0f, 0.1f, precision};
  auto step = [&] {
    grads.flat().zero();
    const auto sums = model.forward(batch, options, rng);
    model.backward(grads, 1.0f / static_cast<float>(sums.tokens));
    adam.step(params.flat(), grads.flat(), 1e-4f);
  };
  for (int i = 0; i < 2; ++i) step();
  const auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < steps; ++i) step();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("preset {} threads {} batch {}x{} params {:.1f}M products {}\n", preset, thread_count(), B, len,
             params.count() / 1e6, ops::compute_type_name(precision));
  fmt::print("tgt_tokens_per_s {:.1f}\n", B * len * steps / seconds);
  return 0;
}

}  // namespace heed::bench
