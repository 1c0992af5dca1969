#include "heed/train/trainer.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/decode/beam_search.h"
#include "heed/core/parallel.h"
#include "heed/model/model_file.h"
#include "heed/model/transformer.h"
#include "heed/ops/add.h"
#include "heed/text/bleu.h"
#include "heed/train/checkpoint.h"
#include "heed/train/communicator.h"
#include "heed/train/curve.h"
#include "heed/train/optimizer.h"
#include "heed/train/training_data.h"

namespace heed::train {
namespace {

std::atomic<int> g_stop{0};  // the signal that asks training to stop, or -1 for request_stop()

using Clock = std::chrono::steady_clock;

// Each batch's dropout masks come from a generator of its own, seeded by the run's seed and the
// batch's place in the run. So they do not depend on which rank trains the batch or on where a run
// was resumed: two ranks equal one process with --accumulate 2, even with dropout.
Rng dropout_rng(uint64_t seed, int64_t epoch, int64_t batch) {
  const uint64_t place = (static_cast<uint64_t>(epoch) << 32) ^ static_cast<uint64_t>(batch);
  return Rng(mix64((seed ^ 0x5eedULL) + mix64(place)), 0);
}

// The sources and targets of the pairs of one batch.
std::pair<std::vector<std::vector<int32_t>>, std::vector<std::vector<int32_t>>> gather(const TokenizedPairs& pairs,
                                                                                       const std::vector<int32_t>& batch) {
  std::vector<std::vector<int32_t>> s(batch.size()), t(batch.size());
  for (size_t k = 0; k < batch.size(); ++k) pairs.get(batch[k], s[k], t[k]);
  return {std::move(s), std::move(t)};
}

std::string format_duration(double seconds) {
  const auto s = static_cast<int64_t>(std::max(0.0, seconds));
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

struct Validation {
  double nll_per_token = 0, bleu = 0;
};

class Run {
 public:
  explicit Run(const TrainOptions& o) : o_(o) {}
  int run();

 private:
  void prepare();
  Validation validate();
  // Validates (first rank), logs, keeps the best model and writes the checkpoint; every rank
  // returns whether early stopping says to stop.
  bool validate_and_save(double train_loss, float lr, double tokens_per_s, bool terminal);
  void save_checkpoint(bool also_best_if_missing);
  void append_log(int64_t step, double seconds, double train_loss, const Validation& v, float lr, double tokens_per_s);
  double elapsed() const {
    return state_.elapsed_seconds + std::chrono::duration<double>(Clock::now() - started_).count();
  }
  std::map<std::string, std::string> metadata() const;
  // OUT for OUT.heed: the prefix of the checkpoint, state, log and curve files.
  std::string base_path() const {
    const std::string& m = o_.model;
    return m.size() > 5 && m.compare(m.size() - 5, 5, ".heed") == 0 ? m.substr(0, m.size() - 5) : m;
  }

  // Prints on the first rank only, so that a run under mpirun logs once.
  template <class... Args>
  void say(fmt::format_string<Args...> format, Args&&... args) const {
    if (comm_.is_root()) fmt::print(stderr, format, std::forward<Args>(args)...);
  }
  void check_same_weights();
  struct StepSums {
    double loss = 0;     // summed over the step's target tokens
    int64_t tokens = 0;  // target tokens
    bool bad = false;    // a batch had a non-finite loss
  };
  // Zeroes the gradients, runs forward and backward over this rank's batches of the step that
  // starts at state_.batch, and moves state_.batch past the step; the sums are over all ranks.
  StepSums accumulate_gradients(const std::vector<std::vector<int32_t>>& batches, const model::ForwardOptions& options);
  struct StopRequest {
    int64_t signal = 0;      // SIGINT or SIGTERM on some rank, else 0
    bool requested = false;  // request_stop()
    bool time_up = false;    // the time limit, by the first rank's clock
  };
  StopRequest agree_on_stop();
  // Sums the ranks' gradients, normalizes and clips them and takes an Adam step; false when the
  // step is skipped (a non-finite loss or gradient, or no target tokens).
  bool optimizer_step(const StepSums& sums);
  // The rest of the epoch; the reason when training is to stop.
  std::optional<std::string> train_epoch(const model::ForwardOptions& options);
  std::optional<std::string> stop_reason(const StopRequest& stop, bool stop_early);
  void report_progress(bool log_step);

  // The loss and speed shown are over a window of steps, restarted at each log line or validation.
  struct Window {
    double loss = 0, comm_seconds = 0, wait_seconds = 0;
    int64_t tokens = 0, steps = 0;
    Clock::time_point start;
    void restart() {
      *this = Window{};
      start = Clock::now();
    }
    void add_step(double step_loss, int64_t step_tokens, double comm) {
      loss += step_loss;
      tokens += step_tokens;
      comm_seconds += comm;
      ++steps;
    }
    double loss_per_token() const { return loss / std::max<int64_t>(tokens, 1); }
    double tokens_per_second() const {
      return tokens / std::max(std::chrono::duration<double>(Clock::now() - start).count(), 1e-9);
    }
  };

  const TrainOptions& o_;
  Communicator& comm_ = Communicator::world();
  std::unique_ptr<text::Tokenizer> tokenizer_;
  Corpus train_, dev_;
  std::unique_ptr<model::Parameters> params_, grads_;
  std::unique_ptr<model::Parameters> batch_grads_;  // one batch's gradient, with --accumulate
  std::unique_ptr<Adam> adam_;
  std::unique_ptr<model::Transformer> model_;
  TrainingState state_;
  Clock::time_point started_ = Clock::now();
  std::vector<CurvePoint> curve_;
  uint64_t data_checksum_ = 0;
  bool best_written_ = false;
  int64_t validated_step_ = 0;  // the step of the last validation
  bool terminal_ = false;       // stderr is a terminal: a live status line
  Window window_;
  int64_t bad_in_a_row_ = 0;    // steps skipped for a non-finite loss, in a row
  int64_t stop_signal_ = 0;     // the signal that stopped training
  float lr_ = 0;
  double last_loss_ = 0, last_tps_ = 0;
};

void Run::prepare() {
  check_inputs(o_);
  // The first rank trains a missing vocabulary; the others wait for it (a shared file system).
  if (comm_.is_root() && !file_exists(o_.vocab)) {
    HEED_CHECK(!o_.resume, "cannot resume: the vocabulary {} is missing", o_.vocab);
    std::string prefix = o_.vocab;
    if (prefix.size() > 6 && prefix.compare(prefix.size() - 6, 6, ".model") == 0) prefix.resize(prefix.size() - 6);
    HEED_CHECK(prefix + ".model" == o_.vocab, "--vocab must name a .model file, not {}", o_.vocab);
    fmt::print(stderr, "training a vocabulary of {} pieces: {}\n", o_.vocab_size, o_.vocab);
    text::TokenizerTrainOptions t;
    t.inputs = {o_.train_src, o_.train_tgt};
    t.model_prefix = prefix;
    t.vocab_size = o_.vocab_size;
    t.seed = static_cast<uint32_t>(o_.seed);
    t.threads = thread_count();
    text::train_tokenizer(t);
  }
  comm_.barrier();
  tokenizer_ = std::make_unique<text::Tokenizer>(text::Tokenizer::from_file(o_.vocab));
  auto data = load_training_data(o_, *tokenizer_, comm_);
  train_ = std::move(data.train);
  dev_ = std::move(data.dev);
  data_checksum_ = data.text_checksum;
  const auto& st = train_.stats;
  say("training data: {} pairs read, {} kept; dropped {} with an empty side, {} longer than {} pieces, {} with a length ratio over {}\n",
             st.read, st.kept, st.empty, st.too_long, o_.filter.max_length, st.bad_ratio, o_.filter.max_ratio);
  HEED_CHECK(st.kept > 0, "no training pair is left after filtering {} and {}", o_.train_src, o_.train_tgt);
  HEED_CHECK(dev_.pairs.size() > 0, "the validation data ({}) has no usable pair", o_.valid_src);
  if (dev_.stats.kept < dev_.stats.read)
    say("validation data: {} of {} pairs kept (the others are empty on a side or longer than the model's positions)\n",
               dev_.stats.kept, dev_.stats.read);
  if (o_.prepare_only) return;

  const std::string last = base_path();
  if (o_.resume) {
    const std::string ckpt = last + ".last.heed";
    HEED_CHECK(file_exists(ckpt), "cannot resume: {} does not exist", ckpt);
    model::ModelFile m = model::load_model(ckpt);
    HEED_CHECK(m.tokenizer == tokenizer_->serialized(),
               "cannot resume: {} was trained with another vocabulary than {}", ckpt, o_.vocab);
    const auto it = m.metadata.find("train_step");
    HEED_CHECK(it != m.metadata.end(), "cannot resume: {} is not a training checkpoint (no train_step)", ckpt);
    state_ = load_state(last + ".last.state", std::stoll(it->second));
    HEED_CHECK(state_.config == m.params->config().to_json(), "cannot resume: the state and {} disagree on the model", ckpt);
    HEED_CHECK(state_.adam_m.numel() == m.params->flat().numel(), "cannot resume: the optimizer state does not fit {}", ckpt);
    params_ = std::move(m.params);
    adam_ = std::make_unique<Adam>(params_->flat().numel(), AdamOptions{});
    adam_->first_moment().copy_from(state_.adam_m);
    adam_->second_moment().copy_from(state_.adam_v);
    adam_->set_steps(state_.step);
    best_written_ = file_exists(o_.model);
    // The curve so far, from the log.
    std::ifstream log(last + ".log.tsv");
    std::string line;
    std::getline(log, line);
    while (std::getline(log, line)) {
      CurvePoint p{};
      double seconds;
      if (std::sscanf(line.c_str(), "%lf\t%lf\t%lf\t%lf\t%*f\t%lf", &p.step, &seconds, &p.train_loss, &p.dev_loss, &p.dev_bleu) == 5 &&
          p.step <= state_.step)
        curve_.push_back(p);
    }
    if (!curve_.empty()) validated_step_ = static_cast<int64_t>(curve_.back().step);
    say("resuming {} at step {}, epoch {}, batch {} ({} trained)\n", ckpt, state_.step,
               state_.epoch, state_.batch, format_duration(state_.elapsed_seconds));
  } else {
    model::ModelConfig config = o_.config;
    config.vocab_size = tokenizer_->vocab_size();
    params_ = std::make_unique<model::Parameters>(config);
    Rng init(o_.seed);
    params_->initialize(init);
    adam_ = std::make_unique<Adam>(params_->flat().numel(), AdamOptions{});
    state_.seed = o_.seed;
    state_.config = config.to_json();
  }
  grads_ = std::make_unique<model::Parameters>(params_->config());
  model_ = std::make_unique<model::Transformer>(*params_);
  if (comm_.distributed())
    say("model: {:.2f}M parameters; {} ranks of {} threads; {} products\n", params_->count() / 1e6, comm_.size(),
        thread_count(), ops::compute_type_name(o_.precision));
  else
    say("model: {:.2f}M parameters, {} threads, {} products\n", params_->count() / 1e6, thread_count(),
        ops::compute_type_name(o_.precision));
}

Validation Run::validate() {
  Validation v;
  double nll = 0;
  int64_t tokens = 0;
  ops::CrossEntropySums sums;
  const auto batches = epoch_batches(dev_.pairs, o_.batch_tokens, 0, 0);
  for (const auto& b : batches) {
    const auto [s, t] = gather(dev_.pairs, b);
    sums = model_->forward(model::make_batch(s, t));
    nll += sums.nll;
    tokens += sums.tokens;
  }
  v.nll_per_token = nll / std::max<int64_t>(tokens, 1);
  // BLEU of the dev translations, decoded in batches of similar length.
  decode::BeamSearch search(*params_);
  decode::SearchOptions so;
  so.beam_size = o_.valid_beam;
  std::vector<std::string> hyps(static_cast<size_t>(dev_.pairs.size()));
  for (const auto& b : batches) {
    const auto out = search.search(gather(dev_.pairs, b).first, so);
    for (size_t k = 0; k < b.size(); ++k) hyps[b[k]] = tokenizer_->decode_ids(out[k][0].tokens);
  }
  text::Bleu bleu({});
  std::vector<int64_t> total(bleu.stats_size(), 0), row(bleu.stats_size());
  for (size_t i = 0; i < hyps.size(); ++i) {
    bleu.segment_statistics(hyps[i], {dev_.target_text[i]}, row.data());
    for (size_t j = 0; j < row.size(); ++j) total[j] += row[j];
  }
  v.bleu = bleu.score(total.data()).score;
  return v;
}

std::map<std::string, std::string> Run::metadata() const {
  return {{"train_step", std::to_string(state_.step)},
          {"train_epoch", std::to_string(state_.epoch)},
          {"train_seconds", fmt::format("{:.0f}", elapsed())},
          {"train_target_tokens", std::to_string(state_.target_tokens)},
          {"train_command", o_.command_line},
          {"train_data_fnv1a64", fmt::format("{:016x}", data_checksum_)},
          {"dev_bleu", state_.best_bleu >= 0 ? fmt::format("{:.2f}", state_.best_bleu) : "none"}};
}

void Run::save_checkpoint(bool also_best_if_missing) {
  const std::string base = base_path();
  state_.elapsed_seconds = elapsed();
  started_ = Clock::now();
  state_.adam_m = adam_->first_moment();
  state_.adam_v = adam_->second_moment();
  save_state(base + ".last.state", state_);
  model::save_model(base + ".last.heed", *params_, tokenizer_->serialized(), metadata(), DType::f32);
  if (also_best_if_missing && !best_written_) {
    model::save_model(o_.model, *params_, tokenizer_->serialized(), metadata(), o_.dtype);
    best_written_ = true;
  }
}

void Run::append_log(int64_t step, double seconds, double train_loss, const Validation& v, float lr,
                     double tokens_per_s) {
  const std::string base = base_path();
  const std::string tsv = base + ".log.tsv";
  const bool fresh = !file_exists(tsv);
  std::ofstream log(tsv, std::ios::app);
  if (fresh) log << "step\tseconds\ttrain_loss\tdev_loss\tdev_perplexity\tdev_bleu\tlr\ttgt_tokens_per_s\n";
  log << fmt::format("{}\t{:.0f}\t{:.4f}\t{:.4f}\t{:.3f}\t{:.2f}\t{:.3e}\t{:.0f}\n", step, seconds, train_loss,
                     v.nll_per_token, std::exp(v.nll_per_token), v.bleu, lr, tokens_per_s);
  HEED_CHECK(log.good(), "cannot append to {}", tsv);
  curve_.push_back({static_cast<double>(step), train_loss, v.nll_per_token, v.bleu});
  AtomicFile svg(base + ".curve.svg");
  svg.stream() << learning_curve_svg(curve_, "heed train: " + o_.model);
  svg.commit();
}

bool Run::validate_and_save(double train_loss, float lr, double tokens_per_s, bool terminal) {
  validated_step_ = state_.step;
  // The first rank validates and writes; the others wait for its verdict.
  bool stop_early = false;
  if (comm_.is_root()) {
    const Validation v = validate();
    const bool better = v.bleu > state_.best_bleu;
    if (better) {
      state_.best_bleu = v.bleu;
      state_.bad_validations = 0;
    } else {
      ++state_.bad_validations;
    }
    fmt::print(stderr, "{}validation at step {}: dev loss {:.4f} perplexity {:.2f} BLEU {:.2f}{}\n", terminal ? "\n" : "",
               state_.step, v.nll_per_token, std::exp(v.nll_per_token), v.bleu, better ? " (best so far)" : "");
    append_log(state_.step, elapsed(), train_loss, v, lr, tokens_per_s);
    if (better) {
      model::save_model(o_.model, *params_, tokenizer_->serialized(), metadata(), o_.dtype);
      best_written_ = true;
    }
    save_checkpoint(false);
    if (o_.keep_snapshots > 0) {
      model::save_model(snapshot_path(base_path(), state_.step), *params_, tokenizer_->serialized(), metadata(), DType::f32);
      prune_snapshots(base_path(), o_.keep_snapshots);
    }
    stop_early = o_.patience > 0 && state_.bad_validations >= o_.patience;
  }
  double verdict[] = {state_.best_bleu, static_cast<double>(state_.bad_validations), stop_early ? 1.0 : 0.0};
  comm_.broadcast(verdict, 3);
  state_.best_bleu = verdict[0];
  state_.bad_validations = static_cast<int64_t>(verdict[1]);
  return verdict[2] > 0;
}

void Run::check_same_weights() {
  const Tensor& w = params_->flat();
  if (!comm_.same_everywhere(checksum(w.data(), static_cast<size_t>(w.numel()))))
    fail("the ranks' weights differ at step {}: every rank must run the same heed with the same data and options",
         state_.step);
}

Run::StepSums Run::accumulate_gradients(const std::vector<std::vector<int32_t>>& batches,
                                        const model::ForwardOptions& options) {
  // A step takes the epoch's next accumulate × ranks batches; rank r trains every ranks-th one
  // from the r-th, so that one process with --accumulate K sees the same batches as K ranks.
  const int64_t ranks = comm_.size(), n_batches = static_cast<int64_t>(batches.size());
  const ops::ProductTypeScope products(o_.precision);
  grads_->flat().zero();
  StepSums sums;
  int64_t non_finite = 0;
  for (int64_t a = 0; a < o_.accumulate; ++a) {
    const int64_t index = state_.batch + a * ranks + comm_.rank();
    if (index >= n_batches) break;
    const auto [s, t] = gather(train_.pairs, batches[index]);
    Rng rng = dropout_rng(state_.seed, state_.epoch, index);
    const auto batch_sums = model_->forward(model::make_batch(s, t), options, rng);
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
      if (!batch_grads_) batch_grads_ = std::make_unique<model::Parameters>(params_->config());
      batch_grads_->flat().zero();
      model_->backward(*batch_grads_, 1.0f);
      ops::add_into(grads_->flat(), batch_grads_->flat());
    }
    sums.loss += batch_sums.loss;
    sums.tokens += batch_sums.tokens;
  }
  state_.batch = std::min(n_batches, state_.batch + o_.accumulate * ranks);
  double totals[] = {sums.loss, static_cast<double>(sums.tokens), static_cast<double>(non_finite)};
  comm_.sum(totals, 3);
  return {totals[0], static_cast<int64_t>(totals[1]), totals[2] > 0};
}

Run::StopRequest Run::agree_on_stop() {
  // Ranks stop together: on any rank's signal, or when the first rank's clock says so.
  const int g = g_stop.load();
  int64_t flags[] = {std::max(g, 0), g < 0 ? 1 : 0,
                     comm_.is_root() && o_.time_limit_seconds > 0 && elapsed() >= o_.time_limit_seconds ? 1 : 0};
  comm_.max(flags, 3);
  return {flags[0], flags[1] > 0, flags[2] > 0};
}

bool Run::optimizer_step(const StepSums& sums) {
  bool bad = sums.bad;
  double norm = 0;
  if (!bad && sums.tokens > 0) {
    comm_.sum(grads_->flat().data(), static_cast<size_t>(grads_->flat().numel()));
    scale(grads_->flat(), 1.0f / static_cast<float>(sums.tokens));
    norm = global_norm(grads_->flat());
    bad = !std::isfinite(norm);
  }
  if (bad) {
    say("{}warning: step {}: the loss or gradient is not finite; the batch is skipped\n", terminal_ ? "\n" : "",
        state_.step + 1);
    if (++bad_in_a_row_ >= 5)
      fail("5 batches in a row had a non-finite loss; stopping (the last checkpoint is kept). Try a lower --lr");
    return false;
  }
  bad_in_a_row_ = 0;
  if (sums.tokens == 0) return false;
  if (o_.clip_norm > 0 && norm > o_.clip_norm) scale(grads_->flat(), static_cast<float>(o_.clip_norm / norm));
  ++state_.step;
  lr_ = learning_rate(o_.lr, o_.warmup_steps, state_.step);
  adam_->step(params_->flat(), grads_->flat(), lr_);
  state_.target_tokens += sums.tokens;
  return true;
}

void Run::report_progress(bool log_step) {
  const double total = elapsed();
  const double tps = window_.tokens_per_second(), loss = window_.loss_per_token();
  const std::string comm = comm_.distributed() ? fmt::format(" allreduce {:.0f} ms/step wait {:.0f} ms/step",
                                                              1e3 * window_.comm_seconds / window_.steps,
                                                              1e3 * window_.wait_seconds / window_.steps)
                                                : "";
  if (terminal_) {
    const std::string left = o_.time_limit_seconds > 0 ? " left " + format_duration(o_.time_limit_seconds - total) : "";
    fmt::print(stderr, "\repoch {} step {} loss {:.3f} lr {:.2e} {:.0f} tgt tok/s{} {}{}   ", state_.epoch, state_.step,
               loss, lr_, tps, comm, format_duration(total), left);
  }
  if (log_step) {
    if (!terminal_)
      say("epoch {} step {} loss {:.3f} lr {:.2e} {:.0f} tgt tok/s{} elapsed {}\n", state_.epoch, state_.step, loss, lr_,
          tps, comm, format_duration(total));
    check_same_weights();
  }
}

std::optional<std::string> Run::stop_reason(const StopRequest& stop, bool stop_early) {
  if (stop_early) return fmt::format("no better dev BLEU in {} validations", o_.patience);
  if (o_.max_steps > 0 && state_.step >= o_.max_steps)
    return fmt::format("reached the limit of {} step{}", o_.max_steps, o_.max_steps == 1 ? "" : "s");
  if (stop.time_up) return fmt::format("reached the time limit of {}", format_duration(o_.time_limit_seconds));
  if (stop.signal > 0 || stop.requested) {
    stop_signal_ = stop.signal;
    std::string reason = stop.signal > 0 ? fmt::format("stopped by signal {}", stop.signal) : "stop requested";
    if (stop.signal > 0 && comm_.distributed()) reason += " (sent to one or more ranks)";
    return reason;
  }
  return std::nullopt;
}

std::optional<std::string> Run::train_epoch(const model::ForwardOptions& options) {
  const auto batches = epoch_batches(train_.pairs, o_.batch_tokens, state_.seed, state_.epoch);
  const auto n_batches = static_cast<int64_t>(batches.size());
  while (state_.batch < n_batches) {
    const StepSums sums = accumulate_gradients(batches, options);
    const StopRequest stop = agree_on_stop();
    // Time in these first exchanges is mostly waiting for the slowest rank; what follows is the
    // gradients' transfer itself.
    window_.wait_seconds += comm_.take_seconds();
    if (!optimizer_step(sums)) continue;
    window_.add_step(sums.loss, sums.tokens, comm_.take_seconds());
    const bool log_step = o_.log_every > 0 && state_.step % o_.log_every == 0;
    report_progress(log_step);
    last_loss_ = window_.loss_per_token();
    last_tps_ = window_.tokens_per_second();
    bool stop_early = false;
    if (o_.valid_every > 0 && state_.step % o_.valid_every == 0) {
      stop_early = validate_and_save(last_loss_, lr_, last_tps_, terminal_);
      window_.restart();
    } else if (log_step) {
      window_.restart();
    }
    if (auto reason = stop_reason(stop, stop_early)) return reason;
  }
  return std::nullopt;
}

int Run::run() {
  prepare();
  if (o_.prepare_only) {
    say("data prepared; stopping before training (--prepare-only)\n");
    return 0;
  }
  terminal_ = comm_.is_root() && ::isatty(STDERR_FILENO);
  const auto options = model::ForwardOptions{o_.dropout, o_.attention_dropout, o_.label_smoothing};
  window_.restart();
  std::string reason;
  for (;;) {
    if (o_.max_epochs > 0 && state_.epoch > o_.max_epochs) {
      reason = fmt::format("reached the limit of {} epoch{}", o_.max_epochs, o_.max_epochs == 1 ? "" : "s");
      break;
    }
    if (auto stopped = train_epoch(options)) {
      reason = *stopped;
      break;
    }
    ++state_.epoch;
    state_.batch = 0;
  }
  // A run that ends by a limit is validated once more if it took steps since the last validation,
  // so that its last weights can still become the best model. A signal stops at once.
  if (stop_signal_ == 0 && o_.valid_every > 0 && state_.step > validated_step_)
    validate_and_save(last_loss_, lr_, last_tps_, terminal_);
  check_same_weights();
  if (comm_.is_root()) save_checkpoint(true);
  // No rank leaves before the checkpoint is on disk: mpirun ends the whole job when one rank exits
  // with a signal's code, which would cut the first rank's writing short.
  comm_.barrier();
  say("{}training stopped: {} at step {} (epoch {}), {} elapsed; best dev BLEU {}; wrote {} and its checkpoint\n",
      terminal_ ? "\n" : "", reason, state_.step, state_.epoch, format_duration(elapsed()),
      state_.best_bleu >= 0 ? fmt::format("{:.2f}", state_.best_bleu) : "not measured", o_.model);
  g_stop = 0;  // the request is answered; a later train() in this process starts afresh
  // Interrupted runs exit as the shell expects of a signal (128 + its number), after the
  // checkpoint is safely written, so that scripts do not mistake them for finished ones.
  return stop_signal_ > 0 ? static_cast<int>(128 + stop_signal_) : 0;
}

}  // namespace

double parse_duration(const std::string& text) {
  HEED_CHECK(!text.empty(), "an empty duration");
  double total = 0, number = 0;
  bool has_number = false, has_unit = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.') {
      size_t used = 0;
      number = std::stod(text.substr(i), &used);
      i += used - 1;
      has_number = true;
    } else if ((c == 'h' || c == 'm' || c == 's') && has_number) {
      total += number * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
      has_number = false;
      has_unit = true;
    } else {
      fail("'{}' is not a duration (like 45s, 90m, 2h or 1h30m)", text);
    }
  }
  if (has_number) {
    HEED_CHECK(!has_unit, "'{}' is not a duration (like 45s, 90m, 2h or 1h30m)", text);
    total += number;
  }
  return total;
}

int train(const TrainOptions& options) {
  HEED_CHECK(options.accumulate >= 1, "--accumulate must be at least 1");
  HEED_CHECK(options.valid_beam >= 1, "--valid-beam must be at least 1");
  HEED_CHECK(options.precision != ops::ComputeType::int8, "training runs its products in f32 or bf16, not int8");
  return Run(options).run();
}

void request_stop(int signal) { g_stop = signal > 0 ? signal : -1; }

}  // namespace heed::train
