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

TEST_CASE("language id: features are the letters' n-grams and the words, case and punctuation aside") {
  using heed::text::language_id_features;
  const auto a = language_id_features("Hola, MUNDO!", 3, 16), b = language_id_features("hola mundo", 3, 16);
  CHECK(a.grams == b.grams);
  CHECK(a.words == b.words);
  CHECK(a.words.size() == 2);
  // " a " has the n-grams "a", " a", "a ", " a ": four; and one word.
  CHECK(language_id_features("a", 4, 16).grams.size() == 4);
  CHECK(language_id_features("a", 4, 16).words.size() == 1);
  CHECK(language_id_features("123 ...", 4, 16).grams.empty());
  CHECK(language_id_features("123 ...", 4, 16).words.empty());
  // The opening marks are words of their own from version 2; version 1 read letters only.
  CHECK(language_id_features("¿Has", 4, 16).words.size() == 2);
  CHECK(language_id_features("¿Has", 4, 16, 1).grams == language_id_features("has", 4, 16, 1).grams);
  CHECK(language_id_features("¿Has", 4, 16, 1).words.empty());
}

TEST_CASE("language id: words decide where the letters' n-grams mislead") {
  // Language "x" spells "ayer" inside longer words only; "y" has "ayer" as a word of its own,
  // among words whose letters are otherwise unlike it.
  const std::string dir = temp_path("heed-lid-words");
  std::filesystem::create_directories(dir);
  {
    std::ofstream x(dir + "/x.txt"), y(dir + "/y.txt");
    for (int i = 0; i < 200; ++i) x << "the player and the prayer of a layer of slayers\n";
    for (int i = 0; i < 200; ++i) y << "ayer fue lunes ayer\n";
  }
  heed::text::LanguageIdTrainOptions o{{{"x", dir + "/x.txt"}, {"y", dir + "/y.txt"}}, 4, 12, 1000};
  o.word_weight = 0;
  const auto letters = LanguageIdentifier::train(o);
  o.word_weight = 3;
  const auto words = LanguageIdentifier::train(o);
  CHECK(words.detect("ayer").front().language == "y");
  CHECK(words.detect("prayer").front().language == "x");
  // Without words, "ayer" scores closer to "x" than with them.
  const auto confidence_x = [](const LanguageIdentifier& id) {
    for (const auto& g : id.detect("ayer")) if (g.language == "x") return g.confidence;
    return -1.0;
  };
  CHECK(confidence_x(letters) > confidence_x(words));
  std::filesystem::remove_all(dir);
}

TEST_CASE("language id: the Bible profile reads Spanish's opening marks") {
  const auto& id = bible_profile();
  CHECK(id.detect("¿Has").front().language == "es");
  CHECK(id.detect("¡Oh").front().language == "es");
}

TEST_CASE("language id: a version 1 profile (n-grams only) still loads and detects") {
  // Order 1, 2^8 buckets, languages "aa" and "bb": "aa" likes every bucket but one.
  const std::string path = temp_path("heed-test-profile-v1.lid");
  {
    std::ofstream out(path, std::ios::binary);
    const auto u32 = [&](uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    out.write("HEEDLID1", 8);
    u32(1), u32(1), u32(8), u32(2);
    for (const char* code : {"aa", "bb"}) out.put(2).write(code, 2);
    const auto bucket = heed::text::language_id_features("q", 1, 8, 1).grams.at(0);
    for (int lang = 0; lang < 2; ++lang)
      for (uint32_t b = 0; b < 256; ++b) {
        const bool favoured = (b == bucket) == (lang == 1);
        const float lp = favoured ? -1.0f : -10.0f;
        out.write(reinterpret_cast<const char*>(&lp), 4);
      }
  }
  const auto id = LanguageIdentifier::load(path);
  CHECK(id.detect("q").front().language == "bb");
  CHECK(id.detect("z").front().language == "aa");
  // Version 1 is read, not written again.
  CHECK_THROWS_AS(id.save(path + ".again"), heed::Error);
  std::remove(path.c_str());
}
