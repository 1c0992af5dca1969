#include "heed/serve/server.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "heed/serve/fields.h"
#include "heed/core/error.h"
#include "heed/core/memory.h"
#include "heed/report/attention_svg.h"
#include "heed/doc/document.h"
#include "heed/serve/file_store.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/text/utf8.h"
#include "heed/serve/http.h"
#include "metrics.h"
#include "page.h"
#include "transport.h"

namespace heed::serve {
namespace {

using nlohmann::json;

// JSON text of an answer. An error message may quote a client's bytes (a JSON parser's message
// quotes the invalid UTF-8 it met): those become U+FFFD, so that answering never fails.
std::string text_of(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

const std::map<std::string, std::string>& language_names() {
  static const std::map<std::string, std::string> names{
      {"en", "English"}, {"es", "Spanish"}, {"fr", "French"}, {"de", "German"}, {"it", "Italian"}, {"pt", "Portuguese"}};
  return names;
}

std::string language_name(const std::string& code) {
  const auto it = language_names().find(code);
  return it == language_names().end() ? code : it->second;
}

// Compares without stopping at the first difference, so that timing does not reveal the key.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

int64_t code_points(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

struct Server::Impl final : HttpHandler {
  struct Model {
    explicit Model(ServedModel m) : served(std::move(m)) {}
    ServedModel served;
    std::unique_ptr<Batcher> batcher;
  };
  // In this order: the transport goes first (its handler threads joined), then the models
  // (whose batchers finish their queues and report to the metrics), then the metrics.
  ServerOptions options;
  Metrics metrics;
  std::unique_ptr<FreeMemoryReleaser> releaser;  // used by the batchers' workers
  std::vector<std::unique_ptr<Model>> models;
  std::unique_ptr<FileStore> files;
  Router router;
  std::unique_ptr<Transport> transport;
  int port = 0;

  Model& model_for(const std::string& source, const std::string& target) {
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    for (auto& m : models)
      if (m->served.source == source && m->served.target == target) return *m;
    std::string pairs;
    for (const auto& m : models) pairs += (pairs.empty() ? "" : ", ") + m->served.source + "->" + m->served.target;
    throw HttpError{400, fmt::format("no model translates {} to {} (available: {})", source, target, pairs)};
  }

  void check_key(const Fields& f) {
    if (options.api_key.empty()) return;
    if (!same_secret(f.text("api_key"), options.api_key)) throw HttpError{403, "Invalid API key"};
  }

  // The sentences of 'q', checked against the limits; `list` says whether q was a list.
  std::vector<std::string> sentences(const Fields& f, bool& list) {
    if (!f.values.contains("q")) throw HttpError{400, "'q' is required"};
    const json& q = f.values["q"];
    std::vector<std::string> out;
    list = q.is_array();
    if (list) {
      for (const auto& item : q) {
        if (!item.is_string()) throw HttpError{400, "'q' must be a string or a list of strings"};
        out.push_back(item.get<std::string>());
      }
    } else if (q.is_string()) {
      out.push_back(q.get<std::string>());
    } else {
      throw HttpError{400, "'q' must be a string or a list of strings"};
    }
    if (static_cast<int64_t>(out.size()) > options.batch_limit)
      throw HttpError{413, fmt::format("{} texts in one request; the limit is {}", out.size(), options.batch_limit)};
    for (const auto& s : out) check_text(s);
    return out;
  }

  void check_text(const std::string& s) const {
    if (!text::is_valid_utf8(s)) throw HttpError{400, "'q' is not valid UTF-8"};
    if (code_points(s) > options.char_limit)
      throw HttpError{413, fmt::format("a text of {} characters; the limit is {}", code_points(s), options.char_limit)};
  }

  // How long a request may wait for its translations: --request-timeout from its arrival, and
  // no longer than its client stays.
  Waiting waiting_for(const Request& req) const {
    return {req.received + std::chrono::seconds(options.request_timeout_seconds), req.client_gone};
  }

  std::vector<decode::Translation> translate(Model& m, std::vector<std::string> lines, const decode::SearchOptions& search,
                                             const Waiting& waiting) {
    try {
      metrics.sentences += static_cast<int64_t>(lines.size());
      return m.batcher->translate(std::move(lines), search, waiting);
    } catch (const QueueFull&) {
      ++metrics.rejected;
      throw HttpError{503, "the server is busy; retry shortly"};
    } catch (const DeadlinePassed&) {
      throw HttpError{503, fmt::format("not translated within the request timeout ({} s); retry later", options.request_timeout_seconds)};
    } catch (const Cancelled&) {
      throw HttpError{499, "the client closed the connection"};  // nginx's code: nobody reads it
    }
  }

  // The transport's entry: routes the request, counts it, times it, and turns errors into JSON
  // answers: HttpError and heed::Error are the client's (4xx), anything else heed's bug (500).
  void handle(const Request& req, Response& res) override {
    const auto start = std::chrono::steady_clock::now();
    ++metrics.requests;
    try {
      int status = 0;
      if (req.method == "OPTIONS" && !options.cors_origin.empty()) {
        res.headers.push_back({"Access-Control-Allow-Methods", "GET, POST, OPTIONS"});
        res.headers.push_back({"Access-Control-Allow-Headers", "Content-Type"});
      } else if (const auto* route = router.find(req, status)) {
        route->handler(req, res);
      } else {
        throw HttpError{status, status == 405 ? fmt::format("{} is not answered at {}", req.method, req.path) : "no such endpoint"};
      }
    } catch (const HttpError& e) {
      fail_with(res, e);
    } catch (const Error& e) {
      fail_with(res, {400, e.what()});
    } catch (const std::exception& e) {
      // An InternalError or another library's exception: heed's bug, not the client's request.
      fail_with(res, {500, fmt::format("internal error (a bug in heed): {}", e.what())});
    }
    if (!options.cors_origin.empty()) res.headers.push_back({"Access-Control-Allow-Origin", options.cors_origin});
    metrics.statuses.count(res.status);
    metrics.latency.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }

  bool quick(const Request& req) const override {
    int status = 0;
    const auto* route = router.find(req, status);
    return !route || route->quick;
  }

  // A request the transport answers itself (malformed, too large, too slow, too many waiting).
  void refuse(int status, const std::string& message, Response& res) override {
    ++metrics.requests;
    if (status == 503) ++metrics.rejected;
    fail_with(res, {status, message});
    metrics.statuses.count(status);
  }

  void fail_with(Response& res, const HttpError& e) {
    ++metrics.errors;
    res.status = e.status;
    res.headers.clear();
    if (e.status == 503) res.headers.push_back({"Retry-After", "1"});
    res.set(text_of(json{{"error", e.message}}), "application/json");
  }

  // The languages "auto" chooses among for `target`: the sources of the models into it, and the
  // target itself (a text already in it is given back as it is).
  std::vector<std::string> auto_candidates(const std::string& target) {
    if (!options.languages) throw HttpError{400, "language detection (source 'auto') needs a language profile; give the source language"};
    std::vector<std::string> out{target};
    for (const auto& m : models)
      if (m->served.target == target) out.push_back(m->served.source);
    if (out.size() == 1) throw HttpError{400, fmt::format("no model translates into {}", target)};
    const auto& known = options.languages->languages();
    for (const auto& language : out)
      if (std::find(known.begin(), known.end(), language) == known.end())
        throw HttpError{400, fmt::format("the server's language profile cannot detect '{}': give the source language", language)};
    return out;
  }

  text::LanguageGuess detect_one(const std::string& text, const std::vector<std::string>& candidates) {
    const auto guesses = options.languages->detect(text, candidates);
    if (guesses.empty()) throw HttpError{400, "the language profile knows none of the candidate languages"};
    return guesses.front();
  }

  // Translates each text with the model of its language into `target` (every text the same
  // source, unless source is "auto"), n_best candidates each; `detected` receives the languages.
  std::vector<decode::Translation> translate_texts(const std::vector<std::string>& texts, const std::string& source,
                                                   const std::string& target, decode::SearchOptions search,
                                                   const Waiting& waiting, std::vector<text::LanguageGuess>& detected) {
    std::vector<decode::Translation> out(texts.size());
    std::map<Model*, std::vector<size_t>> groups;
    const auto candidates = source == "auto" ? auto_candidates(target) : std::vector<std::string>{};
    for (size_t i = 0; i < texts.size(); ++i) {
      if (source != "auto") {
        groups[&model_for(source, target)].push_back(i);
        continue;
      }
      // A text without letters ("2024") has no language: it is given back as it is.
      detected.push_back(text::has_letters(texts[i]) ? detect_one(texts[i], candidates)
                                                     : text::LanguageGuess{target, 100.0});
      if (detected.back().language == target) {
        out[i].candidates.push_back({});
        out[i].candidates.back().text = texts[i];
      } else {
        groups[&model_for(detected.back().language, target)].push_back(i);
      }
    }
    for (auto& [m, indices] : groups) {
      std::vector<std::string> lines;
      for (size_t i : indices) lines.push_back(texts[i]);
      auto translations = translate(*m, std::move(lines), search, waiting);
      for (size_t k = 0; k < indices.size(); ++k) out[indices[k]] = std::move(translations[k]);
    }
    return out;
  }

  void libretranslate(const Request& req, Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    const std::string format = f.text("format", "text");
    if (format != "text" && format != "html") throw HttpError{400, fmt::format("unknown format '{}' (text, html)", format)};
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    if (format == "html") return translate_html(f, source, target, waiting_for(req), res);
    // As LibreTranslate: a negative number asks for none, more than the limit is refused.
    const auto alternatives = static_cast<int>(std::max<int64_t>(0, f.integer("alternatives", 0, INT32_MIN, INT32_MAX)));
    if (alternatives > options.alternatives_limit)
      throw HttpError{400, fmt::format("'alternatives' must be at most {}", options.alternatives_limit)};
    bool list = false;
    const auto texts = sentences(f, list);
    decode::SearchOptions search = default_search_for(target);
    search.n_best = alternatives + 1;
    search.beam_size = std::max(search.beam_size, search.n_best);
    std::vector<text::LanguageGuess> detected;
    const auto translations = translate_texts(texts, source, target, search, waiting_for(req), detected);
    json out, translated = json::array(), others = json::array(), languages = json::array();
    for (size_t i = 0; i < translations.size(); ++i) {
      const auto& candidates = translations[i].candidates;
      translated.push_back(candidates.front().text);
      // LibreTranslate's alternatives: the other candidates, each once, none equal to the best.
      json alt = json::array();
      for (size_t k = 1; k < candidates.size(); ++k)
        if (candidates[k].text != candidates.front().text &&
            std::find(alt.begin(), alt.end(), candidates[k].text) == alt.end())
          alt.push_back(candidates[k].text);
      others.push_back(std::move(alt));
      if (!detected.empty()) languages.push_back({{"confidence", detected[i].confidence}, {"language", detected[i].language}});
    }
    out["translatedText"] = list ? translated : translated.front();
    if (!detected.empty()) out["detectedLanguage"] = list ? languages : languages.front();
    if (alternatives > 0) out["alternatives"] = list ? others : others.front();
    res.set(text_of(out), "application/json");
  }

  // format "html": each text a page or fragment, its markup kept (doc/html.h).
  void translate_html(const Fields& f, const std::string& source, const std::string& target, const Waiting& waiting,
                      Response& res) {
    bool list = false;
    const auto texts = sentences(f, list);
    json translated = json::array(), languages = json::array();
    for (const auto& t : texts) {
      text::LanguageGuess detected;
      translated.push_back(translate_document(t, doc::DocumentFormat::html, "q", source, target, waiting, detected));
      languages.push_back({{"confidence", detected.confidence}, {"language", detected.language}});
    }
    json out{{"translatedText", list ? translated : translated.front()}};
    if (source == "auto") out["detectedLanguage"] = list ? languages : languages.front();
    res.set(text_of(out), "application/json");
  }

  // A document's texts translated in one call, with the word alignments that place its markup.
  // With source "auto", the document's language is detected once, from all its text.
  std::string translate_document(const std::string& content, doc::DocumentFormat format, const std::string& name,
                                 const std::string& source, const std::string& target, const Waiting& waiting,
                                 text::LanguageGuess& detected) {
    decode::SearchOptions search = default_search_for(target);
    search.attention = true;
    search.attention_layer = decode::SearchOptions::kMiddleLayer;
    detected = {source, 100.0};
    const doc::AlignedTranslate translate = [&](const std::vector<std::string>& texts) {
      std::vector<doc::AlignedTranslation> out;
      if (source == "auto") {
        std::string all;
        for (const auto& t : texts) all += t + "\n";
        detected = text::has_letters(all) ? detect_one(all, auto_candidates(target)) : text::LanguageGuess{target, 100.0};
      }
      if (detected.language == target) {  // already in the target language: as it is
        for (const auto& t : texts) out.push_back(identity(t));
        return out;
      }
      std::vector<text::LanguageGuess> unused;
      for (const auto& tr : translate_texts(texts, detected.language, target, search, waiting, unused)) out.push_back(doc::aligned(tr));
      return out;
    };
    doc::DocumentOptions o;
    o.max_bytes = options.max_file_bytes;
    if (format == doc::DocumentFormat::text) return translate_lines(content, translate);
    return doc::translate_document(content, format, translate, name, o);
  }

  static doc::AlignedTranslation identity(const std::string& t) {
    doc::AlignedTranslation same{t, {}};
    for (size_t w = 0; w < doc::word_ranges(t).size(); ++w) same.links.emplace_back(static_cast<int>(w), static_cast<int>(w));
    return same;
  }

  // A .txt file: line by line, empty lines and the last line's end as they were.
  static std::string translate_lines(const std::string& content, const doc::AlignedTranslate& translate) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < content.size()) {
      const size_t end = std::min(content.find('\n', start), content.size());
      lines.push_back(content.substr(start, end - start));
      start = end + 1;
    }
    std::vector<std::string> texts;
    for (const auto& l : lines) texts.push_back(l);
    const auto translations = texts.empty() ? std::vector<doc::AlignedTranslation>{} : translate(texts);
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) out += translations[i].text + (i + 1 < lines.size() ? "\n" : "");
    if (!content.empty() && content.back() == '\n') out += "\n";
    return out;
  }

  // LibreTranslate's POST /translate_file: multipart 'file', 'source', 'target'; the answer is
  // the URL the translated file is downloaded from.
  void translate_file(const Request& req, Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    const auto file = std::find_if(f.files.begin(), f.files.end(), [](const FormFile& x) { return x.name == "file"; });
    if (file == f.files.end()) throw HttpError{400, "'file' is required (a multipart upload)"};
    const auto format = doc::format_of_file_name(file->filename);
    if (!format)
      throw HttpError{400, fmt::format("cannot translate '{}': the formats accepted are {}", file->filename,
                                       doc::accepted_extensions())};
    if (file->content.size() > options.max_file_bytes)
      throw HttpError{413, fmt::format("a file of {} bytes; the limit is {}", file->content.size(), options.max_file_bytes)};
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    if (*format != doc::DocumentFormat::docx && *format != doc::DocumentFormat::odt && !text::is_valid_utf8(file->content))
      throw HttpError{400, fmt::format("{} is not valid UTF-8", file->filename)};
    text::LanguageGuess detected;
    std::string translated =
        translate_document(file->content, *format, file->filename, source, target, waiting_for(req), detected);
    const std::string name = translated_name(file->filename, target);
    const std::string id = files->put(name, std::move(translated));
    const std::string host = req.header("host");
    json out{{"translatedFileUrl", fmt::format("http://{}/download_file/{}/{}", host.empty() ? "localhost" : host, id, name)}};
    if (source == "auto") out["detectedLanguage"] = {{"confidence", detected.confidence}, {"language", detected.language}};
    res.set(text_of(out), "application/json");
  }

  // "carta.docx" into en: "carta.en.docx"; a name made safe for a URL and a header.
  static std::string translated_name(const std::string& original, const std::string& target) {
    std::string base = original.substr(original.find_last_of("/\\") == std::string::npos ? 0 : original.find_last_of("/\\") + 1);
    for (char& c : base)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
    const size_t dot = base.find_last_of('.');
    return dot == std::string::npos ? base + "." + target : base.substr(0, dot) + "." + target + base.substr(dot);
  }

  // GET /download_file/ID/NAME.
  void download_file(const Request& req, Response& res) {
    const std::string rest = req.path.substr(std::string_view("/download_file/").size());
    const size_t slash = rest.find('/');
    const auto file = slash == std::string::npos ? std::nullopt : files->get(rest.substr(0, slash));
    if (!file || file->name != rest.substr(slash + 1))
      throw HttpError{404, "no such file (translated files are kept for a while, then deleted)"};
    const auto format = doc::format_of_file_name(file->name);
    const char* type = format == doc::DocumentFormat::docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                       : format == doc::DocumentFormat::odt ? "application/vnd.oasis.opendocument.text"
                       : format == doc::DocumentFormat::html ? "text/html; charset=utf-8"
                                                             : "text/plain; charset=utf-8";
    res.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file->name));
    res.set(file->content, type);
  }

  // The default search of the models into `target` (they share one: the server's options).
  decode::SearchOptions default_search_for(const std::string& target) {
    for (auto& m : models)
      if (m->served.target == target) return m->batcher->default_search();
    return models.front()->batcher->default_search();
  }

  // LibreTranslate's: the candidates among every language of the served models, best first.
  void detect(const Request& req, Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    if (!options.languages) throw HttpError{400, "language detection needs a language profile (languages.lid)"};
    const std::string q = f.text("q");
    if (q.empty()) throw HttpError{400, "'q' is required"};
    check_text(q);
    std::vector<std::string> served;
    for (const auto& m : models) served.insert(served.end(), {m->served.source, m->served.target});
    json out = json::array();
    for (const auto& g : options.languages->detect(q, served))
      out.push_back({{"confidence", g.confidence}, {"language", g.language}});
    res.set(text_of(out), "application/json");
  }

  // What LibreTranslate's web front end and clients read before their first request.
  void frontend_settings(Response& res) {
    const auto& first = models.front()->served;
    // With detection, LibreTranslate's front end starts on "auto"; the name is its own.
    const json source = options.languages ? json{{"code", "auto"}, {"name", "Auto Detect"}}
                                          : json{{"code", first.source}, {"name", language_name(first.source)}};
    const json settings{
        {"charLimit", options.char_limit},
        {"frontendTimeout", 500},
        {"apiKeys", !options.api_key.empty()},
        {"keyRequired", !options.api_key.empty()},
        {"suggestions", false},
        {"filesTranslation", true},
        {"supportedFilesFormat", supported_files()},
        {"language",
         {{"source", source}, {"target", {{"code", first.target}, {"name", language_name(first.target)}}}}},
    };
    res.set(text_of(settings), "application/json");
  }

  static json supported_files() {
    json out = json::array();
    std::string list = doc::accepted_extensions();
    size_t start = 0;
    while (start < list.size()) {
      const size_t end = std::min(list.find(", ", start), list.size());
      out.push_back(list.substr(start, end - start));
      start = end + 2;
    }
    return out;
  }

  // heed's own: n-best lists with scores (log p, as heed score), and word alignments.
  void v1_translate(const Request& req, Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    decode::SearchOptions search = default_search_for(target);
    search.beam_size = static_cast<int>(f.integer("beam_size", search.beam_size, 1, 16));
    search.n_best = static_cast<int>(f.integer("n_best", 1, 1, search.beam_size));
    const bool alignment = f.flag("alignment");
    search.attention = alignment;
    bool list = false;
    const auto texts = sentences(f, list);
    std::vector<text::LanguageGuess> detected;
    const auto translations = translate_texts(texts, source, target, search, waiting_for(req), detected);
    json out = json::array();
    for (size_t i = 0; i < translations.size(); ++i) {
      json candidates = json::array();
      for (const auto& c : translations[i].candidates) {
        json one{{"text", c.text}, {"log_prob", c.log_prob}};
        if (alignment) one["alignment"] = c.alignment;
        candidates.push_back(std::move(one));
      }
      json result{{"translations", std::move(candidates)}};
      if (!detected.empty()) result["detected_language"] = {{"confidence", detected[i].confidence}, {"language", detected[i].language}};
      out.push_back(std::move(result));
    }
    json answer{{"results", std::move(out)}};
    if (source != "auto") answer["model"] = model_for(source, target).served.name;
    res.set(text_of(answer), "application/json");
  }

  // The attention picture of one sentence's best translation, as SVG.
  void v1_attention(const Request& req, Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    Model& m = model_for(f.text("source"), f.text("target"));
    bool list = false;
    auto lines = sentences(f, list);
    if (list || lines.size() != 1) throw HttpError{400, "'q' must be one sentence"};
    decode::SearchOptions search = m.batcher->default_search();
    search.attention = true;
    const std::string source = lines.front();
    const auto translations = translate(m, std::move(lines), search, waiting_for(req));
    const auto& best = translations.front().candidates.front();
    if (best.attention.empty()) throw HttpError{400, "no picture for an empty sentence"};
    res.set(report::attention_svg({source, best.text, best.source_pieces, best.target_pieces, best.attention,
                                           report::attention_caption(search, m.served.model.config().decoder_layers)}),
                    "image/svg+xml");
  }

  void languages(Response& res) {
    // Every language of any model, as LibreTranslate lists them: clients check both codes of a
    // request against this list, so target-only languages are listed too (with no targets).
    std::map<std::string, std::vector<std::string>> targets;
    for (const auto& m : models) {
      targets[m->served.source].push_back(m->served.target);
      targets[m->served.target];
    }
    json out = json::array();
    for (const auto& [code, to] : targets) out.push_back({{"code", code}, {"name", language_name(code)}, {"targets", to}});
    res.set(text_of(out), "application/json");
  }

  void prometheus(Response& res) {
    int64_t queued = 0, batches = 0, expired = 0, cancelled = 0;
    for (const auto& m : models) {
      const auto s = m->batcher->stats();
      queued += s.queued_sentences;
      batches += s.batches;
      expired += s.expired;
      cancelled += s.cancelled;
    }
    std::string out;
    auto counter = [&](const char* name, const char* help, int64_t value) {
      out += fmt::format("# HELP {} {}\n# TYPE {} counter\n{} {}\n", name, help, name, name, value);
    };
    auto gauge = [&](const char* name, const char* help, int64_t value) {
      out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", name, help, name, name, value);
    };
    counter("heed_requests_total", "HTTP requests answered", metrics.requests.load());
    counter("heed_request_errors_total", "requests answered with an error status", metrics.errors.load());
    counter("heed_requests_rejected_total", "requests refused because the server was busy (503)", metrics.rejected.load());
    counter("heed_requests_expired_total", "requests not translated within --request-timeout (503)", expired);
    counter("heed_requests_cancelled_total", "requests whose client left before its translation", cancelled);
    counter("heed_sentences_total", "sentences translated", metrics.sentences.load());
    counter("heed_batches_total", "batches translated", batches);
    gauge("heed_queue_sentences", "sentences waiting to be translated", queued);
    gauge("heed_open_connections", "HTTP connections open", transport ? transport->open_connections() : 0);
    gauge("heed_primitives_cached", "oneDNN primitives held by the workers' caches", onednn::primitives_cached());
    const auto heap = malloc_figures();
    gauge("heed_malloc_in_use_bytes", "bytes malloc has handed out", heap.in_use);
    gauge("heed_malloc_free_bytes", "free bytes malloc keeps in its arenas", heap.free);
    counter("heed_memory_releases_total", "times malloc's free memory was returned to the system", releaser->releases());
    out += fmt::format("# HELP {0} time spent returning free memory\n# TYPE {0} counter\n{0} {1:.6f}\n",
                       "heed_memory_release_seconds_total", releaser->seconds());
    out += metrics.latency.text("heed_request_seconds", "time to answer a request");
    out += metrics.queue_wait.text("heed_queue_wait_seconds", "time a request waited in the queue before its batch started");
    out += metrics.batch_sizes.text("heed_batch_sentences", "sentences per translated batch");
    out += metrics.statuses.text("heed_responses_total", "answers by HTTP status");
    out += process_text();
    res.set(out, "text/plain; version=0.0.4");
  }

  void routes() {
    auto json_answer = [](const char* text) {
      return [text](const Request&, Response& res) { res.set(text, "application/json"); };
    };
    router.add("POST", "/translate", [this](const auto& req, auto& res) { libretranslate(req, res); });
    router.add("POST", "/v1/translate", [this](const auto& req, auto& res) { v1_translate(req, res); });
    router.add("POST", "/v1/attention", [this](const auto& req, auto& res) { v1_attention(req, res); });
    router.add("POST", "/translate_file", [this](const auto& req, auto& res) { translate_file(req, res); });
    router.add_prefix("GET", "/download_file/", [this](const auto& req, auto& res) { download_file(req, res); }, true);
    router.add("POST", "/detect", [this](const auto& req, auto& res) { detect(req, res); });
    // Quick: answered on the transport's thread, whatever the load.
    router.add("GET", "/languages", [this](const auto&, auto& res) { languages(res); }, true);
    router.add("GET", "/frontend/settings", [this](const auto&, auto& res) { frontend_settings(res); }, true);
    router.add("GET", "/health", json_answer(R"({"status":"ok"})"), true);
    router.add("GET", "/metrics", [this](const auto&, auto& res) { prometheus(res); }, true);
    router.add("GET", "/", [](const auto&, auto& res) { res.set(page_html(), "text/html; charset=utf-8"); }, true);
  }
};

Server::Server(std::vector<ServedModel> models, ServerOptions options, BatcherOptions batching)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->files = std::make_unique<FileStore>(impl_->options.files);
  HEED_CHECK(!models.empty(), "the server needs at least one model");
  auto* metrics = &impl_->metrics;
  impl_->releaser = std::make_unique<FreeMemoryReleaser>(impl_->options.release_memory_seconds);
  auto* releaser = impl_->releaser.get();
  for (auto& served : models) {
    auto m = std::make_unique<Impl::Model>(std::move(served));
    BatcherOptions own = batching;  // the model's languages: abbreviations, small words of titles
    own.translator.source_language = m->served.source;
    own.translator.target_language = m->served.target;
    // After the batch's answers have gone: releasing memory delays no one's translation.
    own.on_batch = [metrics, releaser](int64_t n) {
      metrics->batch_sizes.observe(static_cast<double>(n));
      releaser->maybe_release();
    };
    own.on_wait = [metrics](double seconds) { metrics->queue_wait.observe(seconds); };
    m->batcher = std::make_unique<Batcher>(m->served.model, own);
    impl_->models.push_back(std::move(m));
  }
  const auto& o = impl_->options;
  TransportOptions transport;
  transport.max_body_bytes = o.max_body_bytes;
  transport.upload_path = "/translate_file";
  transport.max_upload_bytes = o.max_file_bytes + (64 << 10);  // the file and the form around it
  transport.read_timeout_seconds = o.read_timeout_seconds;
  transport.write_timeout_seconds = o.write_timeout_seconds;
  transport.threads = o.http_threads;
  transport.max_waiting = o.http_queue;
  transport.max_connections = o.max_connections;
  impl_->transport = std::make_unique<Transport>(transport, *impl_);
  impl_->routes();
}

Server::~Server() {
  impl_->transport.reset();  // before the models its handlers use
}

int Server::bind() { return impl_->port = impl_->transport->bind(impl_->options.host, impl_->options.port); }

void Server::run() { impl_->transport->run(); }

void Server::stop() { impl_->transport->stop(); }

Response Server::answer(const Request& request) {
  Response response;
  impl_->handle(request, response);
  return response;
}

}  // namespace heed::serve
