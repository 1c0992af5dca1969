// heed-bench serve-overload: heed serve past its capacity, the client of scripts/overload-serve.sh.
// Measures the capacity (16 closed-loop clients, one sentence per request), then offers `factor`
// times that rate open loop for as long: request n goes out at start + n / rate on a connection of
// its own, whatever the answers. Reports the answers by status, the latency of the 503s (issue
// #35: within 10 ms, with Retry-After) and of the 200s, the client's own lag (how late it sent),
// and how soon after the offered load ends a lone request is answered 200 again.
//
// One thread and Asio: no request waits for another's answer to go out. It replaced a Python
// asyncio client, whose report it keeps, and whose own lag reached 35 ms at p99 at ~850
// requests/s: too slow to time a 10 ms tail.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/benchmarks.h"
#include "heed/core/error.h"
#include "heed/text/lines.h"

namespace heed::bench {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using error_code = boost::system::error_code;

constexpr int kCapacityClients = 16;
constexpr int kLoneRequests = 20;
constexpr auto kTimeout = std::chrono::seconds(120);    // one request's, from connecting to its answer read
constexpr auto kRetry = std::chrono::milliseconds(50);  // between a lone request's attempts
constexpr double kGiveUpSeconds = 300;                  // a server that never answers 200 again
constexpr size_t kMaxAnswerBytes = 1 << 20;

struct OverloadOptions {
  std::string host = "127.0.0.1", data, source = "es", target = "en";
  int port = 0;
  double seconds = 30, factor = 10;
};

// One request's outcome; status 0: no answer (refused, reset, cut short, malformed, timed out).
struct Outcome {
  int status = 0;
  bool retry_after = false;
  double seconds = 0;
  std::string body;
};
using Done = std::function<void(const Outcome&)>;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <class T>
bool number_of(std::string_view s, T& value) {
  s = trimmed(s);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

struct Head {
  int status = 0;
  bool retry_after = false;
  size_t length = 0;  // Content-Length (0 when absent)
};

// An answer's head, up to its blank line; nullopt if it is not HTTP.
std::optional<Head> parse_head(std::string_view text) {
  Head head;
  const size_t first_end = text.find("\r\n");
  const std::string_view first = text.substr(0, first_end);
  const size_t space = first.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view code = first.substr(space + 1, first.find(' ', space + 1) - space - 1);
  if (!number_of(code, head.status)) return std::nullopt;
  for (size_t at = first_end; at != std::string_view::npos && at + 2 < text.size();) {
    const size_t end = text.find("\r\n", at + 2);
    const std::string_view line = text.substr(at + 2, end - at - 2);
    at = end;
    const size_t colon = line.find(':');
    std::string name(trimmed(line.substr(0, colon)));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string_view value = colon == std::string_view::npos ? "" : trimmed(line.substr(colon + 1));
    if (name == "retry-after") head.retry_after = !value.empty();
    if (name == "content-length" && !number_of(value, head.length)) return std::nullopt;
  }
  return head;
}

// One request on a connection of its own: connect, write, read the head and the body its
// Content-Length gives, close. `done` is called exactly once, on the I/O thread.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(net::io_context& io, const std::string& request, Done done)
      : socket_(io), deadline_(io), request_(request), done_(std::move(done)) {}

  void start(const tcp::endpoint& server) {
    deadline_.expires_after(kTimeout);
    deadline_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec) self->finish(0);
    });
    socket_.async_connect(server, [self = shared_from_this()](error_code ec) { self->on_connect(ec); });
  }

 private:
  void on_connect(error_code ec) {
    if (ec) return finish(0);
    error_code ignored;
    socket_.set_option(tcp::no_delay(true), ignored);
    net::async_write(socket_, net::buffer(request_), [self = shared_from_this()](error_code e, size_t) {
      if (e) return self->finish(0);
      net::async_read_until(self->socket_, net::dynamic_buffer(self->buffer_, kMaxAnswerBytes), "\r\n\r\n",
                            [self](error_code e2, size_t head) { self->on_head(e2, head); });
    });
  }

  void on_head(error_code ec, size_t head_bytes) {
    if (ec) return finish(0);
    const auto head = parse_head(std::string_view(buffer_).substr(0, head_bytes - 2));
    if (!head) return finish(0);
    retry_after_ = head->retry_after;
    head_bytes_ = head_bytes;
    const size_t have = buffer_.size() - head_bytes;
    if (head->length <= have) return finish(head->status);
    net::async_read(socket_, net::dynamic_buffer(buffer_, kMaxAnswerBytes), net::transfer_exactly(head->length - have),
                    [self = shared_from_this(), status = head->status](error_code e, size_t) {
                      self->finish(e ? 0 : status);
                    });
  }

  // The first call counts; the operations it cancels end in calls that do nothing.
  void finish(int status) {
    if (finished_) return;
    finished_ = true;
    Outcome outcome{status, status != 0 && retry_after_, seconds_since(start_), {}};
    if (status != 0) outcome.body = buffer_.substr(head_bytes_);
    deadline_.cancel();
    error_code ignored;
    socket_.close(ignored);
    done_(outcome);
  }

  tcp::socket socket_;
  net::steady_timer deadline_;
  const std::string& request_;
  Done done_;
  Clock::time_point start_ = Clock::now();
  std::string buffer_;
  size_t head_bytes_ = 0;
  bool retry_after_ = false, finished_ = false;
};

// The requests as the Python client built them: json.dumps's JSON (ASCII, ", " and ": "), one
// sentence each, Connection: close.
std::vector<std::string> requests_of(const OverloadOptions& o) {
  auto quoted = [](const std::string& s) { return nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace); };
  std::vector<std::string> out;
  for (const auto& line : text::read_text_lines(o.data, {})) {
    if (line.find_first_not_of(" \t\v\f\r") == std::string::npos) continue;
    const std::string body = fmt::format(R"({{"q": {}, "source": {}, "target": {}}})", quoted(line), quoted(o.source), quoted(o.target));
    out.push_back(fmt::format("POST /translate HTTP/1.1\r\nHost: {}:{}\r\nContent-Type: application/json\r\n"
                              "Content-Length: {}\r\nConnection: close\r\n\r\n{}",
                              o.host, o.port, body.size(), body));
  }
  HEED_CHECK(!out.empty(), "{}: no sentences", o.data);
  return out;
}

// Python's percentile of the report: the value at index p% of the sorted values, NaN if none.
double percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const auto i = static_cast<size_t>(p / 100 * static_cast<double>(values.size()));
  return values[std::min(values.size() - 1, i)];
}

double largest(const std::vector<double>& values) {
  return values.empty() ? std::numeric_limits<double>::quiet_NaN() : *std::max_element(values.begin(), values.end());
}

// The value of the line of Prometheus text that starts with `series` and a space, or NaN.
double sample(const std::string& text, const std::string& series) {
  const std::string start = "\n" + series + " ";
  const size_t at = text.find(start);
  double value = std::numeric_limits<double>::quiet_NaN();
  if (at == std::string::npos) return value;
  const size_t from = at + start.size();
  number_of(std::string_view(text).substr(from, text.find('\n', from) - from), value);
  return value;
}

// The server's own timing of the run's 503s (heed_response_seconds in /metrics: from a request's
// arrival to its answer written): what the client's figures add to it is the way in and out.
void report_server(const std::string& metrics) {
  const std::string name = "heed_response_seconds";
  const double count = sample(metrics, name + "_count{outcome=\"refused\"}");
  if (std::isnan(count)) {
    fmt::print("overload: the server's own time to refuse: its /metrics has no {}\n", name);
    return;
  }
  auto within = [&](const char* bound) {
    return 100 * sample(metrics, fmt::format("{}_bucket{{outcome=\"refused\",le=\"{}\"}}", name, bound)) / count;
  };
  fmt::print("overload: the server's own time from a request's arrival to its 503 written ({}, the whole run): {:.1f}% "
             "within 1 ms, {:.1f}% within 10 ms, {:.1f}% within 50 ms, of {:.0f}\n",
             name, within("0.001"), within("0.01"), within("0.05"), count);
}

// What the offered load phase saw.
struct Offered {
  double rate = 0;
  Clock::time_point start, ended;  // ended: when the last request went out
  std::vector<Outcome> results;    // by request, in the order they went out
  std::vector<double> lag;         // seconds each went out after it was due
  double recovered = std::numeric_limits<double>::quiet_NaN();  // from `ended` to a lone 200
  double drained = 0;  // from `ended` to the recovery and every answer in
};

class OverloadClient {
 public:
  explicit OverloadClient(OverloadOptions o)
      : options_(std::move(o)),
        requests_(requests_of(options_)),
        server_(net::ip::make_address(options_.host), static_cast<unsigned short>(options_.port)) {}

  int run() {
    ask_alone(requests_[0]);  // warm-up
    const double rate = capacity();
    fmt::print("overload: capacity {:.1f} requests/s ({} clients, one sentence each, {:.0f} s)\n", rate, kCapacityClients,
               options_.seconds);
    std::fflush(stdout);
    if (!(rate > 0)) {
      fmt::print(stderr, "heed-bench: no request was answered 200 while measuring the capacity: nothing to overload\n");
      return 1;
    }
    overload(options_.factor * rate);
    std::vector<double> lone;
    for (int i = 0; i < kLoneRequests; ++i) lone.push_back(ask_alone(requests_[0]).seconds);
    report(lone);
    report_server(ask_alone(metrics_request_).body);
    return 0;
  }

 private:
  void launch(const std::string& request, Done done) {
    std::make_shared<Exchange>(io_, request, std::move(done))->start(server_);
  }

  const std::string& sentence(size_t i) const { return requests_[i % requests_.size()]; }

  // Runs the loop until every exchange and timer started is done.
  void run_loop() {
    io_.run();
    io_.restart();
  }

  Outcome ask_alone(const std::string& request) {
    Outcome out;
    launch(request, [&out](const Outcome& o) { out = o; });
    run_loop();
    return out;
  }

  double capacity() {
    int64_t answered = 0;
    const auto stop = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.seconds));
    for (int i = 0; i < kCapacityClients; ++i) capacity_client(i, stop, answered);
    run_loop();
    return static_cast<double>(answered) / options_.seconds;
  }

  // Client i asks again as soon as it has its answer, until `stop`.
  void capacity_client(int i, Clock::time_point stop, int64_t& answered) {
    if (Clock::now() >= stop) return;
    launch(sentence(static_cast<size_t>(i + answered)), [this, i, stop, &answered](const Outcome& o) {
      if (o.status == 200) ++answered;
      capacity_client(i, stop, answered);
    });
  }

  void overload(double rate) {
    offered_ = Offered{};
    offered_.rate = rate;
    offered_.start = Clock::now();
    send_due();
    run_loop();  // the sending, the recovery and every answer
    offered_.drained = seconds_since(offered_.ended);
  }

  // Sends every request now due, then sleeps until the next is; at the end, times the recovery.
  void send_due() {
    for (;;) {
      const double at = static_cast<double>(offered_.results.size()) / offered_.rate;
      if (at >= options_.seconds) break;
      const auto due = offered_.start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(at));
      const auto now = Clock::now();
      if (due > now) {
        timer_.expires_at(due);
        timer_.async_wait([this](error_code ec) {
          if (!ec) send_due();
        });
        return;
      }
      offered_.lag.push_back(std::chrono::duration<double>(now - due).count());
      const size_t n = offered_.results.size();
      offered_.results.emplace_back();
      launch(sentence(n), [this, n](const Outcome& o) { offered_.results[n] = {o.status, o.retry_after, o.seconds, {}}; });
    }
    offered_.ended = Clock::now();
    try_recovery();
  }

  // A lone request, again every 50 ms until it is answered 200.
  void try_recovery() {
    launch(requests_[0], [this](const Outcome& o) {
      const double since_end = seconds_since(offered_.ended);
      if (o.status == 200) offered_.recovered = since_end;
      if (o.status == 200 || since_end > kGiveUpSeconds) return;
      timer_.expires_after(kRetry);
      timer_.async_wait([this](error_code ec) {
        if (!ec) try_recovery();
      });
    });
  }

  void report(const std::vector<double>& lone) const;

  OverloadOptions options_;
  std::vector<std::string> requests_;  // whole HTTP requests, one sentence each
  std::string metrics_request_ = fmt::format("GET /metrics HTTP/1.1\r\nHost: {}:{}\r\nConnection: close\r\n\r\n",
                                             options_.host, options_.port);
  net::io_context io_{1};
  tcp::endpoint server_;
  net::steady_timer timer_{io_};  // the next due request, then the next recovery attempt
  Offered offered_;
};

// The answers other than 200 and 503, as Python prints a dict: {'error': 3, '404': 1}.
std::string other_statuses(const std::vector<Outcome>& results) {
  std::vector<std::pair<std::string, int64_t>> counts;  // in the order first seen
  for (const auto& r : results) {
    if (r.status == 200 || r.status == 503) continue;
    const std::string key = r.status == 0 ? "error" : std::to_string(r.status);
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == key; });
    if (it == counts.end()) it = counts.insert(counts.end(), {key, 0});
    ++it->second;
  }
  std::string out;
  for (const auto& [key, n] : counts) out += fmt::format("{}'{}': {}", out.empty() ? "" : ", ", key, n);
  return "{" + out + "}";
}

void OverloadClient::report(const std::vector<double>& lone) const {
  const auto& o = offered_;
  std::vector<double> refused, answered;
  int64_t without_retry = 0;
  for (const auto& r : o.results) {
    if (r.status == 503) refused.push_back(r.seconds);
    if (r.status == 503 && !r.retry_after) ++without_retry;
    if (r.status == 200) answered.push_back(r.seconds);
  }
  fmt::print("overload: offered {:.0f}x = {:.0f} requests/s for {:.0f} s: {} sent, {} answered 200, {} refused 503 "
             "({} without Retry-After), other {}\n",
             options_.factor, o.rate, options_.seconds, o.results.size(), answered.size(), refused.size(), without_retry,
             other_statuses(o.results));
  fmt::print("overload: 503 latency p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n", 1e3 * percentile(refused, 50),
             1e3 * percentile(refused, 99), 1e3 * largest(refused));
  fmt::print("overload: the client's own lag (sent after due): p50 {:.1f} ms, p99 {:.1f} ms\n", 1e3 * percentile(o.lag, 50),
             1e3 * percentile(o.lag, 99));
  fmt::print("overload: 200 latency p50 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms\n", 1e3 * percentile(answered, 50),
             1e3 * percentile(answered, 99), 1e3 * largest(answered));
  fmt::print("overload: recovery: once the offered load ended, a lone request was answered 200 after {:.0f} ms (the last "
             "queued request after {:.0f} ms); then p50 {:.1f} ms over {}\n",
             1e3 * o.recovered, 1e3 * o.drained, 1e3 * percentile(lone, 50), kLoneRequests);
}

// A client past the usual 1024 open files: at 10x capacity each request holds a connection.
void allow_open_files() {
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == files.rlim_max) return;
  files.rlim_cur = files.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &files);
}

double positive(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  const std::string text = arg(args, name, fallback);
  double value = 0;
  HEED_CHECK(number_of(text, value) && value > 0 && std::isfinite(value), "{} must be a positive number, not '{}'", name,
             text);
  return value;
}

OverloadOptions overload_options(const std::vector<std::string>& args) {
  OverloadOptions o;
  o.host = arg(args, "--host", o.host);
  o.data = arg(args, "--data", "");
  o.source = arg(args, "--source", o.source);
  o.target = arg(args, "--target", o.target);
  o.seconds = positive(args, "--seconds", "30");
  o.factor = positive(args, "--factor", "10");
  const std::string port = arg(args, "--port", "");
  HEED_CHECK(number_of(port, o.port) && o.port >= 1 && o.port <= 65535, "--port must be 1..65535 (the server's), not '{}'",
             port);
  HEED_CHECK(!o.data.empty(), "--data FILE is required (one sentence a line)");
  boost::system::error_code ec;
  net::ip::make_address(o.host, ec);
  HEED_CHECK(!ec, "--host must be an IP address, not '{}'", o.host);
  return o;
}

}  // namespace

int serve_overload(const std::vector<std::string>& args) {
  OverloadClient client(overload_options(args));
  allow_open_files();
  return client.run();
}

}  // namespace heed::bench
