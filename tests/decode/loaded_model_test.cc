#include "heed/decode/loaded_model.h"

#include <doctest/doctest.h>

#include <string>

using namespace heed;

TEST_CASE("a model's name gives its language pair") {
  std::string s, t;
  CHECK(decode::language_pair("es-en", s, t));
  CHECK((s == "es" && t == "en"));
  CHECK(decode::language_pair("bible-es-en", s, t));
  CHECK((s == "es" && t == "en"));
  CHECK_FALSE(decode::language_pair("tiny-trained", s, t));
  CHECK_FALSE(decode::language_pair("en", s, t));
  CHECK_FALSE(decode::language_pair("en-en", s, t));
}
