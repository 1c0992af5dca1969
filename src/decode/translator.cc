#include "heed/decode/translator.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "heed/dnnl/context.h"

namespace heed::decode {

Translator::Translator(const model::Parameters& params, const text::Tokenizer& tokenizer,
                       TranslatorOptions options)
    : params_(params), tokenizer_(tokenizer), options_(options) {
  options_.workers = std::max(1, options_.workers);
  options_.threads = std::max(1, options_.threads);
  for (int w = 0; w < options_.workers; ++w) searches_.emplace_back(params);
}

namespace {

// A call of at most this many sentences in one batch runs on one thread.
constexpr size_t kFewSentences = 4;

// Sets the calling thread's OpenMP threads for a scope, and restores them on leaving it.
class ScopedThreads {
 public:
  explicit ScopedThreads(int n) : saved_(onednn::threads()) { onednn::set_threads(n); }
  ~ScopedThreads() { onednn::set_threads(saved_); }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int saved_;
};

// Word index of each piece: a piece starting with U+2581 (the SentencePiece space) starts a word.
std::vector<int> words_of(const std::vector<std::string>& pieces) {
  std::vector<int> word(pieces.size());
  int w = -1;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (w < 0 || pieces[i].rfind("\xe2\x96\x81", 0) == 0) ++w;
    word[i] = w;
  }
  return word;
}

}  // namespace

std::string word_alignment(const std::vector<std::string>& source_pieces,
                           const std::vector<std::string>& target_pieces,
                           const std::vector<std::vector<float>>& attention) {
  const auto src_word = words_of(source_pieces), tgt_word = words_of(target_pieces);
  if (source_pieces.empty() || target_pieces.empty()) return "";
  const int src_words = src_word.back() + 1, tgt_words = tgt_word.back() + 1;
  std::vector<std::vector<double>> mass(tgt_words, std::vector<double>(src_words, 0.0));
  for (size_t t = 0; t < target_pieces.size() && t < attention.size(); ++t)
    for (size_t s = 0; s < source_pieces.size() && s < attention[t].size(); ++s)
      mass[tgt_word[t]][src_word[s]] += attention[t][s];
  std::string out;
  for (int t = 0; t < tgt_words; ++t) {
    const int s = static_cast<int>(std::max_element(mass[t].begin(), mass[t].end()) - mass[t].begin());
    out += fmt::format("{}{}-{}", out.empty() ? "" : " ", s, t);
  }
  return out;
}

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
        onednn::set_threads(per_worker);
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

std::vector<Translation> Translator::translate(const std::vector<std::string>& lines,
                                               const std::function<void(size_t, const std::string&)>& warn) {
  const auto& config = params_.config();
  // A source may hold max_positions - 1 pieces (eos takes the last position).
  const auto max_pieces = static_cast<size_t>(config.max_positions - 1);
  struct Unit {
    size_t line;
    std::vector<int32_t> ids;
  };
  std::vector<Unit> units;
  std::vector<Translation> out(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto ids = tokenizer_.encode_ids(lines[i]);
    if (ids.empty()) {
      out[i].candidates.push_back({});
      continue;
    }
    const size_t chunks = (ids.size() + max_pieces - 1) / max_pieces;
    if (chunks > 1 && warn)
      warn(i, fmt::format("{} pieces exceed the model's {} positions; translated in {} pieces", ids.size(),
                          config.max_positions, chunks));
    out[i].chunks = static_cast<int>(chunks);
    for (size_t c = 0; c < chunks; ++c)
      units.push_back({i, std::vector<int32_t>(ids.begin() + c * max_pieces,
                                               ids.begin() + std::min(ids.size(), (c + 1) * max_pieces))});
  }
  // Units of similar length together, packed under the token budget.
  std::vector<int64_t> cost(units.size());
  for (size_t u = 0; u < units.size(); ++u) cost[u] = static_cast<int64_t>(units[u].ids.size()) + 1;
  std::vector<std::vector<Hypothesis>> results(units.size());
  const auto batches = model::pack_batches(model::order_by_key(cost), cost, {options_.batch_tokens, options_.max_sentences});
  const auto search_batch = [&](BeamSearch& search, size_t b) {
    std::vector<std::vector<int32_t>> sources;
    for (int32_t u : batches[b]) sources.push_back(units[u].ids);
    auto found = search.search(sources, options_.search);
    for (size_t k = 0; k < batches[b].size(); ++k) results[batches[b][k]] = std::move(found[k]);
  };
  search_batches(batches, search_batch);
  // Units back into lines; a line cut into pieces gets the concatenation of their best.
  for (size_t u = 0; u < units.size();) {
    const size_t line = units[u].line;
    Translation& t = out[line];
    if (t.chunks == 1) {
      for (const auto& h : results[u]) {
        Translation::Candidate c;
        c.text = tokenizer_.decode_ids(h.tokens);
        c.log_prob = h.log_prob;
        const auto canonical = tokenizer_.encode_ids(c.text);
        // The printed score is `heed score` of the printed text: a forced decoding when the text
        // reads back as other pieces, or when the length limit cut the hypothesis before its eos.
        if ((canonical != h.tokens || h.cut) && static_cast<int64_t>(canonical.size()) < params_.config().max_positions) {
          if (!scorer_) scorer_ = std::make_unique<model::Transformer>(params_);
          const auto batch = model::make_batch({units[u].ids}, {canonical});
          scorer_->forward(batch);
          c.log_prob = scorer_->sentence_scores(batch)[0];
        }
        if (options_.search.attention) {
          std::vector<std::string> sp, tp;
          for (int32_t id : units[u].ids) sp.push_back(tokenizer_.piece(id));
          for (int32_t id : h.tokens) tp.push_back(tokenizer_.piece(id));
          c.alignment = word_alignment(sp, tp, h.attention);
          c.source_pieces = std::move(sp);
          c.target_pieces = std::move(tp);
          c.source_pieces.push_back("</s>");
          if (h.attention.size() > h.tokens.size()) c.target_pieces.push_back("</s>");  // not when cut at the limit
          c.attention = h.attention;
        }
        t.candidates.push_back(std::move(c));
      }
      t.target_pieces = static_cast<int64_t>(results[u].front().tokens.size());
      ++u;
      continue;
    }
    Translation::Candidate joined;
    for (int c = 0; c < t.chunks; ++c, ++u) {
      const auto& best = results[u].front();
      const std::string text = tokenizer_.decode_ids(best.tokens);
      joined.text += (c && !text.empty() && !joined.text.empty() ? " " : "") + text;
      joined.log_prob += best.log_prob;
      t.target_pieces += static_cast<int64_t>(best.tokens.size());
    }
    t.candidates.push_back(std::move(joined));
  }
  return out;
}

}  // namespace heed::decode
