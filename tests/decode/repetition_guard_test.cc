#include "heed/decode/repetition_guard.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using heed::decode::RepetitionGuard;
using heed::decode::RepetitionGuardOptions;

namespace {

// Ids 0-3 are the special ids (no text); then a few pieces.
std::vector<std::string> pieces() {
  return {"", "", "", "", "\xe2\x96\x81in", "\xe2\x96\x81the", "\xe2\x96\x81" "city", "ti", "\xe2\x96\x81" "Adrien", "s",
          "\xe2\x96\x81of", "ssss", "\xe2\x96\x81ha", ",", "\xe2\x96\x81y", "\xe2\x96\x81" "al"};
}
enum : int32_t { kIn = 4, kThe, kCity, kTi, kAdrien, kS, kOf, kSsss, kHa, kComma, kY, kAl };

}  // namespace

TEST_CASE("repetition guard: a piece trigram may occur twice, not three times") {
  const RepetitionGuard guard(pieces(), {});
  const std::vector<int32_t> twice = {kIn, kThe, kCity, kOf, kIn, kThe, kCity, kOf, kIn, kThe};
  CHECK(guard.blocks(twice, kCity));        // "in the city" a third time
  CHECK_FALSE(guard.blocks(twice, kOf));    // "in the of": new
  const std::vector<int32_t> once = {kIn, kThe, kCity, kOf, kIn, kThe};
  CHECK_FALSE(guard.blocks(once, kCity));   // a second time is fine
  CHECK_FALSE(guard.blocks({}, kIn));
  CHECK_FALSE(guard.blocks({kIn}, kIn));
}

TEST_CASE("repetition guard: a list may repeat its separators with the words around them") {
  const RepetitionGuard guard(pieces(), {});
  // ", y al" three times: ", y al Hetheo, y al Heveo, y al Jebuseo".
  const std::vector<int32_t> list = {kCity, kComma, kY, kAl, kCity, kComma, kY, kAl, kThe, kComma, kY};
  CHECK_FALSE(guard.blocks(list, kAl));
  const std::vector<int32_t> words = {kY, kAl, kCity, kY, kAl, kCity, kY, kAl};
  CHECK(guard.blocks(words, kCity));  // without punctuation it is a loop
  // With commas between, the same words are still a loop: punctuation is skipped, not a shield.
  const std::vector<int32_t> commas = {kY, kAl, kCity, kComma, kY, kAl, kCity, kComma, kY, kAl};
  CHECK(guard.blocks(commas, kCity));
  CHECK_FALSE(guard.blocks(commas, kComma));  // punctuation itself is never blocked
}

TEST_CASE("repetition guard: a run of characters repeats at most four times") {
  RepetitionGuardOptions no_ngrams;
  no_ngrams.ngram = 0;
  const RepetitionGuard guard(pieces(), no_ngrams);
  CHECK(guard.blocks({kAdrien, kTi, kTi, kTi, kTi}, kTi));   // "tititititi": five times
  CHECK_FALSE(guard.blocks({kAdrien, kTi, kTi, kTi}, kTi));  // "titititi": four
  CHECK(guard.blocks({kS, kS, kS}, kSsss));              // "sss" + "ssss": seven s
  CHECK_FALSE(guard.blocks({kS, kS, kS}, kS));           // "ssss": four
  CHECK(guard.blocks({kHa, kHa, kHa, kHa}, kHa));  // the unit " ha" a fifth time: laughter stops at four
}

TEST_CASE("repetition guard: a loop already in the prefix does not block everything after it") {
  RepetitionGuardOptions no_ngrams;
  no_ngrams.ngram = 0;
  const RepetitionGuard guard(pieces(), no_ngrams);
  CHECK_FALSE(guard.blocks({kSsss, kSsss}, kCity));
}

TEST_CASE("repetition guard: has_char_loop") {
  using heed::decode::has_char_loop;
  CHECK(has_char_loop(U"Adrientitititititi", 4));
  CHECK_FALSE(has_char_loop(U"Mississippi", 4));
  CHECK_FALSE(has_char_loop(U"1000000 dollars", 4));  // digits are not a loop
  CHECK(has_char_loop(U"AFOSSSSS", 4));
  CHECK_FALSE(has_char_loop(U"AFOSSSS", 4));
  CHECK(has_char_loop(U"chachachachacha", 4));
  CHECK_FALSE(has_char_loop(U"", 4));
}
