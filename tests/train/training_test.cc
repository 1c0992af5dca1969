#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "heed/model/transformer.h"
#include "heed/train/corpus.h"
#include "heed/train/optimizer.h"
#include "heed/train/trainer.h"
#include "heed/text/tokenizer.h"

using namespace heed;

namespace {

// n pairs of 1 to `longest` pieces a side, lengths drawn from `seed`.
train::TokenizedPairs random_pairs(int n, uint64_t longest, uint64_t seed) {
  train::TokenizedPairs pairs;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    const std::vector<int32_t> src(1 + rng.below(longest), 5), tgt(1 + rng.below(longest), 6);
    pairs.add(src, tgt);
  }
  return pairs;
}

}  // namespace

TEST_CASE("gradients of two half-batches add up to the gradient of the whole batch") {
  model::ModelConfig c = model::preset("tiny", 40);
  c.max_positions = 32;
  model::Parameters params(c), whole(c), halves(c);
  Rng init(4);
  params.initialize(init);
  model::Transformer t(params);
  const std::vector<std::vector<int32_t>> src{{5, 6, 7}, {8, 9}, {10, 11, 12, 13}, {14}};
  const std::vector<std::vector<int32_t>> tgt{{15, 16}, {17, 18, 19}, {20}, {21, 22, 23, 24}};
  Rng rng(1);
  const model::ForwardOptions o{0.0f, 0.0f, 0.1f};
  t.forward(model::make_batch(src, tgt), o, rng);
  t.backward(whole, 1.0f);
  t.forward(model::make_batch({src[0], src[1]}, {tgt[0], tgt[1]}), o, rng);
  t.backward(halves, 1.0f);
  t.forward(model::make_batch({src[2], src[3]}, {tgt[2], tgt[3]}), o, rng);
  t.backward(halves, 1.0f);
  double diff = 0, norm = 0;
  for (int64_t i = 0; i < whole.flat().numel(); ++i) {
    const double a = whole.flat().data()[i], b = halves.flat().data()[i];
    diff += (a - b) * (a - b);
    norm += a * a;
  }
  CHECK(std::sqrt(diff / norm) < 1e-5);
}

TEST_CASE("batches hold similar lengths under the token budget and depend only on seed and epoch") {
  const train::TokenizedPairs pairs = random_pairs(500, 40, 2);
  const auto a = train::epoch_batches(pairs, 256, 7, 1), b = train::epoch_batches(pairs, 256, 7, 1);
  const auto other = train::epoch_batches(pairs, 256, 7, 2);
  CHECK(a == b);
  CHECK(a != other);
  size_t seen = 0;
  for (const auto& batch : a) {
    size_t longest = 0;
    for (int32_t i : batch)
      longest = std::max({longest, static_cast<size_t>(pairs.src_length(i)) + 1, static_cast<size_t>(pairs.tgt_length(i)) + 1});
    CHECK((longest * batch.size() <= 256 || batch.size() == 1));
    seen += batch.size();
  }
  CHECK(static_cast<int64_t>(seen) == pairs.size());
}

// The batches, put back in the order of their first pairs, are the pairs stably sorted by
// (target length, source length): the order every earlier run's batches came from, so that a
// resumed run and a recorded curve stay the same.
TEST_CASE("batches are runs of the pairs stably sorted by target length, then source length") {
  const train::TokenizedPairs pairs = random_pairs(3000, 30, 4);
  std::vector<int32_t> expected(static_cast<size_t>(pairs.size()));
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int32_t>(i);
  auto key = [&](int32_t i) { return std::make_pair(pairs.tgt_length(i), pairs.src_length(i)); };
  std::stable_sort(expected.begin(), expected.end(), [&](int32_t a, int32_t b) { return key(a) < key(b); });
  std::vector<size_t> place(expected.size());
  for (size_t p = 0; p < expected.size(); ++p) place[static_cast<size_t>(expected[p])] = p;
  auto batches = train::epoch_batches(pairs, 300, 3, 0);
  std::sort(batches.begin(), batches.end(), [&](const auto& a, const auto& b) { return place[a[0]] < place[b[0]]; });
  std::vector<int32_t> joined;
  for (const auto& b : batches) joined.insert(joined.end(), b.begin(), b.end());
  CHECK(joined == expected);
}

TEST_CASE("learning rate warms up linearly then decays with the inverse square root") {
  CHECK(train::learning_rate(1e-3f, 100, 50) == doctest::Approx(5e-4));
  CHECK(train::learning_rate(1e-3f, 100, 100) == doctest::Approx(1e-3));
  CHECK(train::learning_rate(1e-3f, 100, 400) == doctest::Approx(5e-4));
}

TEST_CASE("Adam takes PyTorch's first step") {
  Tensor p = Tensor::from_vector({2}, {1.0f, -1.0f}), g = Tensor::from_vector({2}, {0.5f, -2.0f});
  train::Adam adam(2, {});
  adam.step(p, g, 0.1f);
  // The first bias-corrected step moves each weight by lr against the sign of its gradient.
  CHECK(p.data()[0] == doctest::Approx(0.9f));
  CHECK(p.data()[1] == doctest::Approx(-0.9f));
}

TEST_CASE("durations parse like 45s 90m 2h 1h30m") {
  CHECK(train::parse_duration("45s") == 45);
  CHECK(train::parse_duration("90m") == 5400);
  CHECK(train::parse_duration("2h") == 7200);
  CHECK(train::parse_duration("1h30m") == 5400);
  CHECK(train::parse_duration("30") == 30);
  CHECK_THROWS(train::parse_duration("soon"));
  CHECK_THROWS(train::parse_duration("5 minutes"));
}

TEST_CASE("a corpus keeps the text of exactly the pairs it keeps") {
  const auto tok = text::Tokenizer::from_file(HEED_TEST_DATA "/ref/spm400.model");
  train::CorpusFilter f;
  f.max_length = 40;
  f.keep_text = true;
  const auto c = train::load_corpus(HEED_TEST_DATA "/bible.dev.es", HEED_TEST_DATA "/bible.dev.en", tok, f);
  REQUIRE(static_cast<int64_t>(c.source_text.size()) == c.pairs.size());
  REQUIRE(static_cast<int64_t>(c.target_text.size()) == c.pairs.size());
  CHECK(c.stats.kept < c.stats.read);  // some dev verses are longer than 40 pieces
  std::vector<int32_t> src, tgt;
  for (int64_t i = 0; i < c.pairs.size(); ++i) {
    c.pairs.get(i, src, tgt);
    CHECK(tok.encode_ids(c.source_text[static_cast<size_t>(i)]) == src);
    CHECK(tok.encode_ids(c.target_text[static_cast<size_t>(i)]) == tgt);
    CHECK(static_cast<int32_t>(src.size()) == c.pairs.src_length(i));
  }
}
