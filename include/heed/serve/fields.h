#pragma once
// A request's fields, as LibreTranslate takes them: a JSON object, or form fields (urlencoded or
// multipart, and the query string). Anything malformed is the client's error: HttpError 400 (or
// 415 for a body of another type), with the reason.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heed/serve/http.h"

namespace heed::serve {

// A multipart part that came with a filename (an uploaded file).
struct FormFile {
  std::string name, filename, content_type, content;
};

// A JSON body nested deeper than this is refused: requests are two levels deep.
constexpr int kMaxJsonDepth = 16;

struct Fields {
  nlohmann::json values = nlohmann::json::object();  // a field repeated in a form becomes a list
  std::vector<FormFile> files;

  static Fields of(const Request& request);
  void add(const std::string& key, std::string value);
  bool has(const std::string& key) const { return values.contains(key); }

  // The field as a string (fallback when absent or null); another type is a 400.
  std::string text(const std::string& key, const std::string& fallback = "") const;
  // The field as an integer in [min, max] (a JSON integer or a form's digits); else a 400.
  int64_t integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const;
  // true/false (JSON), or "true"/"1"/"false"/"0" (form).
  bool flag(const std::string& key) const;
};

// The JSON text of a body: an object of at most kMaxJsonDepth levels, valid UTF-8, each key once.
nlohmann::json parse_json_body(const std::string& body);
// "a=1&b=x+y%21" into its pairs, '+' a space; a '%' not followed by two hex digits is a 400.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(const std::string& text);
// The parts of a multipart/form-data body; `content_type` is the header, which names the boundary.
std::vector<FormFile> parse_multipart(const std::string& content_type, const std::string& body);

}  // namespace heed::serve
