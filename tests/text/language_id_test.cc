#include "heed/text/language_id.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "support/files.h"

using heed::text::LanguageIdentifier;

namespace {

const LanguageIdentifier& bible_profile() {
  static const LanguageIdentifier id = LanguageIdentifier::train(
      {{{"es", HEED_TEST_DATA "/bible.train.es"}, {"en", HEED_TEST_DATA "/bible.train.en"}}, 4, 14, 100000});
  return id;
}

std::string temp_path(const char* name) { return (std::filesystem::temp_directory_path() / name).string(); }

}  // namespace

TEST_CASE("language id: the Bible sample's dev verses, whole and their first two words") {
  const auto& id = bible_profile();
  int right = 0, right_short = 0, total = 0;
  for (const char* lang : {"es", "en"}) {
    for (const auto& line : heed::test::read_lines(std::string(HEED_TEST_DATA "/bible.dev.") + lang)) {
      ++total;
      right += id.detect(line).front().language == lang;
      const std::string two = line.substr(0, line.find(' ', line.find(' ') + 1));
      right_short += id.detect(two).front().language == lang;
    }
  }
  // 120 verses: every whole one right; two words are harder ("Y dijo" / "And God"), most right.
  CHECK(right == total);
  CHECK(right_short >= total * 85 / 100);
}

TEST_CASE("language id: candidates, confidences and text without letters") {
  const auto& id = bible_profile();
  const auto guesses = id.detect("Y dijo Dios: Sea la luz; y fue la luz.");
  REQUIRE(guesses.size() == 2);
  CHECK(guesses[0].language == "es");
  CHECK(guesses[0].confidence > 99.0);
  CHECK(guesses[0].confidence + guesses[1].confidence == doctest::Approx(100.0).epsilon(0.002));
  const auto only = id.detect("Y dijo Dios", {"en", "fr"});
  REQUIRE(only.size() == 1);
  CHECK(only[0].language == "en");
  CHECK(only[0].confidence == 100.0);
  CHECK(id.detect("x", {"fr"}).empty());
  const auto none = id.detect("1234 !!", {});
  REQUIRE(none.size() == 2);
  CHECK(none[0].confidence == none[1].confidence);
}

TEST_CASE("language id: a profile saved and loaded detects the same") {
  const auto& id = bible_profile();
  const std::string path = temp_path("heed-test-profile.lid");
  id.save(path);
  const auto loaded = LanguageIdentifier::load(path);
  CHECK(loaded.languages() == id.languages());
  for (const char* text : {"Y dijo Dios", "And God said", "luz", "xyz"}) {
    const auto a = id.detect(text), b = loaded.detect(text);
    CHECK(a.front().language == b.front().language);
    CHECK(a.front().confidence == b.front().confidence);
  }
  // Cut short, or not a profile at all: an error naming the file.
  const std::string bytes = heed::read_file(path);
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() - 4);
  CHECK_THROWS_WITH_AS(LanguageIdentifier::load(path), doctest::Contains("heed-test-profile.lid"), heed::Error);
  std::ofstream(path, std::ios::binary) << "not a profile at all";
  CHECK_THROWS_WITH_AS(LanguageIdentifier::load(path), doctest::Contains("not a heed language profile"), heed::Error);
  std::remove(path.c_str());
}

TEST_CASE("language id: features are the letters' n-grams, case and punctuation aside") {
  using heed::text::language_id_features;
  CHECK(language_id_features("Hola, MUNDO!", 3, 16) == language_id_features("hola mundo", 3, 16));
  // " a " has the n-grams "a", " a", "a ", " a ": four.
  CHECK(language_id_features("a", 4, 16).size() == 4);
  CHECK(language_id_features("123 ...", 4, 16).empty());
}
