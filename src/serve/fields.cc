#include "heed/serve/fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "heed/text/utf8.h"

namespace heed::serve {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// The media type of a Content-Type header ("application/json; charset=utf-8" -> "application/json").
std::string media_type(const std::string& content_type) { return lower(trim(content_type.substr(0, content_type.find(';')))); }

// A parameter of a header value (`boundary` of a Content-Type, `name` of a Content-Disposition),
// quoted or not; "" when absent.
std::string header_parameter(const std::string& value, const std::string& name) {
  size_t at = value.find(';');
  while (at != std::string::npos) {
    const size_t next = value.find(';', at + 1);
    const std::string part = trim(value.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
    const size_t eq = part.find('=');
    if (eq != std::string::npos && lower(trim(part.substr(0, eq))) == name) {
      std::string v = trim(part.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
    at = next;
  }
  return "";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] != '%') {
      out += s[i];
    } else {
      const bool whole = i + 2 < s.size();
      const int hi = whole ? hex_value(s[i + 1]) : -1, lo = whole ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw HttpError{400, fmt::format("a broken percent-escape in the form at byte {}", i)};
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

// One part of a multipart body: its headers, then a blank line, then the content.
FormFile multipart_part(const std::string& part) {
  const size_t end = part.find("\r\n\r\n");
  if (end == std::string::npos) throw HttpError{400, "a multipart part without the blank line after its headers"};
  FormFile out;
  std::string disposition;
  size_t at = 0;
  while (at < end) {
    size_t eol = part.find("\r\n", at);
    if (eol == std::string::npos || eol > end) eol = end;
    const std::string line = part.substr(at, eol - at);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      const std::string name = lower(trim(line.substr(0, colon))), value = trim(line.substr(colon + 1));
      if (name == "content-disposition") disposition = value;
      if (name == "content-type") out.content_type = value;
    }
    at = eol + 2;
  }
  if (media_type(disposition) != "form-data") throw HttpError{400, "a multipart part without 'Content-Disposition: form-data'"};
  out.name = header_parameter(disposition, "name");
  out.filename = header_parameter(disposition, "filename");
  if (out.name.empty()) throw HttpError{400, "a multipart part without a name"};
  out.content = part.substr(end + 4);
  return out;
}

}  // namespace

json parse_json_body(const std::string& body) {
  // Checked while parsing: the depth (before a deep body is built), and keys repeated within an
  // object (JSON parsers disagree on which one wins, so the client must say which it means).
  std::vector<std::set<std::string>> keys;
  const json::parser_callback_t check = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) {
      if (depth >= kMaxJsonDepth) throw HttpError{400, fmt::format("the JSON body is nested deeper than {} levels", kMaxJsonDepth)};
      if (event == json::parse_event_t::object_start) keys.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.back().insert(parsed.get<std::string>()).second) {
      throw HttpError{400, fmt::format("the key '{}' appears twice in one JSON object", parsed.get<std::string>())};
    }
    return true;
  };
  json value;
  try {
    value = json::parse(body, check);
  } catch (const json::exception& e) {
    // As LibreTranslate: invalid UTF-8 in a JSON body is a 400 (its parser cannot decode it).
    const std::string reason = text::is_valid_utf8(body) ? e.what() : "it is not valid UTF-8";
    throw HttpError{400, fmt::format("the body is not valid JSON: {}", reason)};
  }
  if (!value.is_object()) throw HttpError{400, "the JSON body must be an object"};
  return value;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('&', at);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(at, end - at);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      out.emplace_back(percent_decode(pair.substr(0, eq)), eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1)));
    }
    at = end + 1;
  }
  return out;
}

std::vector<FormFile> parse_multipart(const std::string& content_type, const std::string& body) {
  const std::string boundary = header_parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) throw HttpError{400, "multipart/form-data needs a boundary of 1 to 70 characters"};
  const std::string delimiter = "--" + boundary;
  // The first delimiter starts the body or a line; each part ends at CRLF and the next one.
  size_t at = body.rfind(delimiter, 0) == 0 ? 0 : body.find("\r\n" + delimiter);
  if (at == std::string::npos) throw HttpError{400, "the multipart body does not contain its boundary"};
  at = body.find(delimiter, at) + delimiter.size();
  std::vector<FormFile> parts;
  for (;;) {
    if (body.compare(at, 2, "--") == 0) return parts;  // the closing delimiter
    if (body.compare(at, 2, "\r\n") != 0) throw HttpError{400, "a multipart boundary not followed by a line break"};
    at += 2;
    const size_t end = body.find("\r\n" + delimiter, at);
    if (end == std::string::npos) throw HttpError{400, "the multipart body ends before its closing boundary"};
    parts.push_back(multipart_part(body.substr(at, end - at)));
    at = end + 2 + delimiter.size();
  }
}

Fields Fields::of(const Request& request) {
  Fields f;
  const std::string type = media_type(request.header("content-type"));
  if (type == "application/json") {
    f.values = parse_json_body(request.body);
    return f;
  }
  for (auto& [key, value] : parse_urlencoded(request.query)) f.add(key, std::move(value));
  if (type == "application/x-www-form-urlencoded") {
    for (auto& [key, value] : parse_urlencoded(request.body)) f.add(key, std::move(value));
  } else if (type == "multipart/form-data") {
    for (auto& part : parse_multipart(request.header("content-type"), request.body)) {
      if (part.filename.empty()) {
        f.add(part.name, std::move(part.content));
      } else {
        f.files.push_back(std::move(part));
      }
    }
  } else if (!request.body.empty()) {
    throw HttpError{415, "send the fields as JSON (application/json) or as a form (application/x-www-form-urlencoded "
                         "or multipart/form-data)"};
  }
  return f;
}

void Fields::add(const std::string& key, std::string value) {
  if (!values.contains(key)) {
    values[key] = std::move(value);
    return;
  }
  if (!values[key].is_array()) values[key] = json::array({values[key]});
  values[key].push_back(std::move(value));
}

std::string Fields::text(const std::string& key, const std::string& fallback) const {
  if (!values.contains(key) || values[key].is_null()) return fallback;
  if (!values[key].is_string()) throw HttpError{400, fmt::format("'{}' must be a string", key)};
  return values[key].get<std::string>();
}

int64_t Fields::integer(const std::string& key, int64_t fallback, int64_t min, int64_t max) const {
  if (!values.contains(key) || values[key].is_null()) return fallback;
  const json& v = values[key];
  const std::string range = fmt::format("'{}' must be an integer from {} to {}", key, min, max);
  int64_t n = 0;
  if (v.is_number_unsigned()) {
    if (v.get<uint64_t>() > static_cast<uint64_t>(max)) throw HttpError{400, range};
    n = static_cast<int64_t>(v.get<uint64_t>());
  } else if (v.is_number_integer()) {
    n = v.get<int64_t>();
  } else if (v.is_string()) {
    const std::string s = v.get<std::string>();
    const size_t digits = s.size() - (!s.empty() && s[0] == '-');
    if (digits == 0 || digits > 18 || s.find_first_not_of("0123456789", s.size() - digits) != std::string::npos)
      throw HttpError{400, range};
    n = std::stoll(s);
  } else {
    throw HttpError{400, range};
  }
  if (n < min || n > max) throw HttpError{400, range};
  return n;
}

bool Fields::flag(const std::string& key) const {
  if (!values.contains(key) || values[key].is_null()) return false;
  const json& v = values[key];
  if (v.is_boolean()) return v.get<bool>();
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0" || v == "") return false;
  throw HttpError{400, fmt::format("'{}' must be true or false", key)};
}

}  // namespace heed::serve
