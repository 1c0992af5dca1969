#include "train_reporter.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "heed/core/io.h"
#include "heed/train/checkpoints.h"
#include "heed/train/duration.h"
#include "learning_curve.h"

namespace heed::cli {

TrainReporter::TrainReporter(std::string model)
    : model_(std::move(model)),
      curve_path_(train::output_base(model_) + ".curve.svg"),
      terminal_(::isatty(STDERR_FILENO) != 0) {}

void TrainReporter::note(const std::string& line) { fmt::print(stderr, "{}\n", line); }

void TrainReporter::tokenizing(const train::TokenizingReport& r) {
  // A live line on a terminal; in a log file a line a minute is enough.
  const bool done = r.bytes >= r.total_bytes;
  if (!terminal_ && r.seconds - tokenizing_printed_ < 60 && !done) return;
  tokenizing_printed_ = r.seconds;
  const double rate = static_cast<double>(r.stats.read) / std::max(r.seconds, 1e-9);
  const double eta =
      r.bytes > 0 ? r.seconds * static_cast<double>(r.total_bytes - r.bytes) / static_cast<double>(r.bytes) : 0;
  fmt::print(stderr, "{}tokenizing: {} pairs, {:.0f}%, {:.0f} pairs/s, {:.0f} s left{}", terminal_ ? "\r" : "",
             r.stats.read, 100.0 * static_cast<double>(r.bytes) / static_cast<double>(std::max<int64_t>(r.total_bytes, 1)),
             rate, eta, terminal_ ? "   " : "\n");
  if (terminal_ && done) fmt::print(stderr, "\n");
}

void TrainReporter::step(const train::StepReport& r) {
  const std::string comm =
      r.distributed ? fmt::format(" allreduce {:.0f} ms/step wait {:.0f} ms/step", r.allreduce_ms, r.wait_ms) : "";
  if (terminal_) {
    const std::string left =
        r.time_limit_seconds > 0 ? " left " + train::format_duration(r.time_limit_seconds - r.elapsed_seconds) : "";
    fmt::print(stderr, "\repoch {} step {} loss {:.3f} lr {:.2e} {:.0f} tgt tok/s{} {}{}   ", r.epoch, r.step, r.loss,
               r.lr, r.tokens_per_second, comm, train::format_duration(r.elapsed_seconds), left);
  } else if (r.log_step) {
    fmt::print(stderr, "epoch {} step {} loss {:.3f} lr {:.2e} {:.0f} tgt tok/s{} elapsed {}\n", r.epoch, r.step, r.loss,
               r.lr, r.tokens_per_second, comm, train::format_duration(r.elapsed_seconds));
  }
}

void TrainReporter::validated(const train::ValidationReport& r) {
  fmt::print(stderr, "{}validation at step {}: dev loss {:.4f} perplexity {:.2f} BLEU {:.2f}{}\n", after_status(), r.step,
             r.dev_loss, std::exp(r.dev_loss), r.dev_bleu, r.best ? " (best so far)" : "");
  AtomicFile svg(curve_path_);
  svg.stream() << learning_curve_svg(*r.curve, "heed train: " + model_);
  svg.commit();
}

void TrainReporter::skipped(int64_t step) {
  fmt::print(stderr, "{}warning: step {}: the loss or gradient is not finite; the batch is skipped\n", after_status(),
             step);
}

void TrainReporter::stopped(const train::StopReport& r) {
  fmt::print(stderr, "{}training stopped: {} at step {} (epoch {}), {} elapsed; best dev BLEU {}; wrote {} and its checkpoint\n",
             after_status(), r.reason, r.step, r.epoch, train::format_duration(r.elapsed_seconds),
             r.best_bleu >= 0 ? fmt::format("{:.2f}", r.best_bleu) : "not measured", r.model);
}

}  // namespace heed::cli
