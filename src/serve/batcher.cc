#include "heed/serve/batcher.h"

#include <algorithm>
#include <optional>

#include "heed/core/parallel.h"

namespace heed::serve {

bool same_search(const decode::SearchOptions& a, const decode::SearchOptions& b) {
  return a.beam_size == b.beam_size && a.length_penalty == b.length_penalty && a.max_length_a == b.max_length_a &&
         a.max_length_b == b.max_length_b && a.n_best == b.n_best && a.attention == b.attention &&
         a.attention_layer == b.attention_layer && a.attention_head == b.attention_head;
}

Batcher::Batcher(const decode::LoadedModel& model, BatcherOptions options) : model_(model), options_(std::move(options)) {
  for (int i = 0; i < std::max(options_.workers, 1); ++i) workers_.emplace_back([this] { work(); });
}

Batcher::~Batcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

std::vector<decode::Translation> Batcher::translate(std::vector<std::string> lines, const decode::SearchOptions& search,
                                                   const Waiting& waiting) {
  using Clock = std::chrono::steady_clock;
  std::future<std::vector<decode::Translation>> result;
  uint64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto n = static_cast<int64_t>(lines.size());
    if (stats_.queued_sentences > 0 && stats_.queued_sentences + n > options_.max_queued_sentences) throw QueueFull{};
    stats_.queued_sentences += n;
    ++stats_.requests;
    id = next_id_++;
    queue_.push_back({id, std::move(lines), search, Clock::now(), {}});
    result = queue_.back().done.get_future();
  }
  wake_.notify_one();
  // Woken every 50 ms to ask whether the client is still there.
  constexpr auto kPoll = std::chrono::milliseconds(50);
  for (;;) {
    const auto now = Clock::now();
    const auto until = waiting.cancelled && waiting.deadline - now > kPoll ? now + kPoll : waiting.deadline;
    if (result.wait_until(until) == std::future_status::ready) return result.get();
    if (Clock::now() >= waiting.deadline) {
      withdraw(id, true);
      throw DeadlinePassed{};
    }
    if (waiting.cancelled && waiting.cancelled()) {
      withdraw(id, false);
      throw Cancelled{};
    }
  }
}

void Batcher::withdraw(uint64_t id, bool expired) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++(expired ? stats_.expired : stats_.cancelled);
  const auto it = std::find_if(queue_.begin(), queue_.end(), [id](const Job& j) { return j.id == id; });
  if (it == queue_.end()) return;  // being translated: its answer will be dropped
  stats_.queued_sentences -= static_cast<int64_t>(it->lines.size());
  queue_.erase(it);
}

BatcherStats Batcher::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

std::vector<Batcher::Job> Batcher::take_batch(std::vector<double>& waits) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<Job> jobs;
  jobs.push_back(std::move(queue_.front()));
  queue_.pop_front();
  for (auto it = queue_.begin(); it != queue_.end();) {
    if (same_search(it->search, jobs.front().search)) {
      jobs.push_back(std::move(*it));
      it = queue_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& j : jobs) {
    stats_.queued_sentences -= static_cast<int64_t>(j.lines.size());
    waits.push_back(std::chrono::duration<double>(now - j.queued).count());
  }
  return jobs;
}

// Each job gets its own translations, in order, or the batch's error.
void Batcher::answer(std::vector<Job>& jobs, std::vector<decode::Translation>& translations, std::exception_ptr error) {
  size_t at = 0;
  for (auto& j : jobs) {
    if (error) {
      j.done.set_exception(error);
      continue;
    }
    std::vector<decode::Translation> mine(std::make_move_iterator(translations.begin() + at),
                                          std::make_move_iterator(translations.begin() + at + j.lines.size()));
    at += j.lines.size();
    j.done.set_value(std::move(mine));
  }
}

void Batcher::work() {
  // First, so that the OpenMP threads this worker starts inherit it. A refusal leaves the worker
  // at the usual priority, which translates as well, only without the precedence.
  lower_thread_priority(options_.nice);
  set_threads(options_.threads);
  // One translator for the worker's life, so that its buffers and primitives are reused; each
  // batch sets its search options.
  // A translator that cannot be made (ICU's data missing, say) fails every job it is given: an
  // exception escaping a thread would end the process.
  std::optional<decode::Translator> translator;
  std::exception_ptr broken;
  try {
    translator.emplace(model_.params(), model_.tokenizer, options_.translator);
  } catch (...) {
    broken = std::current_exception();
  }
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to answer
    std::vector<double> waits;
    std::vector<Job> jobs = take_batch(waits);
    lock.unlock();
    if (options_.on_wait)
      for (double w : waits) options_.on_wait(w);
    std::vector<std::string> lines;
    for (const auto& j : jobs) lines.insert(lines.end(), j.lines.begin(), j.lines.end());
    std::vector<decode::Translation> translations;
    std::exception_ptr error = broken;
    try {
      if (!error) {
        translator->set_search_options(jobs.front().search);
        translations = translator->translate(lines);
      }
    } catch (...) {
      error = std::current_exception();
    }
    // Counted before any answer goes out, so that a client that has its answer sees it counted.
    lock.lock();
    ++stats_.batches;
    stats_.sentences += static_cast<int64_t>(lines.size());
    lock.unlock();
    answer(jobs, translations, error);
    if (options_.on_batch) options_.on_batch(static_cast<int64_t>(lines.size()));
    lock.lock();
  }
}

}  // namespace heed::serve
