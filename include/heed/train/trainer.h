#pragma once
// heed's training loop: Adam with warm-up and inverse-square-root decay, label smoothing,
// dropout, gradient clipping and accumulation; validation by dev loss and BLEU; the best model by
// BLEU kept; checkpoints that resume exactly; stopping by time, steps, epochs, patience or signal.
#include <cstdint>
#include <string>

#include "heed/model/config.h"
#include "heed/model/safetensors.h"
#include "heed/ops/compute_type.h"
#include "heed/train/corpus.h"

namespace heed::train {

struct TrainOptions {
  std::string train_src, train_tgt, valid_src, valid_tgt;
  std::string vocab;           // SentencePiece model; trained from the training text if missing
  int vocab_size = 8000;       // for a vocabulary trained here
  std::string data_cache;      // folder of the training data cache (corpus_cache.h); "": the model's
  bool prepare_only = false;   // build the data cache, then stop
  std::string model;           // OUT.heed; also OUT.last.heed, OUT.last.state, OUT.log.tsv, OUT.curve.svg,
                               // OUT.stepS.heed snapshots
  model::ModelConfig config;   // vocab_size is taken from the vocabulary

  CorpusFilter filter;
  int64_t batch_tokens = 4096;
  uint64_t seed = 1;

  float lr = 7e-4f;
  int64_t warmup_steps = 800;
  float label_smoothing = 0.1f;
  float dropout = 0.1f;
  float attention_dropout = 0.0f;
  float clip_norm = 1.0f;  // 0: no clipping
  int accumulate = 1;

  double time_limit_seconds = 0;  // total training time, resumed runs included; 0: none
  int64_t max_steps = 0, max_epochs = 0;
  int patience = 0;  // validations without a better BLEU; 0: never stop early

  int64_t valid_every = 1000;
  int keep_snapshots = 0;  // OUT.stepS.heed written at each validation, the newest kept (for averaging)
  int valid_beam = 4;
  int64_t log_every = 100;
  bool resume = false;
  DType dtype = DType::f32;  // of OUT.heed (checkpoints stay F32)
  // The products of the training passes (f32 or bf16, see ops/compute_type.h); validation runs
  // in f32.
  ops::ComputeType precision = ops::ComputeType::f32;
  std::string command_line;                // recorded in the model's metadata
};

// Parses "45s", "90m", "2h", "1h30m" or plain seconds.
double parse_duration(const std::string& text);

// Runs training; returns the process exit code: 0 when it finished (limit, early stopping), 128 +
// the signal when request_stop(signal) stopped it (a checkpoint is written either way). It
// installs no signal handlers: `heed train` forwards SIGINT and SIGTERM from a SignalWatcher.
int train(const TrainOptions& options);

// Stops a running train() cleanly after its current step, from any thread: for a signal's number,
// reported as that signal; for 0, as a request. A request made before train() starts stops it
// at its first step; train() clears it when it returns.
void request_stop(int signal = 0);

}  // namespace heed::train
