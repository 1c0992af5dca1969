#pragma once
// Translation from whatever language each line is in: the line's language is detected among
// the sources of the translators given (and the target), and the line goes to that language's
// translator. A line already in the target language, or without letters, is passed on as it is.
// For `heed translate --source auto`.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "heed/decode/translator.h"
#include "heed/text/language_id.h"

namespace heed::decode {

class LanguageRouter {
 public:
  LanguageRouter(const text::LanguageIdentifier& identifier, std::string target);
  // `translator` translates `source` into the target; it must outlive the router.
  void add(const std::string& source, Translator& translator);
  // As Translator::translate; `detected[i]` (when given) receives line i's language.
  std::vector<Translation> translate(const std::vector<std::string>& lines,
                                     const std::function<void(size_t, const std::string&)>& warn = {},
                                     std::vector<std::string>* detected = nullptr);

 private:
  const text::LanguageIdentifier& identifier_;
  std::string target_;
  std::map<std::string, Translator*> translators_;
  std::vector<std::string> candidates_;
};

}  // namespace heed::decode
