#include "heed/decode/language_router.h"

#include <doctest/doctest.h>

#include "heed/core/error.h"
#include "heed/model/model_file.h"

using namespace heed;

TEST_CASE("language router: each line to the model of its language; the target's own lines as they are") {
  const auto file = model::load_model(HEED_TEST_DATA "/tiny-trained.heed");
  const auto tokenizer = text::Tokenizer::from_bytes(file.tokenizer, "tiny-trained.heed");
  const auto id = text::LanguageIdentifier::train(
      {{{"es", HEED_TEST_DATA "/bible.train.es"}, {"en", HEED_TEST_DATA "/bible.train.en"}}, 4, 14, 100000});
  decode::Translator translator(*file.params, tokenizer, {});
  decode::LanguageRouter router(id, "en");
  router.add("es", translator);
  const std::vector<std::string> lines = {"Y dijo Dios: Sea la luz.", "And God said, let there be light.", "",
                                          "1234", "Y fue la tarde y la mañana."};
  std::vector<std::string> detected;
  const auto out = router.translate(lines, {}, &detected);
  const auto direct = translator.translate({lines[0], lines[4]});
  CHECK(detected == std::vector<std::string>{"es", "en", "en", "en", "es"});
  CHECK(out[0].candidates.front().text == direct[0].candidates.front().text);
  CHECK(out[1].candidates.front().text == lines[1]);
  CHECK(out[2].candidates.front().text.empty());
  CHECK(out[3].candidates.front().text == "1234");
  CHECK(out[4].candidates.front().text == direct[1].candidates.front().text);
  CHECK_THROWS_AS(router.add("en", translator), Error);
  CHECK_THROWS_AS(router.add("fr", translator), Error);
}
