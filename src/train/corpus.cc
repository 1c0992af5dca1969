#include "heed/train/corpus.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
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

// `threads` threads that live for a whole pass. start() hands them a range [0, n), which they take
// in chunks as each comes free (the reading thread shares the cores: fixed equal slices left one
// thread waiting for the other); wait() returns when all is done and rethrows the first error.
// Threads made anew for every block lost their allocator caches each time.
class ChunkPool {
 public:
  using Work = std::function<void(size_t first, size_t last)>;
  explicit ChunkPool(int threads) {
    for (int k = 0; k < std::max(threads, 1); ++k) workers_.emplace_back([this] { run(); });
  }
  ~ChunkPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
  }
  void start(size_t n, size_t chunk, Work work) {
    std::lock_guard<std::mutex> lock(mutex_);
    work_ = std::move(work);
    n_ = n;
    chunk_ = chunk;
    next_ = 0;
    busy_ = workers_.size();
    ++generation_;
    wake_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return busy_ == 0; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void run() {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_ && generation_ == seen) return;
        seen = generation_;
      }
      try {
        for (size_t first; (first = next_.fetch_add(chunk_)) < n_;) work_(first, std::min(n_, first + chunk_));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (--busy_ == 0) done_.notify_all();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  Work work_;
  size_t n_ = 0, chunk_ = 1, busy_ = 0;
  std::atomic<size_t> next_{0};
  uint64_t generation_ = 0;
  bool stopping_ = false;
  std::exception_ptr error_;
};

// Lines read a block at a time: big enough to keep every thread busy, small enough to stay cheap.
constexpr size_t kBlockLines = 16384;

// One block of lines of both sides and their ids. The strings and vectors stay allocated from
// block to block (only `count` of them are in use): a line read or tokenized into one reuses its
// capacity instead of a malloc and a free, and ids no longer move between threads' heaps.
struct Block {
  std::vector<std::string> s_lines, t_lines;
  std::vector<std::vector<int32_t>> s_ids, t_ids;
  size_t count = 0;
  int64_t bytes = 0;  // of both sides' lines, newlines included
};

// Both files, a block of line pairs at a time; a file that ends before the other is an Error
// giving both line counts.
class PairReader {
 public:
  PairReader(const std::string& src_path, const std::string& tgt_path)
      : src_path_(src_path), tgt_path_(tgt_path), src_(src_path), tgt_(tgt_path) {}

  // Fills `b` with the next lines; false when there are none.
  bool read(Block& b) {
    b.s_lines.resize(kBlockLines);
    b.t_lines.resize(kBlockLines);
    b.count = 0;
    b.bytes = 0;
    while (b.count < kBlockLines) {
      std::string& s = b.s_lines[b.count];
      std::string& t = b.t_lines[b.count];
      const bool has_s = src_.next(s), has_t = tgt_.next(t);
      if (!has_s || !has_t) {
        if (has_s || has_t) {
          const int64_t both = lines_ + static_cast<int64_t>(b.count);
          int64_t rest = 1;
          while (has_s ? src_.next(s) : tgt_.next(t)) ++rest;
          fail("{} has {} lines but {} has {}", src_path_, has_s ? both + rest : both, tgt_path_,
               has_t ? both + rest : both);
        }
        break;
      }
      b.bytes += static_cast<int64_t>(s.size() + t.size() + 2);
      ++b.count;
    }
    lines_ += static_cast<int64_t>(b.count);
    return b.count > 0;
  }

 private:
  std::string src_path_, tgt_path_;
  LineReader src_, tgt_;
  int64_t lines_ = 0;
};

// Starts tokenizing `b` on the pool.
void start_tokenizing(ChunkPool& pool, Block& b, const text::Tokenizer& tokenizer) {
  b.s_ids.resize(kBlockLines);
  b.t_ids.resize(kBlockLines);
  pool.start(b.count, 256, [&b, &tokenizer](size_t first, size_t last) {
    for (size_t i = first; i < last; ++i) {
      if (!text::is_valid_utf8(b.s_lines[i])) b.s_lines[i] = text::repair_utf8(b.s_lines[i]);
      if (!text::is_valid_utf8(b.t_lines[i])) b.t_lines[i] = text::repair_utf8(b.t_lines[i]);
      tokenizer.encode_ids(b.s_lines[i], b.s_ids[i]);
      tokenizer.encode_ids(b.t_lines[i], b.t_ids[i]);
    }
  });
}

}  // namespace

// A pipeline of two blocks: while the threads tokenize one, this thread reads the next lines into
// the other, then hands the first block's pairs to the sink while the threads go on with the
// next. Read and delivered between the tokenizing, as before, two threads ran 1.3-1.6x one.
CorpusStats tokenize_corpus(const std::string& src_path, const std::string& tgt_path,
                            const text::Tokenizer& tokenizer, const CorpusFilter& filter,
                            const TokenizeOptions& options, const PairSink& sink) {
  PairReader reader(src_path, tgt_path);
  CorpusStats stats;
  int64_t bytes = 0;
  auto deliver = [&](Block& b) {
    for (size_t i = 0; i < b.count; ++i) {
      ++stats.read;
      const auto ls = static_cast<int64_t>(b.s_ids[i].size()), lt = static_cast<int64_t>(b.t_ids[i].size());
      if (ls == 0 || lt == 0) {
        ++stats.empty;
      } else if (ls > filter.max_length || lt > filter.max_length) {
        ++stats.too_long;
      } else if (static_cast<double>(std::max(ls, lt)) > filter.max_ratio * static_cast<double>(std::min(ls, lt))) {
        ++stats.bad_ratio;
      } else {
        ++stats.kept;
        sink(b.s_ids[i], b.t_ids[i], b.s_lines[i], b.t_lines[i]);
      }
    }
    bytes += b.bytes;
    if (options.progress) options.progress(stats, bytes);
  };
  Block blocks[2];
  // Declared after the blocks, so destroyed first: its destructor waits for its threads, also
  // when reading or the sink throws.
  ChunkPool pool(options.threads);
  bool have = reader.read(blocks[0]);
  if (have) start_tokenizing(pool, blocks[0], tokenizer);
  for (int current = 0; have; current = 1 - current) {
    Block& mine = blocks[current];
    Block& next = blocks[1 - current];  // delivered in the previous round: free
    const bool more = reader.read(next);
    pool.wait();
    if (more) start_tokenizing(pool, next, tokenizer);
    deliver(mine);
    have = more;
  }
  return stats;
}

Corpus load_corpus(const std::string& src_path, const std::string& tgt_path, const text::Tokenizer& tokenizer,
                   const CorpusFilter& filter, const TokenizeOptions& options) {
  Corpus c;
  c.stats = tokenize_corpus(src_path, tgt_path, tokenizer, filter, options,
                            [&](const std::vector<int32_t>& s, const std::vector<int32_t>& t,
                                const std::string& source_line, const std::string& target_line) {
                              c.pairs.add(s, t);
                              if (filter.keep_text) {
                                c.source_text.push_back(source_line);
                                c.target_text.push_back(target_line);
                              }
                            });
  return c;
}

std::vector<std::vector<int32_t>> epoch_batches(const TokenizedPairs& pairs, int64_t batch_tokens, uint64_t seed,
                                                int64_t epoch) {
  HEED_CHECK(batch_tokens > 0, "batch tokens must be positive");
  // Sentences of similar length together (by target, then source length): less padding, and a
  // batch's cost is its longest side.
  const auto n = static_cast<size_t>(pairs.size());
  std::vector<int64_t> cost(n);
  int64_t longest_src = 0, longest_tgt = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t ls = pairs.src_length(static_cast<int64_t>(i)), lt = pairs.tgt_length(static_cast<int64_t>(i));
    cost[i] = std::max(ls, lt) + 1;
    longest_src = std::max(longest_src, ls);
    longest_tgt = std::max(longest_tgt, lt);
  }
  // Stable by (target length, source length). A counting sort gives that order in linear time
  // (a comparison sort of 10M pairs took seconds of every start); for very long sentences, which
  // would need too many buckets, the comparison sort.
  auto src_len = [&](size_t i) { return static_cast<int64_t>(pairs.src_length(static_cast<int64_t>(i))); };
  auto tgt_len = [&](size_t i) { return static_cast<int64_t>(pairs.tgt_length(static_cast<int64_t>(i))); };
  const int64_t width = longest_src + 1, buckets = (longest_tgt + 1) * width;
  std::vector<int32_t> order(n);
  if (buckets <= (int64_t{1} << 22)) {
    std::vector<int64_t> start(static_cast<size_t>(buckets) + 1, 0);
    auto bucket = [&](size_t i) { return static_cast<size_t>(tgt_len(i) * width + src_len(i)); };
    for (size_t i = 0; i < n; ++i) ++start[bucket(i) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (size_t i = 0; i < n; ++i) order[static_cast<size_t>(start[bucket(i)]++)] = static_cast<int32_t>(i);
  } else {
    std::vector<int64_t> keys(n);
    for (size_t i = 0; i < n; ++i) keys[i] = (tgt_len(i) << 32) + src_len(i);
    order = model::order_by_key(keys);
  }
  auto batches = model::pack_batches(order, cost, {batch_tokens, 0});
  Rng rng(seed * 1000003 + static_cast<uint64_t>(epoch));
  for (size_t i = batches.size(); i > 1; --i) std::swap(batches[i - 1], batches[rng.below(i)]);
  return batches;
}

}  // namespace heed::train
