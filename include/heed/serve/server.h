#pragma once
// heed's translation server: LibreTranslate's API (POST /translate with source "auto" and
// alternatives and format "html", POST /translate_file with GET /download_file, POST /detect, GET /languages, GET /frontend/settings), heed's own
// extras under /v1/ (n-best lists, scores, alignments, attention pictures), /health, Prometheus
// /metrics and a web page at /. Each model has a Batcher; HTTP threads wait on it.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "heed/decode/loaded_model.h"
#include "heed/text/language_id.h"
#include "heed/serve/batcher.h"
#include "heed/serve/file_store.h"

namespace heed::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 5000;                       // 0: any free port (see Server::port())
  size_t max_body_bytes = 1 << 20;       // larger bodies: 413
  int64_t max_sentences = 128;           // per request; more: 413
  int64_t max_characters = 5000;         // per sentence (code points); more: 413
  int read_timeout_seconds = 10, write_timeout_seconds = 30;
  std::string api_key;                   // when set, every /translate and /v1/ request must carry it
  std::string cors_origin;               // when set, the Access-Control-Allow-Origin answer
  int http_threads = 16;                 // connections served at once
  int max_alternatives = 3;              // LibreTranslate's alternatives limit; more: 400
  size_t max_file_bytes = 10 << 20;      // POST /translate_file uploads; larger: 413
  FileStoreOptions files;                // translated files waiting for download
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace heed::serve
