// heed import: CTranslate2 model directories and Argos Translate packages as heed models.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "command.h"
#include "heed/convert/argos.h"
#include "heed/convert/ctranslate2.h"
#include "heed/core/error.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed import ctranslate2 DIR -o OUT.heed [--sentencepiece SPM] [--dtype auto]\n"
    "       heed import argos PACKAGE.argosmodel [-o OUT.heed] [--dtype auto]\n\n"
    "Makes a heed model of another toolkit's: a CTranslate2 model directory holding an encoder-decoder\n"
    "transformer, with the SentencePiece model that tokenizes its text (found in DIR, or given), or an\n"
    "Argos Translate package (written to FROM-TO.heed unless -o names a file). Variants heed does not\n"
    "compute are refused by name (docs/import-export.md).";

// The stored type the source had, where that loses nothing: float16 and bfloat16 as they were.
// int8 and int16 become F32: heed's I8 files quantize every matrix, the position table too, which
// CTranslate2 keeps in floats (an I8 file of an int8 fixture scored 0.027 nats away from it).
DType auto_dtype(const convert::ImportedModel& m) {
  std::string most;
  int64_t count = 0;
  for (const auto& [type, n] : m.source_types)
    if (n > count) most = type, count = n;
  if (most == "float16") return DType::f16;
  if (most == "bfloat16") return DType::bf16;
  return DType::f32;
}

}  // namespace

int run_import(const std::vector<std::string>& args) {
  std::string format, input, output, sentencepiece, dtype;
  po::options_description options("import");
  options.add_options()
      ("format", po::value(&format)->required(), "ctranslate2 or argos")
      ("input", po::value(&input)->required(), "the model directory or package")
      ("output,o", po::value(&output), "the heed model to write")
      ("sentencepiece", po::value(&sentencepiece), "ctranslate2: the SentencePiece model of the source text (default: the one in DIR)")
      ("dtype", po::value(&dtype)->default_value("auto"), "stored weight type: auto (float16 and bfloat16 as they are, else f32), f32, f16, bf16 or int8");
  po::positional_options_description positional;
  positional.add("format", 1).add("input", 1);
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm, &positional)) return 0;
  if (format != "ctranslate2" && format != "argos")
    throw UsageError{fmt::format("unknown format '{}' (ctranslate2 or argos)", format), kUsage};
  if (format == "ctranslate2" && output.empty()) throw UsageError{"ctranslate2: give the output with -o", kUsage};
  if (format == "argos" && !sentencepiece.empty()) throw UsageError{"argos: the package brings its SentencePiece model", kUsage};

  const auto start = std::chrono::steady_clock::now();
  convert::ImportedModel m = format == "ctranslate2" ? convert::import_ctranslate2(input, {sentencepiece})
                                                     : convert::import_argos(input);
  if (output.empty()) output = m.metadata.at("argos_from_code") + "-" + m.metadata.at("argos_to_code") + ".heed";
  const DType type = dtype == "auto" ? auto_dtype(m) : model::parse_weight_dtype(dtype);
  model::save_model(output, *m.params, m.tokenizer, m.metadata, type, m.vocabularies);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& c = m.params->config();
  std::string types;
  for (const auto& [t, n] : m.source_types) types += fmt::format("{}{} x{}", types.empty() ? "" : ", ", t, n);
  fmt::print(stderr, "imported {} ({}): {}+{} layers, d_model {}, vocabularies {}/{}, {} {} activation\n", input, types,
             c.encoder_layers, c.decoder_layers, c.d_model, c.source_vocab(), c.vocab_size, to_string(c.norm),
             model::to_string(c.activation));
  fmt::print(stderr, "wrote {} ({} weights, {:.1f} MB) in {:.2f} s\n", output, dtype_name(type),
             static_cast<double>(std::filesystem::file_size(output)) / 1e6, seconds);
  return 0;
}

}  // namespace heed::cli
