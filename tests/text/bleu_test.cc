#include <doctest/doctest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heed/core/io.h"
#include "heed/text/bleu.h"
#include "support/files.h"

using namespace heed;
using namespace heed::text;

namespace {

struct Corpus {
  std::vector<std::string> hyps;
  std::vector<std::vector<std::string>> refs;
  std::vector<std::string_view> refs_of(size_t i) const {
    std::vector<std::string_view> out;
    for (const auto& r : refs) out.push_back(r[i]);
    return out;
  }
};

Corpus load(const std::filesystem::path& dir) {
  Corpus c;
  c.hyps = test::read_lines(dir / "hyp.txt");
  for (int r = 0; std::filesystem::exists(dir / ("ref" + std::to_string(r) + ".txt")); ++r)
    c.refs.push_back(test::read_lines(dir / ("ref" + std::to_string(r) + ".txt")));
  return c;
}

template <class Metric>
std::vector<int64_t> corpus_stats(Metric& m, const Corpus& c) {
  std::vector<int64_t> total(m.stats_size(), 0), row(m.stats_size());
  for (size_t i = 0; i < c.hyps.size(); ++i) {
    m.segment_statistics(c.hyps[i], c.refs_of(i), row.data());
    for (size_t j = 0; j < row.size(); ++j) total[j] += row[j];
  }
  return total;
}

// sacreBLEU's expected values are rounded to 4 decimals.
constexpr double kTolerance = 0.6e-4;

}  // namespace

TEST_CASE("BLEU and chrF equal sacreBLEU 2.6.0 on every reference vector") {
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(HEED_TEST_DATA "/sacrebleu")) {
    if (!entry.is_directory()) continue;
    ++cases;
    CAPTURE(entry.path().filename().string());
    const auto expected = nlohmann::json::parse(read_file((entry.path() / "expected.json").string()));
    const Corpus corpus = load(entry.path());
    REQUIRE(static_cast<int>(corpus.refs.size()) == expected["options"]["nrefs"].get<int>());

    BleuOptions o;
    o.tokenize = parse_sacre_tokenizer(expected["options"]["tokenize"].get<std::string>());
    o.lowercase = expected["options"]["lowercase"].get<bool>();
    Bleu bleu(o);
    const auto stats = corpus_stats(bleu, corpus);
    const BleuScore s = bleu.score(stats.data());
    CHECK(std::abs(s.score - expected["bleu"].get<double>()) < kTolerance);
    CHECK(std::abs(s.bp - expected["bp"].get<double>()) < 1e-6);
    CHECK(s.sys_len == expected["sys_len"].get<int64_t>());
    CHECK(s.ref_len == expected["ref_len"].get<int64_t>());
    for (int n = 0; n < 4; ++n) {
      CHECK(s.counts[n] == expected["counts"][n].get<double>());
      CHECK(s.totals[n] == expected["totals"][n].get<double>());
    }
    std::string line = "BLEU = " + fmt::format("{:.2f} ", s.score) + Bleu::verbose(s);
    CHECK(line == expected["sacrebleu_line"].get<std::string>());

    Chrf chrf({}), chrf_pp({6, 2, 2, false, false});
    CHECK(std::abs(chrf.score(corpus_stats(chrf, corpus).data()) - expected["chrf"].get<double>()) < kTolerance);
    CHECK(std::abs(chrf_pp.score(corpus_stats(chrf_pp, corpus).data()) - expected["chrf++"].get<double>()) < kTolerance);

    BleuOptions sentence = o;
    sentence.effective_order = true;
    Bleu sentence_bleu(sentence);
    std::vector<int64_t> row(sentence_bleu.stats_size());
    const auto& expected_sentences = expected["sentence_bleu"];
    REQUIRE(expected_sentences.size() == corpus.hyps.size());
    for (size_t i = 0; i < corpus.hyps.size(); ++i) {
      CAPTURE(i);
      sentence_bleu.segment_statistics(corpus.hyps[i], corpus.refs_of(i), row.data());
      CHECK(std::abs(sentence_bleu.score(row.data()).score - expected_sentences[i].get<double>()) < kTolerance);
    }
  }
  CHECK(cases >= 13);
}

TEST_CASE("13a tokenization details - escapes and numbers and unicode punctuation") {
  std::string buffer;
  std::vector<std::string_view> tokens;
  auto tok = [&](std::string_view s, SacreTokenizer t = SacreTokenizer::tok13a) {
    sacre_tokenize(t, s, buffer, tokens);
    std::string out;
    for (auto x : tokens) out += (out.empty() ? "" : " ") + std::string(x);
    return out;
  };
  CHECK(tok("Hello, world.") == "Hello , world .");
  CHECK(tok("1,000.50 and 3-4") == "1,000.50 and 3 - 4");
  CHECK(tok("A &amp; B &lt;tag&gt; &quot;q&quot;") == "A & B < tag > \" q \"");
  CHECK(tok("&amp;lt;") == "<");
  CHECK(tok("it's (fine)") == "it's ( fine )");
  CHECK(tok("«Hola»… ¿qué?") == "«Hola»… ¿qué ?");
  CHECK(tok("«Hola»… ¿qué? 3.5% $5", SacreTokenizer::intl) == "« Hola » … ¿ qué ? 3.5 % $ 5");
  CHECK(tok("3.5%", SacreTokenizer::intl) == "3.5%");  // a final punctuation after a digit stays
  CHECK(tok("a\u00a0b\u3000c") == "a b c");  // Python's str.split() whitespace
  CHECK(tok("ab c", SacreTokenizer::chr) == "a b c");
  CHECK(tok("") == "");
}

TEST_CASE("BLEU of empty input is zero and chrF picks the best reference") {
  Bleu bleu({});
  std::vector<int64_t> row(bleu.stats_size());
  bleu.segment_statistics("", {""}, row.data());
  CHECK(bleu.score(row.data()).score == 0.0);
  Chrf chrf({});
  std::vector<int64_t> c(chrf.stats_size());
  chrf.segment_statistics("the cat sat", {"a dog ran", "the cat sat"}, c.data());
  CHECK(chrf.score(c.data()) == doctest::Approx(100.0));
  CHECK_THROWS(parse_sacre_tokenizer("moses"));
}
