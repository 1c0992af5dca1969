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
  // Nice levels the workers (and their OpenMP threads) run below the threads that created the
  // batcher, so that the HTTP side is scheduled first when both are ready (core/parallel.h);
  // 0: the same priority.
  int nice = 0;
  // Hear the size of each batch translated and how long each request waited in the queue (e.g.
  // for histograms); called from the workers. Part of the options, so that they are in place
  // before the workers start.
  std::function<void(int64_t sentences)> on_batch;
  std::function<void(double seconds)> on_wait;
};

// How long a request may wait for its translation, and whether its client still wants it.
struct Waiting {
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::function<bool()> cancelled;  // polled while waiting (every 50 ms); null: never
};

// The queue cannot take a request now; try again later (HTTP 503).
struct QueueFull {};
// The deadline passed before the translation was done; its sentences left the queue.
struct DeadlinePassed {};
// The client went away; its sentences left the queue.
struct Cancelled {};

struct BatcherStats {
  int64_t batches = 0, sentences = 0, requests = 0;
  int64_t expired = 0, cancelled = 0;  // requests dropped: past their deadline, or their client gone
  int64_t queued_sentences = 0;        // now
};

class Batcher {
 public:
  Batcher(const decode::LoadedModel& model, BatcherOptions options);
  ~Batcher();  // finishes every queued request, then stops the worker
  Batcher(const Batcher&) = delete;
  Batcher& operator=(const Batcher&) = delete;

  // Translations of `lines` with `search` options, in order; blocks until they are done. Throws
  // QueueFull when too much is waiting, DeadlinePassed or Cancelled as `waiting` says (the
  // request's queued sentences are dropped; a batch already started is finished and its answer
  // discarded), and rethrows the translation's own errors.
  std::vector<decode::Translation> translate(std::vector<std::string> lines, const decode::SearchOptions& search,
                                             const Waiting& waiting = {});
  const decode::SearchOptions& default_search() const { return options_.translator.search; }
  BatcherStats stats() const;

 private:
  struct Job {
    uint64_t id;
    std::vector<std::string> lines;
    decode::SearchOptions search;
    std::chrono::steady_clock::time_point queued;
    std::promise<std::vector<decode::Translation>> done;
  };
  void work();
  // Takes the front job and every queued job with the same search options; `waits` receives
  // how long each waited.
  std::vector<Job> take_batch(std::vector<double>& waits);
  // Takes job `id` out of the queue, if it is still there; counts why (`expired` or cancelled).
  void withdraw(uint64_t id, bool expired);
  static void answer(std::vector<Job>& jobs, std::vector<decode::Translation>& translations, std::exception_ptr error);

  const decode::LoadedModel& model_;
  BatcherOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t next_id_ = 0;
  BatcherStats stats_;
  std::vector<std::thread> workers_;  // last: they start once everything above exists
};

bool same_search(const decode::SearchOptions& a, const decode::SearchOptions& b);

}  // namespace heed::serve
