#include "heed/decode/translator.h"

#include <doctest/doctest.h>

#include <unicode/uchar.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "heed/model/model_file.h"
#include "heed/text/sentences.h"
#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

using namespace heed;
using namespace heed::decode;

namespace {

// The model trained on the Bible sample: small and bad, so it loops on unfamiliar input.
struct Fixture {
  model::ModelFile file = model::load_model(HEED_TEST_DATA "/tiny-trained.heed");
  text::Tokenizer tokenizer = text::Tokenizer::from_bytes(file.tokenizer, "tiny-trained.heed");
};
const Fixture& fixture() {
  static const Fixture f;
  return f;
}

Translator translator(TranslatorOptions o = {}) {
  o.source_language = "es";
  o.target_language = "en";
  return Translator(*fixture().file.params, fixture().tokenizer, o);
}

// A piece of punctuation (and the SentencePiece space) only.
bool punctuation(int32_t id) {
  const std::string& p = fixture().tokenizer.piece(id);
  bool any = false;
  for (size_t i = 0; i < p.size();) {
    const char32_t c = text::next_code_point(p, i);
    if (c == U'\u2581') continue;
    if (!u_ispunct(static_cast<UChar32>(c))) return false;
    any = true;
  }
  return any;
}

std::string best(Translator& t, const std::string& line) { return t.translate({line}).front().candidates.front().text; }

std::vector<std::string> dev_lines(size_t n) {
  std::ifstream dev(HEED_TEST_DATA "/bible.dev.es");
  std::vector<std::string> lines;
  for (std::string line; lines.size() < n && std::getline(dev, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("translator: a line of several sentences is each sentence translated alone, in its layout") {
  auto t = translator();
  const std::string a = "Y dijo Dios: Sea la luz.", b = "Y fue la luz.";
  const std::string ta = best(t, a), tb = best(t, b);
  CHECK(best(t, a + " " + b) == ta + " " + tb);
  CHECK(best(t, "  " + a + "\t" + b + "  ") == "  " + ta + "\t" + tb + "  ");
  CHECK(best(t, a + "\n\n" + b + "\n") == ta + "\n\n" + tb + "\n");
  // Split off, a line is given to the model whole; only its outer white space is kept.
  TranslatorOptions whole;
  whole.split_sentences = false;
  auto w = translator(whole);
  const auto joined = w.translate({" " + a + " " + b});
  CHECK(joined.front().sentences == 1);
  CHECK(joined.front().candidates.front().text.rfind(" ", 0) == 0);
}

TEST_CASE("translator: empty and blank lines come back as they were") {
  auto t = translator();
  const auto out = t.translate({"", "   ", "\t", "\n\n"});
  REQUIRE(out.size() == 4);
  CHECK(out[0].candidates.front().text.empty());
  CHECK(out[1].candidates.front().text == "   ");
  CHECK(out[2].candidates.front().text == "\t");
  CHECK(out[3].candidates.front().text == "\n\n");
  CHECK(out[1].sentences == 0);
}

TEST_CASE("translator: the search cannot loop, and no output passes the length limit") {
  // Guard off, this model loops on some of these lines; guard on, none of its outputs holds a
  // piece trigram three times or a run of letters five times, and each stays under a·src + b.
  TranslatorOptions o;
  o.search.beam_size = 2;
  auto t = translator(o);
  o.guard_repetitions = false;
  auto unguarded = translator(o);
  const auto lines = dev_lines(40);
  const auto guarded = t.translate(lines);
  const auto free = unguarded.translate(lines);
  int loops_without_guard = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    const std::string& text = guarded[i].candidates.front().text;
    std::u32string u;
    for (size_t k = 0; k < text.size();) u.push_back(text::next_code_point(text, k));
    CHECK_FALSE(has_char_loop(u, o.guard.max_char_repeats));
    // No trigram of word pieces three times (punctuation skipped, as the guard does).
    std::vector<int32_t> ids;
    for (int32_t id : fixture().tokenizer.encode_ids(text))
      if (!punctuation(id)) ids.push_back(id);
    std::map<std::vector<int32_t>, int> trigrams;
    for (size_t k = 0; k + 3 <= ids.size(); ++k) CHECK(++trigrams[{ids.begin() + k, ids.begin() + k + 3}] <= 2);
    // Each sentence's limit: a · (its pieces + eos) + b.
    double limit = 0;
    for (const auto& sentence : text::SentenceSplitter("es").split(lines[i]).sentences) {
      const auto src = static_cast<double>(fixture().tokenizer.encode_ids(sentence).size() + 1);
      limit += std::floor(o.search.max_length_a * src + o.search.max_length_b);
    }
    CHECK(guarded[i].target_pieces <= static_cast<int64_t>(limit));
    const std::string& other = free[i].candidates.front().text;
    std::u32string v;
    for (size_t k = 0; k < other.size();) v.push_back(text::next_code_point(other, k));
    loops_without_guard += has_char_loop(v, 4) ? 1 : 0;
  }
  // The test means something only if the model does loop without the guard.
  const auto ids_loops = [&] {
    int n = 0;
    for (const auto& tr : free) {
      const auto ids = fixture().tokenizer.encode_ids(tr.candidates.front().text);
      std::map<std::vector<int32_t>, int> trigrams;
      bool loop = false;
      for (size_t k = 0; k + 3 <= ids.size(); ++k) loop |= ++trigrams[{ids.begin() + k, ids.begin() + k + 3}] > 2;
      n += loop;
    }
    return n;
  }();
  CHECK(loops_without_guard + ids_loops > 0);
}

TEST_CASE("translator: capitals are translated in ordinary case and come back in capitals") {
  auto t = translator();
  const std::string upper = best(t, "Y FUE LA LUZ.");
  CHECK(upper == text::uppercase(upper));
  CHECK(upper == text::uppercase(best(t, "Y fue la luz.")));
  TranslatorOptions keep;
  keep.restore_case = false;
  auto k = translator(keep);
  CHECK(best(k, "Y FUE LA LUZ.") != upper);
}

TEST_CASE("translator: n-best and alignments of a line of several sentences") {
  TranslatorOptions o;
  o.search.beam_size = 3;
  o.search.n_best = 3;
  o.search.attention = true;
  auto t = translator(o);
  const std::string a = "Y dijo Dios: Sea la luz.", b = "Y fue la luz.";
  const auto one_a = t.translate({a}).front(), one_b = t.translate({b}).front();
  const auto both = t.translate({a + " " + b}).front();
  REQUIRE(both.candidates.size() == 3);
  CHECK(both.sentences == 2);
  for (size_t k = 0; k < 3; ++k) {
    CHECK(both.candidates[k].text == one_a.candidates[k].text + " " + one_b.candidates[k].text);
    CHECK(both.candidates[k].log_prob == doctest::Approx(one_a.candidates[k].log_prob + one_b.candidates[k].log_prob));
  }
  // The alignment's word indices run over both sentences: every target word once, in order.
  const auto& c = both.candidates.front();
  std::istringstream pairs(c.alignment);
  int expected_target = 0, max_source = 0;
  for (std::string pair; pairs >> pair;) {
    const size_t dash = pair.find('-');
    max_source = std::max(max_source, std::stoi(pair.substr(0, dash)));
    CHECK(std::stoi(pair.substr(dash + 1)) == expected_target++);
  }
  std::istringstream pa(one_a.candidates.front().alignment), pb(one_b.candidates.front().alignment);
  int na = 0, nb = 0;
  for (std::string p; pa >> p;) ++na;
  for (std::string p; pb >> p;) ++nb;
  CHECK(expected_target == na + nb);
  // The attention picture holds both sentences, one block each, rows summing to one.
  CHECK(c.source_pieces.size() == one_a.candidates.front().source_pieces.size() +
                                      one_b.candidates.front().source_pieces.size() - 1);
  CHECK(c.attention.size() == c.target_pieces.size());
  for (const auto& row : c.attention) {
    REQUIRE(row.size() == c.source_pieces.size());
    double sum = 0;
    for (float w : row) sum += w;
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-4));
  }
}

TEST_CASE("translator: a sentence longer than the model's positions is cut at clause boundaries") {
  auto t = translator();
  const auto max = fixture().file.params->config().max_positions;
  std::string clause = "y dijo Dios que la luz era buena, ";
  std::string sentence;
  while (static_cast<int64_t>(fixture().tokenizer.encode_ids(sentence).size()) < 2 * max) sentence += clause;
  sentence += "y fue así.";
  std::vector<std::string> warnings;
  const auto out = t.translate({sentence}, [&](size_t, const std::string& m) { warnings.push_back(m); });
  CHECK(out.front().chunks >= 3);
  CHECK(warnings.size() == 1);
  CHECK(!out.front().candidates.front().text.empty());
}

TEST_CASE("word alignment links each target word to the source word with the most attention") {
  const std::vector<std::string> src{"\xe2\x96\x81" "la", "\xe2\x96\x81" "ca", "sa"}, tgt{"\xe2\x96\x81" "the", "\xe2\x96\x81" "house"};
  const std::vector<std::vector<float>> att{{0.9f, 0.05f, 0.05f}, {0.1f, 0.4f, 0.5f}};
  CHECK(word_alignment(src, tgt, att) == "0-0 1-1");
}
