#pragma once
// The training state beside a model checkpoint: Adam moments, step, position in the epoch, seed,
// early-stopping counters, elapsed time and the learning curve. Written as a safetensors file,
// atomically; the previous state is kept as PATH.prev, so that whichever of the model and the
// state was renamed last, a state matching the model on disk exists.
#include <cstdint>
#include <string>
#include <vector>

#include "heed/core/tensor.h"
#include "heed/model/parameters.h"

namespace heed::train {

// One validation: the learning curve is one point per validation.
struct CurvePoint {
  double step = 0, train_loss = 0, dev_loss = 0, dev_bleu = 0;
};

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
  // Every validation so far, oldest first: the curve to draw, and where the last validation was.
  // Kept in the state so that a resumed run goes on with exactly the points it had, whatever
  // became of the log.
  std::vector<CurvePoint> curve;
  // False for a state written by a heed that did not keep the curve in it (before the trainer
  // was split, 2026-12): its curve is then read once from the run's log (training_log.h).
  bool has_curve = true;
  // True for a state read from a packed run: adam_m is zero and adam_v an estimate.
  bool packed = false;
};

// The curve is a metadata entry, "curve", that older readers ignore: a state written here still
// resumes under a heed of before, which then reads the curve from the log as it always did.
// With `pack_for` (the weights the moments belong to), the state is written packed: format version
// 2, the first moment left out and the second factored (packed_state.h).
void save_state(const std::string& path, const TrainingState& state, const model::Parameters* pack_for = nullptr);
// Loads the state whose step is `step` from PATH or PATH.prev; an Error names what is wrong. A
// packed state is unpacked for `params`, which it needs.
TrainingState load_state(const std::string& path, int64_t step, const model::Parameters* params = nullptr);

}  // namespace heed::train
