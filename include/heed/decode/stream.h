#pragma once
// Translation of a stream of lines, for files, pipes and people at a terminal. Lines are gathered
// while more input is already waiting (a whole file, a burst through a pipe), up to a window that
// keeps memory bounded; each window is translated in length-sorted batches and handed on in input
// order, so a line typed at a terminal or written by another program is answered at once.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heed/core/io.h"
#include "heed/decode/translator.h"
#include "heed/text/lines.h"

namespace heed::decode {

struct StreamEvents {
  // Each line's translation, in input order; `line` counts from 1.
  std::function<void(int64_t line, const std::string& source, const Translation& translation)> translated;
  // After each window's translations: the place to flush output or show a prompt.
  std::function<void()> window_done;
  // A line repaired (invalid UTF-8) or translated in pieces, with the input's name and the line.
  text::LineWarning warning;
};

struct StreamTotals {
  int64_t sentences = 0, target_pieces = 0;
};

// Translates a window of lines, warning about line i with a message (a Translator's translate).
using WindowTranslator = std::function<std::vector<Translation>(
    const std::vector<std::string>& lines, const std::function<void(size_t, const std::string&)>& warn)>;

// Reads `in` to its end. Invalid UTF-8 and lines translated in pieces go to events.warning.
StreamTotals translate_stream(const WindowTranslator& translate, LineReader& in, const StreamEvents& events,
                              size_t window = 8192);
StreamTotals translate_stream(Translator& translator, LineReader& in, const StreamEvents& events,
                              size_t window = 8192);

}  // namespace heed::decode
