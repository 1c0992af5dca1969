// libFuzzer target of heed serve: one request's bytes through the transport's HTTP parser, then
// the server's routing, field parsing and handlers (the tiny test model translating), with no
// socket. A crash, a sanitizer's report or an answer of 500 (heed's bug, by the server's rule) is
// a finding. Built and run by scripts/fuzz-serve.sh; docs/serving.md says how.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "heed/decode/loaded_model.h"
#include "heed/serve/server.h"
#include "transport.h"

namespace {

using namespace heed;

serve::Server& server() {
  static serve::Server* s = [] {
    std::vector<serve::ServedModel> models;
    models.push_back({"tiny-es-en", "es", "en", decode::load_model_with_tokenizer(HEED_TEST_DATA "/tiny-trained.heed")});
    serve::ServerOptions o;
    o.char_limit = 300;  // short texts: the tiny model translates each in milliseconds
    o.batch_limit = 8;
    o.api_key = "";
    serve::BatcherOptions b;
    b.threads = 1;
    b.translator.search.beam_size = 2;
    return new serve::Server(std::move(models), o, b);
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  serve::TransportOptions limits;
  limits.max_body_bytes = 1 << 16;
  int status = 0;
  std::string message;
  const auto request = serve::parse_request(bytes, limits, status, message);
  if (!request) {
    if (status >= 500) {
      std::fprintf(stderr, "the parser refused a request with %d: %s\n", status, message.c_str());
      std::abort();
    }
    return 0;
  }
  const serve::Response response = server().answer(*request);
  if (response.status >= 500 && response.status != 503) {
    std::fprintf(stderr, "answered %d: %s\n", response.status, response.body.c_str());
    std::abort();
  }
  return 0;
}
