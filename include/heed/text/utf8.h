#pragma once
// UTF-8 validation and repair for text that crosses heed's boundary (files, stdin).
#include <cstddef>
#include <string>
#include <string_view>

namespace heed::text {

// Byte offset of the first invalid sequence, or npos when `s` is valid UTF-8.
size_t find_invalid_utf8(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return find_invalid_utf8(s) == std::string_view::npos; }

// Replaces each maximal invalid subsequence with U+FFFD, as the Unicode standard recommends.
std::string repair_utf8(std::string_view s);

// Decodes one code point at s[i], advancing i; an invalid sequence gives U+FFFD and skips one byte.
char32_t next_code_point(std::string_view s, size_t& i);
// Decodes the code point that ends at s[end - 1] (end > 0), moving end back to its first byte.
char32_t previous_code_point(std::string_view s, size_t& end);
void append_utf8(std::string& out, char32_t cp);

}  // namespace heed::text
