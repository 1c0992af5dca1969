#pragma once
// What a training run tells the person watching it. The library writes nothing to the terminal
// itself: it hands these events to a Reporter, and `heed train` implements one that draws the
// live status line, prints the log lines and redraws the learning curve (src/cli/train_reporter.h).
// Under MPI only the first rank's reporter hears anything, so that a run logs once.
#include <cstdint>
#include <string>
#include <vector>

#include "heed/train/corpus.h"
#include "heed/train/state.h"

namespace heed::train {

// The data cache being built (corpus_cache.h): counts so far, and how far into the text files.
struct TokenizingReport {
  CorpusStats stats;
  int64_t bytes = 0, total_bytes = 0;
  double seconds = 0;  // since tokenizing began
};

// After every optimizer step. Loss and speed are over the steps since the last log line or
// validation, which is what a person wants to see move.
struct StepReport {
  int64_t epoch = 0, step = 0;
  double loss = 0;  // per target token
  float lr = 0;
  double tokens_per_second = 0;   // target tokens
  double elapsed_seconds = 0;     // of training, resumed runs included
  double time_limit_seconds = 0;  // 0: none
  bool log_step = false;          // a step of --log-every
  bool distributed = false;       // several ranks: the two times below mean something
  double allreduce_ms = 0, wait_ms = 0;  // per step: the gradients' exchange, waiting for the slowest rank
};

struct ValidationReport {
  int64_t step = 0;
  double dev_loss = 0, dev_bleu = 0;  // loss per target token
  bool best = false;                  // better than every validation before
  const std::vector<CurvePoint>* curve = nullptr;  // every validation so far, this one last
};

enum class StopCause { max_steps, max_epochs, time_limit, patience, signal, request };

struct StopReport {
  StopCause cause = StopCause::max_steps;
  std::string reason;  // for a person: "reached the limit of 60 steps"
  int64_t step = 0, epoch = 0;
  double elapsed_seconds = 0;
  double best_bleu = -1;  // negative: never validated
  std::string model;      // OUT.heed
};

// Every event does nothing by default: a test overrides what it looks at.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // A line about the run's setup: vocabulary, data, data cache, model, resuming.
  virtual void note(const std::string& line) {}
  virtual void tokenizing(const TokenizingReport& report) {}
  virtual void step(const StepReport& report) {}
  virtual void validated(const ValidationReport& report) {}
  // A step whose loss or gradient was not finite, skipped (`step` is the step it would have been).
  virtual void skipped(int64_t step) {}
  virtual void stopped(const StopReport& report) {}
};

// Hears nothing: for the ranks other than the first, and for callers that want silence.
Reporter& silent_reporter();

}  // namespace heed::train
