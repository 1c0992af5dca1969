#include "heed/decode/stream.h"

namespace heed::decode {

StreamTotals translate_stream(Translator& translator, LineReader& in, const StreamEvents& events, size_t window) {
  return translate_stream(
      [&](const std::vector<std::string>& lines, const std::function<void(size_t, const std::string&)>& warn) {
        return translator.translate(lines, warn);
      },
      in, events, window);
}

StreamTotals translate_stream(const WindowTranslator& translate, LineReader& in, const StreamEvents& events,
                              size_t window) {
  StreamTotals totals;
  std::vector<std::string> lines;
  std::string line;
  while (in.next(line)) {  // waits for the first line of a window
    lines.clear();
    const int64_t first_line = in.line_number();
    lines.push_back(text::checked_utf8(std::move(line), in, events.warning));
    while (lines.size() < window && in.ready() && in.next(line))
      lines.push_back(text::checked_utf8(std::move(line), in, events.warning));
    const auto translations = translate(lines, [&](size_t i, const std::string& message) {
      if (events.warning) events.warning(in.name(), first_line + static_cast<int64_t>(i), message);
    });
    for (size_t i = 0; i < translations.size(); ++i) {
      totals.target_pieces += translations[i].target_pieces;
      if (events.translated) events.translated(first_line + static_cast<int64_t>(i), lines[i], translations[i]);
    }
    totals.sentences += static_cast<int64_t>(translations.size());
    if (events.window_done) events.window_done();
  }
  return totals;
}

}  // namespace heed::decode
