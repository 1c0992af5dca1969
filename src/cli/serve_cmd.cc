// heed serve: the translation server (LibreTranslate's API, heed's extras, a web page).
#include <atomic>
#include <chrono>
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <thread>

#include "command.h"
#include "heed/app/compute_type.h"
#include "heed/app/models.h"
#include "heed/core/error.h"
#include "heed/core/signals.h"
#include "heed/core/io.h"
#include "heed/core/memory.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/serve/server.h"

namespace heed::cli {
namespace {

const std::string& usage() {
  static const std::string text = fmt::format(
      "usage: heed serve [-m MODEL ...] [--host 127.0.0.1] [--port 5000] [options]\n\n"
      "Serves translation over HTTP: LibreTranslate's API (POST /translate, GET /languages), heed's\n"
      "own under /v1/ (n-best lists, scores, alignments, attention pictures), /health, /metrics\n"
      "(Prometheus) and a web page at /. Each MODEL (an installed name or a file, default {} and\n"
      "{} when installed) serves the language pair its name ends with (es-en: Spanish to English).\n"
      "Concurrent requests are translated in shared batches. SIGTERM or Ctrl-C stops accepting,\n"
      "answers the requests in flight and exits 0.",
      app::kServedModels[0], app::kServedModels[1]);
  return text;
}

std::string read_key(const std::string& path) {
  std::string key = read_file(path);
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
  HEED_CHECK(!key.empty(), "the API key file {} is empty", path);
  return key;
}

std::vector<serve::ServedModel> load_models(std::vector<std::string> names, ops::ComputeType compute) {
  if (names.empty()) names = app::default_served_models();
  std::vector<serve::ServedModel> models;
  for (const auto& name : names) {
    const std::string path = app::resolve_model(name);
    const std::string stem = std::filesystem::path(path).stem().string();
    std::string source, target;
    HEED_CHECK(app::language_pair(stem, source, target),
               "{}: the model's name does not end in its language pair (like es-en); rename the file", path);
    models.push_back({stem, source, target, decode::load_model_with_tokenizer(path, {compute, /*inference_only=*/true})});
  }
  return models;
}

// An earlier name of an option, still taken: its value unless the new name is given too.
void take_alias(const po::variables_map& vm, const char* old_name, const char* new_name, int64_t& value) {
  if (!vm.count(old_name)) return;
  if (!vm[new_name].defaulted())
    throw UsageError{fmt::format("--{} and --{} are the same option; give one", old_name, new_name), usage()};
  value = vm[old_name].as<int64_t>();
}

// What heed serve was asked for, checked; the workers and their threads shared out of the cores.
struct ServeArgs {
  std::vector<std::string> names;
  std::string compute, profile;
  int64_t primitive_cache = 256;
  serve::ServerOptions server;
  serve::BatcherOptions batcher;
};

// Null: the usage was printed (--help).
std::optional<ServeArgs> parse_serve_args(const std::vector<std::string>& args) {
  ServeArgs a;
  serve::ServerOptions& o = a.server;
  serve::BatcherOptions& b = a.batcher;
  std::string key_file;
  int keep_seconds = 600;
  po::options_description options("serve");
  options.add_options()
      ("model,m", po::value(&a.names)->composing(), "a model to serve (repeat for several)")
      ("host", po::value(&o.host)->default_value("127.0.0.1"), "address to listen on (0.0.0.0: every interface)")
      ("port", po::value(&o.port)->default_value(5000), "port (0: any free port)")
      ("beam-size", po::value(&b.translator.search.beam_size)->default_value(4), "beam size of /translate")
      ("batch-tokens", po::value(&b.translator.batch_tokens)->default_value(1024), "source tokens per batch (each worker's memory grows with it and the beam)")
      ("primitive-cache", po::value(&a.primitive_cache)->default_value(256), "oneDNN primitives each worker keeps (memory, against time to remake one)")
      ("release-memory", po::value(&o.release_memory_seconds)->default_value(1), "seconds between returns of malloc's free memory to the system, after a batch (0: never)")
      ("max-body-bytes", po::value(&o.max_body_bytes)->default_value(1 << 20), "larger request bodies get 413")
      ("max-file-bytes", po::value(&o.max_file_bytes)->default_value(10 << 20), "larger uploads to /translate_file get 413")
      ("file-keep-seconds", po::value(&keep_seconds)->default_value(600), "translated files are downloadable this long")
      ("file-store-bytes", po::value(&o.files.max_bytes)->default_value(256 << 20), "translated files kept at most (the oldest go first)")
      ("batch-limit", po::value(&o.batch_limit)->default_value(128), "texts per request (LibreTranslate's name)")
      ("char-limit", po::value(&o.char_limit)->default_value(5000), "characters per text (LibreTranslate's name)")
      ("alternatives-limit", po::value(&o.alternatives_limit)->default_value(3), "alternatives per text (LibreTranslate's name)")
      ("max-sentences", po::value<int64_t>(), "the same as --batch-limit (heed's earlier name)")
      ("max-characters", po::value<int64_t>(), "the same as --char-limit (heed's earlier name)")
      ("queue", po::value(&b.max_queued_sentences)->default_value(2048), "sentences waiting per model; more get 503")
      ("request-timeout", po::value(&o.request_timeout_seconds)->default_value(60), "seconds from a request's arrival to its answer; then 503")
      ("read-timeout", po::value(&o.read_timeout_seconds)->default_value(10), "seconds to receive a whole request; an idle connection is closed after it")
      ("workers", po::value(&b.workers), "batches translated at once per model, sharing the cores (default: cores, at most 4)")
      ("worker-nice", po::value(&b.nice)->default_value(0), "nice levels the translation workers run below the HTTP threads, 0..19 (Linux)")
      ("http-threads", po::value(&o.http_threads)->default_value(16), "requests handled at once (each waits for its translation)")
      ("http-queue", po::value(&o.http_queue)->default_value(256), "requests waiting for an HTTP thread; more get 503")
      ("max-connections", po::value(&o.max_connections)->default_value(1000), "connections open at once; more get 503")
      ("compute-type", po::value(&a.compute)->default_value("auto"), "products in auto, f32, bf16 or int8 (as heed translate)")
      ("api-key-file", po::value(&key_file), "require this file's key as api_key")
      ("language-profile", po::value(&a.profile), "the profile of source 'auto' and /detect (default: languages.lid among the installed models)")
      ("cors-origin", po::value(&o.cors_origin), "allow browsers on this origin (e.g. * or http://localhost:8080)");
  po::variables_map vm;
  if (!parse_options(args, usage(), options, vm)) return std::nullopt;
  if (o.port < 0 || o.port > 65535) throw UsageError{"--port must be 0..65535", usage()};
  if (b.translator.search.beam_size < 1) throw UsageError{"--beam-size must be at least 1", usage()};
  take_alias(vm, "max-sentences", "batch-limit", o.batch_limit);
  take_alias(vm, "max-characters", "char-limit", o.char_limit);
  if (o.batch_limit < 1 || o.char_limit < 1 || b.max_queued_sentences < 1 || o.http_threads < 1 || o.http_queue < 1 ||
      o.max_connections < 1 || o.request_timeout_seconds < 1 || o.read_timeout_seconds < 1)
    throw UsageError{"limits must be positive", usage()};
  if (keep_seconds < 1 || o.max_file_bytes < 1) throw UsageError{"limits must be positive", usage()};
  if (!(o.release_memory_seconds >= 0)) throw UsageError{"--release-memory must be 0 (never) or more seconds", usage()};
  o.files.keep = std::chrono::seconds(keep_seconds);
  if (o.alternatives_limit < 0 || o.alternatives_limit > 16) throw UsageError{"--alternatives-limit must be 0..16", usage()};
  if (!key_file.empty()) o.api_key = read_key(key_file);
  // The cores (--threads, or all) are shared out among the workers. One single-threaded worker
  // per core served 16 clients at 0.74-0.82 of heed translate's throughput on 2 cores, against
  // 0.53-0.63 for one worker of 2 threads, and still answered a lone sentence in 13-17 ms.
  const int cores = vm.count("threads") ? vm["threads"].as<int>() : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  if (!vm.count("workers")) b.workers = std::min(cores, 4);
  if (b.workers < 1) throw UsageError{"--workers must be at least 1", usage()};
  if (b.nice < 0 || b.nice > 19) throw UsageError{"--worker-nice must be 0..19", usage()};
  b.threads = std::max(1, cores / b.workers);
  if (b.translator.batch_tokens < 1 || a.primitive_cache < 1) throw UsageError{"--batch-tokens and --primitive-cache must be positive", usage()};
  return a;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  std::optional<ServeArgs> parsed = parse_serve_args(args);
  if (!parsed) return 0;
  ServeArgs& a = *parsed;
  serve::ServerOptions& o = a.server;
  serve::BatcherOptions& b = a.batcher;
  onednn::set_primitive_cache_capacity(a.primitive_cache);
  // Before any thread starts, in place of main's keep_freed_memory (which keeps up to 512 MB free
  // per heap for training's sake): an arena per worker and two for the HTTP threads, whose
  // allocations are small; blocks of 4 MB and more (a batch's buffers) mapped apart.
  keep_memory_flat(static_cast<int>(std::max<size_t>(a.names.size(), 2)) * b.workers + 2, 4 << 20, 16 << 20);

  // SIGINT and SIGTERM stop the server; taken by a thread of their own (core/signals.h), set up
  // before any other thread starts so that none of them sees a signal.
  std::atomic<serve::Server*> running{nullptr};
  std::atomic<int> caught{0};
  SignalWatcher watcher([&](int signal) {
    if (caught.exchange(signal) == 0)
      fmt::print(stderr, "heed serve: signal {}: answering the requests in flight, then stopping\n", signal);
    if (serve::Server* server = running.load()) server->stop();
  });

  const ops::ComputeType compute_type = app::choose_compute_type(a.compute);
  auto models = load_models(a.names, compute_type);
  // Source "auto" and /detect, when the language profile is installed (heed detect makes one).
  std::optional<text::LanguageIdentifier> languages;
  if (a.profile.empty()) a.profile = app::language_profile();
  if (!a.profile.empty()) languages.emplace(text::LanguageIdentifier::load(a.profile));
  o.languages = languages ? &*languages : nullptr;
  std::string served;
  for (const auto& m : models) served += fmt::format("{}{} ({} -> {})", served.empty() ? "" : ", ", m.name, m.source, m.target);
  if (caught.load() != 0) return 0;  // stopped while loading
  serve::Server server(std::move(models), o, b);
  const int port = server.bind();
  fmt::print(stderr, "heed serve: listening on http://{}:{}/ with {}; compute type {}; language detection {}\n", o.host,
             port, served, ops::compute_type_name(compute_type), languages ? a.profile : "off (no languages.lid)");
  running = &server;
  if (caught.load() != 0) server.stop();  // a signal before the server could hear it
  server.run();
  running = nullptr;
  return 0;
}

}  // namespace heed::cli
