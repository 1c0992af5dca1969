#pragma once
// Durations as training reads them (--time-limit) and shows them (status line, stop message).
#include <string>

namespace heed::train {

// Parses "45s", "90m", "2h", "1h30m" or plain seconds.
double parse_duration(const std::string& text);

// H:MM:SS; negative durations show as 0:00:00.
std::string format_duration(double seconds);

}  // namespace heed::train
