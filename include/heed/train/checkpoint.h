#pragma once
// Training state beside a model checkpoint: Adam moments, step, position in the epoch, seed,
// early-stopping counters, elapsed time. Written as a safetensors file, atomically; the
// previous state is kept as PATH.prev, so that whichever of the model and the state was renamed
// last, a state matching the model on disk exists.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "heed/core/tensor.h"

namespace heed::train {

struct TrainingState {
  int64_t step = 0;
  int64_t epoch = 1;      // from 1
  int64_t batch = 0;      // next batch of the epoch
  uint64_t seed = 1;
  double best_bleu = -1;
  int64_t bad_validations = 0;  // since the best
  double elapsed_seconds = 0;
  int64_t target_tokens = 0;  // trained on so far
  std::string config;         // the model configuration, JSON
  Tensor adam_m, adam_v;
};

void save_state(const std::string& path, const TrainingState& state);
// Loads the state whose step is `step` from PATH or PATH.prev; an Error names what is wrong.
TrainingState load_state(const std::string& path, int64_t step);

// Snapshots for checkpoint averaging: BASE.stepS.heed, one per validation. Returns the paths of
// the snapshots of BASE on disk, oldest step first.
std::string snapshot_path(const std::string& base, int64_t step);
std::vector<std::string> list_snapshots(const std::string& base);
// Deletes all but the newest `keep` snapshots of BASE.
void prune_snapshots(const std::string& base, int keep);

}  // namespace heed::train
