#pragma once
// Sentences in capitals and Title Case. A model trained on ordinary text meets "HOLA, ¿CÓMO
// ESTÁS?" as a string of rare pieces and answers with garbage. So a sentence whose shape is
// capitals or Title Case is translated in ordinary case (each word in the case the vocabulary
// knows it best in: "madrid" -> "Madrid", "onu" -> "ONU"), and the translation is given the
// shape of its source (capitals -> capitals, Title Case -> Title Case). Sentences of any other
// shape, mixed case included, are translated as they are.
#include <functional>
#include <string>
#include <string_view>

namespace heed::text {

enum class CaseShape {
  ordinary,  // anything else: left alone
  upper,     // at least four letters, all capitals ("HOLA, ¿CÓMO ESTÁS?")
  title,     // three or more words, each but the small ones capitalized ("The Old Man And The Sea")
};

CaseShape case_shape(std::string_view sentence);

// Whether a text ends as a sentence does: ".", "!", "?" or "…", before closing quotes and
// brackets. (Headlines and titles do not; nor does a subtitle cue whose sentence goes on.)
bool ends_as_sentence(std::string_view s);

// How much the vocabulary likes a word in the given spelling: the score of "▁word" when it is one
// piece, or nothing (std::nullopt-like: -infinity) when it is not.
using WordScore = std::function<float(std::string_view word)>;

// The sentence in ordinary case, for a sentence of shape upper or title: the first word
// capitalized, the others in the form (lower, Capitalized, UPPER) that `score` rates highest; a
// word no form of which is a piece stays lower case in capitals and as written in Title Case.
std::string to_ordinary_case(std::string_view sentence, CaseShape shape, const WordScore& score);

// A translation given its source's shape: all capitals, or each word capitalized but the small
// words of `language` ("es", "en"; others: none) after the first.
std::string apply_case_shape(std::string_view translation, CaseShape shape, std::string_view language);

}  // namespace heed::text
