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

}  // namespace

void check_inputs(const TrainOptions& o) {
  check_readable(o.train_src, "training source");
  check_readable(o.train_tgt, "training target");
  check_readable(o.valid_src, "validation source");
  check_readable(o.valid_tgt, "validation target");
  check_writable_folder(folder_of(o.output.model), "model");
  check_writable_folder(o.data_cache.empty() ? folder_of(o.output.model) : o.data_cache, "data cache");
  if (std::filesystem::exists(o.vocab)) check_readable(o.vocab, "vocabulary");
  else check_writable_folder(folder_of(o.vocab), "vocabulary");
}

TrainingData load_training_data(const TrainOptions& o, const text::Tokenizer& tokenizer, Communicator& comm,
                                Reporter& reporter) {
  const bool root = comm.is_root();
  CorpusSource source{o.train_src, o.train_tgt, &tokenizer, o.filter};
  source.filter.keep_text = false;
  CacheOptions cache;
  cache.folder = o.data_cache.empty() ? folder_of(o.output.model) : o.data_cache;
  cache.threads = thread_count();
  const auto start = std::chrono::steady_clock::now();
  if (root) {
    cache.progress = [&reporter, start](const CorpusStats& st, int64_t bytes, int64_t total) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      reporter.tokenizing({st, bytes, total, seconds});
    };
    cache.say = [&reporter](const std::string& what) { reporter.note(what); };
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
  keep_all.keep_text = true;  // the sources to translate and BLEU's references: exactly the pairs kept
  TokenizeOptions t;
  t.threads = thread_count();
  d.dev = load_corpus(o.valid_src, o.valid_tgt, tokenizer, keep_all, t);
  return d;
}

}  // namespace heed::train
