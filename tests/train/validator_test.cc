// Validation translates the dev set with decode::Translator and scores it with
// text::CorpusMetrics; before, it ran its own beam search over the dev pairs' ids and summed
// BLEU's statistics by hand. Both ways give the same translations and the same BLEU.
#include <doctest/doctest.h>

#include <utility>

#include "heed/decode/beam_search.h"
#include "heed/decode/loaded_model.h"
#include "heed/model/transformer.h"
#include "heed/text/bleu.h"
#include "heed/train/validator.h"

using namespace heed;

namespace {

// The dev set as `heed train` reads it: every pair that fits the model, with its text.
train::Corpus dev_set(const text::Tokenizer& tokenizer, int64_t max_positions) {
  train::CorpusFilter keep_all;
  keep_all.max_length = max_positions - 1;
  keep_all.max_ratio = 1e9;
  keep_all.keep_text = true;
  return train::load_corpus(HEED_TEST_DATA "/bible.dev.es", HEED_TEST_DATA "/bible.dev.en", tokenizer, keep_all);
}

// The validation of before: beam search over the batches of the dev loss, in their order.
std::vector<std::string> translate_as_before(const decode::LoadedModel& m, const train::Corpus& dev, int64_t batch_tokens,
                                             int beam) {
  decode::BeamSearch search(m.params());
  decode::SearchOptions so;
  so.beam_size = beam;
  std::vector<std::string> hyps(static_cast<size_t>(dev.pairs.size()));
  std::vector<int32_t> src, tgt;
  for (const auto& b : train::epoch_batches(dev.pairs, batch_tokens, 0, 0)) {
    std::vector<std::vector<int32_t>> sources;
    for (int32_t i : b) {
      dev.pairs.get(i, src, tgt);
      sources.push_back(src);
    }
    const auto out = search.search(sources, so);
    for (size_t k = 0; k < b.size(); ++k) hyps[static_cast<size_t>(b[k])] = m.tokenizer.decode_ids(out[k][0].tokens);
  }
  return hyps;
}

double bleu_as_before(const std::vector<std::string>& hyps, const std::vector<std::string>& refs) {
  text::Bleu bleu({});
  std::vector<int64_t> total(static_cast<size_t>(bleu.stats_size()), 0), row(total.size());
  for (size_t i = 0; i < hyps.size(); ++i) {
    bleu.segment_statistics(hyps[i], {refs[i]}, row.data());
    for (size_t j = 0; j < row.size(); ++j) total[j] += row[j];
  }
  return bleu.score(total.data()).score;
}

}  // namespace

TEST_CASE("validation: the Translator's dev translations and BLEU are those of the plain beam search") {
  const auto m = decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed");
  const auto dev = dev_set(m.tokenizer, m.config().max_positions);
  REQUIRE(dev.pairs.size() > 50);
  model::Transformer forward(m.params());
  // Greedy in small batches, and beam 4 in large ones: other batches than the search of before,
  // which must not change a translation.
  for (const auto& [beam, batch_tokens] : {std::pair<int, int64_t>{1, 512}, std::pair<int, int64_t>{4, 4096}}) {
    CAPTURE(beam);
    CAPTURE(batch_tokens);
    train::DevSetValidator validator(dev, m.tokenizer, {batch_tokens, beam});
    const auto before = translate_as_before(m, dev, batch_tokens, beam);
    const auto now = validator.translate(m.params());
    REQUIRE(now.size() == before.size());
    int differ = 0;
    for (size_t i = 0; i < now.size(); ++i) differ += now[i] != before[i];
    CHECK(differ == 0);
    const train::Validation v = validator.validate(m.params(), forward);
    CHECK(v.bleu == bleu_as_before(before, dev.target_text));
    CHECK(v.bleu > 0);
    CHECK(v.nll_per_token > 0);
  }
}

TEST_CASE("validation: a dev set without its text is refused") {
  const auto m = decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed");
  train::CorpusFilter ids_only;
  const auto dev = train::load_corpus(HEED_TEST_DATA "/bible.dev.es", HEED_TEST_DATA "/bible.dev.en", m.tokenizer, ids_only);
  CHECK_THROWS_WITH(train::DevSetValidator(dev, m.tokenizer, {}), doctest::Contains("must keep its text"));
}
