#pragma once
// Requests from many threads merged into shared batches for one model. Each worker thread owns a
// Translator of the model (see dnnl/context.h: one per thread); requests queue their sentences
// and wait. Whenever a worker is free it takes every queued request that asks for the same search
// options, translates all their sentences as one call (sorted by length and packed, as the
// command line does) and answers each request. A lone request is translated at once; under load,
// the requests that arrive during one batch form the next, so throughput approaches that of a
// file. Several workers translate batches side by side: while one finishes its longest sentence
// with few rows left, another runs a full batch.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "heed/decode/loaded_model.h"
#include "heed/decode/translator.h"

namespace heed::serve {

struct BatcherOptions {
  decode::TranslatorOptions translator;  // batch sizes; its search options are the default
  int64_t max_queued_sentences = 2048;   // more waiting than this: QueueFull
  int workers = 1;                       // batches translated at once, each by its own worker
  int threads = 0;                       // OpenMP threads of each worker (0: all cores)
  // Hears the size of each batch translated (e.g. for a histogram); called from the workers.
  // Part of the options, so that it is in place before they start.
  std::function<void(int64_t sentences)> on_batch;
};

// The queue cannot take a request now; try again later (HTTP 503).
struct QueueFull {};

struct BatcherStats {
  int64_t batches = 0, sentences = 0, requests = 0;
  int64_t queued_sentences = 0;  // now
};

class Batcher {
 public:
  Batcher(const decode::LoadedModel& model, BatcherOptions options);
  ~Batcher();  // finishes every queued request, then stops the worker
  Batcher(const Batcher&) = delete;
  Batcher& operator=(const Batcher&) = delete;

  // Translations of `lines` with `search` options, in order; blocks until they are done. Throws
  // QueueFull when too much is waiting, and rethrows the translation's own errors.
  std::vector<decode::Translation> translate(std::vector<std::string> lines, const decode::SearchOptions& search);
  const decode::SearchOptions& default_search() const { return options_.translator.search; }
  BatcherStats stats() const;

 private:
  struct Job {
    std::vector<std::string> lines;
    decode::SearchOptions search;
    std::promise<std::vector<decode::Translation>> done;
  };
  void work();
  // Takes the front job and every queued job with the same search options.
  std::vector<Job> take_batch(std::unique_lock<std::mutex>& lock);

  const decode::LoadedModel& model_;
  BatcherOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  BatcherStats stats_;
  std::vector<std::thread> workers_;  // last: they start once everything above exists
};

bool same_search(const decode::SearchOptions& a, const decode::SearchOptions& b);

}  // namespace heed::serve
