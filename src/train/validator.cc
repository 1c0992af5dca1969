#include "heed/train/validator.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/decode/translator.h"
#include "heed/text/metrics.h"

namespace heed::train {

DevSetValidator::DevSetValidator(const Corpus& dev, const text::Tokenizer& tokenizer, DevSetOptions options)
    : dev_(dev), tokenizer_(tokenizer), options_(options) {
  HEED_CHECK(static_cast<int64_t>(dev.source_text.size()) == dev.pairs.size() &&
                 static_cast<int64_t>(dev.target_text.size()) == dev.pairs.size(),
             "a dev set for validation must keep its text");
}

Validation DevSetValidator::validate(const model::Parameters& params, model::Transformer& model) {
  Validation v;
  v.nll_per_token = dev_loss(model);
  text::CorpusMetrics metrics({});
  const auto stats = metrics.statistics(translate(params), {dev_.target_text});
  v.bleu = metrics.score(stats[0], stats[0].total().data());
  return v;
}

double DevSetValidator::dev_loss(model::Transformer& model) const {
  // The batches of an unshuffled epoch 0: the sums are added in the order they always were, so
  // that the dev loss of a resumed run repeats to the last digit.
  double nll = 0;
  int64_t tokens = 0;
  std::vector<std::vector<int32_t>> s, t;
  for (const auto& batch : epoch_batches(dev_.pairs, options_.batch_tokens, 0, 0)) {
    s.resize(batch.size());
    t.resize(batch.size());
    for (size_t k = 0; k < batch.size(); ++k) dev_.pairs.get(batch[k], s[k], t[k]);
    const auto sums = model.forward(model::make_batch(s, t));
    nll += sums.nll;
    tokens += sums.tokens;
  }
  return nll / std::max<int64_t>(tokens, 1);
}

std::vector<std::string> DevSetValidator::translate(const model::Parameters& params) const {
  decode::TranslatorOptions o;
  o.search.beam_size = options_.beam;
  o.batch_tokens = options_.batch_tokens;
  o.threads = thread_count();
  // Dev lines are single sentences in the case the references have; the guard against loops
  // would hide what the model really does.
  o.split_sentences = false;
  o.restore_case = false;
  o.guard_repetitions = false;
  decode::Translator translator(params, tokenizer_, o);
  const auto translations = translator.translate(dev_.source_text);
  std::vector<std::string> hyps;
  hyps.reserve(translations.size());
  for (const auto& t : translations) hyps.push_back(t.candidates.empty() ? std::string() : t.candidates[0].text);
  return hyps;
}

}  // namespace heed::train
