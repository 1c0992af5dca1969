#pragma once
// sacreBLEU's tokenizers, reproduced to the byte: 13a (mteval-v13a, the default), intl
// (mteval-v14 international), char and none. Each appends the tokens of a line to `tokens`
// (views into `buffer`, which it owns for the duration).
#include <string>
#include <string_view>
#include <vector>

namespace heed::text {

enum class SacreTokenizer { none, tok13a, intl, chr };

// Parses "none", "13a", "intl", "char"; an Error names the choices otherwise.
SacreTokenizer parse_sacre_tokenizer(const std::string& name);
const char* sacre_tokenizer_name(SacreTokenizer t);

// Tokenizes `line` as sacreBLEU's BLEU does after its rstrip (and lowercasing, done by the caller).
void sacre_tokenize(SacreTokenizer t, std::string_view line, std::string& buffer,
                    std::vector<std::string_view>& tokens);

}  // namespace heed::text
