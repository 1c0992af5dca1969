#include <doctest/doctest.h>

#include <thread>

#include "heed/decode/loaded_model.h"
#include "heed/decode/scorer.h"
#include "heed/decode/translator.h"
#include "heed/core/parallel.h"
#include "heed/text/lines.h"

using namespace heed;

namespace {

void check_threads_share(ops::ComputeType type) {
  const decode::LoadedModel model =
      decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed", {type, /*inference_only=*/true});
  std::vector<std::string> lines = text::read_text_lines(HEED_TEST_DATA "/bible.dev.es", {});
  lines.resize(12);
  decode::TranslatorOptions options;
  options.search.beam_size = 2;
  options.batch_tokens = 256;  // several batches

  struct Answers {
    std::vector<std::string> texts;
    std::vector<double> log_probs, scores;
  };
  auto answer = [&](int workers) {
    set_threads(1);  // a per-thread setting: each thread sets its own
    decode::TranslatorOptions o = options;
    o.workers = o.threads = workers;  // workers > 1: the translator's own threads, a batch each
    decode::Translator translator(model.params(), model.tokenizer, o);
    Answers a;
    for (const auto& t : translator.translate(lines)) {
      a.texts.push_back(t.candidates.front().text);
      a.log_probs.push_back(t.candidates.front().log_prob);
    }
    a.scores = decode::Scorer(model).score(lines, a.texts, {});
    return a;
  };
  const Answers expected = answer(1);
  REQUIRE(expected.texts.size() == lines.size());

  constexpr int kThreads = 4;
  std::vector<Answers> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back([&, i] { got[i] = answer(1 + i % 2); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    CAPTURE(i);
    // The same ops on the same shapes in the same order: equal to the last bit.
    CHECK(got[i].texts == expected.texts);
    CHECK(got[i].log_probs == expected.log_probs);
    CHECK(got[i].scores == expected.scores);
  }
}

}  // namespace

// The threading model of dnnl/context.h: one loaded model shared read-only (its prepared weights
// too, in every compute type this CPU runs), a Translator and a Scorer per thread, and a
// Translator's own worker threads. Run under ThreadSanitizer by scripts/test.sh.
TEST_CASE("threads sharing one model each get the single-thread translations and scores") {
  for (auto type : {ops::ComputeType::f32, ops::ComputeType::int8, ops::ComputeType::bf16}) {
    if (!ops::compute_type_unavailable(type).empty()) continue;
    CAPTURE(ops::compute_type_name(type));
    check_threads_share(type);
  }
}
