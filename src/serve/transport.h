#pragma once
// The HTTP transport of heed serve: Boost.Beast over Asio, event-driven. One thread reads and
// writes every connection, so an idle or slow client costs a socket, not a thread; a request is
// handed to the handler threads only once it has fully arrived (header and body, within the read
// timeout), and they wait for translations. Quick routes (no translation) are answered on the I/O
// thread itself.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "heed/serve/http.h"

namespace heed::serve {

struct TransportOptions {
  size_t max_body_bytes = 1 << 20;     // larger: 413
  // Uploads: a body sent to `upload_path` may have up to max_upload_bytes instead.
  std::string upload_path;
  size_t max_upload_bytes = 10 << 20;
  size_t max_header_bytes = 16 << 10;  // larger: 431
  int read_timeout_seconds = 10;       // to receive a whole request (an idle connection included): then closed
  int write_timeout_seconds = 30;
  int threads = 16;             // requests handled at once (each may wait for its translation)
  int max_waiting = 256;        // complete requests waiting for a handler thread; more: 503 at once
  int max_connections = 1000;   // open at once; a connection beyond is answered 503 and closed
};

// What the transport calls: the server's routing and handlers. Neither may throw.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Whether the request never waits (answered on the I/O thread).
  virtual bool quick(const Request& request) const = 0;
  virtual void handle(const Request& request, Response& response) = 0;
  // The answer to a request the transport refuses itself (malformed, too large, too slow, busy).
  virtual void refuse(int status, const std::string& message, Response& response) = 0;
  // An answer of `status` has been written whole (handed to the kernel) `seconds` after its
  // request arrived (Request::received); on the I/O thread. Not called for a request that was
  // never read whole, nor for an answer the client did not take.
  virtual void written(int status, double seconds) = 0;
};

class Transport {
 public:
  Transport(TransportOptions options, HttpHandler& handler);
  ~Transport();
  // Binds the address; returns the port (the chosen one when `port` is 0). Throws heed::Error.
  int bind(const std::string& host, int port);
  // Serves until stop(); requests being handled are answered before it returns.
  void run();
  // Stops accepting and closes idle connections; safe from any thread.
  void stop();
  int64_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request parsed from `bytes` with the transport's parser and limits, or the status (0: none,
// the connection would just close) and reason it would be refused with: the fuzzer's entry.
std::optional<Request> parse_request(const std::string& bytes, const TransportOptions& options, int& status,
                                     std::string& message);

}  // namespace heed::serve
