#include "heed/train/checkpoint.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/model/safetensors.h"

namespace heed::train {


void save_state(const std::string& path, const TrainingState& s) {
  std::map<std::string, std::string> meta{
      {"format", "heed-training-state"},
      {"format_version", "1"},
      {"step", std::to_string(s.step)},
      {"epoch", std::to_string(s.epoch)},
      {"batch", std::to_string(s.batch)},
      {"seed", std::to_string(s.seed)},
      {"best_bleu", fmt::format("{:.17g}", s.best_bleu)},
      {"bad_validations", std::to_string(s.bad_validations)},
      {"elapsed_seconds", fmt::format("{:.17g}", s.elapsed_seconds)},
      {"target_tokens", std::to_string(s.target_tokens)},
      {"config", s.config}};
  const int64_t n = s.adam_m.numel();
  std::vector<model::TensorToWrite> tensors{
      {"adam.m", DType::f32, {n}, {}, s.adam_m.data()},
      {"adam.v", DType::f32, {n}, {}, s.adam_v.data()}};
  if (file_exists(path)) durable_rename(path, path + ".prev");
  model::write_safetensors(path, meta, tensors);
}

namespace {

TrainingState read_state(const std::string& path) {
  const auto file = model::SafetensorsFile::read(path);
  const auto& meta = file.metadata();
  auto get = [&](const char* key) -> const std::string& {
    auto it = meta.find(key);
    if (it == meta.end()) fail("{} is not a heed training state: no '{}'", path, key);
    return it->second;
  };
  HEED_CHECK(get("format") == "heed-training-state" && get("format_version") == "1",
             "{} is not a heed training state of version 1", path);
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
  const auto* m = file.find("adam.m");
  const auto* v = file.find("adam.v");
  HEED_CHECK(m && v && m->shape == v->shape, "{}: the Adam moments are missing or disagree", path);
  s.adam_m = model::to_float(*m, path);
  s.adam_v = model::to_float(*v, path);
  return s;
}

}  // namespace

TrainingState load_state(const std::string& path, int64_t step) {
  std::string errors;
  for (const std::string& candidate : {path, path + ".prev"}) {
    if (!file_exists(candidate)) continue;
    try {
      TrainingState s = read_state(candidate);
      if (s.step == step) return s;
      errors += fmt::format(" {} is for step {};", candidate, s.step);
    } catch (const Error& e) {
      errors += fmt::format(" {};", e.what());
    }
  }
  fail("no training state for step {} of the checkpoint:{} cannot resume", step,
       errors.empty() ? std::string(" ") + path + " is missing" : errors);
}

std::string snapshot_path(const std::string& base, int64_t step) { return fmt::format("{}.step{}.heed", base, step); }

std::vector<std::string> list_snapshots(const std::string& base) {
  namespace fs = std::filesystem;
  const fs::path b(base);
  const fs::path folder = b.has_parent_path() ? b.parent_path() : fs::path(".");
  const std::string prefix = b.filename().string() + ".step";
  std::vector<std::pair<int64_t, std::string>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + 5 || name.compare(0, prefix.size(), prefix) != 0) continue;
    if (name.compare(name.size() - 5, 5, ".heed") != 0) continue;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 5);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    found.emplace_back(std::stoll(digits), snapshot_path(base, std::stoll(digits)));
  }
  HEED_CHECK(!ec, "cannot list {}: {}", folder.string(), ec.message());
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& f : found) paths.push_back(std::move(f.second));
  return paths;
}

void prune_snapshots(const std::string& base, int keep) {
  const auto paths = list_snapshots(base);
  for (size_t i = 0; i + keep < paths.size(); ++i) {
    std::error_code ec;
    std::filesystem::remove(paths[i], ec);
    HEED_CHECK(!ec, "cannot delete the old snapshot {}: {}", paths[i], ec.message());
  }
}

}  // namespace heed::train
