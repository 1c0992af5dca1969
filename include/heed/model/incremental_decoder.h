#pragma once
// Step-by-step decoding for N hypotheses (beam search, greedy search): each step feeds one token
// per hypothesis and gives the log-probabilities of the next. Self-attention keys and values are
// cached per hypothesis; each sentence's cross-attention keys and values are computed once, at
// start(), and read by all of its hypotheses. Under the reduced compute types both are kept
// reduced: in i8 under int8 (a quarter of the memory, plus a scale per head), in bf16 under bf16.
// Shapes: N hypotheses, S source length, D model width, cache capacity C steps.
#include <cstdint>
#include <vector>

#include "heed/core/buffer.h"
#include "heed/model/blocks.h"
#include "heed/model/parameters.h"
#include "heed/model/step_cache.h"
#include "heed/ops/step_attention.h"

namespace heed::model {

class IncrementalDecoder {
 public:
  explicit IncrementalDecoder(const Parameters& params);

  // Hypothesis i reads source sentence source_of[i] of `memory` (B·S, D), whose lengths (eos
  // included) are src_lengths (B). At most max_steps steps follow, and select() may grow the
  // hypotheses to max_rows (0: as many as there are now).
  void start(const Tensor& memory, int64_t src_len, const std::vector<int32_t>& src_lengths,
             const std::vector<int32_t>& source_of, int64_t max_steps, int64_t max_rows = 0);
  // log p (N, V) of the next token, given each hypothesis' last token (N): advance, then
  // log_probs of every row.
  const Tensor& step(const std::vector<int32_t>& tokens);
  // A step without its output layer: each hypothesis takes its last token (N) and the decoder's
  // top state for the next token is kept for log_probs.
  void advance(const std::vector<int32_t>& tokens);
  // log p (count, V) of the next token for rows [first, first + count) after advance(). Valid
  // until the next call. Beam search takes them a block of rows at a time, so that a step holds
  // (block, V) log-probabilities rather than (N, V): with a thousand hypotheses (short sentences,
  // beam 4) those were 32 MB per worker.
  const Tensor& log_probs(int64_t first, int64_t count);
  // The next hypotheses: new hypothesis k continues old row parents[k]; hypotheses not named end
  // (beam reordering and finished sentences leaving, in one call). Returns each new
  // hypothesis' row. Rows are slots that keep their cache: the first child of a row stays in it,
  // further children copy the history into rows freed by ended hypotheses, and rows past the new
  // count move into holes. So a step copies a few rows' self-attention history, not the whole beam.
  std::vector<int32_t> select(const std::vector<int32_t>& parents);

  int64_t rows() const { return rows_; }
  int64_t steps() const { return steps_; }
  // Cross-attention weights (N, H, 1, S) of the last step in decoder layer `layer`, kept for the
  // last layer and for the one named by keep_cross_attention.
  const Tensor& cross_attention(int layer) const { return layers_.at(layer).cross_probs.tensor(); }
  void keep_cross_attention(int layer) { kept_attention_layer_ = layer; }

 private:
  struct Layer {
    StepCache self_kv;   // (N, C, 2D); C grows as steps are taken
    StepCache cross_kv;  // (B, S, 2D): one per sentence
    Buffer cross_probs;  // (N, H, 1, S): the last step's cross-attention weights
  };
  // The attention proper of decoder layer `layer` over its caches, given this step's projections
  // (DecoderBlock::StepCores): ctx (N, D) from qkv (N, 3D), or from q (N, D).
  void self_attention_core(const Tensor& ctx, const Tensor& qkv, int layer);
  void cross_attention_core(const Tensor& ctx, const Tensor& q, int layer);
  // Copies row `from` to row `to`: the self-attention history and the row's sentence.
  void copy_row(int32_t from, int32_t to);
  // The arguments every attention step shares, for queries (N, ·) query_stride apart.
  ops::StepAttention& attention_args(const float* queries, int64_t query_stride);
  // Row i of the attention reads row row_of(i) of `cache`.
  template <class RowOf>
  void use_cache(ops::StepAttention& a, const StepCache& cache, RowOf row_of);
  void grow_cache();

  const Parameters& params_;
  const ModelConfig& config_;
  std::vector<Layer> layers_;
  std::vector<int32_t> src_len_of_;  // (N) source length (with eos) of each row
  std::vector<int32_t> source_of_;   // (N) source sentence of each row
  int64_t rows_ = 0, max_rows_ = 0, steps_ = 0, capacity_ = 0, max_steps_ = 0, src_len_ = 0;
  int kept_attention_layer_ = -1;
  std::vector<int32_t> self_lengths_;  // (N) keys each row's self-attention sees
  ops::StepAttention attention_;
  // Every layer's step runs in this one block (the one training runs, layer by layer): a step
  // keeps nothing between layers but the stream and the caches.
  DecoderBlock block_;
  Buffer x_;          // (N, D): the stream
  Buffer logp_;       // (count, V) of log_probs
  Buffer cross_kv_;   // (B·S, 2D): one layer's cross-attention keys and values, before the cache
};

}  // namespace heed::model
