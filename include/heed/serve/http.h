#pragma once
// The server's view of HTTP, independent of the transport that reads and writes it: a complete
// request, the answer a handler fills in, and the table of routes. The transport (transport.h)
// parses the bytes and calls the router; the handlers (server.cc) never see a socket.
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace heed::serve {

// An answer other than 200, with its reason: LibreTranslate's shape, {"error": message}.
struct HttpError {
  int status;
  std::string message;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query
  std::string query;   // after '?', still percent-encoded
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
  // When it had fully arrived: its deadline counts from here.
  std::chrono::steady_clock::time_point received = std::chrono::steady_clock::now();
  // True once the client has closed its side: its answer would go nowhere (the transport
  // polls the socket). Null when there is no client to ask (tests, fuzzing).
  std::function<bool()> client_gone;

  // The header's value, or "" (name in lower case).
  std::string header(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string body, content_type = "text/plain";
  std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type and Content-Length

  void set(std::string content, std::string type) {
    body = std::move(content);
    content_type = std::move(type);
  }
};

// Exact paths by method. A route is `quick` when its handler never waits for a translation: the
// transport may answer it on its own thread, so that /health and /metrics answer under any load.
class Router {
 public:
  using Handler = std::function<void(const Request&, Response&)>;
  struct Route {
    Handler handler;
    bool quick = false;
  };
  void add(const std::string& method, const std::string& path, Handler handler, bool quick = false);
  // Every path that starts with `prefix` (e.g. /download_file/ID/NAME), where no exact path matches.
  void add_prefix(const std::string& method, const std::string& prefix, Handler handler, bool quick = false);
  // The route of the request, or null with `status` 404 (no such path) or 405 (not that method).
  const Route* find(const Request& request, int& status) const;

 private:
  std::map<std::pair<std::string, std::string>, Route> routes_;  // by path, then method
  std::vector<std::pair<std::pair<std::string, std::string>, Route>> prefixes_;  // (prefix, method)
};

}  // namespace heed::serve
