#include "heed/train/state.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/model/safetensors.h"
#include "heed/train/packed_state.h"

namespace heed::train {
namespace {

// [[step, train_loss, dev_loss, dev_bleu], ...]: doubles as JSON writes them, which read back
// exactly (a non-finite value, which JSON lacks, is written as null and read back as NaN).
std::string curve_json(const std::vector<CurvePoint>& curve) {
  auto points = nlohmann::json::array();
  for (const auto& p : curve) points.push_back({p.step, p.train_loss, p.dev_loss, p.dev_bleu});
  return points.dump();
}

std::vector<CurvePoint> parse_curve(const std::string& text, const std::string& path) {
  std::vector<CurvePoint> curve;
  try {
    for (const auto& p : nlohmann::json::parse(text)) {
      HEED_CHECK(p.is_array() && p.size() == 4, "a point is not 4 numbers");
      auto number = [&](size_t i) { return p[i].is_null() ? std::nan("") : p[i].get<double>(); };
      curve.push_back({number(0), number(1), number(2), number(3)});
    }
  } catch (const std::exception&) {
    fail("{}: the learning curve in the training state is damaged", path);
  }
  return curve;
}

TrainingState read_state(const std::string& path, const model::Parameters* params) {
  const auto file = model::SafetensorsFile::read(path);
  const auto& meta = file.metadata();
  auto get = [&](const char* key) -> const std::string& {
    auto it = meta.find(key);
    if (it == meta.end()) fail("{} is not a heed training state: no '{}'", path, key);
    return it->second;
  };
  const std::string& version = get("format_version");
  HEED_CHECK(get("format") == "heed-training-state" && (version == "1" || version == "2"),
             "{} is not a heed training state of version 1 or 2", path);
  TrainingState s;
  try {
    s.step = std::stoll(get("step"));
    s.epoch = std::stoll(get("epoch"));
    s.batch = std::stoll(get("batch"));
    s.seed = std::stoull(get("seed"));
    s.best_bleu = std::stod(get("best_bleu"));
    s.bad_validations = std::stoll(get("bad_validations"));
    s.elapsed_seconds = std::stod(get("elapsed_seconds"));
    s.target_tokens = std::stoll(get("target_tokens"));
  } catch (const std::exception&) {
    fail("{}: a number in the training state is damaged", path);
  }
  s.config = get("config");
  const auto curve = meta.find("curve");
  s.has_curve = curve != meta.end();
  if (s.has_curve) s.curve = parse_curve(curve->second, path);
  if (version == "2") {
    HEED_CHECK(params, "{} is a packed training state: it resumes only with its model", path);
    HEED_CHECK(s.config == params->config().to_json(), "{}: the packed state and its model disagree on the model", path);
    s.packed = true;
    s.adam_v = unpack_second_moment(file, *params);
    s.adam_m = Tensor::zeros({s.adam_v.numel()});
    return s;
  }
  const auto* m = file.find("adam.m");
  const auto* v = file.find("adam.v");
  HEED_CHECK(m && v && m->shape == v->shape, "{}: the Adam moments are missing or disagree", path);
  s.adam_m = model::to_float(*m, path);
  s.adam_v = model::to_float(*v, path);
  return s;
}

}  // namespace

void save_state(const std::string& path, const TrainingState& s, const model::Parameters* pack_for) {
  std::map<std::string, std::string> meta{
      {"format", "heed-training-state"},
      {"format_version", pack_for ? "2" : "1"},
      {"step", std::to_string(s.step)},
      {"epoch", std::to_string(s.epoch)},
      {"batch", std::to_string(s.batch)},
      {"seed", std::to_string(s.seed)},
      {"best_bleu", fmt::format("{:.17g}", s.best_bleu)},
      {"bad_validations", std::to_string(s.bad_validations)},
      {"elapsed_seconds", fmt::format("{:.17g}", s.elapsed_seconds)},
      {"target_tokens", std::to_string(s.target_tokens)},
      {"config", s.config},
      {"curve", curve_json(s.curve)}};
  const int64_t n = s.adam_m.numel();
  std::vector<model::TensorToWrite> tensors;
  std::vector<std::pair<std::string, Tensor>> packed;
  if (pack_for) {
    packed = pack_second_moment(s.adam_v, *pack_for);
    for (const auto& [name, t] : packed) tensors.push_back({name, DType::f32, t.shape(), {}, t.data()});
  } else {
    tensors = {{"adam.m", DType::f32, {n}, {}, s.adam_m.data()}, {"adam.v", DType::f32, {n}, {}, s.adam_v.data()}};
  }
  if (file_exists(path)) durable_rename(path, path + ".prev");
  model::write_safetensors(path, meta, tensors);
}

TrainingState load_state(const std::string& path, int64_t step, const model::Parameters* params) {
  std::string errors;
  for (const std::string& candidate : {path, path + ".prev"}) {
    if (!file_exists(candidate)) continue;
    try {
      TrainingState s = read_state(candidate, params);
      if (s.step == step) return s;
      errors += fmt::format(" {} is for step {};", candidate, s.step);
    } catch (const Error& e) {
      errors += fmt::format(" {};", e.what());
    }
  }
  fail("no training state for step {} of the checkpoint:{} cannot resume", step,
       errors.empty() ? std::string(" ") + path + " is missing" : errors);
}

}  // namespace heed::train
