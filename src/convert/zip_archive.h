#pragma once
// (Private to convert/.) Zip archives through libzip, whole files in memory: Argos Translate's
// packages are zip archives of a folder.
#include <string>
#include <utility>
#include <vector>

namespace heed::convert {

// Every file of the archive (folders left out): its path inside the archive and its bytes. An
// Error naming `path` for anything but a readable zip archive.
std::vector<std::pair<std::string, std::string>> read_zip(const std::string& path);

// Writes the files (folders are made from their paths) to a temporary name beside `path`, then
// renames it over `path`.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace heed::convert
