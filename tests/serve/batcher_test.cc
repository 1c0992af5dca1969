#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "heed/serve/batcher.h"
#include "heed/serve/server.h"
#include "heed/text/lines.h"

using namespace heed;

namespace {

const decode::LoadedModel& tiny_model() {
  static const decode::LoadedModel m = decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed");
  return m;
}

// Whether `done(stats)` comes true within 30 s.
template <class Done>
bool wait_for(const serve::Batcher& batcher, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done(batcher.stats()) && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  return done(batcher.stats());
}

// A long request that keeps the batcher's one worker busy (it has left the queue) while a test
// queues others; join the thread at the end.
std::thread occupy(serve::Batcher& batcher) {
  std::thread busy([&batcher] {
    const std::vector<std::string> many(200, "Y dijo Dios: Sea la luz: y fue la luz, y vio Dios que la luz era buena.");
    batcher.translate(many, batcher.default_search());
  });
  CHECK(wait_for(batcher, [](const serve::BatcherStats& s) { return s.requests == 1 && s.queued_sentences == 0; }));
  return busy;
}

}  // namespace

TEST_CASE("the batcher answers concurrent requests in shared batches, as one translator would") {
  std::vector<std::string> lines = text::read_text_lines(HEED_TEST_DATA "/bible.dev.es", {});
  lines.resize(16);
  serve::BatcherOptions options;
  options.threads = 1;
  options.translator.search.beam_size = 2;
  decode::Translator alone(tiny_model().params(), tiny_model().tokenizer, options.translator);
  std::vector<std::string> expected;
  for (const auto& t : alone.translate(lines)) expected.push_back(t.candidates.front().text);

  SUBCASE("one worker") { options.workers = 1; }
  SUBCASE("two workers") { options.workers = 2; }
  serve::Batcher batcher(tiny_model(), options);
  std::vector<std::string> got(lines.size());
  std::vector<std::thread> clients;
  for (size_t i = 0; i < lines.size(); ++i)
    clients.emplace_back([&, i] { got[i] = batcher.translate({lines[i]}, batcher.default_search()).front().candidates.front().text; });
  for (auto& c : clients) c.join();
  CHECK(got == expected);
  const auto stats = batcher.stats();
  CHECK(stats.requests == 16);
  CHECK(stats.sentences == 16);
  CHECK(stats.queued_sentences == 0);
  // 16 requests that arrive together do not take 16 batches: those queued during one form the next.
  CHECK(stats.batches < 16);
}

TEST_CASE("requests with other search options are batched apart and get their own options") {
  serve::BatcherOptions options;
  options.threads = 1;
  serve::Batcher batcher(tiny_model(), options);
  decode::SearchOptions nbest = batcher.default_search();
  nbest.n_best = 3;
  const auto three = batcher.translate({"Dios es amor."}, nbest);
  const auto one = batcher.translate({"Dios es amor."}, batcher.default_search());
  CHECK(three.front().candidates.size() == 3);
  CHECK(one.front().candidates.size() == 1);
  CHECK(three.front().candidates.front().text == one.front().candidates.front().text);
}

TEST_CASE("a full queue refuses a request instead of growing") {
  serve::BatcherOptions options;
  options.threads = 1;
  options.max_queued_sentences = 4;
  serve::Batcher batcher(tiny_model(), options);
  // The worker takes a long request (it leaves the queue at once), a second waits behind it with
  // 3 sentences, and a third of 2 would make 5 waiting: refused.
  std::thread busy = occupy(batcher);
  std::thread waiting([&] { batcher.translate({"a", "b", "c"}, batcher.default_search()); });
  REQUIRE(wait_for(batcher, [](const serve::BatcherStats& s) { return s.queued_sentences == 3; }));
  CHECK(batcher.stats().batches == 0);  // still on the long request
  CHECK_THROWS_AS(batcher.translate({"d", "e"}, batcher.default_search()), serve::QueueFull);
  busy.join();
  waiting.join();
  CHECK(batcher.stats().requests == 2);  // the refused one was never queued
}

TEST_CASE("a request past its deadline, or whose client left, leaves the queue") {
  serve::BatcherOptions options;
  options.threads = 1;
  std::vector<double> waits;
  std::mutex waits_mutex;
  options.on_wait = [&](double seconds) {
    std::lock_guard<std::mutex> lock(waits_mutex);
    waits.push_back(seconds);
  };
  serve::Batcher batcher(tiny_model(), options);
  // The worker is busy with a long request while the others wait in the queue.
  std::thread busy = occupy(batcher);

  serve::Waiting past;
  past.deadline = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(batcher.translate({"a", "b"}, batcher.default_search(), past), serve::DeadlinePassed);
  CHECK(batcher.stats().queued_sentences == 0);
  CHECK(batcher.stats().expired == 1);

  std::atomic<bool> gone{false};
  serve::Waiting client;
  client.cancelled = [&] { return gone.load(); };
  std::thread waiting([&] { CHECK_THROWS_AS(batcher.translate({"c", "d", "e"}, batcher.default_search(), client), serve::Cancelled); });
  REQUIRE(wait_for(batcher, [](const serve::BatcherStats& s) { return s.queued_sentences == 3; }));
  gone = true;
  waiting.join();
  CHECK(batcher.stats().queued_sentences == 0);
  CHECK(batcher.stats().cancelled == 1);
  busy.join();
  // Only the long request was translated; its wait was heard.
  CHECK(batcher.stats().sentences == 200);
  std::lock_guard<std::mutex> lock(waits_mutex);
  CHECK(waits.size() == 1);
}
