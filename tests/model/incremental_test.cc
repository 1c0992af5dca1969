#include <doctest/doctest.h>

#include <cmath>

#include "heed/model/incremental_decoder.h"
#include "heed/model/transformer.h"

using namespace heed;
using namespace heed::model;

namespace {

// The largest difference between the incremental decoder's log-probabilities, hypothesis i
// reading sentence source_of[i], and full decoding's, over every target position.
double worst_difference(const Parameters& params, const Batch& batch, const std::vector<int32_t>& source_of) {
  Transformer full(params);
  full.forward(batch);
  const Tensor& expected = full.log_probs();  // (B·T, V)
  const Tensor memory = full.encode(batch).clone();
  IncrementalDecoder dec(params);
  dec.start(memory, batch.src_len, batch.src_lengths, source_of, batch.tgt_len);
  const int64_t T = batch.tgt_len, V = params.config().vocab_size;
  double worst = 0;
  for (int64_t t = 0; t < T; ++t) {
    std::vector<int32_t> tokens;
    for (int32_t s : source_of) tokens.push_back(batch.tgt_in[s * T + t]);
    const Tensor& logp = dec.step(tokens);
    for (size_t i = 0; i < source_of.size(); ++i) {
      const int32_t s = source_of[i];
      if (t >= batch.tgt_lengths[s]) continue;  // past this sentence's end: padding
      for (int64_t v = 0; v < V; ++v)
        worst = std::max(worst, static_cast<double>(std::fabs(logp.data()[i * V + v] - expected.data()[(s * T + t) * V + v])));
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("incremental decoding with caches gives the logits of full decoding") {
  for (auto norm : {NormPlacement::pre, NormPlacement::post}) {
    for (auto positions : {Positions::sinusoidal, Positions::learned}) {
      CAPTURE(to_string(norm));
      CAPTURE(to_string(positions));
      ModelConfig c = preset("tiny", 50);
      c.norm = norm;
      c.positions = positions;
      c.max_positions = 32;
      Parameters params(c);
      Rng init(5);
      params.initialize(init);
      const Batch batch = make_batch({{5, 9, 11, 4, 7}, {7, 12}, {30}}, {{6, 8, 21, 40}, {10, 11}, {44, 45, 46, 47}});
      // Hypotheses in another order than the sentences, to exercise source_of.
      const double worst = worst_difference(params, batch, {2, 0, 1});
      CHECK(worst < 1e-5);
    }
  }
}

TEST_CASE("incremental decoding of imported models' variants gives the logits of full decoding") {
  for (int variant = 0; variant < 3; ++variant) {
    CAPTURE(variant);
    ModelConfig c = preset("tiny", 50);
    c.max_positions = 32;
    c.positions = Positions::learned;
    c.norm = variant == 1 ? NormPlacement::post : NormPlacement::pre;
    c.activation = variant == 0 ? Activation::silu : variant == 1 ? Activation::gelu_tanh : Activation::gelu_sigmoid;
    c.attention_bias = true;
    c.output_bias = true;
    c.tie_embeddings = variant != 2;
    c.share_embeddings = variant == 1;
    c.source_vocab_size = c.share_embeddings ? 0 : 40;
    c.scale_embeddings = variant != 0;
    c.final_norm = variant != 2;
    c.zero_start_embedding = variant != 1;
    c.ids = {/*source*/ 0, 1, variant == 0 ? 2 : -1, 3, /*target*/ 49, 1, 0, 0};  // Marian: </s> starts and ends
    Parameters params(c);
    Rng init(7);
    params.initialize(init);
    for (const auto& [name, t] : params.named())  // biases and norms away from their initial 0 and 1
      if (name.find("bias") != std::string::npos || name.find("norm") != std::string::npos)
        for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] += 0.3f * (init.uniform() - 0.5f);
    const Batch batch = make_batch({{5, 9, 11, 4, 7}, {7, 12}, {30}}, {{6, 8, 21, 40}, {10, 11}, {44, 45, 46, 47}}, c.ids);
    const double worst = worst_difference(params, batch, {0, 1, 2});
    CHECK(worst < 1e-5);
  }
}

TEST_CASE("log-probabilities taken for blocks of rows are those of the whole step") {
  ModelConfig c = preset("tiny", 50);
  Parameters params(c);
  Rng init(6);
  params.initialize(init);
  const Batch batch = make_batch({{5, 9, 11, 4, 7}, {7, 12}, {30}}, {});
  Transformer encoder(params);
  const Tensor memory = encoder.encode(batch).clone();
  const std::vector<int32_t> source_of{0, 1, 2, 2, 1};
  IncrementalDecoder whole(params), blocks(params);
  whole.start(memory, batch.src_len, batch.src_lengths, source_of, 4);
  blocks.start(memory, batch.src_len, batch.src_lengths, source_of, 4);
  const int64_t V = c.vocab_size;
  for (const std::vector<int32_t>& tokens : {std::vector<int32_t>{1, 1, 1, 1, 1}, {8, 9, 10, 11, 12}}) {
    const Tensor& all = whole.step(tokens);  // (5, V)
    blocks.advance(tokens);
    for (auto [first, count] : {std::pair<int64_t, int64_t>{0, 2}, {2, 3}, {4, 1}, {1, 0}}) {
      CAPTURE(first);
      const Tensor& part = blocks.log_probs(first, count);
      REQUIRE(part.dim(0) == count);
      // The same rows through a product of another row count: equal up to the order of its
      // D-term sums, (D + 2)·u·Σ|x·w| each way, which log-softmax at most doubles. Σ|x·w| < 10
      // for this model: x is layer-normed (|x| ≈ 1 per value) and the tied embedding rows of a
      // tiny model (D = 64) hold values of scale D^-1/2, so Σ|x·w| ≈ 0.8·√D ≈ 6.
      const double bound = 4 * (c.d_model + 2) * std::ldexp(1.0, -24) * 10;
      int64_t outside = 0;
      for (int64_t i = 0; i < count * V; ++i)
        outside += std::fabs(part.data()[i] - all.data()[first * V + i]) > bound;
      CHECK(outside == 0);
    }
  }
  CHECK_THROWS(blocks.log_probs(4, 2));
}

TEST_CASE("select reorders and drops hypotheses with their caches") {
  ModelConfig c = preset("tiny", 50);
  c.max_positions = 32;
  Parameters params(c);
  Rng init(6);
  params.initialize(init);
  const Batch batch = make_batch({{5, 9, 11}, {7, 12, 13, 14}}, {});
  Transformer full(params);
  const Tensor memory = full.encode(batch).clone();
  // Four hypotheses: two per sentence, fed different tokens; then permute and drop one.
  IncrementalDecoder a(params), b(params);
  a.start(memory, batch.src_len, batch.src_lengths, {0, 0, 1, 1}, 8);
  const std::vector<std::vector<int32_t>> steps{{2, 2, 2, 2}, {5, 6, 7, 8}, {9, 10, 11, 12}};
  for (const auto& s : steps) a.step(s);
  // The last sentence-1 hypothesis and two continuations of hypothesis 0; the rows they get.
  const auto placed = a.select({3, 0, 0});
  std::vector<int32_t> next(3);
  const std::vector<int32_t> feed{20, 21, 22};
  for (int k = 0; k < 3; ++k) next[placed[k]] = feed[k];
  const Tensor& after_rows = a.step(next);
  // Rows back into hypothesis order.
  Tensor after = Tensor::empty(after_rows.shape());
  const int64_t V = after_rows.dim(1);
  for (int k = 0; k < 3; ++k)
    std::copy(after_rows.data() + placed[k] * V, after_rows.data() + (placed[k] + 1) * V, after.mutable_data() + k * V);
  // The same three histories decoded from scratch.
  b.start(memory, batch.src_len, batch.src_lengths, {1, 0, 0}, 8);
  b.step({2, 2, 2});
  b.step({8, 5, 5});
  b.step({12, 9, 9});
  const Tensor& direct = b.step({20, 21, 22});
  double worst = 0;
  for (int64_t i = 0; i < after.numel(); ++i) worst = std::max(worst, static_cast<double>(std::fabs(after.data()[i] - direct.data()[i])));
  CHECK(worst < 1e-5);
}
