#include "heed/train/loop.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <cmath>

#include "heed/core/error.h"
#include "heed/ops/add.h"
#include "heed/train/duration.h"
#include "heed/train/training_log.h"

namespace heed::train {
namespace {

std::atomic<int> g_stop{0};  // the signal that asks training to stop, or -1 for request_stop()

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Each batch's dropout masks come from a generator of its own, seeded by the run's seed and the
// batch's place in the run. So they do not depend on which rank trains the batch or on where a run
// was resumed: two ranks equal one process with --accumulate 2, even with dropout.
Rng dropout_rng(uint64_t seed, int64_t epoch, int64_t batch) {
  const uint64_t place = (static_cast<uint64_t>(epoch) << 32) ^ static_cast<uint64_t>(batch);
  return Rng(mix64((seed ^ 0x5eedULL) + mix64(place)), 0);
}

}  // namespace

void request_stop(int signal) { g_stop = signal > 0 ? signal : -1; }

TrainingLoop::TrainingLoop(const LoopOptions& options, LoopParts parts)
    : o_(options),
      p_(std::move(parts)),
      state_(p_.state),
      reporter_(p_.comm.is_root() ? p_.reporter : silent_reporter()),
      forward_options_{o_.dropout, o_.attention_dropout, o_.label_smoothing, o_.precision},
      grads_(std::make_unique<model::Parameters>(p_.params.config())),
      model_(std::make_unique<model::Transformer>(p_.params)),
      log_path_(p_.checkpoints.base() + ".log.tsv") {
  HEED_CHECK(o_.accumulate >= 1, "--accumulate must be at least 1");
  if (!p_.batches) {
    const TokenizedPairs& pairs = p_.pairs;
    const int64_t tokens = o_.batch_tokens;
    const uint64_t seed = state_.seed;
    p_.batches = [&pairs, tokens, seed](int64_t epoch) { return epoch_batches(pairs, tokens, seed, epoch); };
  }
  if (!p_.clock) p_.clock = steady_seconds;
  started_ = p_.clock();
  if (!state_.curve.empty()) validated_step_ = static_cast<int64_t>(state_.curve.back().step);
}

TrainingLoop::~TrainingLoop() = default;

double TrainingLoop::elapsed() const { return state_.elapsed_seconds + (p_.clock() - started_); }

void TrainingLoop::settle_clock() {
  state_.elapsed_seconds = elapsed();
  started_ = p_.clock();
}

void TrainingLoop::restart_window() {
  window_ = Window{};
  window_.start = steady_seconds();
}

void TrainingLoop::check_same_weights() {
  const Tensor& w = p_.params.flat();
  if (!p_.comm.same_everywhere(checksum(w.data(), static_cast<size_t>(w.numel()))))
    fail("the ranks' weights differ at step {}: every rank must run the same heed with the same data and options",
         state_.step);
}

LoopResult TrainingLoop::run() {
  restart_window();
  LoopResult result;
  for (;;) {
    if (o_.max_epochs > 0 && state_.epoch > o_.max_epochs) {
      result = {StopCause::max_epochs,
                fmt::format("reached the limit of {} epoch{}", o_.max_epochs, o_.max_epochs == 1 ? "" : "s"), 0};
      break;
    }
    if (auto stopped = train_epoch()) {
      result = *stopped;
      break;
    }
    ++state_.epoch;
    state_.batch = 0;
  }
  finish(result);
  reporter_.stopped({result.cause, result.reason, state_.step, state_.epoch, elapsed(), state_.best_bleu,
                     p_.checkpoints.options().model});
  return result;
}

std::optional<LoopResult> TrainingLoop::train_epoch() {
  const auto batches = p_.batches(state_.epoch);
  const auto n_batches = static_cast<int64_t>(batches.size());
  while (state_.batch < n_batches) {
    const StepSums sums = accumulate_gradients(batches);
    const StopRequest stop = agree_on_stop();
    // Time in these first exchanges is mostly waiting for the slowest rank; what follows is the
    // gradients' transfer itself.
    window_.wait_seconds += p_.comm.take_seconds();
    if (!optimizer_step(sums)) continue;
    window_.loss += sums.loss;
    window_.tokens += sums.tokens;
    window_.comm_seconds += p_.comm.take_seconds();
    ++window_.steps;
    const bool log_step = o_.log_every > 0 && state_.step % o_.log_every == 0;
    report_step(log_step);
    bool stop_early = false;
    if (o_.valid_every > 0 && state_.step % o_.valid_every == 0) {
      stop_early = validate_and_save();
      restart_window();
    } else if (log_step) {
      restart_window();
    }
    if (auto result = stop_result(stop, stop_early)) return result;
  }
  return std::nullopt;
}

TrainingLoop::StepSums TrainingLoop::accumulate_gradients(const std::vector<std::vector<int32_t>>& batches) {
  // A step takes the epoch's next accumulate × ranks batches; rank r trains every ranks-th one
  // from the r-th, so that one process with --accumulate K sees the same batches as K ranks.
  const int64_t ranks = p_.comm.size(), n_batches = static_cast<int64_t>(batches.size());
  grads_->flat().zero();
  StepSums sums;
  int64_t non_finite = 0;
  std::vector<std::vector<int32_t>> s, t;
  for (int64_t a = 0; a < o_.accumulate; ++a) {
    const int64_t index = state_.batch + a * ranks + p_.comm.rank();
    if (index >= n_batches) break;
    const auto& batch = batches[static_cast<size_t>(index)];
    s.resize(batch.size());
    t.resize(batch.size());
    for (size_t k = 0; k < batch.size(); ++k) p_.pairs.get(batch[k], s[k], t[k]);
    Rng rng = dropout_rng(state_.seed, state_.epoch, index);
    const auto batch_sums = model_->forward(model::make_batch(s, t), forward_options_, rng);
    if (!std::isfinite(batch_sums.loss)) {
      non_finite = 1;
      break;
    }
    // Each batch after the first has its gradient made apart and then added, as the allreduce
    // adds the ranks' gradients: so K ranks and --accumulate K sum the same numbers in the same
    // order (accumulating inside the products would round differently).
    if (a == 0) {
      model_->backward(*grads_, 1.0f);
    } else {
      if (!batch_grads_) batch_grads_ = std::make_unique<model::Parameters>(p_.params.config());
      batch_grads_->flat().zero();
      model_->backward(*batch_grads_, 1.0f);
      ops::add_into(grads_->flat(), batch_grads_->flat());
    }
    sums.loss += batch_sums.loss;
    sums.tokens += batch_sums.tokens;
  }
  state_.batch = std::min(n_batches, state_.batch + o_.accumulate * ranks);
  double totals[] = {sums.loss, static_cast<double>(sums.tokens), static_cast<double>(non_finite)};
  p_.comm.sum(totals, 3);
  return {totals[0], static_cast<int64_t>(totals[1]), totals[2] > 0};
}

TrainingLoop::StopRequest TrainingLoop::agree_on_stop() {
  // Ranks stop together: on any rank's signal, or when the first rank's clock says so.
  const int g = g_stop.load();
  int64_t flags[] = {std::max(g, 0), g < 0 ? 1 : 0,
                     p_.comm.is_root() && o_.time_limit_seconds > 0 && elapsed() >= o_.time_limit_seconds ? 1 : 0};
  p_.comm.max(flags, 3);
  return {flags[0], flags[1] > 0, flags[2] > 0};
}

// Sums the ranks' gradients, normalizes and clips them and takes an Adam step; false when the
// step is skipped (a non-finite loss or gradient, or no target tokens).
bool TrainingLoop::optimizer_step(const StepSums& sums) {
  bool bad = sums.bad;
  double norm = 0;
  const Tensor& grads = grads_->flat();
  if (!bad && sums.tokens > 0) {
    p_.comm.sum(grads.mutable_data(), static_cast<size_t>(grads.numel()));
    scale(grads, 1.0f / static_cast<float>(sums.tokens));
    norm = global_norm(grads);
    bad = !std::isfinite(norm);
  }
  if (bad) {
    reporter_.skipped(state_.step + 1);
    if (++bad_in_a_row_ >= 5)
      fail("5 batches in a row had a non-finite loss; stopping (the last checkpoint is kept). Try a lower --lr");
    return false;
  }
  bad_in_a_row_ = 0;
  if (sums.tokens == 0) return false;
  if (o_.clip_norm > 0 && norm > o_.clip_norm) scale(grads, static_cast<float>(o_.clip_norm / norm));
  ++state_.step;
  lr_ = learning_rate(o_.lr, o_.warmup_steps, state_.step);
  p_.adam.step(p_.params.flat(), grads, lr_);
  state_.target_tokens += sums.tokens;
  return true;
}

void TrainingLoop::report_step(bool log_step) {
  StepReport r;
  r.epoch = state_.epoch;
  r.step = state_.step;
  r.loss = window_.loss / static_cast<double>(std::max<int64_t>(window_.tokens, 1));
  r.lr = lr_;
  r.tokens_per_second = static_cast<double>(window_.tokens) / std::max(steady_seconds() - window_.start, 1e-9);
  r.elapsed_seconds = elapsed();
  r.time_limit_seconds = o_.time_limit_seconds;
  r.log_step = log_step;
  r.distributed = p_.comm.distributed();
  r.allreduce_ms = 1e3 * window_.comm_seconds / static_cast<double>(window_.steps);
  r.wait_ms = 1e3 * window_.wait_seconds / static_cast<double>(window_.steps);
  reporter_.step(r);
  if (log_step) check_same_weights();
  last_loss_ = r.loss;
  last_tps_ = r.tokens_per_second;
}

// Validates (first rank), logs, keeps the best model and writes the checkpoint; every rank
// returns whether early stopping says to stop.
bool TrainingLoop::validate_and_save() {
  validated_step_ = state_.step;
  // The first rank validates and writes; the others wait for its verdict.
  const bool stop_early = p_.comm.is_root() && validate_on_root();
  double verdict[] = {state_.best_bleu, static_cast<double>(state_.bad_validations), stop_early ? 1.0 : 0.0};
  p_.comm.broadcast(verdict, 3);
  state_.best_bleu = verdict[0];
  state_.bad_validations = static_cast<int64_t>(verdict[1]);
  return verdict[2] > 0;
}

bool TrainingLoop::validate_on_root() {
  const Validation v = p_.validator.validate(p_.params, *model_);
  const bool better = v.bleu > state_.best_bleu;
  if (better) {
    state_.best_bleu = v.bleu;
    state_.bad_validations = 0;
  } else {
    ++state_.bad_validations;
  }
  state_.curve.push_back({static_cast<double>(state_.step), last_loss_, v.nll_per_token, v.bleu});
  append_log_row(log_path_, {state_.step, elapsed(), last_loss_, v.nll_per_token, v.bleu, lr_, last_tps_});
  reporter_.validated({state_.step, v.nll_per_token, v.bleu, better, &state_.curve});
  settle_clock();
  if (better) p_.checkpoints.save_best(p_.params, state_);
  save_last(false);
  p_.checkpoints.save_snapshot(p_.params, state_);
  return o_.patience > 0 && state_.bad_validations >= o_.patience;
}

void TrainingLoop::save_last(bool final) {
  settle_clock();
  state_.adam_m = p_.adam.first_moment();
  state_.adam_v = p_.adam.second_moment();
  p_.checkpoints.save_last(p_.params, state_);
  if (final) p_.checkpoints.save_best_if_missing(p_.params, state_);
}

std::optional<LoopResult> TrainingLoop::stop_result(const StopRequest& stop, bool stop_early) const {
  if (stop_early) return LoopResult{StopCause::patience, fmt::format("no better dev BLEU in {} validations", o_.patience), 0};
  if (o_.max_steps > 0 && state_.step >= o_.max_steps)
    return LoopResult{StopCause::max_steps,
                      fmt::format("reached the limit of {} step{}", o_.max_steps, o_.max_steps == 1 ? "" : "s"), 0};
  if (stop.time_up)
    return LoopResult{StopCause::time_limit,
                      fmt::format("reached the time limit of {}", format_duration(o_.time_limit_seconds)), 0};
  if (stop.signal > 0) {
    std::string reason = fmt::format("stopped by signal {}", stop.signal);
    if (p_.comm.distributed()) reason += " (sent to one or more ranks)";
    return LoopResult{StopCause::signal, reason, static_cast<int>(stop.signal)};
  }
  if (stop.requested) return LoopResult{StopCause::request, "stop requested", 0};
  return std::nullopt;
}

void TrainingLoop::finish(const LoopResult& result) {
  // A run that ends by a limit is validated once more if it took steps since the last validation,
  // so that its last weights can still become the best model. A signal stops at once.
  if (result.signal == 0 && o_.valid_every > 0 && state_.step > validated_step_) validate_and_save();
  check_same_weights();
  if (p_.comm.is_root()) save_last(true);
  // No rank leaves before the checkpoint is on disk: mpirun ends the whole job when one rank exits
  // with a signal's code, which would cut the first rank's writing short.
  p_.comm.barrier();
  g_stop = 0;  // the request is answered; a later run in this process starts afresh
}

}  // namespace heed::train
