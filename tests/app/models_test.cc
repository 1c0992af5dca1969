#include "heed/app/models.h"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "heed/core/error.h"
#include "support/files.h"

using namespace heed;

namespace {

// Sets (or, with nullopt, unsets) an environment variable for the test's lifetime.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) previous_ = old;
    if (value) ::setenv(name, value->c_str(), 1);
    else ::unsetenv(name);
  }
  ~ScopedVariable() {
    if (previous_) ::setenv(name_, previous_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> previous_;
};

void touch(const std::string& path) { std::ofstream(path) << "x"; }

std::vector<std::string> names(const std::vector<app::InstalledModel>& models) {
  std::vector<std::string> out;
  for (const auto& m : models) out.push_back(m.name);
  return out;
}

}  // namespace

TEST_CASE("a model's name gives its language pair") {
  std::string s, t;
  CHECK(app::language_pair("es-en", s, t));
  CHECK((s == "es" && t == "en"));
  CHECK(app::language_pair("bible-es-en", s, t));
  CHECK((s == "es" && t == "en"));
  CHECK_FALSE(app::language_pair("tiny-trained", s, t));
  CHECK_FALSE(app::language_pair("en", s, t));
  CHECK_FALSE(app::language_pair("en-en", s, t));
}

TEST_CASE("installed models are the .heed files of $HEED_MODELS, by name") {
  test::TempFolder folder("app-models");
  for (const char* file : {"es-en.heed", "en-es.heed", "bible-es-en.heed", "languages.lid", "notes.txt"})
    touch(folder / file);
  ScopedVariable models(app::kModelsVariable, folder.path().string());
  ScopedVariable model(app::kModelVariable, std::nullopt);
  ScopedVariable profile(app::kProfileVariable, std::nullopt);

  CHECK(app::models_folder() == folder.path().string());
  CHECK(app::models_folder_or_none() == folder.path().string());
  CHECK(names(app::installed_models()) == std::vector<std::string>{"bible-es-en", "en-es", "es-en"});
  CHECK(app::resolve_model("en-es") == folder / "en-es.heed");
  CHECK(app::resolve_model("elsewhere/fr-en") == "elsewhere/fr-en");  // a path, as is
  CHECK(app::resolve_model("fr-en.heed") == "fr-en.heed");
  const std::string listed = "the installed models (" + folder.path().string() + ") are: bible-es-en, en-es, es-en";
  CHECK_THROWS_WITH_AS(app::resolve_model("fr-en"), doctest::Contains(listed.c_str()), Error);
  CHECK(app::default_model() == folder / "es-en.heed");
  CHECK(app::default_served_models() == std::vector<std::string>{"en-es", "es-en"});
  CHECK(app::language_profile() == folder / "languages.lid");
  {
    ScopedVariable chosen(app::kModelVariable, "my.heed");
    ScopedVariable other_profile(app::kProfileVariable, "my.lid");
    CHECK(app::default_model() == "my.heed");
    CHECK(app::language_profile() == "my.lid");
  }
}

TEST_CASE("without es-en the Bible model is the default, and without either an Error names the folder") {
  test::TempFolder folder("app-defaults");
  ScopedVariable models(app::kModelsVariable, folder.path().string());
  ScopedVariable model(app::kModelVariable, std::nullopt);
  ScopedVariable profile(app::kProfileVariable, std::nullopt);
  CHECK(app::language_profile().empty());
  CHECK_THROWS_WITH_AS(app::resolve_model("es-en"), doctest::Contains("no installed models were found (set HEED_MODELS"), Error);
  const std::string neither = "neither es-en nor bible-es-en is installed in " + folder.path().string();
  CHECK_THROWS_WITH_AS(app::default_served_models(), doctest::Contains(neither.c_str()), Error);
  touch(folder / "bible-es-en.heed");
  CHECK(app::default_model() == folder / "bible-es-en.heed");
  CHECK(app::default_served_models() == std::vector<std::string>{folder / "bible-es-en.heed"});
}
