#include "heed/decode/language_router.h"

#include <fmt/ranges.h>
#include <unicode/uchar.h>

#include <algorithm>

#include "heed/core/error.h"

namespace heed::decode {


LanguageRouter::LanguageRouter(const text::LanguageIdentifier& identifier, std::string target)
    : identifier_(identifier), target_(std::move(target)) {
  // Without the target among the candidates, text already in it would go to another model.
  HEED_CHECK(std::find(identifier_.languages().begin(), identifier_.languages().end(), target_) !=
                 identifier_.languages().end(),
             "the language profile cannot detect '{}' (it knows {})", target_, fmt::join(identifier_.languages(), ", "));
  candidates_.push_back(target_);
}

void LanguageRouter::add(const std::string& source, Translator& translator) {
  HEED_CHECK(source != target_, "a model from {} to {} translates nothing", source, target_);
  HEED_CHECK(std::find(identifier_.languages().begin(), identifier_.languages().end(), source) !=
                 identifier_.languages().end(),
             "the language profile cannot detect '{}' (it knows {})", source, fmt::join(identifier_.languages(), ", "));
  translators_[source] = &translator;
  candidates_.push_back(source);
}

std::vector<Translation> LanguageRouter::translate(const std::vector<std::string>& lines,
                                                   const std::function<void(size_t, const std::string&)>& warn,
                                                   std::vector<std::string>* detected) {
  std::vector<Translation> out(lines.size());
  std::map<std::string, std::vector<size_t>> by_language;
  if (detected) detected->assign(lines.size(), "");
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string language = text::has_letters(lines[i]) ? identifier_.detect(lines[i], candidates_).front().language : target_;
    if (detected) (*detected)[i] = language;
    if (language == target_) {
      Translation::Candidate same;
      same.text = lines[i];
      out[i].candidates.push_back(std::move(same));
    } else {
      by_language[language].push_back(i);
    }
  }
  for (const auto& [language, indices] : by_language) {
    std::vector<std::string> group;
    for (size_t i : indices) group.push_back(lines[i]);
    auto translations = translators_.at(language)->translate(group, [&](size_t k, const std::string& message) {
      if (warn) warn(indices[k], message);
    });
    for (size_t k = 0; k < indices.size(); ++k) out[indices[k]] = std::move(translations[k]);
  }
  return out;
}

}  // namespace heed::decode
