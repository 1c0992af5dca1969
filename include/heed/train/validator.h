#pragma once
// Validation: how good the weights are on the dev set. The training loop sees only the
// Validator interface, so its tests can script the scores; DevSetValidator is the real one.
#include <cstdint>

#include <string>
#include <vector>

#include "heed/model/parameters.h"
#include "heed/model/transformer.h"
#include "heed/text/tokenizer.h"
#include "heed/train/corpus.h"

namespace heed::train {

struct Validation {
  double nll_per_token = 0;  // dev loss: cross-entropy per target token, without label smoothing
  double bleu = 0;           // corpus BLEU of the dev translations, sacreBLEU's default options
};

class Validator {
 public:
  virtual ~Validator() = default;
  // `model` is the training run's Transformer over `params`, lent for forced decoding so that
  // validation allocates no second set of activation buffers (as large as training's).
  virtual Validation validate(const model::Parameters& params, model::Transformer& model) = 0;
};

struct DevSetOptions {
  int64_t batch_tokens = 4096;  // of the loss's batches and the translations' batches
  int beam = 4;                 // 1: greedy
};

// The dev loss by forced decoding, and BLEU of the dev sources translated by decode::Translator
// against the dev targets, scored by text::CorpusMetrics: the same translation and the same
// scoring as `heed translate` and `heed bleu`, less what suits real text but not a dev set of
// single sentences (sentence splitting, case restoration, the repetition guard), so that the
// hypotheses are the plain beam search's. Validation runs in f32, whatever the training's products.
class DevSetValidator final : public Validator {
 public:
  // `dev` must keep its text (CorpusFilter::keep_text). Both are borrowed, and must outlive it.
  DevSetValidator(const Corpus& dev, const text::Tokenizer& tokenizer, DevSetOptions options);
  Validation validate(const model::Parameters& params, model::Transformer& model) override;

  // The dev translations alone, in dev order (for tests that compare them with other decoders).
  std::vector<std::string> translate(const model::Parameters& params) const;

 private:
  double dev_loss(model::Transformer& model) const;

  const Corpus& dev_;
  const text::Tokenizer& tokenizer_;
  DevSetOptions options_;
};

}  // namespace heed::train
