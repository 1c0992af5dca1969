#include "heed/train/corpus.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/random.h"
#include "heed/model/batch.h"
#include "heed/text/utf8.h"

namespace heed::train {

void TokenizedPairs::get(int64_t i, std::vector<int32_t>& src, std::vector<int32_t>& tgt) const {
  const int64_t start = starts_[static_cast<size_t>(i)], ns = src_length(i), nt = tgt_length(i);
  src.resize(static_cast<size_t>(ns));
  tgt.resize(static_cast<size_t>(nt));
  if (ids_reader_) {
    ids_reader_->read(start, ns, src.data());
    ids_reader_->read(start + ns, nt, tgt.data());
  } else {
    std::copy_n(ids_.begin() + start, ns, src.begin());
    std::copy_n(ids_.begin() + start + ns, nt, tgt.begin());
  }
}

void TokenizedPairs::add(const std::vector<int32_t>& src, const std::vector<int32_t>& tgt) {
  HEED_CHECK(!ids_reader_, "cannot add pairs to a corpus read from a file");
  ids_.insert(ids_.end(), src.begin(), src.end());
  ids_.insert(ids_.end(), tgt.begin(), tgt.end());
  src_lengths_.push_back(static_cast<int32_t>(src.size()));
  starts_.push_back(static_cast<int64_t>(ids_.size()));
}

TokenizedPairs TokenizedPairs::from_index(std::vector<int64_t> starts, std::vector<int32_t> src_lengths,
                                          std::shared_ptr<const IdReader> ids) {
  HEED_CHECK(starts.size() == src_lengths.size() + 1 && starts.front() == 0, "inconsistent corpus index");
  TokenizedPairs p;
  p.starts_ = std::move(starts);
  p.src_lengths_ = std::move(src_lengths);
  p.ids_reader_ = std::move(ids);
  return p;
}

namespace {

// Runs work(first, last) over [0, n) on `threads` threads, in contiguous slices; rethrows the
// first exception of any of them.
template <class Work>
void parallel_slices(size_t n, int threads, const Work& work) {
  const size_t t = std::min(static_cast<size_t>(std::max(threads, 1)), std::max<size_t>(n, 1));
  if (t <= 1) return work(size_t{0}, n);
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(t);
  for (size_t k = 0; k < t; ++k)
    pool.emplace_back([&, k] {
      try {
        work(n * k / t, n * (k + 1) / t);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// Lines read a block at a time: big enough to keep every thread busy, small enough to stay cheap.
constexpr size_t kBlockLines = 16384;

}  // namespace

CorpusStats tokenize_corpus(const std::string& src_path, const std::string& tgt_path,
                            const text::Tokenizer& tokenizer, const CorpusFilter& filter,
                            const TokenizeOptions& options, const PairSink& sink) {
  LineReader src(src_path), tgt(tgt_path);
  CorpusStats stats;
  std::vector<std::string> s_lines, t_lines;
  std::vector<std::vector<int32_t>> s_ids(kBlockLines), t_ids(kBlockLines);
  int64_t bytes = 0;
  for (bool more = true; more;) {
    s_lines.clear();
    t_lines.clear();
    std::string s, t;
    while (s_lines.size() < kBlockLines) {
      const bool has_s = src.next(s), has_t = tgt.next(t);
      if (!has_s || !has_t) {
        if (has_s || has_t) {
          const int64_t both = stats.read + static_cast<int64_t>(s_lines.size());
          int64_t rest = 1;
          while (has_s ? src.next(s) : tgt.next(t)) ++rest;
          fail("{} has {} lines but {} has {}", src_path, has_s ? both + rest : both, tgt_path, has_t ? both + rest : both);
        }
        more = false;
        break;
      }
      bytes += static_cast<int64_t>(s.size() + t.size() + 2);
      s_lines.push_back(std::move(s));
      t_lines.push_back(std::move(t));
    }
    parallel_slices(s_lines.size(), options.threads, [&](size_t first, size_t last) {
      for (size_t i = first; i < last; ++i) {
        if (!text::is_valid_utf8(s_lines[i])) s_lines[i] = text::repair_utf8(s_lines[i]);
        if (!text::is_valid_utf8(t_lines[i])) t_lines[i] = text::repair_utf8(t_lines[i]);
        s_ids[i] = tokenizer.encode_ids(s_lines[i]);
        t_ids[i] = tokenizer.encode_ids(t_lines[i]);
      }
    });
    for (size_t i = 0; i < s_lines.size(); ++i) {
      ++stats.read;
      const auto ls = static_cast<int64_t>(s_ids[i].size()), lt = static_cast<int64_t>(t_ids[i].size());
      if (ls == 0 || lt == 0) {
        ++stats.empty;
      } else if (ls > filter.max_length || lt > filter.max_length) {
        ++stats.too_long;
      } else if (static_cast<double>(std::max(ls, lt)) > filter.max_ratio * static_cast<double>(std::min(ls, lt))) {
        ++stats.bad_ratio;
      } else {
        ++stats.kept;
        sink(s_ids[i], t_ids[i], t_lines[i]);
      }
    }
    if (options.progress) options.progress(stats, bytes);
  }
  return stats;
}

Corpus load_corpus(const std::string& src_path, const std::string& tgt_path, const text::Tokenizer& tokenizer,
                   const CorpusFilter& filter, const TokenizeOptions& options) {
  Corpus c;
  c.stats = tokenize_corpus(src_path, tgt_path, tokenizer, filter, options,
                            [&](const std::vector<int32_t>& s, const std::vector<int32_t>& t, const std::string& line) {
                              c.pairs.add(s, t);
                              if (filter.keep_target_text) c.target_text.push_back(line);
                            });
  return c;
}

std::vector<std::vector<int32_t>> epoch_batches(const TokenizedPairs& pairs, int64_t batch_tokens, uint64_t seed,
                                                int64_t epoch) {
  HEED_CHECK(batch_tokens > 0, "batch tokens must be positive");
  // Sentences of similar length together (by target, then source length): less padding, and a
  // batch's cost is its longest side.
  const auto n = static_cast<size_t>(pairs.size());
  std::vector<int64_t> keys(n), cost(n);
  for (size_t i = 0; i < n; ++i) {
    const int64_t ls = pairs.src_length(static_cast<int64_t>(i)), lt = pairs.tgt_length(static_cast<int64_t>(i));
    keys[i] = (lt << 32) + ls;
    cost[i] = std::max(ls, lt) + 1;
  }
  auto batches = model::pack_batches(model::order_by_key(keys), cost, {batch_tokens, 0});
  Rng rng(seed * 1000003 + static_cast<uint64_t>(epoch));
  for (size_t i = batches.size(); i > 1; --i) std::swap(batches[i - 1], batches[rng.below(i)]);
  return batches;
}

}  // namespace heed::train
