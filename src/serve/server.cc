#include "heed/serve/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "heed/core/error.h"
#include "heed/decode/attention_svg.h"
#include "heed/doc/document.h"
#include "heed/serve/file_store.h"
#include "heed/text/utf8.h"
#include "metrics.h"
#include "page.h"

namespace heed::serve {
namespace {

using nlohmann::json;

// JSON text of an answer. An error message may quote a client's bytes (a JSON parser's message
// quotes the invalid UTF-8 it met): those become U+FFFD, so that answering never fails.
std::string text_of(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// An answer other than 200: LibreTranslate's shape, {"error": message}.
struct HttpError {
  int status;
  std::string message;
};

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

// A request's fields, from a JSON body or from form fields (urlencoded or multipart), as
// LibreTranslate takes them; q is a string or a list of strings.
struct Fields {
  json values = json::object();

  static Fields of(const httplib::Request& req) {
    Fields f;
    const std::string type = req.get_header_value("Content-Type");
    if (type.find("application/json") != std::string::npos) {
      try {
        f.values = json::parse(req.body);
      } catch (const json::exception& e) {
        throw HttpError{400, fmt::format("the body is not valid JSON: {}", e.what())};
      }
      if (!f.values.is_object()) throw HttpError{400, "the JSON body must be an object"};
      return f;
    }
    for (const auto& [key, value] : req.params) f.add(key, value);
    for (const auto& [key, file] : req.files) f.add(key, file.content);
    return f;
  }
  void add(const std::string& key, const std::string& value) {
    if (!values.contains(key)) {
      values[key] = value;
    } else {
      if (!values[key].is_array()) values[key] = json::array({values[key]});
      values[key].push_back(value);
    }
  }
  std::string text(const std::string& key, const std::string& fallback = "") const {
    if (!values.contains(key) || values[key].is_null()) return fallback;
    if (!values[key].is_string()) throw HttpError{400, fmt::format("'{}' must be a string", key)};
    return values[key].get<std::string>();
  }
  int integer(const std::string& key, int fallback) const {
    if (!values.contains(key)) return fallback;
    const json& v = values[key];
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_string()) {
      try {
        return std::stoi(v.get<std::string>());
      } catch (const std::exception&) {
      }
    }
    throw HttpError{400, fmt::format("'{}' must be an integer", key)};
  }
  bool flag(const std::string& key) const {
    if (!values.contains(key)) return false;
    const json& v = values[key];
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) return v == "true" || v == "1";
    throw HttpError{400, fmt::format("'{}' must be true or false", key)};
  }
};

}  // namespace

struct Server::Impl {
  struct Model {
    explicit Model(ServedModel m) : served(std::move(m)) {}
    ServedModel served;
    std::unique_ptr<Batcher> batcher;
  };
  // In this order: the HTTP server goes first, then the models (whose batchers finish their
  // queues and report to the metrics), then the metrics.
  ServerOptions options;
  Metrics metrics;
  std::vector<std::unique_ptr<Model>> models;
  std::unique_ptr<FileStore> files;
  httplib::Server http;
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
    if (static_cast<int64_t>(out.size()) > options.max_sentences)
      throw HttpError{413, fmt::format("{} texts in one request; the limit is {}", out.size(), options.max_sentences)};
    for (const auto& s : out) {
      if (!text::is_valid_utf8(s)) throw HttpError{400, "'q' is not valid UTF-8"};
      if (code_points(s) > options.max_characters)
        throw HttpError{413, fmt::format("a text of {} characters; the limit is {}", code_points(s), options.max_characters)};
    }
    return out;
  }

  std::vector<decode::Translation> translate(Model& m, std::vector<std::string> lines, const decode::SearchOptions& search) {
    try {
      metrics.sentences += static_cast<int64_t>(lines.size());
      return m.batcher->translate(std::move(lines), search);
    } catch (const QueueFull&) {
      ++metrics.rejected;
      throw HttpError{503, "the server is busy; retry shortly"};
    }
  }

  // Runs a handler: counts it, times it, and turns errors into JSON answers.
  void handle(const httplib::Request& req, httplib::Response& res,
              const std::function<void(const httplib::Request&, httplib::Response&)>& f) {
    const auto start = std::chrono::steady_clock::now();
    ++metrics.requests;
    try {
      if (req.body.size() > options.max_body_bytes && req.path != "/translate_file")
        throw HttpError{413, fmt::format("the body is larger than {} bytes", options.max_body_bytes)};
      f(req, res);
    } catch (const HttpError& e) {
      fail_with(res, e);
    } catch (const Error& e) {
      fail_with(res, {400, e.what()});
    } catch (const std::exception& e) {
      // An InternalError or another library's exception: heed's bug, not the client's request.
      fail_with(res, {500, fmt::format("internal error (a bug in heed): {}", e.what())});
    }
    if (!options.cors_origin.empty()) res.set_header("Access-Control-Allow-Origin", options.cors_origin);
    metrics.statuses.count(res.status > 0 ? res.status : 200);  // a handler that set none answers 200
    metrics.latency.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }

  void fail_with(httplib::Response& res, const HttpError& e) {
    ++metrics.errors;
    res.status = e.status;
    if (e.status == 503) res.set_header("Retry-After", "1");
    res.set_content(text_of(json{{"error", e.message}}), "application/json");
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
                                                   std::vector<text::LanguageGuess>& detected) {
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
      auto translations = translate(*m, std::move(lines), search);
      for (size_t k = 0; k < indices.size(); ++k) out[indices[k]] = std::move(translations[k]);
    }
    return out;
  }

  void libretranslate(const httplib::Request& req, httplib::Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    const std::string format = f.text("format", "text");
    if (format != "text" && format != "html") throw HttpError{400, fmt::format("unknown format '{}' (text, html)", format)};
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    if (format == "html") return translate_html(f, source, target, res);
    // As LibreTranslate: a negative number asks for none, more than the limit is refused.
    const int alternatives = std::max(0, f.integer("alternatives", 0));
    if (alternatives > options.max_alternatives)
      throw HttpError{400, fmt::format("'alternatives' must be at most {}", options.max_alternatives)};
    bool list = false;
    const auto texts = sentences(f, list);
    decode::SearchOptions search = default_search_for(target);
    search.n_best = alternatives + 1;
    search.beam_size = std::max(search.beam_size, search.n_best);
    std::vector<text::LanguageGuess> detected;
    const auto translations = translate_texts(texts, source, target, search, detected);
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
    res.set_content(text_of(out), "application/json");
  }

  // format "html": each text a page or fragment, its markup kept (doc/html.h).
  void translate_html(const Fields& f, const std::string& source, const std::string& target, httplib::Response& res) {
    bool list = false;
    const auto texts = sentences(f, list);
    json translated = json::array(), languages = json::array();
    for (const auto& t : texts) {
      text::LanguageGuess detected;
      translated.push_back(translate_document(t, doc::DocumentFormat::html, "q", source, target, detected));
      languages.push_back({{"confidence", detected.confidence}, {"language", detected.language}});
    }
    json out{{"translatedText", list ? translated : translated.front()}};
    if (source == "auto") out["detectedLanguage"] = list ? languages : languages.front();
    res.set_content(text_of(out), "application/json");
  }

  // A document's texts translated in one call, with the word alignments that place its markup.
  // With source "auto", the document's language is detected once, from all its text.
  std::string translate_document(const std::string& content, doc::DocumentFormat format, const std::string& name,
                                 const std::string& source, const std::string& target, text::LanguageGuess& detected) {
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
      for (const auto& tr : translate_texts(texts, detected.language, target, search, unused)) out.push_back(doc::aligned(tr));
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
  void translate_file(const httplib::Request& req, httplib::Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    if (!req.has_file("file")) throw HttpError{400, "'file' is required (a multipart upload)"};
    const httplib::MultipartFormData file = req.get_file_value("file");
    const auto format = doc::format_of_file_name(file.filename);
    if (!format)
      throw HttpError{400, fmt::format("cannot translate '{}': the formats accepted are {}", file.filename,
                                       doc::accepted_extensions())};
    if (file.content.size() > options.max_file_bytes)
      throw HttpError{413, fmt::format("a file of {} bytes; the limit is {}", file.content.size(), options.max_file_bytes)};
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    if (*format != doc::DocumentFormat::docx && *format != doc::DocumentFormat::odt && !text::is_valid_utf8(file.content))
      throw HttpError{400, fmt::format("{} is not valid UTF-8", file.filename)};
    text::LanguageGuess detected;
    std::string translated = translate_document(file.content, *format, file.filename, source, target, detected);
    const std::string name = translated_name(file.filename, target);
    const std::string id = files->put(name, std::move(translated));
    const std::string host = req.get_header_value("Host");
    json out{{"translatedFileUrl", fmt::format("http://{}/download_file/{}/{}", host.empty() ? "localhost" : host, id, name)}};
    if (source == "auto") out["detectedLanguage"] = {{"confidence", detected.confidence}, {"language", detected.language}};
    res.set_content(text_of(out), "application/json");
  }

  // "carta.docx" into en: "carta.en.docx"; a name made safe for a URL and a header.
  static std::string translated_name(const std::string& original, const std::string& target) {
    std::string base = original.substr(original.find_last_of("/\\") == std::string::npos ? 0 : original.find_last_of("/\\") + 1);
    for (char& c : base)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
    const size_t dot = base.find_last_of('.');
    return dot == std::string::npos ? base + "." + target : base.substr(0, dot) + "." + target + base.substr(dot);
  }

  void download_file(const httplib::Request& req, httplib::Response& res) {
    const auto file = files->get(req.matches[1]);
    if (!file || file->name != req.matches[2]) throw HttpError{404, "no such file (translated files are kept for a while, then deleted)"};
    const auto format = doc::format_of_file_name(file->name);
    const char* type = format == doc::DocumentFormat::docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                       : format == doc::DocumentFormat::odt ? "application/vnd.oasis.opendocument.text"
                       : format == doc::DocumentFormat::html ? "text/html; charset=utf-8"
                                                             : "text/plain; charset=utf-8";
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file->name));
    res.set_content(file->content, type);
  }

  // The default search of the models into `target` (they share one: the server's options).
  decode::SearchOptions default_search_for(const std::string& target) {
    for (auto& m : models)
      if (m->served.target == target) return m->batcher->default_search();
    return models.front()->batcher->default_search();
  }

  // LibreTranslate's: the candidates among every language of the served models, best first.
  void detect(const httplib::Request& req, httplib::Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    if (!options.languages) throw HttpError{400, "language detection needs a language profile (languages.lid)"};
    const std::string q = f.text("q");
    if (q.empty()) throw HttpError{400, "'q' is required"};
    if (!text::is_valid_utf8(q)) throw HttpError{400, "'q' is not valid UTF-8"};
    if (code_points(q) > options.max_characters)
      throw HttpError{413, fmt::format("a text of {} characters; the limit is {}", code_points(q), options.max_characters)};
    std::vector<std::string> served;
    for (const auto& m : models) served.insert(served.end(), {m->served.source, m->served.target});
    json out = json::array();
    for (const auto& g : options.languages->detect(q, served))
      out.push_back({{"confidence", g.confidence}, {"language", g.language}});
    res.set_content(text_of(out), "application/json");
  }

  // What LibreTranslate's web front end and clients read before their first request.
  void frontend_settings(httplib::Response& res) {
    const auto& first = models.front()->served;
    // With detection, LibreTranslate's front end starts on "auto"; the name is its own.
    const json source = options.languages ? json{{"code", "auto"}, {"name", "Auto Detect"}}
                                          : json{{"code", first.source}, {"name", language_name(first.source)}};
    const json settings{
        {"charLimit", options.max_characters},
        {"frontendTimeout", 500},
        {"apiKeys", !options.api_key.empty()},
        {"keyRequired", !options.api_key.empty()},
        {"suggestions", false},
        {"filesTranslation", true},
        {"supportedFilesFormat", supported_files()},
        {"language",
         {{"source", source}, {"target", {{"code", first.target}, {"name", language_name(first.target)}}}}},
    };
    res.set_content(text_of(settings), "application/json");
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
  void v1_translate(const httplib::Request& req, httplib::Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    const std::string source = f.text("source"), target = f.text("target");
    if (source.empty() || target.empty()) throw HttpError{400, "'source' and 'target' are required"};
    decode::SearchOptions search = default_search_for(target);
    search.beam_size = f.integer("beam_size", search.beam_size);
    search.n_best = f.integer("n_best", 1);
    if (search.beam_size < 1 || search.beam_size > 16) throw HttpError{400, "'beam_size' must be between 1 and 16"};
    if (search.n_best < 1 || search.n_best > search.beam_size) throw HttpError{400, "'n_best' must be between 1 and the beam size"};
    const bool alignment = f.flag("alignment");
    search.attention = alignment;
    bool list = false;
    const auto texts = sentences(f, list);
    std::vector<text::LanguageGuess> detected;
    const auto translations = translate_texts(texts, source, target, search, detected);
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
    res.set_content(text_of(answer), "application/json");
  }

  // The attention picture of one sentence's best translation, as SVG.
  void v1_attention(const httplib::Request& req, httplib::Response& res) {
    const Fields f = Fields::of(req);
    check_key(f);
    Model& m = model_for(f.text("source"), f.text("target"));
    bool list = false;
    auto lines = sentences(f, list);
    if (list || lines.size() != 1) throw HttpError{400, "'q' must be one sentence"};
    decode::SearchOptions search = m.batcher->default_search();
    search.attention = true;
    const std::string source = lines.front();
    const auto translations = translate(m, std::move(lines), search);
    const auto& best = translations.front().candidates.front();
    if (best.attention.empty()) throw HttpError{400, "no picture for an empty sentence"};
    res.set_content(decode::attention_svg({source, best.text, best.source_pieces, best.target_pieces, best.attention,
                                           decode::attention_caption(search, m.served.model.config().decoder_layers)}),
                    "image/svg+xml");
  }

  void languages(httplib::Response& res) {
    // Every language of any model, as LibreTranslate lists them: clients check both codes of a
    // request against this list, so target-only languages are listed too (with no targets).
    std::map<std::string, std::vector<std::string>> targets;
    for (const auto& m : models) {
      targets[m->served.source].push_back(m->served.target);
      targets[m->served.target];
    }
    json out = json::array();
    for (const auto& [code, to] : targets) out.push_back({{"code", code}, {"name", language_name(code)}, {"targets", to}});
    res.set_content(text_of(out), "application/json");
  }

  void prometheus(httplib::Response& res) {
    int64_t queued = 0, batches = 0;
    for (const auto& m : models) {
      const auto s = m->batcher->stats();
      queued += s.queued_sentences;
      batches += s.batches;
    }
    std::string out;
    auto counter = [&](const char* name, const char* help, int64_t value) {
      out += fmt::format("# HELP {} {}\n# TYPE {} counter\n{} {}\n", name, help, name, name, value);
    };
    counter("heed_requests_total", "HTTP requests answered", metrics.requests.load());
    counter("heed_request_errors_total", "requests answered with an error status", metrics.errors.load());
    counter("heed_requests_rejected_total", "requests refused because the queue was full (503)", metrics.rejected.load());
    counter("heed_sentences_total", "sentences translated", metrics.sentences.load());
    counter("heed_batches_total", "batches translated", batches);
    out += fmt::format("# HELP heed_queue_sentences sentences waiting to be translated\n# TYPE heed_queue_sentences gauge\n"
                       "heed_queue_sentences {}\n", queued);
    out += metrics.latency.text("heed_request_seconds", "time to answer a request");
    out += metrics.batch_sizes.text("heed_batch_sentences", "sentences per translated batch");
    out += metrics.statuses.text("heed_responses_total", "answers by HTTP status");
    out += process_text();
    res.set_content(out, "text/plain; version=0.0.4");
  }

  void routes() {
    auto route = [this](auto method) {
      return [this, method](const httplib::Request& req, httplib::Response& res) { handle(req, res, method); };
    };
    http.Post("/translate", route([this](const auto& req, auto& res) { libretranslate(req, res); }));
    http.Post("/v1/translate", route([this](const auto& req, auto& res) { v1_translate(req, res); }));
    http.Post("/v1/attention", route([this](const auto& req, auto& res) { v1_attention(req, res); }));
    http.Post("/translate_file", route([this](const auto& req, auto& res) { translate_file(req, res); }));
    http.Get(R"(/download_file/([0-9a-f]+)/([^/]+))", route([this](const auto& req, auto& res) { download_file(req, res); }));
    http.Post("/detect", route([this](const auto& req, auto& res) { detect(req, res); }));
    http.Get("/languages", route([this](const auto&, auto& res) { languages(res); }));
    http.Get("/frontend/settings", route([this](const auto&, auto& res) { frontend_settings(res); }));
    http.Get("/health", route([](const auto&, auto& res) { res.set_content(R"({"status":"ok"})", "application/json"); }));
    http.Get("/metrics", route([this](const auto&, auto& res) { prometheus(res); }));
    http.Get("/", route([](const auto&, auto& res) { res.set_content(page_html(), "text/html; charset=utf-8"); }));
    if (!options.cors_origin.empty()) {
      http.Options(R"(/.*)", [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Access-Control-Allow-Origin", options.cors_origin);
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
      });
    }
    http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;  // a handler's own JSON error
      ++metrics.errors;
      metrics.statuses.count(res.status);
      const std::string message = res.status == 413 ? fmt::format("the body is larger than {} bytes", options.max_body_bytes)
                                  : res.status == 404 ? "no such endpoint"
                                                      : fmt::format("HTTP {}", res.status);
      res.set_content(text_of(json{{"error", message}}), "application/json");
    });
  }
};

Server::Server(std::vector<ServedModel> models, ServerOptions options, BatcherOptions batching)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->files = std::make_unique<FileStore>(impl_->options.files);
  HEED_CHECK(!models.empty(), "the server needs at least one model");
  for (auto& served : models) {
    auto m = std::make_unique<Impl::Model>(std::move(served));
    BatcherOptions own = batching;  // the model's languages: abbreviations, small words of titles
    own.translator.source_language = m->served.source;
    own.translator.target_language = m->served.target;
    own.on_batch = [metrics = &impl_->metrics](int64_t n) { metrics->batch_sizes.observe(static_cast<double>(n)); };
    m->batcher = std::make_unique<Batcher>(m->served.model, own);
    impl_->models.push_back(std::move(m));
  }
  auto& http = impl_->http;
  const auto& o = impl_->options;
  // Uploads may be larger than other bodies; handle() holds the others to max_body_bytes.
  http.set_payload_max_length(std::max(o.max_body_bytes, o.max_file_bytes + (64 << 10)));
  http.set_read_timeout(o.read_timeout_seconds, 0);
  http.set_write_timeout(o.write_timeout_seconds, 0);
  const int threads = o.http_threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  impl_->routes();
}

Server::~Server() = default;

int Server::bind() {
  auto& i = *impl_;
  if (i.options.port == 0) {
    i.port = i.http.bind_to_any_port(i.options.host);
    HEED_CHECK(i.port > 0, "cannot listen on {}", i.options.host);
  } else {
    HEED_CHECK(i.http.bind_to_port(i.options.host, i.options.port), "cannot listen on {}:{} (in use, or not an address here?)",
               i.options.host, i.options.port);
    i.port = i.options.port;
  }
  return i.port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace heed::serve
