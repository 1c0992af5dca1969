#include "heed/app/models.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "heed/core/error.h"

namespace heed::app {

namespace fs = std::filesystem;

namespace {

// The variable's value, or "" when it is unset or empty.
std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string models_folder() {
  std::error_code ec;
  if (std::string env = environment(kModelsVariable); !env.empty()) return env;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      for (const fs::path& candidate : {dir / "models", dir / "share" / "heed" / "models"})
        if (fs::is_directory(candidate, ec)) return candidate.string();
      if (dir == dir.root_path()) break;
    }
  }
  return fs::is_directory("models", ec) ? "models" : "";
}

std::string models_folder_or_none() {
  const std::string folder = models_folder();
  return folder.empty() ? "no models folder found" : folder;
}

std::vector<InstalledModel> installed_models() {
  std::vector<InstalledModel> models;
  const std::string folder = models_folder();
  std::error_code ec;
  if (folder.empty()) return models;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".heed" && entry.is_regular_file(ec))
      models.push_back({entry.path().stem().string(), entry.path().string()});
  std::sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return models;
}

std::string resolve_model(const std::string& name_or_path) {
  const std::string& n = name_or_path;
  std::error_code ec;
  const bool path = n.find('/') != std::string::npos || fs::is_regular_file(n, ec) ||
                    (n.size() > 5 && n.compare(n.size() - 5, 5, ".heed") == 0);
  if (path) return n;
  const auto models = installed_models();
  for (const auto& m : models)
    if (m.name == n) return m.path;
  std::string names;
  for (const auto& m : models) names += (names.empty() ? "" : ", ") + m.name;
  if (names.empty())
    fail("no model named '{}': no installed models were found (set {} to their folder)", n, kModelsVariable);
  fail("no model named '{}'; the installed models ({}) are: {}", n, models_folder(), names);
}

std::string default_model() {
  if (std::string env = environment(kModelVariable); !env.empty()) return env;
  const auto models = installed_models();
  for (const char* name : {kDefaultModel, kFallbackModel})
    for (const auto& m : models)
      if (m.name == name) return m.path;
  fail("no model given (-m) and neither {} nor {} is installed in {}", kDefaultModel, kFallbackModel,
       models_folder().empty() ? fmt::format("a models folder beside heed (or ${})", kModelsVariable) : models_folder());
}

std::vector<std::string> default_served_models() {
  std::vector<std::string> names;
  for (const auto& m : installed_models())
    if (std::find(std::begin(kServedModels), std::end(kServedModels), m.name) != std::end(kServedModels))
      names.push_back(m.name);
  if (names.empty()) names.push_back(default_model());
  return names;
}

std::string language_profile() {
  if (std::string env = environment(kProfileVariable); !env.empty()) return env;
  const std::string folder = models_folder();
  std::error_code ec;
  if (folder.empty() || !fs::is_regular_file(fs::path(folder) / "languages.lid", ec)) return "";
  return (fs::path(folder) / "languages.lid").string();
}

bool language_pair(const std::string& name, std::string& source, std::string& target) {
  const size_t last = name.rfind('-');
  if (last == std::string::npos || last == 0) return false;
  const size_t before = name.rfind('-', last - 1);
  const size_t start = before == std::string::npos ? 0 : before + 1;
  const std::string s = name.substr(start, last - start), t = name.substr(last + 1);
  auto code = [](const std::string& c) {
    return c.size() >= 2 && c.size() <= 3 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
  };
  if (!code(s) || !code(t) || s == t) return false;
  source = s;
  target = t;
  return true;
}

}  // namespace heed::app
