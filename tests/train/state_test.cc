// The training state keeps the learning curve; states written before it did still resume, their
// curve read from the log.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>

#include "heed/model/model_file.h"
#include "heed/model/safetensors.h"
#include "heed/train/checkpoints.h"
#include "heed/train/training_log.h"
#include "support/files.h"

using namespace heed;

namespace {

train::TrainingState some_state(int64_t step, int64_t n) {
  train::TrainingState s;
  s.step = step;
  s.epoch = 2;
  s.batch = 7;
  s.seed = 9;
  s.best_bleu = 12.345678901234567;
  s.bad_validations = 1;
  s.elapsed_seconds = 1234.5;
  s.target_tokens = 99999;
  s.config = "{}";
  s.adam_m = Tensor::zeros({n});
  s.adam_v = Tensor::zeros({n});
  for (int64_t i = 0; i < n; ++i) s.adam_m.mutable_data()[i] = 0.25f * static_cast<float>(i);
  return s;
}

}  // namespace

TEST_CASE("state: the curve is saved and read back exactly") {
  const test::TempFolder f("state-curve");
  train::TrainingState s = some_state(30, 4);
  s.curve = {{10, 5.123456789012345, 4.987654321, 0.1 + 0.2}, {20, 4.5, 4.25, 1e-300}, {30, 4.0, std::nan(""), 3}};
  train::save_state(f / "s.state", s);
  const train::TrainingState r = train::load_state(f / "s.state", 30);
  CHECK(r.has_curve);
  REQUIRE(r.curve.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(r.curve[i].step == s.curve[i].step);
    CHECK(r.curve[i].train_loss == s.curve[i].train_loss);
    CHECK(r.curve[i].dev_bleu == s.curve[i].dev_bleu);
  }
  CHECK(r.curve[1].dev_loss == 4.25);
  CHECK(std::isnan(r.curve[2].dev_loss));
  CHECK(r.best_bleu == s.best_bleu);
  CHECK(r.elapsed_seconds == s.elapsed_seconds);
  CHECK(r.adam_m.data()[3] == 0.75f);
  // The previous state stays as .prev, and is found by its step.
  train::save_state(f / "s.state", some_state(40, 4));
  CHECK(train::load_state(f / "s.state", 30).curve.size() == 3);
  CHECK(train::load_state(f / "s.state", 40).curve.empty());
}

TEST_CASE("state: a state of before the curve resumes with the curve of its log, up to its step") {
  const test::TempFolder f("state-legacy");
  model::ModelConfig c = model::preset("tiny", 40);
  model::Parameters params(c);
  // What heed wrote before: the state without "curve", the log with a row past the state's step
  // (a validation logged just before a crash, its checkpoint never written).
  const int64_t n = params.flat().numel();
  const Tensor zeros = Tensor::zeros({n});
  model::write_safetensors(f / "m.last.state",
                           {{"format", "heed-training-state"}, {"format_version", "1"}, {"step", "40"},
                            {"epoch", "1"}, {"batch", "40"}, {"seed", "1"}, {"best_bleu", "3.5"},
                            {"bad_validations", "0"}, {"elapsed_seconds", "100"}, {"target_tokens", "5000"},
                            {"config", c.to_json()}},
                           {{"adam.m", DType::f32, {n}, {}, zeros.data()}, {"adam.v", DType::f32, {n}, {}, zeros.data()}});
  model::save_model(f / "m.last.heed", params, "vocab", {{"train_step", "40"}}, DType::f32);
  std::ofstream(f / "m.log.tsv") << "step\tseconds\ttrain_loss\tdev_loss\tdev_perplexity\tdev_bleu\tlr\ttgt_tokens_per_s\n"
                                    "20\t50\t6.1153\t5.3164\t203.640\t0.23\t5.000e-04\t273\n"
                                    "40\t100\t5.5000\t5.0000\t148.413\t3.50\t4.000e-04\t280\n"
                                    "60\t150\t5.0000\t4.9000\t134.290\t4.00\t3.000e-04\t281\n";
  CHECK_FALSE(train::load_state(f / "m.last.state", 40).has_curve);
  train::CheckpointOptions output;
  output.model = f / "m.heed";
  train::Checkpoints checkpoints(output, "vocab", 0);
  const train::Resumed r = checkpoints.resume("v.model");
  CHECK(r.state.step == 40);
  CHECK(r.state.has_curve);
  REQUIRE(r.state.curve.size() == 2);
  CHECK(r.state.curve[0].step == 20);
  CHECK(r.state.curve[0].train_loss == 6.1153);
  CHECK(r.state.curve[0].dev_loss == 5.3164);
  CHECK(r.state.curve[0].dev_bleu == 0.23);
  CHECK(r.state.curve[1].dev_bleu == 3.5);
}

TEST_CASE("log: rows go under one header, and a missing or odd log gives no curve") {
  const test::TempFolder f("state-log");
  train::append_log_row(f / "l.tsv", {10, 12.4, 6.5, 6.25, 0.5, 1e-3f, 1000});
  train::append_log_row(f / "l.tsv", {20, 24.6, 6.0, 5.75, 1.25, 2e-3f, 2000});
  std::ifstream in(f / "l.tsv");
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  CHECK(header == "step\tseconds\ttrain_loss\tdev_loss\tdev_perplexity\tdev_bleu\tlr\ttgt_tokens_per_s");
  CHECK(row == "10\t12\t6.5000\t6.2500\t518.013\t0.50\t1.000e-03\t1000");
  const auto curve = train::read_log_curve(f / "l.tsv", 1000);
  REQUIRE(curve.size() == 2);
  CHECK(curve[1].step == 20);
  CHECK(curve[1].dev_loss == 5.75);
  CHECK(train::read_log_curve(f / "missing.tsv", 1000).empty());
  std::ofstream(f / "odd.tsv") << "a\tb\n1\t2\n";
  CHECK(train::read_log_curve(f / "odd.tsv", 1000).empty());
}
