#pragma once
// heed's training run, assembled from its parts: the vocabulary (trained if missing), the data
// (training_data.h), a new or resumed model (checkpoints.h), the dev-set validator
// (validator.h) and the loop (loop.h), which reports to a Reporter (reporter.h).
#include <cstdint>
#include <string>

#include "heed/model/config.h"
#include "heed/train/checkpoints.h"
#include "heed/train/corpus.h"
#include "heed/train/duration.h"
#include "heed/train/loop.h"
#include "heed/train/reporter.h"

namespace heed::train {

struct TrainOptions {
  std::string train_src, train_tgt, valid_src, valid_tgt;
  std::string vocab;           // SentencePiece model; trained from the training text if missing
  int vocab_size = 8000;       // for a vocabulary trained here
  std::string data_cache;      // folder of the training data cache (corpus_cache.h); "": the model's
  bool prepare_only = false;   // build the data cache, then stop
  model::ModelConfig config;   // vocab_size is taken from the vocabulary

  CorpusFilter filter;
  uint64_t seed = 1;  // of initialization, batch order and dropout
  int valid_beam = 4;
  bool resume = false;
  LoopOptions loop;
  // OUT.heed; beside it OUT.last.heed, OUT.last.state, OUT.log.tsv, OUT.stepS.heed snapshots (and
  // OUT.curve.svg, drawn by `heed train`'s reporter).
  CheckpointOptions output;
};

// Runs training; returns the process exit code: 0 when it finished (limit, early stopping), 128 +
// the signal when request_stop(signal) stopped it (a checkpoint is written either way). It
// installs no signal handlers: `heed train` forwards SIGINT and SIGTERM from a SignalWatcher.
int train(const TrainOptions& options, Reporter& reporter = silent_reporter());

}  // namespace heed::train
