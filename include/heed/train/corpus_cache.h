#pragma once
// The training corpus tokenized once into a binary file that later runs and --resume reuse.
//
// File layout (native byte order, 8-byte aligned):
//   header       16 × 8 bytes: magic "HEEDPAIR", version, identity, text checksum, counts (read,
//                kept, empty, too long, bad ratio), id count, data checksum, header checksum
//   ids          (id count) int32: each kept pair's source ids, then its target ids
//   starts       (kept + 1) int64, after padding to 8 bytes: where each pair's ids begin
//   src_lengths  (kept) int32
// Identity, the rule for reuse: for each text file its size, modification time and a hash of its
// first and last MiB; the vocabulary's bytes; the filter (--max-length, --max-length-ratio). Any
// difference rebuilds the cache. The data checksum covers ids and index and is verified at every
// start: a truncated or damaged file is refused and rebuilt, never trusted. Files are written
// under a temporary name and renamed, so two runs building at once each finish cleanly.
#include <cstdint>
#include <functional>
#include <string>

#include "heed/core/hash.h"
#include "heed/train/corpus.h"

namespace heed::train {

struct CorpusSource {
  std::string src, tgt;  // text files
  const text::Tokenizer* tokenizer = nullptr;
  CorpusFilter filter;   // keep_text must be false: the cache holds ids only
};

struct CacheOptions {
  std::string folder;  // where caches live
  int threads = 1;     // for tokenizing
  std::function<void(const CorpusStats&, int64_t bytes, int64_t total_bytes)> progress;
  std::function<void(const std::string&)> say;  // what happens (building, reusing, why)
};

struct CachedCorpus {
  Corpus corpus;               // ids read from the file as batches need them
  uint64_t text_checksum = 0;  // FNV-1a 64 of both text files, source first
  std::string path;
  bool built = false;  // tokenized by this call rather than reused
};

// The cache file of a source in `folder`: named after the text files, with a hash of their
// absolute paths and the filter, so that runs on other data or options keep caches of their own.
std::string corpus_cache_path(const CorpusSource& source, const std::string& folder);

// Opens the cache of `source` if it is valid for it, else tokenizes the text into it first.
CachedCorpus open_corpus_cache(const CorpusSource& source, const CacheOptions& options);

// FNV-1a 64 of a file's bytes, continuing from h (files are read in blocks).
uint64_t fnv1a_file(const std::string& path, uint64_t h = kFnvOffset);

}  // namespace heed::train
