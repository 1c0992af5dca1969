#pragma once
// Subtitles: SubRip (.srt) and WebVTT (.vtt). Cue numbers, identifiers, timing lines, the WebVTT
// header and its NOTE, STYLE and REGION blocks are written back as they were; only cue text
// changes. A sentence that runs over several cues is translated as one and its translation shared
// out over them by length; a cue's line breaks are kept where the translation has room for them.
// Tags inside cues (<i>, <b>, <font …>, WebVTT's <c.x>, <v Name>, timestamps) are kept: around
// the whole cue as they were, or placed by word alignment inside it (doc/inline_markup.h).
#include <string>
#include <string_view>

#include "heed/doc/inline_markup.h"

namespace heed::doc {

enum class SubtitleFormat { srt, vtt };

// The subtitles with their text translated. `name` names the input in errors
// ("movie.srt:12: ..."), which a file with a broken timing line or a cue without one gets.
std::string translate_subtitles(std::string_view content, SubtitleFormat format, const AlignedTranslate& translate,
                                const std::string& name);

}  // namespace heed::doc
