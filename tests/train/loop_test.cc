// The training loop on a tiny model and tiny data made here: resume, accumulation, early
// stopping, the time limit, stop requests and what the reporter hears.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "heed/core/io.h"
#include "heed/model/model_file.h"
#include "heed/train/loop.h"
#include "support/files.h"

using namespace heed;

namespace {

constexpr int64_t kVocab = 40;

model::ModelConfig tiny_config() {
  model::ModelConfig c = model::preset("tiny", kVocab);
  c.max_positions = 32;
  return c;
}

// n pairs of 1 to 8 pieces a side, ids past the special ones, drawn from `seed`.
train::TokenizedPairs tiny_pairs(int n, uint64_t seed) {
  train::TokenizedPairs pairs;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    std::vector<int32_t> src(1 + rng.below(8)), tgt(1 + rng.below(8));
    for (auto& id : src) id = static_cast<int32_t>(4 + rng.below(kVocab - 4));
    for (auto& id : tgt) id = static_cast<int32_t>(4 + rng.below(kVocab - 4));
    pairs.add(src, tgt);
  }
  return pairs;
}

// BLEU from a script, one figure per validation (the last repeats).
class ScriptedValidator final : public train::Validator {
 public:
  explicit ScriptedValidator(std::vector<double> bleus = {0}) : bleus_(std::move(bleus)) {}
  train::Validation validate(const model::Parameters&, model::Transformer&) override {
    const double bleu = bleus_[std::min(static_cast<size_t>(calls), bleus_.size() - 1)];
    ++calls;
    return {2.0, bleu};
  }
  int calls = 0;

 private:
  std::vector<double> bleus_;
};

struct Recorder final : train::Reporter {
  void step(const train::StepReport& r) override {
    steps.push_back(r);
    if (on_step) on_step(r);
  }
  void validated(const train::ValidationReport& r) override {
    validations.push_back(r.step);
    curve_sizes.push_back(r.curve->size());
  }
  void skipped(int64_t step) override { skipped_steps.push_back(step); }
  void stopped(const train::StopReport& r) override { stops.push_back(r); }

  std::vector<train::StepReport> steps;
  std::vector<int64_t> validations, skipped_steps;
  std::vector<size_t> curve_sizes;
  std::vector<train::StopReport> stops;
  std::function<void(const train::StepReport&)> on_step;
};

train::LoopOptions tiny_options() {
  train::LoopOptions o;
  o.batch_tokens = 64;
  o.lr = 3e-3f;
  o.warmup_steps = 4;
  o.valid_every = 0;
  o.log_every = 0;
  return o;
}

struct Trained {
  train::LoopResult result;
  train::TrainingState state;
  std::unique_ptr<model::Parameters> params;
  std::unique_ptr<train::Adam> adam;
};

// What `heed train` does around the loop: a new model from seed 1, or the checkpoint of
// `model` with `resume`. The validator and the reporter are borrowed; without them, BLEU is 0
// and nothing is heard.
struct TinyRun {
  TinyRun(const train::TokenizedPairs& pairs, std::string model, train::Validator* validator = nullptr,
          train::Reporter* reporter = nullptr)
      : model(std::move(model)), pairs(&pairs), validator(validator), reporter(reporter) {}

  std::string model;
  train::LoopOptions options = tiny_options();
  const train::TokenizedPairs* pairs;
  train::Validator* validator;
  train::Reporter* reporter;
  train::BatchPlan batches;
  std::function<double()> clock;

  Trained run(bool resume = false) const {
    train::CheckpointOptions output;
    output.model = model;
    train::Checkpoints checkpoints(output, "a tiny vocabulary", 0);
    Trained t;
    if (resume) {
      auto r = checkpoints.resume("v.model");
      t.params = std::move(r.params);
      t.state = std::move(r.state);
      t.adam = std::make_unique<train::Adam>(t.params->flat().numel(), train::AdamOptions{});
      t.adam->restore(t.state.adam_m, t.state.adam_v, t.state.step);
    } else {
      t.params = std::make_unique<model::Parameters>(tiny_config());
      Rng init(1);
      t.params->initialize(init);
      t.adam = std::make_unique<train::Adam>(t.params->flat().numel(), train::AdamOptions{});
      t.state.config = t.params->config().to_json();
    }
    ScriptedValidator none;
    train::TrainingLoop loop(options, {*t.params, *t.adam, t.state, *pairs, validator ? *validator : none, checkpoints,
                                       reporter ? *reporter : train::silent_reporter(), train::Communicator::world(),
                                       batches, clock});
    t.result = loop.run();
    return t;
  }
};

bool same_floats(const Tensor& a, const Tensor& b) {
  return a.numel() == b.numel() &&
         std::equal(a.data(), a.data() + a.numel(), b.data());
}

double relative_difference(const Tensor& a, const Tensor& b) {
  double diff = 0, norm = 0;
  for (int64_t i = 0; i < a.numel(); ++i) {
    const double x = a.data()[i], y = b.data()[i];
    diff += (x - y) * (x - y);
    norm += x * x;
  }
  return std::sqrt(diff / std::max(norm, 1e-300));
}

}  // namespace

TEST_CASE("loop: a run resumed from its checkpoint ends with the weights of an uninterrupted run") {
  const auto pairs = tiny_pairs(64, 3);
  const test::TempFolder whole("loop-whole"), halves("loop-halves");
  TinyRun run(pairs, whole / "m.heed");
  run.options.dropout = 0.1f;  // masks drawn by the batch's place, not by the process
  run.options.valid_every = 4;
  run.options.log_every = 2;  // the loss windows restart where the first half ends
  run.options.max_steps = 14;  // past the end of the first epoch
  const Trained a = run.run();
  CHECK(a.state.epoch > 1);

  run.model = halves / "m.heed";
  run.options.max_steps = 6;  // at a log step, where the loss window restarts in both runs
  const Trained first = run.run();
  CHECK(first.state.step == 6);
  run.options.max_steps = 14;
  const Trained b = run.run(/*resume=*/true);

  CHECK(b.state.step == 14);
  CHECK(b.state.epoch == a.state.epoch);
  CHECK(b.state.batch == a.state.batch);
  CHECK(b.state.target_tokens == a.state.target_tokens);
  CHECK(same_floats(a.params->flat(), b.params->flat()));
  CHECK(same_floats(a.adam->first_moment(), b.adam->first_moment()));
  CHECK(same_floats(a.adam->second_moment(), b.adam->second_moment()));
  // The curve goes on from the state: validations at 4, 8, 12, 14, and at 6 where the first
  // half stopped; the train losses of the shared points are the same.
  REQUIRE(a.state.curve.size() == 4);
  REQUIRE(b.state.curve.size() == 5);
  for (size_t i : {0, 1, 2, 3}) {
    const auto& p = a.state.curve[i];
    const auto& q = b.state.curve[i < 1 ? i : i + 1];
    CHECK(p.step == q.step);
    CHECK(p.train_loss == q.train_loss);
  }
  CHECK(b.state.curve[1].step == 6);
}

TEST_CASE("loop: accumulating two batches takes the step of the batch that holds both") {
  const auto pairs = tiny_pairs(8, 5);
  const test::TempFolder two("loop-two"), one("loop-one");
  Recorder two_heard, one_heard;
  TinyRun run(pairs, two / "m.heed", nullptr, &two_heard);
  run.options.dropout = 0;  // dropout would draw other masks for other batches
  run.options.clip_norm = 0;
  run.options.max_steps = 1;
  run.options.accumulate = 2;
  run.batches = [](int64_t) { return std::vector<std::vector<int32_t>>{{0, 1, 2, 3}, {4, 5, 6, 7}}; };
  const Trained accumulated = run.run();

  run.model = one / "m.heed";
  run.reporter = &one_heard;
  run.options.accumulate = 1;
  run.batches = [](int64_t) { return std::vector<std::vector<int32_t>>{{0, 1, 2, 3, 4, 5, 6, 7}}; };
  const Trained whole = run.run();

  REQUIRE(accumulated.state.step == 1);
  REQUIRE(whole.state.step == 1);
  CHECK(accumulated.state.batch == 2);
  CHECK(accumulated.state.target_tokens == whole.state.target_tokens);
  CHECK(two_heard.steps.at(0).loss == doctest::Approx(one_heard.steps.at(0).loss).epsilon(1e-6));
  // After one step Adam's first moment is 0.1 × the step's gradient: the gradients agree to
  // rounding (the two halves are padded to other lengths).
  CHECK(relative_difference(whole.adam->first_moment(), accumulated.adam->first_moment()) < 1e-5);
}

TEST_CASE("loop: early stopping stops at the validation that runs out of patience") {
  const auto pairs = tiny_pairs(64, 3);
  const test::TempFolder folder("loop-patience");
  // Validations at steps 2, 4, 6, 8, 10: 12 at step 4 is the best; 11, 12 (not better) and 9
  // make three without a better BLEU.
  ScriptedValidator validator({10, 12, 11, 12, 9, 20});
  Recorder heard;
  TinyRun run(pairs, folder / "m.heed", &validator, &heard);
  run.options.valid_every = 2;
  run.options.patience = 3;
  run.options.max_steps = 100;
  const Trained t = run.run();
  CHECK(t.result.cause == train::StopCause::patience);
  CHECK(t.result.reason == "no better dev BLEU in 3 validations");
  CHECK(t.state.step == 10);
  CHECK(validator.calls == 5);  // none more after stopping
  CHECK(t.state.best_bleu == 12);
  CHECK(t.state.bad_validations == 3);
  CHECK(model::load_model(folder / "m.heed").metadata.at("train_step") == "4");  // the best
  CHECK(model::load_model(folder / "m.last.heed").metadata.at("train_step") == "10");
}

TEST_CASE("loop: the time limit, resumed runs' time included, stops after the step that passes it") {
  const auto pairs = tiny_pairs(64, 3);
  const test::TempFolder folder("loop-time");
  double now = 0;
  Recorder heard;
  heard.on_step = [&now](const train::StepReport&) { now += 10; };  // each step takes 10 s
  ScriptedValidator validator;
  TinyRun run(pairs, folder / "m.heed", &validator, &heard);
  run.clock = [&now] { return now; };
  run.options.time_limit_seconds = 35;
  run.options.valid_every = 100;
  const Trained t = run.run();
  // The limit is looked at in each step, before its update: 30 s in the fourth, which goes on;
  // 40 s in the fifth, which is the last.
  CHECK(t.result.cause == train::StopCause::time_limit);
  CHECK(t.result.reason == "reached the time limit of 0:00:35");
  CHECK(t.state.step == 5);
  CHECK(t.state.elapsed_seconds == 50);
  // Stopped between validations: the last step is validated.
  CHECK(validator.calls == 1);
  CHECK(heard.validations == std::vector<int64_t>{5});

  // A resumed run has used its time already: one step, and it stops.
  const Trained more = run.run(/*resume=*/true);
  CHECK(more.result.cause == train::StopCause::time_limit);
  CHECK(more.state.step == 6);
}

TEST_CASE("loop: a signal stops after its step with a checkpoint and no validation, a request validates") {
  const auto pairs = tiny_pairs(64, 3);
  const test::TempFolder folder("loop-signal");
  ScriptedValidator validator;
  Recorder heard;
  heard.on_step = [](const train::StepReport& r) {
    if (r.step == 3) train::request_stop(15);
  };
  TinyRun run(pairs, folder / "m.heed", &validator, &heard);
  run.options.valid_every = 100;
  const Trained t = run.run();
  CHECK(t.result.cause == train::StopCause::signal);
  CHECK(t.result.signal == 15);
  CHECK(t.result.reason == "stopped by signal 15");
  CHECK(t.state.step == 4);  // the step under way when the signal came (after step 3's report)
  CHECK(validator.calls == 0);
  CHECK(file_exists(folder / "m.heed"));  // a run stopped before any validation still leaves a model
  CHECK(model::load_model(folder / "m.last.heed").metadata.at("train_step") == "4");

  heard.on_step = [](const train::StepReport& r) {
    if (r.step == 5) train::request_stop();
  };
  const Trained more = run.run(/*resume=*/true);
  CHECK(more.result.cause == train::StopCause::request);
  CHECK(more.result.signal == 0);
  CHECK(more.state.step == 6);
  CHECK(validator.calls == 1);  // a request, unlike a signal, validates the last steps
}

TEST_CASE("loop: the reporter hears every step, log step, validation, skipped step and the stop") {
  const auto pairs = tiny_pairs(64, 3);
  const test::TempFolder folder("loop-reporter");
  ScriptedValidator validator({5, 7});
  Recorder heard;
  TinyRun run(pairs, folder / "m.heed", &validator, &heard);
  run.options.log_every = 2;
  run.options.valid_every = 3;
  run.options.max_steps = 7;
  run.options.time_limit_seconds = 3600;
  const Trained t = run.run();
  REQUIRE(heard.steps.size() == 7);
  for (size_t i = 0; i < heard.steps.size(); ++i) {
    const auto& s = heard.steps[i];
    CHECK(s.step == static_cast<int64_t>(i + 1));
    CHECK(s.epoch == 1);
    CHECK(s.log_step == (s.step % 2 == 0));
    CHECK(s.loss > 0);
    CHECK(s.lr > 0);
    CHECK(s.time_limit_seconds == 3600);
    CHECK_FALSE(s.distributed);
  }
  CHECK(heard.steps[3].lr == doctest::Approx(train::learning_rate(3e-3f, 4, 4)));
  // Every third step, and the last one, which the step limit stopped between validations.
  CHECK(heard.validations == std::vector<int64_t>{3, 6, 7});
  CHECK(heard.curve_sizes == std::vector<size_t>{1, 2, 3});
  CHECK(heard.skipped_steps.empty());
  REQUIRE(heard.stops.size() == 1);
  const auto& stop = heard.stops[0];
  CHECK(stop.cause == train::StopCause::max_steps);
  CHECK(stop.reason == "reached the limit of 7 steps");
  CHECK(stop.step == 7);
  CHECK(stop.best_bleu == 7);
  CHECK(stop.model == folder / "m.heed");
  // The log has a row per validation, under its header.
  CHECK(test::read_lines(folder / "m.log.tsv").size() == 4);
  CHECK(t.state.curve.size() == 3);

  // A learning rate that overflows the weights: each non-finite step is reported and skipped,
  // and the fifth in a row stops training with an error.
  const test::TempFolder broken("loop-overflow");
  Recorder overflow;
  run.model = broken / "m.heed";
  run.reporter = &overflow;
  run.options.lr = 1e30f;
  run.options.warmup_steps = 1;
  run.options.max_steps = 100;
  CHECK_THROWS_WITH(run.run(), doctest::Contains("5 batches in a row had a non-finite loss"));
  CHECK(overflow.skipped_steps == std::vector<int64_t>{2, 2, 2, 2, 2});
}
