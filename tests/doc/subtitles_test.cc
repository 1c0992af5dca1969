#include "heed/doc/subtitles.h"

#include <doctest/doctest.h>

#include <string>

#include "heed/core/error.h"
#include "support/fake_translation.h"

using heed::doc::SubtitleFormat;
using heed::doc::translate_subtitles;
using heed::testing::fake_translator;

namespace {

const char* const kSrt =
    "1\n"
    "00:00:01,000 --> 00:00:02,500\n"
    "Hola, ¿cómo\n"
    "estás hoy?\n"
    "\n"
    "2\n"
    "00:00:03,000 --> 00:00:04,000\n"
    "<i>Muy bien.</i>\n"
    "\n"
    "3\n"
    "00:00:05,000 --> 00:00:06,000\n"
    "Y luego fuimos\n"
    "\n"
    "4\n"
    "00:00:06,000 --> 00:00:08,000\n"
    "a la playa.\n"
    "\n"
    "5\n"
    "00:00:09,000 --> 00:00:10,000\n"
    "- ¿Vienes?\n"
    "- Sí.\n";

const char* const kVtt =
    "WEBVTT - Mi película\n"
    "\n"
    "NOTE esto es una nota\n"
    "que sigue\n"
    "\n"
    "STYLE\n"
    "::cue { color: red }\n"
    "\n"
    "intro\n"
    "00:01.000 --> 00:04.000 align:start position:10%\n"
    "<v Tom>Hola &amp; adiós</v>\n"
    "\n"
    "01:00:05.000 --> 01:00:06.000\n"
    "Estoy <b>muy</b> cansado.\n";

// The lines that are not cue text: numbers, identifiers, timings, blank lines, headers.
std::string structure(const std::string& file) {
  std::string out;
  size_t start = 0;
  while (start < file.size()) {
    const size_t end = std::min(file.find('\n', start), file.size());
    const std::string line = file.substr(start, end - start);
    if (line.find("-->") != std::string::npos || line.empty() || line.find_first_not_of("0123456789") == std::string::npos)
      out += line + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("subtitles: SubRip cues translated, timings and numbers untouched") {
  const std::string out = translate_subtitles(kSrt, SubtitleFormat::srt, fake_translator(false), "movie.srt");
  CHECK(out ==
        "1\n00:00:01,000 --> 00:00:02,500\nHOLA, ¿CóMO\nESTáS HOY?\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n<i>MUY BIEN.</i>\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nY LUEGO FUIMOS\n\n"
        "4\n00:00:06,000 --> 00:00:08,000\nA LA PLAYA.\n\n"
        "5\n00:00:09,000 --> 00:00:10,000\n- ¿VIENES?\n- Sí.\n");
  // Whatever the translation does to the words, the structure stays.
  const std::string reversed = translate_subtitles(kSrt, SubtitleFormat::srt, fake_translator(true), "movie.srt");
  CHECK(structure(reversed) == structure(kSrt));
}

TEST_CASE("subtitles: a sentence over two cues is translated once and shared out") {
  std::vector<std::string> seen;
  const heed::doc::AlignedTranslate spy = [&](const std::vector<std::string>& texts) {
    seen = texts;
    return fake_translator(false)(texts);
  };
  translate_subtitles(kSrt, SubtitleFormat::srt, spy, "movie.srt");
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == "Hola, ¿cómo estás hoy?");
  CHECK(seen[1] == "Muy bien.");
  CHECK(seen[2] == "Y luego fuimos a la playa.");
  CHECK(seen[3] == "- ¿Vienes?\n- Sí.");
}

TEST_CASE("subtitles: WebVTT header, notes, styles, identifiers, settings and tags are kept") {
  const std::string out = translate_subtitles(kVtt, SubtitleFormat::vtt, fake_translator(false), "a.vtt");
  CHECK(out ==
        "WEBVTT - Mi película\n\nNOTE esto es una nota\nque sigue\n\nSTYLE\n::cue { color: red }\n\n"
        "intro\n00:01.000 --> 00:04.000 align:start position:10%\n<v Tom>HOLA &amp; ADIóS</v>\n\n"
        "01:00:05.000 --> 01:00:06.000\nESTOY <b>MUY</b> CANSADO.\n");
  const std::string reversed = translate_subtitles(kVtt, SubtitleFormat::vtt, fake_translator(true), "a.vtt");
  CHECK(reversed.find("<b>MUY</b>") != std::string::npos);
}

TEST_CASE("subtitles: Windows line ends and a byte order mark survive") {
  const std::string in = "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,000\r\nHola.\r\n";
  CHECK(translate_subtitles(in, SubtitleFormat::srt, fake_translator(false), "w.srt") ==
        "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,000\r\nHOLA.\r\n");
}

TEST_CASE("subtitles: broken files are refused naming the line") {
  const auto up = fake_translator(false);
  CHECK_THROWS_WITH_AS(translate_subtitles("1\n00:00:01 --> 00:00:02,000\nHola\n", SubtitleFormat::srt, up, "b.srt"),
                       doctest::Contains("b.srt:2: a timing line reads HH:MM:SS,mmm"), heed::Error);
  CHECK_THROWS_WITH_AS(translate_subtitles("1\n00:00:05,000 --> 00:00:02,000\nHola\n", SubtitleFormat::srt, up, "b.srt"),
                       doctest::Contains("b.srt:2: the cue ends before it starts"), heed::Error);
  CHECK_THROWS_WITH_AS(translate_subtitles("1\n00:00:01,000 --> 00:00:02,000\nHola\n\n2\nAdiós\n", SubtitleFormat::srt,
                                           up, "b.srt"),
                       doctest::Contains("b.srt:5: a cue without a timing line"), heed::Error);
  CHECK_THROWS_WITH_AS(translate_subtitles("1\n00:00:01.000 --> 00:00:02.000\nHola\n", SubtitleFormat::vtt, up, "b.vtt"),
                       doctest::Contains("b.vtt:1: a WebVTT file starts with the line WEBVTT"), heed::Error);
  CHECK_THROWS_WITH_AS(translate_subtitles("WEBVTT\n\n00:00:01,000 --> 00:00:02.000\nHola\n", SubtitleFormat::vtt, up,
                                           "b.vtt"),
                       doctest::Contains("b.vtt:3:"), heed::Error);
  CHECK_THROWS_WITH_AS(translate_subtitles("1\n00:00:01,000 --> 00:00:02,000\n\xff\n", SubtitleFormat::srt, up, "b.srt"),
                       doctest::Contains("b.srt:3: invalid UTF-8"), heed::Error);
}
