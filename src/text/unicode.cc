#include "heed/text/unicode.h"

#include <unicode/uchar.h>
#include <unicode/ucasemap.h>

#include <memory>

#include "heed/core/error.h"
#include "heed/text/utf8.h"

namespace heed::text {

bool is_python_space(char32_t cp) {
  // CPython's _PyUnicode_IsWhitespace: bidirectional classes WS, B, S, plus category Zs.
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
    case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

void split_python_whitespace(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0, start = std::string_view::npos;
  while (i < s.size()) {
    const size_t at = i;
    // ASCII fast path: most text is ASCII and most bytes are not spaces.
    const auto c = static_cast<unsigned char>(s[i]);
    const bool space = c < 0x80 ? is_python_space(c) : is_python_space(next_code_point(s, i));
    if (c < 0x80) ++i;
    if (space) {
      if (start != std::string_view::npos) out.push_back(s.substr(start, at - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = at;
    }
  }
  if (start != std::string_view::npos) out.push_back(s.substr(start));
}

std::string_view rstrip_python(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    // Step back over one code point (continuation bytes are 10xxxxxx).
    size_t begin = end - 1;
    while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
    size_t i = begin;
    if (!is_python_space(next_code_point(s, i))) break;
    end = begin;
  }
  return s.substr(0, end);
}

namespace {

UCaseMap* case_map() {
  static const std::unique_ptr<UCaseMap, void (*)(UCaseMap*)> map(
      [] {
        UErrorCode status = U_ZERO_ERROR;
        return ucasemap_open("", 0, &status);
      }(),
      ucasemap_close);
  HEED_CHECK(map != nullptr, "cannot open ICU's case mapping");
  return map.get();
}

using CaseFunction = int32_t (*)(const UCaseMap*, char*, int32_t, const char*, int32_t, UErrorCode*);

std::string map_case(std::string_view s, CaseFunction f) {
  std::string out(s.size() * 3 + 4, '\0');
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = f(case_map(), out.data(), static_cast<int32_t>(out.size()), s.data(),
                      static_cast<int32_t>(s.size()), &status);
  HEED_CHECK(U_SUCCESS(status), "cannot change the case of a line: {}", u_errorName(status));
  out.resize(n);
  return out;
}

}  // namespace

std::string lowercase(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  return map_case(s, ucasemap_utf8ToLower);
}

std::string uppercase(std::string_view s) { return map_case(s, ucasemap_utf8ToUpper); }

std::string capitalize_first(std::string_view s) {
  // The first letter's title case (U+01C6 "ǆ" becomes "ǅ", not "Ǆ"); everything else unchanged.
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = next_code_point(s, i);
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    std::string out(s.substr(0, start));
    append_utf8(out, static_cast<char32_t>(u_totitle(static_cast<UChar32>(cp))));
    out.append(s.substr(i));
    return out;
  }
  return std::string(s);
}

bool is_number(char32_t cp) { return (U_GET_GC_MASK(cp) & U_GC_N_MASK) != 0; }
bool is_punctuation(char32_t cp) { return (U_GET_GC_MASK(cp) & U_GC_P_MASK) != 0; }
bool is_symbol(char32_t cp) { return (U_GET_GC_MASK(cp) & U_GC_S_MASK) != 0; }

}  // namespace heed::text
