#pragma once
// The training loop: steps of accumulated batches, Adam with warm-up and inverse-square-root
// decay, gradient clipping, validation every N steps with early stopping, and stopping by steps,
// epochs, time, or a request (a signal). It works on parts its caller owns (weights, optimizer,
// state, data, a validator, the checkpoints, a reporter), so that tests can run it on tiny data
// made in memory, with a scripted validator and clock.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/random.h"
#include "heed/model/parameters.h"
#include "heed/model/transformer.h"
#include "heed/ops/compute_type.h"
#include "heed/train/checkpoints.h"
#include "heed/train/communicator.h"
#include "heed/train/corpus.h"
#include "heed/train/optimizer.h"
#include "heed/train/reporter.h"
#include "heed/train/state.h"
#include "heed/train/validator.h"

namespace heed::train {

struct LoopOptions {
  int64_t batch_tokens = 4096;
  float lr = 7e-4f;
  int64_t warmup_steps = 800;
  float label_smoothing = 0.1f;
  float dropout = 0.1f;
  float attention_dropout = 0.0f;
  float clip_norm = 1.0f;  // 0: no clipping
  int accumulate = 1;      // batches per step, on each rank

  double time_limit_seconds = 0;  // total training time, resumed runs included; 0: none
  int64_t max_steps = 0, max_epochs = 0;
  int patience = 0;  // validations without a better BLEU; 0: never stop early

  int64_t valid_every = 1000;  // 0: never
  int64_t log_every = 100;     // steps between the reporter's log steps and the ranks' weight checks
  // The products of the training passes (f32 or bf16, see ops/compute_type.h); validation runs
  // in f32.
  ops::ComputeType precision = ops::ComputeType::f32;
};

// The batches of one epoch, as pair indices.
using BatchPlan = std::function<std::vector<std::vector<int32_t>>(int64_t epoch)>;

// What the loop works on. All are borrowed; the loop changes params, adam and state.
struct LoopParts {
  model::Parameters& params;
  Adam& adam;
  TrainingState& state;  // where to start (step, epoch, batch, seed, curve...); kept up to date
  const TokenizedPairs& pairs;
  Validator& validator;
  Checkpoints& checkpoints;  // also names the log, checkpoints.base() + ".log.tsv"
  Reporter& reporter;        // heard on the first rank only
  Communicator& comm;
  BatchPlan batches;              // empty: epoch_batches(pairs, batch_tokens, state.seed, epoch)
  std::function<double()> clock;  // seconds from any fixed point; empty: the steady clock
};

struct LoopResult {
  StopCause cause = StopCause::max_steps;
  std::string reason;  // for a person, as StopReport says it
  int signal = 0;      // the signal that stopped training, else 0
};

class TrainingLoop {
 public:
  TrainingLoop(const LoopOptions& options, LoopParts parts);
  ~TrainingLoop();

  // Trains until a limit, early stopping or a request, validates the last steps when a limit
  // stopped it between validations, and writes the last checkpoint (and the best model, if the
  // run has none yet), then reports the stop. Every rank returns the same result.
  LoopResult run();
  // Seconds of training: the state's, resumed runs included, and this run's since the last
  // checkpoint.
  double elapsed() const;

 private:
  struct StepSums {
    double loss = 0;     // summed over the step's target tokens
    int64_t tokens = 0;  // target tokens
    bool bad = false;    // a batch had a non-finite loss
  };
  struct StopRequest {
    int64_t signal = 0;      // SIGINT or SIGTERM on some rank, else 0
    bool requested = false;  // request_stop()
    bool time_up = false;    // the time limit, by the first rank's clock
  };
  // The loss and speed reported are over a window of steps, restarted at each log step or
  // validation.
  struct Window {
    double loss = 0, comm_seconds = 0, wait_seconds = 0;
    int64_t tokens = 0, steps = 0;
    double start = 0;  // by the steady clock: speed is measured, never scripted
  };

  // The rest of the epoch; the result when training is to stop.
  std::optional<LoopResult> train_epoch();
  StepSums accumulate_gradients(const std::vector<std::vector<int32_t>>& batches);
  StopRequest agree_on_stop();
  bool optimizer_step(const StepSums& sums);
  void report_step(bool log_step);
  bool validate_and_save();
  bool validate_on_root();
  std::optional<LoopResult> stop_result(const StopRequest& stop, bool stop_early) const;
  void finish(const LoopResult& result);
  void save_last(bool final);
  void settle_clock();
  void check_same_weights();
  void restart_window();

  LoopOptions o_;
  LoopParts p_;
  TrainingState& state_;
  Reporter& reporter_;
  model::ForwardOptions forward_options_;
  std::unique_ptr<model::Parameters> grads_;
  std::unique_ptr<model::Parameters> batch_grads_;  // one batch's gradient, with accumulation
  std::unique_ptr<model::Transformer> model_;
  std::string log_path_;
  double started_ = 0;           // p_.clock() when state_.elapsed_seconds was last brought up to date
  int64_t validated_step_ = 0;   // the step of the last validation
  int64_t bad_in_a_row_ = 0;     // steps skipped for a non-finite loss, in a row
  float lr_ = 0;
  double last_loss_ = 0, last_tps_ = 0;
  Window window_;
};

// Stops a running loop cleanly after its current step, from any thread: for a signal's number,
// reported as that signal; for 0, as a request. A request made before run() starts stops it at
// its first step; run() clears it when it returns.
void request_stop(int signal = 0);

}  // namespace heed::train
