#pragma once
// heed's translation server: LibreTranslate's API (POST /translate with source "auto" and
// alternatives and format "html", POST /translate_file with GET /download_file, POST /detect, GET /languages, GET /frontend/settings), heed's own
// extras under /v1/ (n-best lists, scores, alignments, attention pictures), /health, Prometheus
// /metrics and a web page at /. An event-driven transport reads requests (src/serve/transport.h);
// each model has a Batcher, on which the HTTP threads wait.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "heed/decode/loaded_model.h"
#include "heed/text/language_id.h"
#include "heed/serve/batcher.h"
#include "heed/serve/file_store.h"
#include "heed/serve/http.h"

namespace heed::serve {

// The limits are LibreTranslate's where it has them (--char-limit, --batch-limit,
// --alternatives-limit); docs/serving.md lists them all.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 5000;                       // 0: any free port (see Server::port())
  size_t max_body_bytes = 1 << 20;       // larger bodies: 413
  int64_t batch_limit = 128;             // texts per request; more: 413
  int64_t char_limit = 5000;             // per text (code points); more: 413
  int alternatives_limit = 3;            // alternatives per text; more: 400
  int read_timeout_seconds = 10;         // to receive a whole request; then 408, or closed if idle
  int write_timeout_seconds = 30;
  int request_timeout_seconds = 60;      // from arrival to answer; past it, 503 and its sentences dropped
  std::string api_key;                   // when set, every /translate and /v1/ request must carry it
  std::string cors_origin;               // when set, the Access-Control-Allow-Origin answer
  int http_threads = 16;                 // requests handled at once (each waits for its translation)
  int http_queue = 256;                  // complete requests waiting for an HTTP thread; more: 503
  int max_connections = 1000;            // open at once; more: 503 and closed
  size_t max_file_bytes = 10 << 20;      // POST /translate_file uploads; larger: 413
  FileStoreOptions files;                // translated files waiting for download
  // After a batch, malloc's free memory goes back to the system if this long has passed since it
  // last did (0: never): without it a worker's arena keeps what its last batches freed resident.
  double release_memory_seconds = 1;
  // Source "auto" and POST /detect (null: they answer 400). Not owned; outlives the server.
  const text::LanguageIdentifier* languages = nullptr;
};

// A model the server offers, with its language pair (es-en: source es, target en).
struct ServedModel {
  std::string name, source, target;
  decode::LoadedModel model;
};

class Server {
 public:
  Server(std::vector<ServedModel> models, ServerOptions options, BatcherOptions batching);
  ~Server();
  // Binds the address; returns the port (the chosen one when options.port is 0).
  int bind();
  // Serves until stop(); in-flight requests are answered before it returns.
  void run();
  // Stops accepting connections; safe from any thread.
  void stop();
  // Answers a request as if it had arrived over HTTP (tests and the fuzzer: no socket).
  Response answer(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace heed::serve
