#include "heed/train/checkpoints.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/model/model_file.h"
#include "heed/train/training_log.h"

namespace heed::train {

std::string output_base(const std::string& model) {
  return model.size() > 5 && model.compare(model.size() - 5, 5, ".heed") == 0 ? model.substr(0, model.size() - 5)
                                                                                 : model;
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

Checkpoints::Checkpoints(CheckpointOptions options, std::string tokenizer, uint64_t data_checksum)
    : options_(std::move(options)),
      base_(output_base(options_.model)),
      tokenizer_(std::move(tokenizer)),
      data_checksum_(data_checksum) {}

Resumed Checkpoints::resume(const std::string& vocab) {
  const std::string ckpt = base_ + ".last.heed";
  HEED_CHECK(file_exists(ckpt), "cannot resume: {} does not exist", ckpt);
  model::ModelFile m = model::load_model(ckpt);
  HEED_CHECK(m.tokenizer == tokenizer_, "cannot resume: {} was trained with another vocabulary than {}", ckpt, vocab);
  const auto it = m.metadata.find("train_step");
  HEED_CHECK(it != m.metadata.end(), "cannot resume: {} is not a training checkpoint (no train_step)", ckpt);
  const int64_t step = std::stoll(it->second);
  Resumed r{std::move(m.params), {}, {}};
  r.state = load_state(base_ + ".last.state", step, r.params.get());
  HEED_CHECK(r.state.config == r.params->config().to_json(), "cannot resume: the state and {} disagree on the model", ckpt);
  HEED_CHECK(r.state.adam_m.numel() == r.params->flat().numel(), "cannot resume: the optimizer state does not fit {}", ckpt);
  const auto data = m.metadata.find("train_data_fnv1a64");
  const std::string now = fmt::format("{:016x}", data_checksum_);
  if (data != m.metadata.end() && data->second != now)
    r.warning = fmt::format("the training data are not those {} was trained on (checksum {}, now {}): the run goes "
                            "on from batch {} of epoch {} of these data",
                            ckpt, data->second, now, r.state.batch, r.state.epoch);
  if (!r.state.has_curve) {
    r.state.curve = read_log_curve(base_ + ".log.tsv", r.state.step);
    r.state.has_curve = true;
  }
  best_written_ = file_exists(options_.model);
  // The best model the state's counters refer to is gone (a carried run brings only its last
  // checkpoint): the best is again the best of the validations from here on, and the patience
  // counts from there, or the last weights would be written as the best under the old score.
  if (!best_written_ && r.state.best_bleu >= 0) {
    r.state.best_bleu = -1;
    r.state.bad_validations = 0;
  }
  return r;
}

std::map<std::string, std::string> Checkpoints::metadata(const TrainingState& s) const {
  return {{"train_step", std::to_string(s.step)},
          {"train_epoch", std::to_string(s.epoch)},
          {"train_seconds", fmt::format("{:.0f}", s.elapsed_seconds)},
          {"train_target_tokens", std::to_string(s.target_tokens)},
          {"train_command", options_.command_line},
          {"train_data_fnv1a64", fmt::format("{:016x}", data_checksum_)},
          {"dev_bleu", s.best_bleu >= 0 ? fmt::format("{:.2f}", s.best_bleu) : "none"}};
}

void Checkpoints::save_last(const model::Parameters& params, const TrainingState& state) {
  // The state first: load_state finds the state of the model's step in PATH or PATH.prev,
  // whichever of the two files a crash left renamed.
  save_state(base_ + ".last.state", state);
  model::save_model(base_ + ".last.heed", params, tokenizer_, metadata(state), DType::f32);
}

void Checkpoints::save_best(const model::Parameters& params, const TrainingState& state) {
  model::save_model(options_.model, params, tokenizer_, metadata(state), options_.dtype);
  best_written_ = true;
}

void Checkpoints::save_best_if_missing(const model::Parameters& params, const TrainingState& state) {
  if (!best_written_) save_best(params, state);
}

void Checkpoints::save_snapshot(const model::Parameters& params, const TrainingState& state) {
  if (options_.keep_snapshots <= 0) return;
  model::save_model(snapshot_path(base_, state.step), params, tokenizer_, metadata(state), DType::f32);
  prune_snapshots(base_, options_.keep_snapshots);
}

}  // namespace heed::train
