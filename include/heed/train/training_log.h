#pragma once
// OUT.log.tsv: a row per validation, for people and for scripts that plot or compare runs. Its
// columns: step, seconds, train_loss, dev_loss, dev_perplexity, dev_bleu, lr, tgt_tokens_per_s.
#include <cstdint>
#include <string>
#include <vector>

#include "heed/train/state.h"

namespace heed::train {

struct LogRow {
  int64_t step = 0;
  double seconds = 0;  // of training so far, resumed runs included
  double train_loss = 0, dev_loss = 0, dev_bleu = 0;
  float lr = 0;
  double tokens_per_second = 0;  // target tokens
};

// Appends a row, writing the header first when the file is new.
void append_log_row(const std::string& path, const LogRow& row);

// The curve recorded in a log, rows up to `last_step`, found by the header's column names. Only
// for resuming a state written before states kept their curve (state.h); the log is otherwise
// written, never read. A missing file gives no points.
std::vector<CurvePoint> read_log_curve(const std::string& path, int64_t last_step);

}  // namespace heed::train
