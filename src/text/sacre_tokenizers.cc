#include "heed/text/sacre_tokenizers.h"

#include "heed/core/error.h"
#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

namespace heed::text {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_period_or_comma(char c) { return c == '.' || c == ','; }

// The first rule of mteval-v13a: [{-~[-` -&(-+:-@/] are split off as tokens.
bool splits_off(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x7B && u <= 0x7E) || (u >= 0x5B && u <= 0x60) || (u >= 0x20 && u <= 0x26) ||
         (u >= 0x28 && u <= 0x2B) || (u >= 0x3A && u <= 0x40) || u == '/';
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
}

// Python's re.sub with a two-group pattern (first)(second): matches are found left to right
// without overlap. Working on UTF-8 bytes is exact here: every pattern element that must be one
// specific character is ASCII, and continuation bytes never match those. A match of two bytes
// becomes at most four, so `out` gets room for twice the input.
template <class First, class Second, class Emit>
void sub_pairs(const std::string& in, std::string& out, First first, Second second, Emit emit) {
  out.resize(2 * in.size());
  const char* s = in.data();
  const size_t n = in.size();
  char* o = out.data();
  size_t i = 0;
  while (i < n) {
    if (i + 1 < n && first(s[i]) && second(s[i + 1])) {
      o = emit(o, s[i], s[i + 1]);
      i += 2;
    } else {
      *o++ = s[i++];
    }
  }
  out.resize(o - out.data());
}

void tokenize_13a(std::string_view line, std::string& buffer) {
  thread_local std::string s, a, b;
  s.assign(line);
  if (s.find('<') != std::string::npos) replace_all(s, "<skipped>", "");
  if (s.find('\n') != std::string::npos) {
    replace_all(s, "-\n", "");
    replace_all(s, "\n", " ");
  }
  if (s.find('&') != std::string::npos) {
    replace_all(s, "&quot;", "\"");
    replace_all(s, "&amp;", "&");
    replace_all(s, "&lt;", "<");
    replace_all(s, "&gt;", ">");
  }
  // Rule 1 on " " + line + " ": each character of the class becomes " c ".
  a.resize(3 * s.size() + 2);
  char* o = a.data();
  *o++ = ' ';
  for (char c : s) {
    if (splits_off(c)) {
      *o++ = ' ', *o++ = c, *o++ = ' ';
    } else {
      *o++ = c;
    }
  }
  *o++ = ' ';
  a.resize(o - a.data());
  const auto not_digit = [](char c) { return !is_digit(c); };
  const bool has_period_or_comma = a.find_first_of(".,") != std::string::npos;
  if (has_period_or_comma) {
    // ([^0-9])([\.,]) -> "\1 \2 ", then ([\.,])([^0-9]) -> " \1 \2"
    sub_pairs(a, b, not_digit, is_period_or_comma, [](char* p, char x, char y) {
      *p++ = x, *p++ = ' ', *p++ = y, *p++ = ' ';
      return p;
    });
    sub_pairs(b, a, is_period_or_comma, not_digit, [](char* p, char x, char y) {
      *p++ = ' ', *p++ = x, *p++ = ' ', *p++ = y;
      return p;
    });
  }
  if (a.find('-') != std::string::npos) {
    // ([0-9])(-) -> "\1 \2 "
    sub_pairs(a, buffer, is_digit, [](char c) { return c == '-'; }, [](char* p, char x, char y) {
      *p++ = x, *p++ = ' ', *p++ = y, *p++ = ' ';
      return p;
    });
  } else {
    buffer.swap(a);
  }
}

// mteval-v14's international rules over code points, with Unicode general categories.
void tokenize_intl(std::string_view line, std::string& buffer) {
  std::vector<char32_t> cps;
  for (size_t i = 0; i < line.size();) cps.push_back(next_code_point(line, i));
  auto pass = [](const std::vector<char32_t>& in, auto first, auto second, bool space_before) {
    std::vector<char32_t> out;
    out.reserve(in.size() * 2);
    size_t i = 0;
    while (i < in.size()) {
      if (i + 1 < in.size() && first(in[i]) && second(in[i + 1])) {
        if (space_before) out.push_back(' ');
        out.push_back(in[i]);
        out.push_back(' ');
        out.push_back(in[i + 1]);
        if (!space_before) out.push_back(' ');
        i += 2;
      } else {
        out.push_back(in[i++]);
      }
    }
    return out;
  };
  const auto not_number = [](char32_t c) { return !is_number(c); };
  cps = pass(cps, not_number, is_punctuation, false);  // (\P{N})(\p{P}) -> "\1 \2 "
  cps = pass(cps, is_punctuation, not_number, true);   // (\p{P})(\P{N}) -> " \1 \2"
  buffer.clear();
  for (char32_t c : cps) {
    if (is_symbol(c)) {  // (\p{S}) -> " \1 "
      buffer += ' ';
      append_utf8(buffer, c);
      buffer += ' ';
    } else {
      append_utf8(buffer, c);
    }
  }
}

}  // namespace

SacreTokenizer parse_sacre_tokenizer(const std::string& name) {
  if (name == "13a") return SacreTokenizer::tok13a;
  if (name == "intl") return SacreTokenizer::intl;
  if (name == "char") return SacreTokenizer::chr;
  if (name == "none") return SacreTokenizer::none;
  fail("unknown tokenizer '{}' (13a, intl, char or none)", name);
}

const char* sacre_tokenizer_name(SacreTokenizer t) {
  switch (t) {
    case SacreTokenizer::tok13a: return "13a";
    case SacreTokenizer::intl: return "intl";
    case SacreTokenizer::chr: return "char";
    case SacreTokenizer::none: return "none";
  }
  return "?";
}

void sacre_tokenize(SacreTokenizer t, std::string_view line, std::string& buffer,
                    std::vector<std::string_view>& tokens) {
  switch (t) {
    case SacreTokenizer::none:
      buffer.assign(line);
      break;
    case SacreTokenizer::tok13a:
      tokenize_13a(line, buffer);
      break;
    case SacreTokenizer::intl:
      tokenize_intl(line, buffer);
      break;
    case SacreTokenizer::chr: {
      // " ".join(line) then split(): every code point that is not whitespace is a token.
      buffer.assign(line);
      tokens.clear();
      for (size_t i = 0; i < buffer.size();) {
        const size_t at = i;
        if (!is_python_space(next_code_point(buffer, i)))
          tokens.push_back(std::string_view(buffer).substr(at, i - at));
      }
      return;
    }
  }
  split_python_whitespace(buffer, tokens);
}

}  // namespace heed::text
