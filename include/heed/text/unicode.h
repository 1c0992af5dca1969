#pragma once
// The bits of Unicode that sacreBLEU's scores depend on, with Python's exact semantics: what
// str.split() treats as whitespace, what str.lower() does, and the general categories (N, P, S)
// of the `regex` module's \p{...} classes. Categories and case mapping come from ICU.
#include <string>
#include <string_view>
#include <vector>

namespace heed::text {

// Python's str.isspace() for one code point.
bool is_python_space(char32_t cp);

// Python's str.split() with no argument: pieces between runs of whitespace, none empty.
void split_python_whitespace(std::string_view s, std::vector<std::string_view>& out);

// Python's str.rstrip() with no argument.
std::string_view rstrip_python(std::string_view s);

// Python's str.lower() (full case mapping, final sigma included).
std::string lowercase(std::string_view s);

// Upper case (full case mapping: "straße" -> "STRASSE"), and the first letter in title case.
std::string uppercase(std::string_view s);
std::string capitalize_first(std::string_view s);

bool is_number(char32_t cp);       // \p{N}
bool is_punctuation(char32_t cp);  // \p{P}
bool is_symbol(char32_t cp);       // \p{S}

}  // namespace heed::text
