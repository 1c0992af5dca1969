#include "heed/train/training_data.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/train/corpus_cache.h"

namespace heed::train {
namespace {

void check_readable(const std::string& path, const char* what) {
  HEED_CHECK(!std::filesystem::is_directory(path), "{} {} is a folder, not a file", what, path);
  std::ifstream in(path);
  HEED_CHECK(in.good(), "cannot read {} {}", what, path);
}

void check_writable_folder(const std::string& folder, const char* what) {
  const std::string dir = folder.empty() ? "." : folder;
  HEED_CHECK(std::filesystem::exists(dir), "the {} folder {} does not exist", what, dir);
  HEED_CHECK(std::filesystem::is_directory(dir), "the {} folder {} is a file, not a folder", what, dir);
  HEED_CHECK(::access(dir.c_str(), W_OK) == 0, "cannot write to the {} folder {}", what, dir);
}

std::string folder_of(const std::string& path) { return std::filesystem::path(path).parent_path().string(); }

// Tokenizing progress: a live line on a terminal, else a log line a minute.
class Progress {
 public:
  explicit Progress(bool terminal) : terminal_(terminal) {}
  void operator()(const CorpusStats& st, int64_t bytes, int64_t total) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (!terminal_ && now - last_ < std::chrono::minutes(1) && bytes < total) return;
    last_ = now;
    const double rate = st.read / std::max(seconds, 1e-9);
    const double eta = bytes > 0 ? seconds * static_cast<double>(total - bytes) / static_cast<double>(bytes) : 0;
    fmt::print(stderr, "{}tokenizing: {} pairs, {:.0f}%, {:.0f} pairs/s, {:.0f} s left{}", terminal_ ? "\r" : "", st.read,
               100.0 * static_cast<double>(bytes) / static_cast<double>(std::max<int64_t>(total, 1)), rate, eta,
               terminal_ ? "   " : "\n");
    if (terminal_ && bytes >= total) fmt::print(stderr, "\n");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool terminal_;
  Clock::time_point start_ = Clock::now(), last_ = Clock::now();
};

}  // namespace

void check_inputs(const TrainOptions& o) {
  check_readable(o.train_src, "training source");
  check_readable(o.train_tgt, "training target");
  check_readable(o.valid_src, "validation source");
  check_readable(o.valid_tgt, "validation target");
  check_writable_folder(folder_of(o.model), "model");
  check_writable_folder(o.data_cache.empty() ? folder_of(o.model) : o.data_cache, "data cache");
  if (std::filesystem::exists(o.vocab)) check_readable(o.vocab, "vocabulary");
  else check_writable_folder(folder_of(o.vocab), "vocabulary");
}

TrainingData load_training_data(const TrainOptions& o, const text::Tokenizer& tokenizer, Communicator& comm) {
  const bool root = comm.is_root();
  CorpusSource source{o.train_src, o.train_tgt, &tokenizer, o.filter};
  source.filter.keep_text = false;
  CacheOptions cache;
  cache.folder = o.data_cache.empty() ? folder_of(o.model) : o.data_cache;
  cache.threads = thread_count();
  Progress progress(::isatty(STDERR_FILENO) != 0);
  if (root) {
    cache.progress = [&progress](const CorpusStats& st, int64_t bytes, int64_t total) { progress(st, bytes, total); };
    cache.say = [](const std::string& what) { fmt::print(stderr, "{}\n", what); };
  }
  TrainingData d;
  // The first rank builds a missing cache; the others wait, then open the same file.
  std::optional<CachedCorpus> cached;
  if (root) cached = open_corpus_cache(source, cache);
  comm.barrier();
  if (!root) cached = open_corpus_cache(source, cache);
  d.train = std::move(cached->corpus);
  d.text_checksum = cached->text_checksum;

  CorpusFilter keep_all;
  keep_all.max_length = o.config.max_positions - 1;
  keep_all.max_ratio = 1e9;
  keep_all.keep_text = true;  // BLEU's references: exactly the pairs kept
  TokenizeOptions t;
  t.threads = thread_count();
  d.dev = load_corpus(o.valid_src, o.valid_tgt, tokenizer, keep_all, t);
  return d;
}

}  // namespace heed::train
