#include "heed/model/model_file.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/ops/quantize.h"

namespace heed::model {
namespace {

// An I8 weight (rows, cols) as float32: each row times its scale, the F32 tensor NAME.scale (rows).
Tensor dequantized(const SafetensorsFile& file, const StoredTensor& stored, const std::string& origin) {
  HEED_CHECK(stored.shape.size() == 2, "{}: tensor '{}' is I8 but not a matrix", origin, stored.name);
  const StoredTensor* scale = file.find(stored.name + ".scale");
  HEED_CHECK(scale != nullptr, "{}: I8 tensor '{}' lacks its scales '{}.scale'", origin, stored.name, stored.name);
  HEED_CHECK(scale->dtype == DType::f32 && scale->shape == Shape{stored.shape[0]},
             "{}: '{}.scale' must be F32 of shape [{}], not {} {}", origin, stored.name, stored.shape[0],
             dtype_name(scale->dtype), heed::to_string(scale->shape));
  const Tensor scales = to_float(*scale, origin);
  Tensor out = Tensor::empty(stored.shape);
  ops::dequantize_rows(reinterpret_cast<const int8_t*>(stored.data), scales.data(), stored.shape[0], stored.shape[1],
                       out.mutable_data());
  return out;
}

// A vocabulary tensor's pieces: U8 text, each piece ended by a newline.
std::vector<std::string> read_vocabulary(const SafetensorsFile& file, const std::string& name,
                                         int64_t size, const std::string& origin) {
  const StoredTensor* t = file.find(name);
  HEED_CHECK(t != nullptr, "{} lacks tensor '{}' that its configuration requires", origin, name);
  HEED_CHECK(t->dtype == DType::u8 && t->shape.size() == 1, "{}: {} must be a 1-D U8 tensor", origin, name);
  const std::string text(reinterpret_cast<const char*>(t->data), t->bytes);
  std::vector<std::string> pieces;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    pieces.push_back(text.substr(start, end - start));
  HEED_CHECK(start == text.size(), "{}: {} does not end with a newline", origin, name);
  HEED_CHECK(static_cast<int64_t>(pieces.size()) == size, "{}: {} holds {} pieces, but the configuration says {}",
             origin, name, pieces.size(), size);
  return pieces;
}

std::string vocabulary_bytes(const std::vector<std::string>& pieces, int64_t size, const char* name) {
  HEED_CHECK(static_cast<int64_t>(pieces.size()) == size, "{} has {} pieces, but the configuration says {}", name,
             pieces.size(), size);
  std::string text;
  for (const auto& p : pieces) {
    HEED_CHECK(p.find('\n') == std::string::npos, "a piece of {} contains a newline", name);
    text += p + '\n';
  }
  return text;
}

}  // namespace

ModelFile load_model(const std::string& path) { return parse_model(read_file(path), path); }

ModelFile parse_model(std::string bytes, const std::string& origin) {
  const SafetensorsFile file = SafetensorsFile::parse(std::move(bytes), origin);
  const auto& meta = file.metadata();
  auto get = [&](const char* key) -> const std::string& {
    auto it = meta.find(key);
    if (it == meta.end()) fail("{} is not a heed model: its metadata has no '{}'", origin, key);
    return it->second;
  };
  HEED_CHECK(get("format") == "heed", "{} is not a heed model (format '{}')", origin, get("format"));
  HEED_CHECK(get("format_version") == "1",
             "{} has format_version {}, but this heed reads version 1; use a newer heed", origin,
             get("format_version"));
  ModelConfig config;
  try {
    config = ModelConfig::from_json(get("config"));
  } catch (const Error& e) {
    fail("{}: {}", origin, e.what());
  }

  ModelFile m;
  m.metadata = meta;
  m.params = std::make_unique<Parameters>(config);
  std::set<std::string> expected{"tokenizer.spm"};
  if (config.stored_vocabularies) {
    m.vocabularies.source = read_vocabulary(file, "vocab.source", config.source_vocab(), origin);
    m.vocabularies.target = read_vocabulary(file, "vocab.target", config.vocab_size, origin);
    expected.insert({"vocab.source", "vocab.target"});
  }
  for (const auto& [name, tensor] : m.params->named()) {
    expected.insert(name);
    const StoredTensor* stored = file.find(name);
    HEED_CHECK(stored != nullptr, "{} lacks tensor '{}' that its configuration requires", origin, name);
    HEED_CHECK(stored->shape == tensor.shape(), "{}: tensor '{}' has shape {}, but the configuration needs {}",
               origin, name, heed::to_string(stored->shape), heed::to_string(tensor.shape()));
    if (stored->dtype == DType::i8) {
      tensor.copy_from(dequantized(file, *stored, origin));
      expected.insert(name + ".scale");
    } else {
      tensor.copy_from(to_float(*stored, origin));
    }
    ++m.dtype_counts[dtype_name(stored->dtype)];
  }
  for (const auto& t : file.tensors())
    HEED_CHECK(expected.count(t.name), "{} has tensor '{}', which its configuration does not use",
               origin, t.name);
  const StoredTensor* spm = file.find("tokenizer.spm");
  HEED_CHECK(spm != nullptr, "{} lacks its tokenizer (tensor 'tokenizer.spm')", origin);
  HEED_CHECK(spm->dtype == DType::u8 && spm->shape.size() == 1,
             "{}: tokenizer.spm must be a 1-D U8 tensor", origin);
  m.tokenizer.assign(reinterpret_cast<const char*>(spm->data), spm->bytes);
  return m;
}

void save_model(const std::string& path, const Parameters& params, const std::string& tokenizer,
                const std::map<std::string, std::string>& metadata, DType dtype,
                const StoredVocabularies& vocabularies) {
  HEED_CHECK(dtype == DType::f32 || dtype == DType::f16 || dtype == DType::bf16 || dtype == DType::i8,
             "weights are stored as F32, F16, BF16 or I8, not {}", dtype_name(dtype));
  std::map<std::string, std::string> meta = metadata;
  meta["format"] = "heed";
  meta["format_version"] = "1";
  meta["config"] = params.config().to_json();
  std::vector<TensorToWrite> tensors;
  for (const auto& [name, t] : params.named()) {
    if (dtype != DType::i8) {
      tensors.push_back({name, dtype, t.shape(), {}, t.data()});
    } else if (t.ndim() == 2) {  // I8 rows of 127 steps, each with its F32 scale
      const int64_t rows = t.dim(0), cols = t.dim(1);
      std::string q(rows * cols, '\0');
      std::vector<float> scales(rows);
      ops::quantize_rows(t.data(), rows, cols, cols, reinterpret_cast<int8_t*>(q.data()), scales.data());
      tensors.push_back({name, DType::i8, t.shape(), std::move(q)});
      tensors.push_back({name + ".scale", DType::f32, {rows}, encode_floats(scales.data(), rows, DType::f32)});
    } else {  // biases and layer norms stay F32
      tensors.push_back({name, DType::f32, t.shape(), {}, t.data()});
    }
  }
  tensors.push_back({"tokenizer.spm", DType::u8, {static_cast<int64_t>(tokenizer.size())}, tokenizer});
  const ModelConfig& c = params.config();
  HEED_CHECK(c.stored_vocabularies || (vocabularies.source.empty() && vocabularies.target.empty()),
             "vocabularies given for a model whose configuration does not store them");
  if (c.stored_vocabularies) {
    for (auto [name, pieces, size] : {std::tuple{"vocab.source", &vocabularies.source, c.source_vocab()},
                                      std::tuple{"vocab.target", &vocabularies.target, c.vocab_size}}) {
      std::string bytes = vocabulary_bytes(*pieces, size, name);
      const auto n = static_cast<int64_t>(bytes.size());
      tensors.push_back({name, DType::u8, {n}, std::move(bytes)});
    }
  }
  write_safetensors(path, meta, tensors);
}

DType parse_weight_dtype(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "f32" || n == "fp32" || n == "float32") return DType::f32;
  if (n == "f16" || n == "fp16" || n == "float16") return DType::f16;
  if (n == "bf16" || n == "bfloat16") return DType::bf16;
  if (n == "int8" || n == "i8") return DType::i8;
  fail("unknown weight type '{}' (f32, f16, bf16 or int8)", name);
}

bool is_reserved_metadata_key(const std::string& key) {
  return key == "format" || key == "format_version" || key == "config";
}

ModelFile average_models(const std::vector<std::string>& paths) {
  HEED_CHECK(!paths.empty(), "no model to average");
  ModelFile first = load_model(paths[0]);
  const std::string config = first.params->config().to_json();
  const Tensor sum = first.params->flat().clone();
  for (size_t i = 1; i < paths.size(); ++i) {
    const ModelFile next = load_model(paths[i]);
    HEED_CHECK(next.params->config().to_json() == config,
               "{} has another configuration than {}: only checkpoints of one model can be averaged", paths[i],
               paths[0]);
    HEED_CHECK(next.tokenizer == first.tokenizer && next.vocabularies.source == first.vocabularies.source &&
                   next.vocabularies.target == first.vocabularies.target,
               "{} has another tokenizer than {}", paths[i], paths[0]);
    const float* x = next.params->flat().data();
    for (int64_t k = 0; k < sum.numel(); ++k) sum.mutable_data()[k] += x[k];
  }
  const float scale = 1.0f / static_cast<float>(paths.size());
  for (int64_t k = 0; k < sum.numel(); ++k) first.params->flat().mutable_data()[k] = sum.data()[k] * scale;
  std::string sources;
  for (const auto& path : paths) sources += (sources.empty() ? "" : " ") + path;
  first.metadata["averaged_from"] = sources;
  return first;
}

}  // namespace heed::model
