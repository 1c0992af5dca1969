#pragma once
// What a training run reads before its first step: every input checked up front, the training
// corpus from its data cache (tokenized on first use), the dev set in memory.
#include <cstdint>

#include "heed/text/tokenizer.h"
#include "heed/train/communicator.h"
#include "heed/train/corpus.h"
#include "heed/train/reporter.h"
#include "heed/train/trainer.h"

namespace heed::train {

// Fails (an Error naming the path) if a text file cannot be read, or the output or cache folder
// cannot be written: before the vocabulary is trained or the corpus tokenized, not after.
void check_inputs(const TrainOptions& o);

struct TrainingData {
  Corpus train, dev;           // dev keeps its lines (sources to translate, BLEU's references)
  uint64_t text_checksum = 0;  // FNV-1a 64 of both training text files (model metadata)
};

// The first rank opens or builds the data cache, the others then open it (a shared file system).
// The first rank tells `reporter` what it does and how far tokenizing has come.
TrainingData load_training_data(const TrainOptions& o, const text::Tokenizer& tokenizer, Communicator& comm,
                                Reporter& reporter);

}  // namespace heed::train
