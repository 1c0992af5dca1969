#pragma once
// Batched beam search over the incremental decoder. Per step and sentence it takes the 2·beam best
// continuations, so that hypotheses that end do not starve the beam; finished hypotheses are
// ranked by the GNMT length penalty, log p / ((5 + len) / 6)^alpha, len counting eos. A sentence
// leaves the batch once it has `beam` finished hypotheses (its rows stop costing anything), or at
// its maximum length a · source + b. With beam 1 this is greedy search.
#include <cstdint>
#include <memory>
#include <vector>

#include "heed/decode/repetition_guard.h"
#include "heed/model/parameters.h"
#include "heed/model/transformer.h"

namespace heed::decode {

struct SearchOptions {
  int beam_size = 4;
  float length_penalty = 0.6f;  // alpha; 0 ranks by total log-probability
  float max_length_a = 1.5f;    // a target may have at most a · source + b pieces
  int max_length_b = 10;
  int n_best = 1;
  bool attention = false;    // keep each hypothesis' cross-attention weights
  // Which decoder layer: an index, kLastLayer or kMiddleLayer (layers / 2). The middle layer's
  // attention aligns words far better than the last's, which looks ahead to the next word
  // ("No me gusta el té" -> "I do not like tea": the last layer links "I" to "té").
  static constexpr int kLastLayer = -1, kMiddleLayer = -2;
  int attention_layer = kLastLayer;
  int attention_head = -1;   // which head (-1: the mean of all heads)
  // Continuations it blocks are passed over (null: none is). Not owned.
  const RepetitionGuard* repetition_guard = nullptr;
};

struct Hypothesis {
  std::vector<int32_t> tokens;  // pieces, without eos
  double log_prob = 0;          // Σ log p over the pieces and eos: what `heed score` computes
  bool cut = false;             // stopped by the length limit: no eos, so log_prob lacks its term
  double score = 0;             // log_prob with the length penalty, for ranking
  // With SearchOptions::attention: one row per target position (pieces, then eos) over the
  // source positions (pieces, then eos), from the chosen layer and head (or the heads' mean).
  std::vector<std::vector<float>> attention;
};

class BeamSearch {
 public:
  explicit BeamSearch(const model::Parameters& params);
  ~BeamSearch();
  // One search's decoder state is not shareable: a BeamSearch moves, and never copies.
  BeamSearch(BeamSearch&&) noexcept;
  BeamSearch& operator=(BeamSearch&&) noexcept;
  BeamSearch(const BeamSearch&) = delete;
  BeamSearch& operator=(const BeamSearch&) = delete;
  // Translates sentences of piece ids (without eos); for each, n_best hypotheses, best first.
  std::vector<std::vector<Hypothesis>> search(const std::vector<std::vector<int32_t>>& sources,
                                              const SearchOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace heed::decode
