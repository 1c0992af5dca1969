// A packed run: the second moment factored per matrix, the weights in F16, and a resume from it.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "heed/core/error.h"
#include "heed/core/random.h"
#include "heed/model/model_file.h"
#include "heed/train/checkpoints.h"
#include "heed/train/packed_state.h"
#include "support/files.h"

using namespace heed;

namespace {

// A second moment of rank one in every matrix (v = a_i * b_j) and arbitrary elsewhere.
Tensor rank_one_moment(const model::Parameters& params) {
  // Each tensor's own scale, so that one tensor's moment restored in another's place would show.
  Tensor v = Tensor::zeros({params.flat().numel()});
  int tensor = 0;
  for (const auto& [name, t] : params.named()) {
    float* at = v.mutable_data() + (t.data() - params.flat().data());
    const int64_t r = t.shape()[0], c = t.numel() / r;
    const float scale = 1e-6f * static_cast<float>(++tensor);
    for (int64_t i = 0; i < r; ++i)
      for (int64_t j = 0; j < c; ++j) at[i * c + j] = scale * static_cast<float>((i % 7 + 1) * (j % 5 + 2));
  }
  return v;
}

train::TrainingState state_for(const model::Parameters& params, int64_t step) {
  train::TrainingState s;
  s.step = step;
  s.epoch = 3;
  s.batch = 11;
  s.best_bleu = 7.5;
  s.bad_validations = 2;
  s.elapsed_seconds = 321;
  s.target_tokens = 4242;
  s.config = params.config().to_json();
  s.curve = {{10, 6, 5.5, 1.25}};
  s.adam_m = Tensor::zeros({params.flat().numel()});
  s.adam_v = rank_one_moment(params);
  for (int64_t i = 0; i < s.adam_m.numel(); ++i) s.adam_m.mutable_data()[i] = 0.5f;
  return s;
}

}  // namespace

TEST_CASE("packed state: a rank-one second moment comes back as it was, the first moment as zero") {
  const test::TempFolder f("packed-rank-one");
  model::Parameters params(model::preset("tiny", 40));
  const train::TrainingState s = state_for(params, 20);
  train::save_state(f / "p.state", s, &params);
  const train::TrainingState r = train::load_state(f / "p.state", 20, &params);
  CHECK(r.packed);
  CHECK(r.epoch == 3);
  CHECK(r.batch == 11);
  CHECK(r.target_tokens == 4242);
  CHECK(r.curve.size() == 1);
  const float* want = s.adam_v.data();
  const float* got = r.adam_v.data();
  int64_t off = 0;
  for (int64_t i = 0; i < params.flat().numel(); ++i) {
    // float products of means: a few roundings of relative size 2^-24 each
    if (std::fabs(got[i] - want[i]) > 1e-5f * want[i]) ++off;
    CHECK(r.adam_m.data()[i] == 0.0f);
  }
  CHECK(off == 0);
  // Packed, the state is a small fraction of the whole one.
  train::save_state(f / "whole.state", s);
  CHECK(std::filesystem::file_size(f / "p.state") * 20 < std::filesystem::file_size(f / "whole.state"));
}

TEST_CASE("packed state: any second moment keeps the sums of its rows and columns") {
  const test::TempFolder f("packed-sums");
  model::Parameters params(model::preset("tiny", 40));
  train::TrainingState s = state_for(params, 20);
  Rng rng(5);
  for (int64_t i = 0; i < s.adam_v.numel(); ++i) s.adam_v.mutable_data()[i] = 1e-4f * rng.uniform();
  train::save_state(f / "p.state", s, &params);
  const train::TrainingState r = train::load_state(f / "p.state", 20, &params);
  const Tensor* w = params.find("enc.layers.0.ffn.fc1.weight");
  REQUIRE(w != nullptr);
  const int64_t at = w->data() - params.flat().data(), rows = w->shape()[0], cols = w->shape()[1];
  for (int64_t i = 0; i < rows; ++i) {
    double want = 0, got = 0;
    for (int64_t j = 0; j < cols; ++j) {
      want += s.adam_v.data()[at + i * cols + j];
      got += r.adam_v.data()[at + i * cols + j];
    }
    CHECK(got == doctest::Approx(want).epsilon(1e-5));
  }
  for (int64_t i = 0; i < r.adam_v.numel(); ++i) REQUIRE(r.adam_v.data()[i] >= 0.0f);
}

TEST_CASE("packed state: it needs its model, and one of the same configuration") {
  const test::TempFolder f("packed-model");
  model::Parameters params(model::preset("tiny", 40));
  train::save_state(f / "p.state", state_for(params, 20), &params);
  CHECK_THROWS_WITH_AS(train::load_state(f / "p.state", 20), doctest::Contains("resumes only with its model"), Error);
  model::Parameters other(model::preset("tiny", 48));
  CHECK_THROWS_WITH_AS(train::load_state(f / "p.state", 20, &other), doctest::Contains("disagree on the model"), Error);
}

TEST_CASE("pack_run: the checkpoint in F16 and the packed state resume, with their step and curve") {
  const test::TempFolder f("packed-run");
  model::Parameters params(model::preset("tiny", 40));
  Rng rng(3);
  params.initialize(rng);
  const train::TrainingState s = state_for(params, 20);
  train::save_state(f / "run.last.state", s);
  model::save_model(f / "run.last.heed", params, "vocab", {{"train_step", "20"}, {"train_data_fnv1a64", "00000000000000ab"}},
                    DType::f32);
  CHECK(train::pack_run(f / "run", f / "packed") == 20);
  CHECK(std::filesystem::file_size(f / "packed.last.heed") * 3 < std::filesystem::file_size(f / "run.last.heed") * 2);
  CHECK_THROWS_WITH_AS(train::pack_run(f / "run", f / "run"), doctest::Contains("onto itself"), Error);
  CHECK_THROWS_WITH_AS(train::pack_run(f / "run", f / "./run"), doctest::Contains("onto itself"), Error);

  train::CheckpointOptions output;
  output.model = f / "packed.heed";
  train::Checkpoints checkpoints(output, "vocab", 0xab);
  const train::Resumed r = checkpoints.resume("v.model");
  CHECK(r.state.packed);
  CHECK(r.state.step == 20);
  CHECK(r.state.curve.size() == 1);
  CHECK(r.warning.empty());
  // Its best model did not come with it: the best (and the patience) start again from here...
  CHECK(r.state.best_bleu == -1);
  CHECK(r.state.bad_validations == 0);
  // The weights are the run's to F16's precision: 11 bits of mantissa, or 2^-24 below F16's
  // smallest normal number.
  const float* a = params.flat().data();
  const float* b = r.params->flat().data();
  for (int64_t i = 0; i < params.flat().numel(); ++i)
    REQUIRE(std::fabs(a[i] - b[i]) <= std::max(std::fabs(a[i]) / 2048, 6e-8f));
  // ...but not where the best model is there.
  model::save_model(f / "packed.heed", params, "vocab", {}, DType::f32);
  CHECK(train::Checkpoints(output, "vocab", 0xab).resume("v.model").state.best_bleu == 7.5);
  // Other training data: the run still resumes, and says so.
  train::Checkpoints elsewhere(output, "vocab", 0xcd);
  CHECK(elsewhere.resume("v.model").warning.find("not those") != std::string::npos);
}
