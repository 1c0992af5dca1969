#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <unistd.h>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/train/corpus_cache.h"

using namespace heed;
namespace fs = std::filesystem;

namespace {

// A fresh folder with the test corpus repeated (more lines than one tokenizing block), each copy
// numbered so that lines differ.
struct Fixture {
  fs::path dir;
  text::Tokenizer tok = text::Tokenizer::from_file(HEED_TEST_DATA "/ref/spm400.model");
  train::CorpusSource source;

  Fixture() {
    dir = fs::temp_directory_path() / fmt::format("heed-cache-test-{}", ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* side : {"es", "en"}) {
      const auto text = read_file(fmt::format("{}/bible.train.{}", HEED_TEST_DATA, side));
      std::ofstream out(dir / fmt::format("train.{}", side));
      for (int copy = 0; copy < 50; ++copy) {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) out << copy << ' ' << line << '\n';
      }
    }
    source.src = (dir / "train.es").string();
    source.tgt = (dir / "train.en").string();
    source.tokenizer = &tok;
    source.filter.max_length = 100;
  }
  ~Fixture() { fs::remove_all(dir); }

  train::CachedCorpus open(int threads = 2) {
    train::CacheOptions o;
    o.folder = dir.string();
    o.threads = threads;
    return train::open_corpus_cache(source, o);
  }
};

void check_same_pairs(const train::TokenizedPairs& a, const train::TokenizedPairs& b) {
  REQUIRE(a.size() == b.size());
  std::vector<int32_t> as, at, bs, bt;
  for (int64_t i = 0; i < a.size(); ++i) {
    a.get(i, as, at);
    b.get(i, bs, bt);
    REQUIRE(as == bs);
    REQUIRE(at == bt);
  }
}

void flip_byte(const std::string& path, int64_t at) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(at);
  char c = 0;
  f.get(c);
  f.seekp(at);
  f.put(static_cast<char>(c ^ 0x10));
}

}  // namespace

TEST_CASE("a data cache holds exactly the pairs, counts and batches of the in-memory corpus, and is reused") {
  Fixture fx;
  const auto memory = train::load_corpus(fx.source.src, fx.source.tgt, fx.tok, fx.source.filter);
  REQUIRE(memory.stats.read == 398 * 50);
  CHECK(memory.stats.kept < memory.stats.read);  // the filter dropped some

  const auto built = fx.open(2);
  CHECK(built.built);
  check_same_pairs(memory.pairs, built.corpus.pairs);
  CHECK(built.corpus.stats.kept == memory.stats.kept);
  CHECK(built.corpus.stats.too_long == memory.stats.too_long);
  CHECK(built.corpus.stats.bad_ratio == memory.stats.bad_ratio);
  CHECK(built.text_checksum == train::fnv1a_file(fx.source.tgt, train::fnv1a_file(fx.source.src)));
  CHECK(train::epoch_batches(built.corpus.pairs, 512, 3, 2) == train::epoch_batches(memory.pairs, 512, 3, 2));

  // Past the first block of lines too (its strings and vectors are reused), each kept pair is
  // its lines tokenized on their own.
  auto with_text = fx.source.filter;
  with_text.keep_text = true;
  const auto texts = train::load_corpus(fx.source.src, fx.source.tgt, fx.tok, with_text);
  REQUIRE(texts.pairs.size() == memory.pairs.size());
  std::vector<int32_t> src, tgt, ids{7, 7, 7};
  for (int64_t i = 0; i < texts.pairs.size(); i += 5) {
    texts.pairs.get(i, src, tgt);
    fx.tok.encode_ids(texts.target_text[static_cast<size_t>(i)], ids);  // replaces what `ids` held
    REQUIRE(ids == tgt);
  }

  const auto reused = fx.open(1);
  CHECK_FALSE(reused.built);
  CHECK(reused.path == built.path);
  check_same_pairs(memory.pairs, reused.corpus.pairs);
}

TEST_CASE("a changed text, vocabulary or filter makes a new cache") {
  Fixture fx;
  const auto first = fx.open();
  REQUIRE(first.built);

  SUBCASE("text") {
    {
      std::ofstream out(fx.source.src, std::ios::app);
      out << "una línea más\n";
    }
    std::ofstream(fx.source.tgt, std::ios::app) << "one more line\n";
    const auto again = fx.open();
    CHECK(again.built);
    CHECK(again.corpus.stats.read == first.corpus.stats.read + 1);
  }
  SUBCASE("vocabulary") {
    text::TokenizerTrainOptions t;
    t.inputs = {HEED_TEST_DATA "/bible.train.es", HEED_TEST_DATA "/bible.train.en"};
    t.model_prefix = (fx.dir / "other").string();
    t.vocab_size = 300;
    text::train_tokenizer(t);
    const auto other = text::Tokenizer::from_file(t.model_prefix + ".model");
    fx.source.tokenizer = &other;
    const auto again = fx.open();
    CHECK(again.built);
    CHECK(again.path == first.path);  // the same file, rebuilt
    CHECK(again.corpus.pairs.id_count() != first.corpus.pairs.id_count());
  }
  SUBCASE("max length") {
    fx.source.filter.max_length = 50;
    const auto again = fx.open();
    CHECK(again.built);
    CHECK(again.path != first.path);
    CHECK(again.corpus.stats.too_long > first.corpus.stats.too_long);
  }
}

TEST_CASE("a truncated or damaged cache is refused and rebuilt") {
  Fixture fx;
  const auto first = fx.open();
  const auto size = static_cast<int64_t>(fs::file_size(first.path));

  SUBCASE("truncated") { fs::resize_file(first.path, static_cast<uintmax_t>(size - 100)); }
  SUBCASE("a flipped byte among the ids") { flip_byte(first.path, 128 + 4000); }
  SUBCASE("a flipped byte in the index") { flip_byte(first.path, size - 20); }
  SUBCASE("a flipped byte in the header") { flip_byte(first.path, 40); }

  const auto again = fx.open();
  CHECK(again.built);
  // Compared with a fresh tokenization: the first corpus reads the damaged file itself.
  check_same_pairs(train::load_corpus(fx.source.src, fx.source.tgt, fx.tok, fx.source.filter).pairs, again.corpus.pairs);
}

TEST_CASE("two runs building the same cache at once both get a whole one") {
  Fixture fx;
  std::optional<train::CachedCorpus> a, b;
  std::thread ta([&] { a = fx.open(1); });
  std::thread tb([&] { b = fx.open(1); });
  ta.join();
  tb.join();
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  check_same_pairs(a->corpus.pairs, b->corpus.pairs);
  const auto c = fx.open();
  CHECK_FALSE(c.built);
  check_same_pairs(a->corpus.pairs, c.corpus.pairs);
}
