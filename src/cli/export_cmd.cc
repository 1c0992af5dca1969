// heed export: heed models as CTranslate2 model directories and Argos Translate packages.
#include <fmt/format.h>

#include <filesystem>

#include "command.h"
#include "heed/convert/argos.h"
#include "heed/convert/ctranslate2.h"
#include "heed/core/error.h"
#include "heed/app/models.h"
#include "heed/model/model_file.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed export ctranslate2 MODEL DIR [--force]\n"
    "       heed export argos MODEL PACKAGE.argosmodel [--from es --to en] [--stanza DIR] [--force]\n\n"
    "Writes a heed model (an installed model's name or a file) as a CTranslate2 model directory (float32\n"
    "weights; CTranslate2 quantizes at load time, and the SentencePiece model beside them as spm.model)\n"
    "or as an Argos Translate package for Argos Translate and LibreTranslate. Argos splits sentences with\n"
    "the Stanza model of a package's stanza/ folder, which heed does not make: --stanza copies one in\n"
    "(docs/import-export.md).";

}  // namespace

int run_export(const std::vector<std::string>& args) {
  std::string format, model_name, output;
  convert::ArgosExportOptions argos;
  po::options_description options("export");
  options.add_options()
      ("format", po::value(&format)->required(), "ctranslate2 or argos")
      ("model", po::value(&model_name)->required(), "the heed model")
      ("output", po::value(&output)->required(), "the directory or package to write")
      ("force", "replace an existing output")
      ("from", po::value(&argos.from_code), "argos: the source language's code (default: the model's)")
      ("to", po::value(&argos.to_code), "argos: the target language's code (default: the model's)")
      ("from-name", po::value(&argos.from_name), "argos: the source language's name")
      ("to-name", po::value(&argos.to_name), "argos: the target language's name")
      ("package-version", po::value(&argos.package_version)->default_value("1.0"), "argos: the package's version")
      ("stanza", po::value(&argos.stanza), "argos: a Stanza sentence-splitting folder to include as stanza/");
  po::positional_options_description positional;
  positional.add("format", 1).add("model", 1).add("output", 1);
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm, &positional)) return 0;
  if (format != "ctranslate2" && format != "argos")
    throw UsageError{fmt::format("unknown format '{}' (ctranslate2 or argos)", format), kUsage};

  const std::string path = app::resolve_model(model_name);
  const model::ModelFile model = model::load_model(path);
  argos.force = vm.count("force") > 0;
  if (format == "ctranslate2") {
    convert::export_ctranslate2(model, output, {argos.force, "spm.model"});
    fmt::print(stderr, "wrote {} (CTranslate2 model directory) from {}\n", output, path);
    return 0;
  }
  // The pair: as given, else the imported package's, else the model's name (es-en.heed: es, en).
  std::string from, to;
  if (model.metadata.count("argos_from_code")) from = model.metadata.at("argos_from_code"), to = model.metadata.at("argos_to_code");
  else app::language_pair(std::filesystem::path(path).stem().string(), from, to);
  if (argos.from_code.empty()) argos.from_code = from;
  if (argos.to_code.empty()) argos.to_code = to;
  if (argos.from_code.empty() || argos.to_code.empty())
    throw UsageError{fmt::format("{}: its name names no language pair; give --from and --to", path), kUsage};
  convert::export_argos(model, output, argos);
  fmt::print(stderr, "wrote {} (Argos Translate package {} -> {}) from {}{}\n", output, argos.from_code, argos.to_code,
             path, argos.stanza.empty() ? "; without stanza/, see docs/import-export.md" : "");
  return 0;
}

}  // namespace heed::cli
