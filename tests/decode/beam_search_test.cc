#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "heed/decode/beam_search.h"
#include "heed/model/incremental_decoder.h"
#include "heed/model/model_file.h"
#include "heed/text/special_ids.h"
#include "heed/text/tokenizer.h"

using namespace heed;
using namespace heed::decode;

namespace {

const model::ModelFile& fixture() {
  static const model::ModelFile m = model::load_model(HEED_TEST_DATA "/ref/tiny-pre-sinusoidal.heed");
  return m;
}

const std::vector<std::vector<int32_t>> kSources{{5, 9, 11, 4, 30}, {7}, {40, 41, 42, 43, 44, 45, 46, 47}, {}};

// A model trained on the Bible sample, which (unlike random weights) gives the end of sentence
// real probability: with it, a search that finished hypotheses from low-ranked candidates stopped
// early, and beam 1 was not greedy.
const model::ModelFile& trained() {
  static const model::ModelFile m = model::load_model(HEED_TEST_DATA "/tiny-trained.heed");
  return m;
}

std::vector<std::vector<int32_t>> trained_sources() {
  const auto tokenizer = text::Tokenizer::from_bytes(trained().tokenizer, "tiny-trained.heed");
  std::ifstream dev(HEED_TEST_DATA "/bible.dev.es");
  std::vector<std::vector<int32_t>> sources;
  std::string line;
  while (sources.size() < 30 && std::getline(dev, line))
    if (auto ids = tokenizer.encode_ids(line); ids.size() < 60) sources.push_back(std::move(ids));
  return sources;
}

}  // namespace

TEST_CASE("beam search with beam 1 is greedy search") {
  for (const bool is_trained : {false, true}) {
    CAPTURE(is_trained);
    const auto& params = is_trained ? *trained().params : *fixture().params;
    const auto sources = is_trained ? trained_sources() : kSources;
    BeamSearch search(params);
    SearchOptions o;
    o.beam_size = 1;
    const auto result = search.search(sources, o);
    for (size_t i = 0; i < sources.size(); ++i) {
      CAPTURE(i);
      // Argmax decoding, one sentence at a time.
      model::Transformer encoder(params);
      const auto batch = model::make_batch({sources[i]}, {});
      const Tensor memory = encoder.encode(batch).clone();
      model::IncrementalDecoder dec(params);
      const int64_t max_len = std::min<int64_t>(
          static_cast<int64_t>(o.max_length_a * batch.src_lengths[0] + o.max_length_b), params.config().max_positions - 1);
      dec.start(memory, batch.src_len, batch.src_lengths, {0}, max_len);
      std::vector<int32_t> greedy;
      int32_t token = text::kBosId;
      double log_prob = 0;
      for (int64_t t = 0; t < max_len; ++t) {
        const Tensor& logp = dec.step({token});
        token = static_cast<int32_t>(std::max_element(logp.data(), logp.data() + logp.numel()) - logp.data());
        log_prob += logp.data()[token];
        if (token == text::kEosId) break;
        greedy.push_back(token);
      }
      CHECK(result[i][0].tokens == greedy);
      CHECK(result[i][0].log_prob == doctest::Approx(log_prob).epsilon(1e-5));
    }
  }
}

TEST_CASE("a sentence's translation does not depend on its batch") {
  const auto& params = *fixture().params;
  BeamSearch search(params);
  SearchOptions o;
  o.beam_size = 4;
  o.n_best = 4;
  // Six copies of the sentences: 24 sentences of 4 hypotheses, more rows than the block of 64
  // whose log-probabilities a step takes at once.
  std::vector<std::vector<int32_t>> sources;
  for (int copy = 0; copy < 6; ++copy) sources.insert(sources.end(), kSources.begin(), kSources.end());
  const auto together = search.search(sources, o);
  for (size_t i = 0; i < sources.size(); ++i) {
    CAPTURE(i);
    const auto alone = search.search({sources[i]}, o);
    REQUIRE(alone[0].size() == together[i].size());
    for (size_t k = 0; k < alone[0].size(); ++k) {
      CHECK(alone[0][k].tokens == together[i][k].tokens);
      CHECK(alone[0][k].log_prob == doctest::Approx(together[i][k].log_prob).epsilon(1e-4));
    }
  }
}

TEST_CASE("n-best log-probabilities equal forced-decoding scores and come best first") {
  const auto& params = *fixture().params;
  BeamSearch search(params);
  SearchOptions o;
  o.beam_size = 5;
  o.n_best = 5;
  o.length_penalty = 1.0f;
  const auto result = search.search(kSources, o);
  model::Transformer scorer(params);
  int compared = 0;
  for (size_t i = 0; i < kSources.size(); ++i) {
    CAPTURE(i);
    REQUIRE(result[i].size() == 5);
    for (size_t k = 0; k < result[i].size(); ++k) {
      const auto& h = result[i][k];
      if (k > 0) CHECK(h.score <= result[i][k - 1].score);
      const auto batch = model::make_batch({kSources[i]}, {h.tokens});
      scorer.forward(batch);
      const double forced = scorer.sentence_scores(batch)[0];
      // A hypothesis cut at the maximum length has no eos; its log-prob covers the pieces only.
      const bool cut = static_cast<int64_t>(h.tokens.size()) >=
                       static_cast<int64_t>(o.max_length_a * (kSources[i].size() + 1) + o.max_length_b);
      if (!cut) {
        CHECK(h.log_prob == doctest::Approx(forced).epsilon(1e-4));
        ++compared;
      }
    }
  }
  // Random weights rarely end a sentence; the trained model's sources below make sure that
  // hypotheses with an end of sentence are compared at all.
  const auto trained_result = [&] {
    BeamSearch s(*trained().params);
    return s.search(trained_sources(), o);
  }();
  model::Transformer trained_scorer(*trained().params);
  const auto sources = trained_sources();
  for (size_t i = 0; i < sources.size(); ++i)
    for (const auto& h : trained_result[i]) {
      if (h.cut) continue;
      const auto batch = model::make_batch({sources[i]}, {h.tokens});
      trained_scorer.forward(batch);
      CHECK(h.log_prob == doctest::Approx(trained_scorer.sentence_scores(batch)[0]).epsilon(1e-4));
      ++compared;
    }
  CHECK(compared >= 20);
}
