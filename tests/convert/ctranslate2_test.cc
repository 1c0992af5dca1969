#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "heed/convert/argos.h"
#include "heed/convert/ctranslate2.h"
#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/decode/beam_search.h"
#include "heed/decode/loaded_model.h"
#include "heed/decode/scorer.h"
#include "support/files.h"

using namespace heed;
namespace fs = std::filesystem;

namespace {

// Written by tests/convert/make_ct2_fixtures.py with CTranslate2 4.8.1.
const std::string kFixtures = HEED_TEST_DATA "/convert/";
const char* const kVariants[] = {"onmt-pre-relu-f32", "post-gelu-f16",   "pre-gelutanh-bf16", "pre-silu-int8",
                                 "post-relu-int16",   "marian-post-relu", "marian-pre-gelu"};

struct Expected {
  std::vector<std::string> sources, targets;
  std::vector<double> scores;
  std::vector<std::vector<std::string>> translations;
};

Expected expected_of(const std::string& dir) {
  const auto j = nlohmann::json::parse(read_file(dir + "/expected.json"));
  return {j["sources"].get<std::vector<std::string>>(), j["targets"].get<std::vector<std::string>>(),
          j["scores"].get<std::vector<double>>(), j["translations"].get<std::vector<std::vector<std::string>>>()};
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("heed_convert_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string save(const convert::ImportedModel& m, const fs::path& path) {
  model::save_model(path.string(), *m.params, m.tokenizer, m.metadata, DType::f32, m.vocabularies);
  return path.string();
}

// heed's beam-4 translation of each source, as the target pieces.
std::vector<std::vector<std::string>> translate(const decode::LoadedModel& m, const std::vector<std::string>& sources) {
  decode::BeamSearch search(m.params());
  std::vector<std::vector<std::string>> out;
  for (const auto& s : sources) {
    const auto found = search.search({m.tokenizer.encode_ids(s)}, decode::SearchOptions{});
    std::vector<std::string> pieces;
    for (int32_t id : found.at(0).at(0).tokens) pieces.push_back(m.tokenizer.target_piece(id));
    out.push_back(pieces);
  }
  return out;
}

// The largest |heed - CTranslate2| of the scores; translations must be identical.
double check_against_ct2(const std::string& model_path, const Expected& e) {
  const decode::LoadedModel m = decode::load_model_with_tokenizer(model_path);
  decode::Scorer scorer(m);
  const auto scores = scorer.score(e.sources, e.targets, {});
  double worst = 0;
  for (size_t i = 0; i < scores.size(); ++i) worst = std::max(worst, std::fabs(scores[i] - e.scores[i]));
  const auto hyps = translate(m, e.sources);
  for (size_t i = 0; i < hyps.size(); ++i) {
    CAPTURE(i);
    CHECK(hyps[i] == e.translations[i]);
  }
  return worst;
}

std::string good_text_file() { return HEED_TEST_DATA "/ref/score.es"; }

std::vector<std::string> test_sources() {
  auto lines = test::read_lines(HEED_TEST_DATA "/ref/score.es");
  lines.resize(3);
  for (auto& l : lines) l = l.substr(0, 60);
  return lines;
}

}  // namespace

TEST_CASE("imported CTranslate2 models score and translate as CTranslate2 does") {
  const fs::path dir = scratch("variants");
  for (const std::string variant : kVariants) {
    CAPTURE(variant);
    const std::string src = kFixtures + variant;
    const auto imported = convert::import_ctranslate2(src, {kFixtures + "spm.model"});
    const std::string path = save(imported, dir / (variant + ".heed"));
    const double worst = check_against_ct2(path, expected_of(src));
    MESSAGE(variant << ": max |score - CTranslate2| = " << worst << " nats");
    CHECK(worst < 1e-4);
  }
  fs::remove_all(dir);
}

TEST_CASE("heed -> CTranslate2 -> heed gives back the same weights and translations") {
  const fs::path dir = scratch("round_trip");
  // An imported model of each kind of vocabulary, and heed's own models of both position kinds.
  std::vector<std::string> models;
  for (const char* variant : {"onmt-pre-relu-f32", "post-gelu-f16", "marian-post-relu"})
    models.push_back(save(convert::import_ctranslate2(kFixtures + variant, {kFixtures + "spm.model"}),
                          dir / (std::string(variant) + ".heed")));
  models.push_back(HEED_TEST_DATA "/ref/tiny-pre-sinusoidal.heed");
  models.push_back(HEED_TEST_DATA "/ref/tiny-post-learned.heed");
  for (const auto& path : models) {
    CAPTURE(path);
    const model::ModelFile original = model::load_model(path);
    const std::string ct2 = (dir / "ct2").string();
    convert::export_ctranslate2(original, ct2, {true, "spm.model"});
    const auto back = convert::import_ctranslate2(ct2);
    CHECK(back.params->config().to_json() == original.params->config().to_json());
    CHECK(back.vocabularies.source == original.vocabularies.source);
    CHECK(back.vocabularies.target == original.vocabularies.target);
    REQUIRE(back.params->flat().numel() == original.params->flat().numel());
    CHECK(back.params->flat().to_vector() == original.params->flat().to_vector());
    const std::string again = save(back, dir / "again.heed");
    const auto sources = test_sources();
    CHECK(translate(decode::load_model_with_tokenizer(again), sources) ==
          translate(decode::load_model_with_tokenizer(path), sources));
  }
  fs::remove_all(dir);
}

TEST_CASE("variants heed does not compute are refused by name") {
  for (const char* variant : {"refused-relative", "refused-layernorm-embedding"}) {
    CAPTURE(variant);
    const auto j = nlohmann::json::parse(read_file(kFixtures + variant + "/expected.json"));
    const std::string words = j["refusal"].get<std::string>();
    CHECK_THROWS_WITH_AS(convert::import_ctranslate2(kFixtures + variant, {kFixtures + "spm.model"}),
                         doctest::Contains(words.c_str()), Error);
  }
}

TEST_CASE("damaged CTranslate2 directories are errors naming the file") {
  const fs::path dir = scratch("damaged");
  const std::string good = kFixtures + "onmt-pre-relu-f32";
  auto copy_model = [&](const std::string& name) {
    const fs::path d = dir / name;
    fs::create_directories(d);
    for (const auto& f : fs::directory_iterator(good)) fs::copy_file(f.path(), d / f.path().filename());
    return d;
  };
  CHECK_THROWS_WITH_AS(convert::import_ctranslate2((dir / "none").string()), doctest::Contains("is not a directory"), Error);
  const fs::path truncated = copy_model("truncated");
  const std::string bin = read_file(good + "/model.bin");
  std::ofstream((truncated / "model.bin").string(), std::ios::binary) << bin.substr(0, bin.size() / 2);
  CHECK_THROWS_WITH_AS(convert::import_ctranslate2(truncated.string(), {kFixtures + "spm.model"}),
                       doctest::Contains("model.bin is truncated"), Error);
  const fs::path no_vocab = copy_model("no_vocab");
  fs::remove(no_vocab / "shared_vocabulary.json");
  CHECK_THROWS_WITH_AS(convert::import_ctranslate2(no_vocab.string(), {kFixtures + "spm.model"}),
                       doctest::Contains("has no vocabularies"), Error);
  const fs::path no_spm = copy_model("no_spm");
  CHECK_THROWS_WITH_AS(convert::import_ctranslate2(no_spm.string()), doctest::Contains("--sentencepiece"), Error);
  const fs::path bad_config = copy_model("bad_config");
  std::ofstream((bad_config / "config.json").string()) << "{\"unk_token\": 3";
  CHECK_THROWS_WITH_AS(convert::import_ctranslate2(bad_config.string(), {kFixtures + "spm.model"}),
                       doctest::Contains("config.json"), Error);
  fs::remove_all(dir);
}

TEST_CASE("Argos Translate packages import with their metadata and export again") {
  const fs::path dir = scratch("argos");
  const auto m = convert::import_argos(kFixtures + "es-en.argosmodel");
  CHECK(m.metadata.at("argos_from_code") == "es");
  CHECK(m.metadata.at("argos_to_code") == "en");
  CHECK(m.metadata.at("argos_metadata").find("\"from_name\": \"Spanish\"") != std::string::npos);
  const std::string path = save(m, dir / "es-en.heed");
  CHECK(check_against_ct2(path, expected_of(kFixtures + "onmt-pre-relu-f32")) < 1e-4);

  const model::ModelFile file = model::load_model(path);
  const std::string package = (dir / "out.argosmodel").string();
  convert::export_argos(file, package, {"es", "en", "Spanish", "English", "1.0", "", false});
  CHECK_THROWS_WITH_AS(convert::export_argos(file, package, {"es", "en", "", "", "1.0", "", false}),
                       doctest::Contains("exists"), Error);
  const auto back = convert::import_argos(package);
  CHECK(back.params->flat().to_vector() == m.params->flat().to_vector());
  CHECK(back.params->config().to_json() == m.params->config().to_json());
  CHECK_THROWS_WITH_AS(convert::import_argos(good_text_file()), doctest::Contains("zip"), Error);
  fs::remove_all(dir);
}

TEST_CASE("heed's own model files keep their configuration: no new key is written") {
  // Written by heed train and heed average: their configuration string is what to_json writes.
  for (const char* path : {HEED_TEST_DATA "/tiny-trained.heed", HEED_TEST_DATA "/../../models/bible-es-en.heed"}) {
    CAPTURE(path);
    const model::ModelFile m = model::load_model(path);
    CHECK(m.params->config().to_json() == m.metadata.at("config"));
    CHECK(!m.params->config().stored_vocabularies);
  }
}
