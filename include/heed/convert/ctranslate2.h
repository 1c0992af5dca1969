#pragma once
// CTranslate2 model directories (model.bin, config.json, the vocabularies) to heed models and
// back (docs/import-export.md). Importing reads an encoder-decoder transformer (TransformerSpec)
// in any of CTranslate2's weight types and refuses, by name, every variant heed does not compute;
// exporting writes what CTranslate2's own converters write, so that CTranslate2, Argos Translate
// and LibreTranslate run heed's models unchanged.
#include <map>
#include <memory>
#include <string>

#include "heed/model/model_file.h"
#include "heed/model/parameters.h"

namespace heed::convert {

// A model read from another toolkit, ready to be saved as a heed file (model::save_model).
struct ImportedModel {
  std::unique_ptr<model::Parameters> params;
  std::string tokenizer;  // the serialized SentencePiece model
  model::StoredVocabularies vocabularies;
  std::map<std::string, std::string> metadata;
  // The source file's weight type, per tensor count ("float32 x41"), for the summary.
  std::map<std::string, int64_t> source_types;
};

struct Ct2ImportOptions {
  // The SentencePiece model that cuts the source text and joins the target pieces; empty: the
  // one in the directory (sentencepiece.model, spm.model or source.spm).
  std::string sentencepiece;
};

ImportedModel import_ctranslate2(const std::string& dir, const Ct2ImportOptions& options = {});

struct Ct2ExportOptions {
  bool force = false;                       // replace an existing directory
  std::string sentencepiece = "spm.model";  // the file the SentencePiece model is copied to; "" none
};

// Writes `dir` whole or not at all: into a temporary directory beside it, renamed when complete.
void export_ctranslate2(const model::ModelFile& model, const std::string& dir, const Ct2ExportOptions& options = {});

// The SentencePiece pieces of a heed model's ids on each side: its stored vocabularies, or the
// SentencePiece model's own pieces.
model::StoredVocabularies vocabularies_of(const model::ModelFile& model);

}  // namespace heed::convert
