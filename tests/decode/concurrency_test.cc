#include <doctest/doctest.h>

#include <thread>

#include "heed/decode/loaded_model.h"
#include "heed/decode/scorer.h"
#include "heed/decode/translator.h"
#include "heed/dnnl/context.h"
#include "heed/text/lines.h"

using namespace heed;

// The threading model of dnnl/context.h: one loaded model shared read-only, a Translator and a
// Scorer per thread. Run under ThreadSanitizer by scripts/test.sh (-DHEED_SANITIZE=thread).
TEST_CASE("threads sharing one model each get the single-thread translations and scores") {
  const decode::LoadedModel model = decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed");
  std::vector<std::string> lines = text::read_text_lines(HEED_TEST_DATA "/bible.dev.es");
  lines.resize(12);
  decode::TranslatorOptions options;
  options.search.beam_size = 2;
  options.batch_tokens = 256;  // several batches

  struct Answers {
    std::vector<std::string> texts;
    std::vector<double> log_probs, scores;
  };
  auto answer = [&] {
    onednn::set_threads(1);  // a per-thread setting: each thread sets its own
    decode::Translator translator(model.params(), model.tokenizer, options);
    Answers a;
    for (const auto& t : translator.translate(lines)) {
      a.texts.push_back(t.candidates.front().text);
      a.log_probs.push_back(t.candidates.front().log_prob);
    }
    a.scores = decode::Scorer(model).score(lines, a.texts, {});
    return a;
  };
  const Answers expected = answer();
  REQUIRE(expected.texts.size() == lines.size());

  constexpr int kThreads = 4;
  std::vector<Answers> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back([&, i] { got[i] = answer(); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    CAPTURE(i);
    // The same ops on the same shapes in the same order: equal to the last bit.
    CHECK(got[i].texts == expected.texts);
    CHECK(got[i].log_probs == expected.log_probs);
    CHECK(got[i].scores == expected.scores);
  }
}
