#pragma once
// The models a training run writes beside OUT.heed: the best by dev BLEU (OUT.heed), the latest
// checkpoint (OUT.last.heed with its state OUT.last.state, from which --resume continues exactly),
// and snapshots for averaging (OUT.stepS.heed, the newest N kept). The first rank of a
// distributed run alone writes them; every rank reads them to resume.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "heed/core/dtype.h"
#include "heed/model/parameters.h"
#include "heed/train/state.h"

namespace heed::train {

struct CheckpointOptions {
  std::string model;         // OUT.heed
  DType dtype = DType::f32;  // of OUT.heed; checkpoints and snapshots stay F32, to resume or average exactly
  int keep_snapshots = 0;    // 0: none written
  std::string command_line;  // recorded in every model's metadata
};

// OUT for OUT.heed (the path itself without ".heed"): the prefix of the run's other files.
std::string output_base(const std::string& model);

// Snapshots for checkpoint averaging: BASE.stepS.heed, one per validation. list_snapshots returns
// the paths of the snapshots of BASE on disk, oldest step first.
std::string snapshot_path(const std::string& base, int64_t step);
std::vector<std::string> list_snapshots(const std::string& base);
// Deletes all but the newest `keep` snapshots of BASE.
void prune_snapshots(const std::string& base, int keep);

struct Resumed {
  std::unique_ptr<model::Parameters> params;
  TrainingState state;  // its curve filled in from the log for a state that predates curves
  std::string warning;  // when the training data differ from the checkpoint's
};

class Checkpoints {
 public:
  // `tokenizer`: the serialized vocabulary every model carries; `data_checksum`: of the training
  // text, recorded in the metadata so that a model says what it was trained on.
  Checkpoints(CheckpointOptions options, std::string tokenizer, uint64_t data_checksum);

  const std::string& base() const { return base_; }
  const CheckpointOptions& options() const { return options_; }

  // OUT.last.heed and the state of its step, checked against this run's vocabulary (`vocab` is
  // its path, for the message) and each other. An Error says why a run cannot resume.
  Resumed resume(const std::string& vocab);

  void save_last(const model::Parameters& params, const TrainingState& state);
  void save_best(const model::Parameters& params, const TrainingState& state);
  // OUT.heed when this run (or the run it resumed) has written none: a run that stopped before
  // any validation still leaves a model.
  void save_best_if_missing(const model::Parameters& params, const TrainingState& state);
  // BASE.stepS.heed, then the oldest pruned to keep_snapshots; nothing when it is 0.
  void save_snapshot(const model::Parameters& params, const TrainingState& state);

 private:
  std::map<std::string, std::string> metadata(const TrainingState& state) const;

  CheckpointOptions options_;
  std::string base_, tokenizer_;
  uint64_t data_checksum_;
  bool best_written_ = false;
};

}  // namespace heed::train
