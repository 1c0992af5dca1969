#include "heed/text/casing.h"

#include <doctest/doctest.h>

#include <limits>
#include <map>
#include <string>

using heed::text::CaseShape;

namespace {

// A made-up vocabulary: the spellings it knows as whole words, with their scores.
float score(std::string_view word) {
  static const std::map<std::string, float, std::less<>> known = {
      {"hola", -5}, {"Hola", -6}, {"cómo", -6}, {"estás", -7}, {"madrid", -12}, {"Madrid", -8},
      {"ONU", -9},  {"onu", -13}, {"vive", -8}, {"en", -3},    {"la", -3},     {"ciudad", -9},
      {"the", -2},  {"The", -4},  {"old", -6},  {"man", -6},   {"and", -3},    {"sea", -8},
  };
  const auto it = known.find(word);
  return it == known.end() ? -std::numeric_limits<float>::infinity() : it->second;
}

}  // namespace

TEST_CASE("casing: the shape of a sentence") {
  CHECK(heed::text::case_shape("HOLA, ¿CÓMO ESTÁS?") == CaseShape::upper);
  CHECK(heed::text::case_shape("CIEN AÑOS SE LLAMA UN SIGLO.") == CaseShape::upper);
  CHECK(heed::text::case_shape("The Old Man and the Sea") == CaseShape::title);
  CHECK(heed::text::case_shape("El Viejo Y El Mar") == CaseShape::title);
  // A sentence of capitalized names is not a title: it ends as a sentence does.
  CHECK(heed::text::case_shape("Vivo en Buenos Aires.") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("Gracias, Señor Presidente.") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("¿Qué Es La Vida?\"") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("Hola, ¿cómo estás?") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("La ONU se reunió con la NASA en Nueva York.") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("Tom y María") == CaseShape::ordinary);  // two capitals are not a title
  CHECK(heed::text::case_shape("OK") == CaseShape::ordinary);            // too few letters to tell
  CHECK(heed::text::case_shape("123 456") == CaseShape::ordinary);
  CHECK(heed::text::case_shape("") == CaseShape::ordinary);
}

TEST_CASE("casing: capitals and titles in ordinary case, by the vocabulary") {
  using heed::text::to_ordinary_case;
  CHECK(to_ordinary_case("HOLA, ¿CÓMO ESTÁS?", CaseShape::upper, score) == "Hola, ¿cómo estás?");
  CHECK(to_ordinary_case("VIVE EN MADRID CON LA ONU.", CaseShape::upper, score) == "Vive en Madrid con la ONU.");
  // A word no spelling of which is a piece: lower case in capitals, as written in a title.
  CHECK(to_ordinary_case("ZORGLUB VIVE", CaseShape::upper, score) == "Zorglub vive");
  CHECK(to_ordinary_case("The Old Man And The Zorglub", CaseShape::title, score) == "The old man and the Zorglub");
  // Acronyms in a title stay; spaces stay as they were.
  CHECK(to_ordinary_case("La  Ciudad De La NASA", CaseShape::title, score) == "La  ciudad De la NASA");
  CHECK(to_ordinary_case("hola", CaseShape::ordinary, score) == "hola");
}

TEST_CASE("casing: a translation takes its source's shape") {
  using heed::text::apply_case_shape;
  CHECK(apply_case_shape("Hello, how are you?", CaseShape::upper, "en") == "HELLO, HOW ARE YOU?");
  CHECK(apply_case_shape("Ciento años, ¿straße?", CaseShape::upper, "es") == "CIENTO AÑOS, ¿STRASSE?");
  CHECK(apply_case_shape("the old man and the sea", CaseShape::title, "en") == "The Old Man and the Sea");
  CHECK(apply_case_shape("el viejo y el mar", CaseShape::title, "es") == "El Viejo y el Mar");
  CHECK(apply_case_shape("\"the end\" of it", CaseShape::title, "en") == "\"The End\" of It");
  CHECK(apply_case_shape("as it is", CaseShape::ordinary, "en") == "as it is");
  CHECK(apply_case_shape("music of the 80s on the iPhone", CaseShape::title, "en") == "Music of the 80s on the iPhone");
}
