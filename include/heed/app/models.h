#pragma once
// Where the programs (heed and its subcommands, heed serve) find their models: installed models by
// name, the model used when none is named, the language profile. The library loads a model from a
// path it is given (decode/loaded_model.h); the folders searched, the environment that overrides
// them and the default names are decided here, once for every command.
#include <string>
#include <vector>

namespace heed::app {

// The environment: the models folder, the model used when none is named (a path), the language
// profile (a path).
inline constexpr const char* kModelsVariable = "HEED_MODELS";
inline constexpr const char* kModelVariable = "HEED_MODEL";
inline constexpr const char* kProfileVariable = "HEED_LANGUAGE_PROFILE";
// The model used when none is named, and the one used until it is installed.
inline constexpr const char* kDefaultModel = "es-en";
inline constexpr const char* kFallbackModel = "bible-es-en";
// The models heed serve serves when none is named, those of them that are installed.
inline constexpr const char* kServedModels[] = {"es-en", "en-es"};

// Installed models, named by their file name without ".heed" (es-en, en-es, bible-es-en), in the
// first folder of: $HEED_MODELS; models/ or share/heed/models/ beside heed or above it (a build
// tree, an installation); ./models.
struct InstalledModel {
  std::string name, path;
};
std::vector<InstalledModel> installed_models();
// The folder installed_models() reads ("" when there is none).
std::string models_folder();
// The folder for a message: its path, or "no models folder found".
std::string models_folder_or_none();

// A path (containing '/', or naming an existing regular file, or ending in ".heed") is returned as is;
// a name is looked up among the installed models, and an unknown one is an Error listing them.
std::string resolve_model(const std::string& name_or_path);

// The model used when none is named: $HEED_MODEL, else the installed "es-en", else the Bible
// model "bible-es-en".
std::string default_model();

// What heed serve serves when no model is named: the installed ones of kServedModels by name, in
// the installed models' order, else default_model().
std::vector<std::string> default_served_models();

// The language profile of `heed detect` and source "auto": $HEED_LANGUAGE_PROFILE, else
// languages.lid in the models folder; "" when there is none.
std::string language_profile();

// The language pair in a model's name: its last two '-'-separated parts ("bible-es-en": es, en).
// False (and both left as they were) when the name does not end in two language codes.
bool language_pair(const std::string& name, std::string& source, std::string& target);

}  // namespace heed::app
