#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/random.h"
#include "heed/model/model_file.h"
#include "heed/model/transformer.h"
#include "heed/text/tokenizer.h"
#include "support/files.h"

using namespace heed;
using namespace heed::model;

namespace {

const std::string kRef = HEED_TEST_DATA "/ref/";

}  // namespace

TEST_CASE("heed scores equal the PyTorch reference on its own model files") {
  const auto src = test::read_lines(kRef + "score.es"), tgt = test::read_lines(kRef + "score.en");
  for (const char* name : {"tiny-pre-sinusoidal", "tiny-pre-learned", "tiny-post-sinusoidal", "tiny-post-learned"}) {
    CAPTURE(name);
    const ModelFile m = load_model(kRef + name + ".heed");
    const auto tok = text::Tokenizer::from_bytes(m.tokenizer, name);
    std::vector<std::vector<int32_t>> s, t;
    for (size_t i = 0; i < src.size(); ++i) {
      s.push_back(tok.encode_ids(src[i]));
      t.push_back(tok.encode_ids(tgt[i]));
    }
    Transformer model(*m.params);
    Rng rng(1);
    const Batch batch = make_batch(s, t);
    model.forward(batch, {}, rng);
    const auto scores = model.sentence_scores(batch);
    const auto expected = test::read_lines(kRef + name + ".scores");
    REQUIRE(expected.size() == scores.size());
    for (size_t i = 0; i < scores.size(); ++i) CHECK(std::fabs(scores[i] - std::stod(expected[i])) < 1e-3);
  }
}

TEST_CASE("save and load keep weights and metadata in every weight type") {
  const ModelFile m = load_model(kRef + "tiny-pre-learned.heed");
  const auto dir = std::filesystem::temp_directory_path() / "heed_model_file_test";
  std::filesystem::create_directories(dir);
  for (auto dtype : {DType::f32, DType::f16, DType::bf16}) {
    CAPTURE(dtype_name(dtype));
    const std::string path = (dir / (std::string("m-") + dtype_name(dtype) + ".heed")).string();
    save_model(path, *m.params, m.tokenizer, {{"recipe", "test"}}, dtype);
    const ModelFile back = load_model(path);
    CHECK(back.metadata.at("recipe") == "test");
    CHECK(back.tokenizer == m.tokenizer);
    CHECK(back.dtype_counts.at(dtype_name(dtype)) == static_cast<int64_t>(m.params->named().size()));
    const float tolerance = dtype == DType::f32 ? 0.0f : dtype == DType::f16 ? 1e-3f : 8e-3f;
    const float* a = m.params->flat().data();
    const float* b = back.params->flat().data();
    for (int64_t i = 0; i < m.params->flat().numel(); ++i)
      REQUIRE(std::fabs(a[i] - b[i]) <= tolerance * std::max(1.0f, std::fabs(a[i])));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("averaging: the mean of the weights, the first file's metadata with averaged_from") {
  const ModelFile m = load_model(kRef + "tiny-pre-learned.heed");
  const auto dir = std::filesystem::temp_directory_path() / "heed_average_test";
  std::filesystem::create_directories(dir);
  const std::string a = (dir / "a.heed").string(), b = (dir / "b.heed").string();
  save_model(a, *m.params, m.tokenizer, {{"recipe", "first"}}, DType::f32);
  // b: every weight plus 1, so the mean is every weight plus 0.5.
  for (int64_t i = 0; i < m.params->flat().numel(); ++i) m.params->flat().mutable_data()[i] += 1.0f;
  save_model(b, *m.params, m.tokenizer, {{"recipe", "second"}}, DType::f32);
  const ModelFile mean = average_models({a, b});
  CHECK(mean.metadata.at("recipe") == "first");
  CHECK(mean.metadata.at("averaged_from") == a + " " + b);
  const float* x = mean.params->flat().data();
  const float* y = m.params->flat().data();
  for (int64_t i = 0; i < m.params->flat().numel(); ++i) REQUIRE(x[i] == doctest::Approx(y[i] - 0.5f).epsilon(1e-6));
  CHECK(is_reserved_metadata_key("config"));
  CHECK_FALSE(is_reserved_metadata_key("recipe"));
  const std::string other = (dir / "other.heed").string();
  save_model(other, *load_model(kRef + "tiny-post-sinusoidal.heed").params, m.tokenizer, {}, DType::f32);
  CHECK_THROWS_WITH_AS(average_models({a, other}), doctest::Contains("another configuration"), heed::Error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("int8 files: matrices as I8 rows with F32 scales, within half a step; damage refused") {
  const ModelFile m = load_model(kRef + "tiny-pre-learned.heed");
  const auto dir = std::filesystem::temp_directory_path() / "heed_model_file_int8_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "m-int8.heed").string();
  save_model(path, *m.params, m.tokenizer, {{"recipe", "test"}}, DType::i8);
  const ModelFile back = load_model(path);
  CHECK(back.metadata.at("recipe") == "test");
  int64_t matrices = 0, others = 0;
  for (const auto& [name, t] : m.params->named()) (t.ndim() == 2 ? matrices : others) += 1;
  CHECK(back.dtype_counts.at("I8") == matrices);
  CHECK(back.dtype_counts.at("F32") == others);
  // Each value within half a step of its row's scale (max |row| / 127), plus float rounding.
  for (size_t i = 0; i < m.params->named().size(); ++i) {
    const Tensor& a = m.params->named()[i].second;
    const Tensor& b = back.params->named()[i].second;
    CAPTURE(m.params->named()[i].first);
    const int64_t rows = a.ndim() == 2 ? a.dim(0) : 1, cols = a.numel() / rows;
    for (int64_t r = 0; r < rows; ++r) {
      float max_abs = 0;
      for (int64_t c = 0; c < cols; ++c) max_abs = std::max(max_abs, std::fabs(a.data()[r * cols + c]));
      const float half_step = a.ndim() == 2 ? max_abs / 127 * (0.5f + 1e-5f) + 1e-7f : 0.0f;
      for (int64_t c = 0; c < cols; ++c) REQUIRE(std::fabs(a.data()[r * cols + c] - b.data()[r * cols + c]) <= half_step);
    }
  }
  // Truncated anywhere: refused, naming the file; a missing or misshapen scale is named.
  const std::string bytes = read_file(path);
  Rng rng(7);
  for (int i = 0; i < 50; ++i) {
    const size_t size = rng.below(bytes.size());
    CAPTURE(size);
    CHECK_THROWS_WITH_AS(parse_model(bytes.substr(0, size), "cut.heed"), doctest::Contains("cut.heed"), Error);
  }
  std::string renamed = bytes;
  const size_t at = renamed.find("embed.weight.scale");
  REQUIRE(at != std::string::npos);
  renamed[at + 13] = 'S';  // "embed.weight.Scale": the scale is gone, and an unknown tensor appears
  CHECK_THROWS_WITH_AS(parse_model(renamed, "noscale.heed"), doctest::Contains("lacks its scales 'embed.weight.scale'"), Error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the loader reports damaged files and never crashes") {
  const std::string good = read_file(kRef + "tiny-post-sinusoidal.heed");
  uint64_t header = 0;
  for (int i = 7; i >= 0; --i) header = (header << 8) | static_cast<unsigned char>(good[i]);
  const size_t data_start = 8 + header;
  Rng rng(99);
  // Returns the error message, or "" when the bytes loaded; any other exception fails the test.
  auto attempt = [&](std::string bytes) -> std::string {
    try {
      parse_model(std::move(bytes), "mutant");
      return "";
    } catch (const Error& e) {
      return e.what();
    }
  };
  auto names_the_file = [](const std::string& message) { return message.find("mutant") != std::string::npos; };
  // A truncated file never loads, and its error names the file.
  for (int i = 0; i < 150; ++i) {
    const size_t size = rng.below(good.size());
    CAPTURE(size);
    const std::string message = attempt(good.substr(0, size));
    CHECK(!message.empty());
    CHECK(names_the_file(message));
  }
  // Header byte flips: most are errors naming the file; a flip inside a string (a metadata value)
  // may still parse, and then the model loads whole.
  int flip_errors = 0;
  for (int i = 0; i < 200; ++i) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(rng.below(4));
    for (int k = 0; k < flips; ++k) bytes[rng.below(data_start)] = static_cast<char>(rng.below(256));
    const std::string message = attempt(std::move(bytes));
    if (message.empty()) continue;
    ++flip_errors;
    CHECK(names_the_file(message));
  }
  CHECK(flip_errors > 150);
  // Random bytes are never a model.
  for (int i = 0; i < 100; ++i) {
    std::string bytes(rng.below(4096), '\0');
    for (auto& c : bytes) c = static_cast<char>(rng.below(256));
    const std::string message = attempt(std::move(bytes));
    CHECK(!message.empty());
    CHECK(names_the_file(message));
  }

  auto with_header = [&](const std::string& json) {
    std::string h = json;
    std::string bytes(8, '\0');
    uint64_t n = h.size();
    for (int i = 0; i < 8; ++i, n >>= 8) bytes[i] = static_cast<char>(n & 0xff);
    return bytes + h + std::string(64, '\0');
  };
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})"), "x"),
                       doctest::Contains("overlap"), Error);
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"a":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}})"), "x"),
                       doctest::Contains("unknown dtype"), Error);
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"a":{"dtype":"F32","shape":[5],"data_offsets":[0,16]}})"), "x"),
                       doctest::Contains("needs"), Error);
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"a":{"dtype":"F32","shape":[40],"data_offsets":[0,160]}})"), "x"),
                       doctest::Contains("outside"), Error);
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"__metadata__":{"format":"heed","format_version":"2","config":"{}"}})"), "x"),
                       doctest::Contains("format_version 2"), Error);
  CHECK_THROWS_WITH_AS(parse_model(with_header(R"({"__metadata__":{"format":"heed","format_version":"1","config":"{\"vocab_size\":400,\"d_model\":64,\"heads\":2}"}})"), "x"),
                       doctest::Contains("lacks tensor 'embed.weight'"), Error);
}

TEST_CASE("a shape that disagrees with the configuration is named") {
  ModelFile m = load_model(kRef + "tiny-pre-sinusoidal.heed");
  ModelConfig wider = m.params->config();
  wider.ffn_dim = 128;
  Parameters other(wider);
  const auto path = (std::filesystem::temp_directory_path() / "heed_shape_test.heed").string();
  save_model(path, other, m.tokenizer, {}, DType::f32);
  std::string bytes = read_file(path);
  // Rewrite the configuration in the header to claim ffn_dim 256 (same length), keeping the tensors.
  const auto at = bytes.find("\\\"ffn_dim\\\":128");
  REQUIRE(at != std::string::npos);
  bytes.replace(at, 15, "\\\"ffn_dim\\\":256");
  CHECK_THROWS_WITH_AS(parse_model(bytes, "x"), doctest::Contains("fc1.weight' has shape (128, 64), but the configuration needs (256, 64)"), Error);
  std::filesystem::remove(path);
}

TEST_CASE("configuration parsing refuses bad values") {
  CHECK_THROWS_WITH_AS(ModelConfig::from_json(R"({"vocab_size": 100, "d_model": 30, "heads": 4})"), doctest::Contains("multiple of heads"), Error);
  CHECK_THROWS_WITH_AS(ModelConfig::from_json(R"({"vocab_size": 100, "colour": "red"})"), doctest::Contains("unknown key 'colour'"), Error);
  CHECK_THROWS_WITH_AS(ModelConfig::from_json(R"({"vocab_size": "many"})"), doctest::Contains("wrong type"), Error);
  CHECK_THROWS_WITH_AS(ModelConfig::from_json(R"({"vocab_size": 100, "norm": "middle"})"), doctest::Contains("norm 'middle'"), Error);
  const ModelConfig c = ModelConfig::from_json(preset("small", 8000).to_json());
  CHECK(c.d_model == 256);
  CHECK(c.to_json() == preset("small", 8000).to_json());
}
