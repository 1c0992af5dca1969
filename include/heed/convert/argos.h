#pragma once
// Argos Translate packages (.argosmodel, the models LibreTranslate runs): a zip archive of one
// folder holding metadata.json (the language pair), model/ (a CTranslate2 model directory),
// sentencepiece.model and, for Argos' sentence splitting, stanza/ (docs/import-export.md).
#include <string>

#include "heed/convert/ctranslate2.h"
#include "heed/model/model_file.h"

namespace heed::convert {

// The package's model as a heed model; its metadata.json is kept whole in the metadata key
// `argos_metadata`, and its pair in `argos_from_code` and `argos_to_code`.
ImportedModel import_argos(const std::string& package);

struct ArgosExportOptions {
  std::string from_code, to_code;  // ISO 639 codes; required
  std::string from_name, to_name;  // human-readable names; default the codes
  std::string package_version = "1.0";
  std::string stanza;              // a folder copied into the package as stanza/; "" none
  bool force = false;              // replace an existing package file
};

// Writes the package whole or not at all (a temporary name, then rename).
void export_argos(const model::ModelFile& model, const std::string& package, const ArgosExportOptions& options);

}  // namespace heed::convert
