#include "heed/decode/translator.h"

#include <fmt/format.h>

#include "line_plan.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "heed/core/parallel.h"

namespace heed::decode {

Translator::Translator(const model::Parameters& params, const text::Tokenizer& tokenizer,
                       TranslatorOptions options)
    : params_(params), tokenizer_(tokenizer), options_(std::move(options)) {
  options_.workers = std::max(1, options_.workers);
  options_.threads = std::max(1, options_.threads);
  for (int w = 0; w < options_.workers; ++w) searches_.emplace_back(params);
  if (options_.guard_repetitions) {
    const model::TokenIds& ids = params.config().ids;
    std::vector<std::string> pieces(tokenizer.target_vocab_size());
    for (int32_t id = 0; id < tokenizer.target_vocab_size(); ++id)
      pieces[id] = id == ids.target_unk || id == ids.target_start || id == ids.target_eos || id == ids.target_pad
                       ? std::string()
                       : tokenizer.target_piece(id);
    guard_ = std::make_unique<RepetitionGuard>(std::move(pieces), options_.guard);
  }
  options_.search.repetition_guard = guard_.get();
  // A source may hold max_positions - 1 pieces (eos takes the last position; a model that adds a
  // bos too, one less).
  const int64_t added = (params.config().ids.source_bos >= 0 ? 1 : 0) + (params.config().ids.source_eos >= 0 ? 1 : 0);
  planner_ = std::make_unique<LinePlanner>(tokenizer, options_, params.config().max_positions - std::max<int64_t>(1, added));
}

Translator::~Translator() = default;
Translator::Translator(Translator&&) noexcept = default;

void Translator::set_search_options(const SearchOptions& search) {
  options_.search = search;
  options_.search.repetition_guard = guard_.get();
}

namespace {

// A call of at most this many sentences in one batch runs on one thread.
constexpr size_t kFewSentences = 4;

// Sets the calling thread's OpenMP threads for a scope, and restores them on leaving it.
class ScopedThreads {
 public:
  explicit ScopedThreads(int n) : saved_(thread_count()) { set_threads(n); }
  ~ScopedThreads() { set_threads(saved_); }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int saved_;
};

}  // namespace

void Translator::search_batches(const std::vector<std::vector<int32_t>>& batches,
                                const std::function<void(BeamSearch&, size_t)>& search_batch) {
  if (batches.size() == 1 && batches[0].size() <= kFewSentences) {
    // A sentence typed at a prompt: its products are too small to share between threads, and the
    // waiting of a team costs more than it saves (int8 4.6 ms on one thread, 6.3 ms on two).
    const ScopedThreads one(1);
    search_batch(searches_[0], 0);
    return;
  }
  const auto workers = static_cast<size_t>(std::min<int64_t>(options_.workers, static_cast<int64_t>(batches.size())));
  if (workers <= 1) {
    for (size_t b = 0; b < batches.size(); ++b) search_batch(searches_[0], b);
    return;
  }
  // Workers take the next batch in turn; each writes only its batches' results.
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> threads;
  const int per_worker = std::max(1, options_.threads / static_cast<int>(workers));
  for (size_t w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      try {
        set_threads(per_worker);
        for (size_t b; (b = next++) < batches.size();) search_batch(searches_[w], b);
      } catch (...) {
        errors[w] = std::current_exception();
        next = batches.size();
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

std::vector<Translation::Candidate> Translator::candidates_of(const std::vector<Hypothesis>& found,
                                                              const std::vector<int32_t>& source,
                                                              text::CaseShape shape) {
  std::vector<Translation::Candidate> out;
  for (const auto& h : found) {
    Translation::Candidate c;
    c.text = tokenizer_.decode_ids(h.tokens);
    c.log_prob = h.log_prob;
    const auto canonical = tokenizer_.encode_target_ids(c.text);
    // The printed score is `heed score` of the printed text: a forced decoding when the text
    // reads back as other pieces, or when the length limit cut the hypothesis before its eos.
    if ((canonical != h.tokens || h.cut) && static_cast<int64_t>(canonical.size()) < params_.config().max_positions) {
      if (!scorer_) scorer_ = std::make_unique<model::Transformer>(params_);
      const auto batch = model::make_batch({source}, {canonical}, params_.config().ids);
      scorer_->forward(batch);
      c.log_prob = scorer_->sentence_scores(batch)[0];
    }
    if (options_.search.attention) {
      for (int32_t id : source) c.source_pieces.push_back(tokenizer_.source_piece(id));
      for (int32_t id : h.tokens) c.target_pieces.push_back(tokenizer_.target_piece(id));
      c.alignment = word_alignment(c.source_pieces, c.target_pieces, h.attention);
      c.source_pieces.push_back("</s>");
      if (h.attention.size() > h.tokens.size()) c.target_pieces.push_back("</s>");  // not when cut at the limit
      c.attention = h.attention;
    }
    c.text = text::apply_case_shape(c.text, shape, options_.target_language);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Translation> Translator::translate(const std::vector<std::string>& lines,
                                               const std::function<void(size_t, const std::string&)>& warn) {
  // Every sentence's chunks become units of the search.
  struct Unit {
    size_t line, sentence;
    const std::vector<int32_t>* ids;
  };
  std::vector<LinePlan> plans;
  plans.reserve(lines.size());
  std::vector<Unit> units;
  std::vector<Translation> out(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    plans.push_back(planner_->plan(lines[i]));
    const auto& sentences = plans.back().sentences;
    out[i].sentences = static_cast<int>(sentences.size());
    for (size_t s = 0; s < sentences.size(); ++s) {
      const auto& chunks = sentences[s].chunks;
      out[i].chunks += static_cast<int>(chunks.size());
      if (chunks.size() > 1 && warn)
        warn(i, fmt::format("sentence {} exceeds the model's {} positions; translated in {} pieces", s + 1,
                            params_.config().max_positions, chunks.size()));
      for (const auto& c : chunks)
        if (!c.empty()) units.push_back({i, s, &c});
    }
  }
  // Units of similar length together, packed under the token budget.
  std::vector<int64_t> cost(units.size());
  for (size_t u = 0; u < units.size(); ++u) cost[u] = static_cast<int64_t>(units[u].ids->size()) + 1;
  std::vector<std::vector<Hypothesis>> results(units.size());
  const auto batches = model::pack_batches(model::order_by_key(cost), cost, {options_.batch_tokens, options_.max_sentences});
  const auto search_batch = [&](BeamSearch& search, size_t b) {
    std::vector<std::vector<int32_t>> sources;
    for (int32_t u : batches[b]) sources.push_back(*units[u].ids);
    auto found = search.search(sources, options_.search);
    for (size_t k = 0; k < batches[b].size(); ++k) results[batches[b][k]] = std::move(found[k]);
  };
  search_batches(batches, search_batch);
  // Units back into sentences, sentences back into lines.
  size_t u = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::vector<Translation::Candidate>> parts;
    size_t most = 1;
    for (const auto& sentence : plans[i].sentences) {
      std::vector<Translation::Candidate> candidates;
      const size_t first = u;
      while (u < units.size() && units[u].line == i && units[u].sentence == parts.size()) ++u;
      if (u - first == 1 && sentence.chunks.size() == 1) {
        candidates = candidates_of(results[first], *units[first].ids, sentence.shape);
      } else {
        // A sentence cut into chunks: their best, joined by spaces, alignments and attention too.
        std::vector<std::vector<Translation::Candidate>> chunks;
        text::Layout spaced;
        for (size_t k = first; k < u; ++k) {
          chunks.push_back(candidates_of({results[k].front()}, *units[k].ids, text::CaseShape::ordinary));
          spaced.spaces.push_back(k == first ? "" : " ");
          spaced.sentences.push_back(chunks.back().front().text);
        }
        spaced.spaces.push_back("");
        auto joined = chunks.empty() ? Translation::Candidate{} : join_sentences(chunks, 0, spaced);
        joined.text = text::apply_case_shape(joined.text, sentence.shape, options_.target_language);
        candidates.push_back(std::move(joined));
      }
      for (size_t k = first; k < u; ++k) out[i].target_pieces += static_cast<int64_t>(results[k].front().tokens.size());
      most = std::max(most, candidates.size());
      parts.push_back(std::move(candidates));
    }
    for (size_t k = 0; k < most; ++k) out[i].candidates.push_back(join_sentences(parts, k, plans[i].layout));
  }
  // The scorer keeps a training pass's activations (every layer's, and the (T, V) logits) sized
  // by the longest text it ever rescored: kept across calls, 27 MB per worker of heed serve after
  // a few minutes, for a few rescorings per batch. Made again when needed; scores do not change.
  scorer_.reset();
  return out;
}

}  // namespace heed::decode
