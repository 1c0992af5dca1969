#include "transport.h"

#include <fmt/format.h>
#include <poll.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <vector>

#include "heed/core/error.h"

namespace heed::serve {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

// Written without reading the request to a connection beyond --max-connections.
constexpr const char* kTooManyConnections =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\n"
    "Content-Length: 51\r\n\r\n{\"error\":\"too many connections; retry in a moment\"}";
constexpr const char* kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Request request_of(const http::request<http::string_body>& message) {
  Request r;
  r.method = std::string(message.method_string());
  const std::string target(message.target());
  const size_t question = target.find('?');
  r.path = target.substr(0, question);
  if (question != std::string::npos) r.query = target.substr(question + 1);
  for (const auto& field : message) {
    std::string& value = r.headers[lower(std::string(field.name_string()))];
    value += (value.empty() ? "" : ", ") + std::string(field.value());
  }
  r.body = message.body();
  r.received = std::chrono::steady_clock::now();
  return r;
}

// The answer to a request that could not be read whole (0: none, just close the connection).
int refusal(error_code ec, const TransportOptions& options, size_t body_limit, std::string& message) {
  if (ec == beast::error::timeout) {
    message = fmt::format("the request did not arrive within {} s", options.read_timeout_seconds);
    return 408;
  }
  if (ec == http::error::body_limit) {
    message = fmt::format("the body is larger than {} bytes", body_limit);
    return 413;
  }
  if (ec == http::error::header_limit) {
    message = fmt::format("the header is larger than {} bytes", options.max_header_bytes);
    return 431;
  }
  // The client went away mid-request: nobody to answer.
  if (ec == http::error::partial_message || ec == net::error::eof || ec == net::error::connection_reset) return 0;
  message = fmt::format("malformed HTTP request: {}", ec.message());
  return 400;
}

// True once the peer has closed its side, or the connection failed.
bool peer_gone(int fd) {
  pollfd p{fd, POLLRDHUP, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

}  // namespace

struct Transport::Impl {
  class Session;
  Impl(TransportOptions o, HttpHandler& h) : options(o), handler(h), pool(static_cast<size_t>(std::max(1, o.threads))) {}

  TransportOptions options;
  HttpHandler& handler;
  net::io_context io{1};
  tcp::acceptor acceptor{io};
  net::thread_pool pool;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work{net::make_work_guard(io)};
  std::vector<std::weak_ptr<Session>> sessions;  // the I/O thread's alone
  net::steady_timer drain{io};
  std::atomic<int64_t> open{0}, waiting{0};
  bool stopping = false;  // the I/O thread's alone

  void accept();
  void shut_down();
  void wait_for_sessions();
};

// One connection: read a request, have it handled, write the answer, and again while the client
// keeps the connection alive. Every step runs on the I/O thread but the handler's.
class Transport::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& owner, tcp::socket socket) : owner_(owner), stream_(std::move(socket)) { ++owner_.open; }
  ~Session() { --owner_.open; }

  void read() {
    if (owner_.stopping) return close();
    parser_.emplace();
    body_limit_ = owner_.options.max_body_bytes;
    parser_->body_limit(body_limit_);
    parser_->header_limit(static_cast<uint32_t>(owner_.options.max_header_bytes));
    // One deadline for the whole request, header and body: a client sending a byte a second
    // cannot hold the connection longer than an idle one.
    stream_.expires_after(std::chrono::seconds(owner_.options.read_timeout_seconds));
    reading_ = true;
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](error_code ec, size_t) { self->on_header(ec); });
  }

  // Stops a read in progress (the server is stopping); a request being handled is answered.
  void cancel_read() {
    if (reading_) stream_.socket().close();
  }

 private:
  void on_header(error_code ec) {
    if (ec) return on_read(ec);
    // An upload has a limit of its own, known once the header says where it goes.
    const auto target = parser_->get().target();
    const auto& o = owner_.options;
    if (!o.upload_path.empty() && target.substr(0, target.find('?')) == o.upload_path) {
      body_limit_ = o.max_upload_bytes;
      parser_->body_limit(body_limit_);
    }
    // curl asks before sending a body of more than 1 KiB, and waits a second for the answer.
    if (lower(std::string(parser_->get()[http::field::expect])) == "100-continue") {
      net::async_write(stream_, net::buffer(kContinue, std::strlen(kContinue)),
                       [self = shared_from_this()](error_code e, size_t) {
                         if (e) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    reading_ = false;
    if (ec) return on_read_error(ec);
    const auto& message = parser_->get();
    version_ = message.version();
    keep_alive_ = message.keep_alive();
    Request request = request_of(message);
    received_ = request.received;
    if (owner_.handler.quick(request)) {
      Response response;
      owner_.handler.handle(request, response);
      return write(std::move(response));
    }
    if (owner_.waiting.load() >= owner_.options.max_waiting) {
      Response response;
      owner_.handler.refuse(503, "the server is busy; retry shortly", response);
      return write(std::move(response));
    }
    stream_.expires_never();  // the handler has its own deadline
    const int fd = stream_.socket().native_handle();
    request.client_gone = [fd] { return peer_gone(fd); };
    ++owner_.waiting;
    net::post(owner_.pool, [self = shared_from_this(), request = std::move(request)] {
      --self->owner_.waiting;
      Response response;
      self->owner_.handler.handle(request, response);
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->write(std::move(response)); });
    });
  }

  void on_read_error(error_code ec) {
    // A connection closed between requests, or idle past the timeout, is simply closed; a
    // request cut short gets its reason where the client may still read it.
    if (!parser_->got_some() || ec == http::error::end_of_stream || ec == net::error::operation_aborted) return close();
    keep_alive_ = false;
    received_.reset();  // no request: nothing to time
    std::string message;
    const int status = refusal(ec, owner_.options, body_limit_, message);
    if (status == 0) return close();
    Response response;
    owner_.handler.refuse(status, message, response);
    write(std::move(response));
  }

  void write(Response r) {
    const int status = r.status;
    response_.emplace();
    auto& out = *response_;
    out.version(version_);
    out.result(static_cast<unsigned>(r.status));
    out.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) out.set(name, value);
    out.body() = std::move(r.body);
    out.keep_alive(keep_alive_ && !owner_.stopping);
    out.prepare_payload();
    stream_.expires_after(std::chrono::seconds(owner_.options.write_timeout_seconds));
    http::async_write(stream_, out, [self = shared_from_this(), status](error_code ec, size_t) {
      if (!ec) self->written(status);
      if (ec || !self->response_->keep_alive()) return self->close();
      self->read();
    });
  }

  void written(int status) {
    if (!received_) return;
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *received_).count();
    owner_.handler.written(status, seconds);
  }

  void close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  Impl& owner_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  size_t body_limit_ = 0;  // of the request being read
  std::optional<std::chrono::steady_clock::time_point> received_;  // of the request being answered
  std::optional<http::response<http::string_body>> response_;
  unsigned version_ = 11;
  bool keep_alive_ = false, reading_ = false;
};

void Transport::Impl::accept() {
  acceptor.async_accept(net::make_strand(io), [this](error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (!ec) {
      if (open.load() >= options.max_connections) {
        // Answered without reading, so that the refusal costs nothing.
        auto s = std::make_shared<tcp::socket>(std::move(socket));
        net::async_write(*s, net::buffer(kTooManyConnections, std::strlen(kTooManyConnections)),
                         [s](error_code, size_t) { error_code ignored; s->close(ignored); });
      } else {
        auto session = std::make_shared<Session>(*this, std::move(socket));
        sessions.erase(std::remove_if(sessions.begin(), sessions.end(), [](const auto& w) { return w.expired(); }),
                       sessions.end());
        sessions.push_back(session);
        session->read();
      }
    }
    accept();
  });
}

void Transport::Impl::shut_down() {
  if (stopping) return;
  stopping = true;
  error_code ignored;
  acceptor.close(ignored);
  for (auto& weak : sessions)
    if (auto session = weak.lock()) session->cancel_read();
  wait_for_sessions();
}

// Lets run() return once every connection is closed (its answer written).
void Transport::Impl::wait_for_sessions() {
  if (open.load() == 0) {
    work.reset();
    return;
  }
  drain.expires_after(std::chrono::milliseconds(20));
  drain.async_wait([this](error_code) { wait_for_sessions(); });
}

Transport::Transport(TransportOptions options, HttpHandler& handler) : impl_(std::make_unique<Impl>(options, handler)) {}

Transport::~Transport() = default;

int Transport::bind(const std::string& host, int port) {
  auto& acceptor = impl_->acceptor;
  error_code ec;
  const auto address = net::ip::make_address(host, ec);
  HEED_CHECK(!ec, "cannot listen on {}: not an IP address", host);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  HEED_CHECK(!ec, "cannot listen on {}:{} ({})", host, port, ec.message());
  return acceptor.local_endpoint().port();
}

void Transport::run() {
  impl_->accept();
  impl_->io.run();
  impl_->pool.join();  // every handler has posted its answer by now
}

void Transport::stop() {
  net::post(impl_->io, [this] { impl_->shut_down(); });
}

int64_t Transport::open_connections() const { return impl_->open.load(); }

std::optional<Request> parse_request(const std::string& bytes, const TransportOptions& options, int& status,
                                     std::string& message) {
  http::request_parser<http::string_body> parser;
  // The larger limit while parsing; a body past the limit of its path is refused below.
  const size_t widest = options.upload_path.empty() ? options.max_body_bytes
                                                    : std::max(options.max_body_bytes, options.max_upload_bytes);
  parser.body_limit(widest);
  parser.header_limit(static_cast<uint32_t>(options.max_header_bytes));
  parser.eager(true);
  error_code ec;
  size_t used = 0;
  while (!ec && !parser.is_done() && used < bytes.size()) {
    const size_t n = parser.put(net::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (ec == http::error::need_more) ec = {};
    if (n == 0 && !ec) break;  // needs bytes that are not there
  }
  if (!parser.got_some()) {  // nothing arrived: the connection would just close
    status = 0;
    return std::nullopt;
  }
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (!ec && parser.is_done()) {
    Request request = request_of(parser.get());
    const size_t limit = request.path == options.upload_path ? options.max_upload_bytes : options.max_body_bytes;
    if (request.body.size() <= limit) return request;
    status = refusal(http::error::body_limit, options, limit, message);
    return std::nullopt;
  }
  status = refusal(ec ? ec : http::error::partial_message, options, widest, message);
  return std::nullopt;
}

}  // namespace heed::serve
