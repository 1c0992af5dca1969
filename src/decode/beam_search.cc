#include "heed/decode/beam_search.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "heed/core/error.h"
#include "heed/model/incremental_decoder.h"
#include "heed/ops/top_k.h"

namespace heed::decode {

namespace {

struct Row {  // a live hypothesis: one row of the decoder
  int32_t sentence = 0;
  double log_prob = 0;
  std::vector<int32_t> tokens;
  std::vector<std::vector<float>> attention;
};

struct Candidate {
  double log_prob;
  int32_t row, token;
};

// The continuing hypotheses of one step, in the order they were chosen.
struct NextRows {
  std::vector<Row> rows;
  std::vector<int32_t> parents, tokens;

  void push(Row row, int32_t parent, int32_t token) {
    rows.push_back(std::move(row));
    parents.push_back(parent);
    tokens.push_back(token);
  }
  void pop(int n) {
    rows.resize(rows.size() - n);
    parents.resize(parents.size() - n);
    tokens.resize(tokens.size() - n);
  }
};

double penalized(double log_prob, size_t length, float alpha) {
  return alpha == 0 ? log_prob : log_prob / std::pow((5.0 + static_cast<double>(length)) / 6.0, alpha);
}

// Each sentence's largest number of target pieces: a · source + b, at most max_positions - 1 so
// that a translation cut at the limit, plus its end of sentence, can still be scored by forced
// decoding (heed score, n-best rescoring).
std::vector<int64_t> length_limits(const model::Batch& batch, const SearchOptions& o, int64_t max_positions) {
  std::vector<int64_t> max_len(batch.size);
  for (int64_t b = 0; b < batch.size; ++b)
    max_len[b] = std::clamp<int64_t>(
        static_cast<int64_t>(o.max_length_a * batch.src_lengths[b] + o.max_length_b), 1, max_positions - 1);
  return max_len;
}

// Hypotheses whose log-probabilities are taken at once (a (64, V) block: 2 MB for V = 8000).
constexpr int64_t kRowBlock = 64;

// Row `row`'s cross-attention (N, H, 1, S) over its sentence's `len` source positions: the chosen
// head, or the mean of all heads.
std::vector<float> attention_row(const Tensor& attention, int32_t row, int64_t len, int64_t heads,
                                 int head) {
  const int64_t S = attention.dim(3);
  std::vector<float> weights(len, 0.0f);
  for (int64_t h = 0; h < heads; ++h) {
    if (head >= 0 && h != head) continue;
    const float share = head >= 0 ? 1.0f : 1.0f / static_cast<float>(heads);
    const float* p = attention.data() + (row * heads + h) * S;
    for (int64_t s = 0; s < len; ++s) weights[s] += share * p[s];
  }
  return weights;
}

}  // namespace

struct BeamSearch::Impl {
  explicit Impl(const model::Parameters& p) : params(p), config(p.config()), encoder(p), decoder(p) {}

  // One search over a batch.
  void start(const model::Batch& batch, const SearchOptions& o);
  // Each row's k best continuations after the decoder's advance: their tokens and log p.
  void best_continuations(int k);
  // Chooses sentence b's hypotheses for the next step from its rows' continuations.
  void advance_sentence(int32_t b, int64_t t, const Tensor* attention, const std::vector<int32_t>& sentence_rows);
  // Finishes sentence b's most probable row as a hypothesis cut short.
  void finish_best_row(int32_t b, const std::vector<int32_t>& sentence_rows);
  // Gives the continuing hypotheses their decoder rows.
  void place_rows();
  std::vector<std::vector<Hypothesis>> results();

  const model::Parameters& params;
  const model::ModelConfig& config;
  model::Transformer encoder;
  model::IncrementalDecoder decoder;

  // The search under way. rows[r] is the hypothesis in decoder row r; tokens[r] its last piece.
  const model::Batch* batch = nullptr;
  SearchOptions options;
  std::vector<int64_t> max_len;            // (B)
  std::vector<Row> rows;                   // (N)
  std::vector<int32_t> tokens;             // (N)
  std::vector<std::vector<Hypothesis>> finished;  // (B) at most `beam` each
  NextRows next;
  std::vector<Candidate> candidates;       // (rows of a sentence · 2·beam)
  int continuations = 0;                   // k of best_continuations: 2·beam
  std::vector<int32_t> best_tokens;        // (N, k) each row's best next pieces, best first
  std::vector<float> best_log_probs;       // (N, k) their log p
  std::vector<int> best_count;             // (N) how many there are: min(k, V)
};

BeamSearch::BeamSearch(const model::Parameters& params) : impl_(std::make_unique<Impl>(params)) {}
BeamSearch::~BeamSearch() = default;
BeamSearch::BeamSearch(BeamSearch&&) noexcept = default;
BeamSearch& BeamSearch::operator=(BeamSearch&&) noexcept = default;

void BeamSearch::Impl::start(const model::Batch& b, const SearchOptions& o) {
  batch = &b;
  options = o;
  const int64_t B = b.size;
  max_len = length_limits(b, o, config.max_positions);
  const int layers = static_cast<int>(config.decoder_layers);
  const int attention_layer = o.attention_layer == SearchOptions::kMiddleLayer ? layers / 2
                              : o.attention_layer < 0                         ? layers - 1
                                                                              : o.attention_layer;
  HEED_CHECK(attention_layer < layers, "attention layer {} of a model with {} decoder layers", attention_layer, layers);
  HEED_CHECK(o.attention_head < config.heads, "attention head {} of a model with {} heads", o.attention_head, config.heads);
  options.attention_layer = attention_layer;
  decoder.keep_cross_attention(attention_layer);
  std::vector<int32_t> source_of(B);
  for (int64_t i = 0; i < B; ++i) source_of[i] = static_cast<int32_t>(i);
  const Tensor memory = encoder.encode(b);
  decoder.start(memory, b.src_len, b.src_lengths, source_of,
                *std::max_element(max_len.begin(), max_len.end()), B * o.beam_size);
  // One row per sentence to start with; beams fill after the first step.
  rows.clear();
  for (int64_t i = 0; i < B; ++i) rows.push_back({static_cast<int32_t>(i), 0.0, {}, {}});
  tokens.assign(B, config.ids.target_start);
  finished.assign(B, {});
}

void BeamSearch::Impl::best_continuations(int k) {
  const auto N = static_cast<int64_t>(rows.size());
  continuations = k;
  best_tokens.resize(N * k);
  best_log_probs.resize(N * k);
  best_count.resize(N);
  for (int64_t first = 0; first < N; first += kRowBlock) {
    const int64_t count = std::min(kRowBlock, N - first);
    const Tensor& logp = decoder.log_probs(first, count);  // (count, V)
    const int64_t V = logp.dim(1);
    for (int64_t i = 0; i < count; ++i) {
      const float* lp = logp.data() + i * V;
      int32_t* tokens_of_row = best_tokens.data() + (first + i) * k;
      const int n = ops::top_k(lp, V, k, tokens_of_row);
      for (int j = 0; j < n; ++j) best_log_probs[(first + i) * k + j] = lp[tokens_of_row[j]];
      best_count[first + i] = n;
    }
  }
}

void BeamSearch::Impl::advance_sentence(int32_t b, int64_t t, const Tensor* attention,
                                        const std::vector<int32_t>& sentence_rows) {
  const SearchOptions& o = options;
  // The best continuations of the sentence's rows, all of them best first.
  candidates.clear();
  for (int32_t r : sentence_rows)
    for (int i = 0; i < best_count[r]; ++i)
      candidates.push_back({rows[r].log_prob + best_log_probs[r * continuations + i], r,
                            best_tokens[r * continuations + i]});
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.log_prob > y.log_prob; });
  const bool last_step = t + 1 >= max_len[b];
  int kept = 0;
  auto& done = finished[b];
  for (size_t rank = 0; rank < candidates.size(); ++rank) {
    const Candidate& c = candidates[rank];
    if (static_cast<int>(done.size()) >= o.beam_size && kept == 0) break;
    // As in fairseq and CTranslate2, an end of sentence finishes a hypothesis only from the top
    // `beam` candidates; the extra ones only keep the beam full. Taking it from lower ranks
    // finished sentences early with short, unlikely hypotheses (test BLEU 24.3 with a brevity
    // penalty of 0.75, where greedy search scored 28.0).
    const bool eos = c.token == config.ids.target_eos;
    if (eos && !last_step && rank >= static_cast<size_t>(o.beam_size)) continue;
    const Row& parent = rows[c.row];
    if (!eos && o.repetition_guard && o.repetition_guard->blocks(parent.tokens, c.token)) continue;
    std::vector<std::vector<float>> attn;
    if (attention) {
      attn = parent.attention;
      attn.push_back(attention_row(*attention, c.row, batch->src_lengths[b], config.heads, o.attention_head));
    }
    if (eos || last_step) {
      if (static_cast<int>(done.size()) < o.beam_size) {
        Hypothesis h;
        h.tokens = parent.tokens;
        if (!eos) h.tokens.push_back(c.token);
        h.log_prob = c.log_prob;
        h.cut = !eos;
        h.score = penalized(c.log_prob, parent.tokens.size() + 1, o.length_penalty);
        h.attention = std::move(attn);
        done.push_back(std::move(h));
      }
    } else if (kept < o.beam_size) {
      Row child{b, c.log_prob, parent.tokens, std::move(attn)};
      child.tokens.push_back(c.token);
      next.push(std::move(child), c.row, c.token);
      ++kept;
    }
    if (kept == o.beam_size && static_cast<int>(done.size()) >= o.beam_size) break;
  }
  // Every continuation blocked by the repetition guard: the best row ends here, as if cut by the
  // length limit, rather than the sentence ending with no translation at all.
  if (kept == 0 && done.empty()) finish_best_row(b, sentence_rows);
  // The sentence is complete with `beam` finished hypotheses: its rows leave the batch.
  if (static_cast<int>(done.size()) >= o.beam_size || last_step) next.pop(kept);
}

void BeamSearch::Impl::finish_best_row(int32_t b, const std::vector<int32_t>& sentence_rows) {
  int32_t best = sentence_rows.front();
  for (int32_t r : sentence_rows)
    if (rows[r].log_prob > rows[best].log_prob) best = r;
  Hypothesis h;
  h.tokens = rows[best].tokens;
  h.log_prob = rows[best].log_prob;
  h.cut = true;
  h.score = penalized(h.log_prob, h.tokens.size() + 1, options.length_penalty);
  h.attention = rows[best].attention;
  finished[b].push_back(std::move(h));
}

void BeamSearch::Impl::place_rows() {
  // The decoder places each continuing hypothesis in a row; rows and tokens follow it.
  const std::vector<int32_t> placed = next.rows.empty() ? std::vector<int32_t>{} : decoder.select(next.parents);
  rows.assign(next.rows.size(), Row{});
  tokens.assign(next.rows.size(), 0);
  for (size_t k = 0; k < next.rows.size(); ++k) {
    tokens[placed[k]] = next.tokens[k];
    rows[placed[k]] = std::move(next.rows[k]);
  }
  next = {};
}

std::vector<std::vector<Hypothesis>> BeamSearch::Impl::results() {
  std::vector<std::vector<Hypothesis>> out(finished.size());
  for (size_t b = 0; b < finished.size(); ++b) {
    auto& done = finished[b];
    std::stable_sort(done.begin(), done.end(), [](const Hypothesis& x, const Hypothesis& y) { return x.score > y.score; });
    if (static_cast<int>(done.size()) > options.n_best) done.resize(options.n_best);
    out[b] = std::move(done);
  }
  return out;
}

std::vector<std::vector<Hypothesis>> BeamSearch::search(
    const std::vector<std::vector<int32_t>>& sources, const SearchOptions& o) {
  HEED_CHECK(o.beam_size >= 1, "the beam size must be at least 1");
  HEED_CHECK(o.n_best >= 1 && o.n_best <= o.beam_size, "n-best {} must be between 1 and the beam size {}",
             o.n_best, o.beam_size);
  if (sources.empty()) return {};
  const model::Batch batch = model::make_batch(sources, {}, impl_->config.ids);
  const int64_t max_positions = impl_->config.max_positions;
  HEED_CHECK(batch.src_len <= max_positions, "a source of {} pieces exceeds the model's {} positions",
             batch.src_len, max_positions);
  Impl& s = *impl_;
  s.start(batch, o);
  std::vector<std::vector<int32_t>> rows_of(batch.size);  // each live sentence's rows, in row order
  for (int64_t t = 0; !s.rows.empty(); ++t) {
    s.decoder.advance(s.tokens);
    s.best_continuations(2 * o.beam_size);
    const Tensor* attention = o.attention ? &s.decoder.cross_attention(s.options.attention_layer) : nullptr;
    for (auto& r : rows_of) r.clear();
    for (size_t r = 0; r < s.rows.size(); ++r) rows_of[s.rows[r].sentence].push_back(static_cast<int32_t>(r));
    for (int32_t b = 0; b < batch.size; ++b)
      if (!rows_of[b].empty()) s.advance_sentence(b, t, attention, rows_of[b]);
    s.place_rows();
  }
  s.batch = nullptr;
  return s.results();
}

}  // namespace heed::decode
