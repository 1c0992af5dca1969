#include "heed/decode/loaded_model.h"

#include <fmt/format.h>
#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "heed/core/error.h"

namespace heed::decode {

LoadedModel load_model_with_tokenizer(const std::string& path, const LoadOptions& options) {
  model::ModelFile file = model::load_model(path);
  const model::ModelConfig& config = file.params->config();
  text::Tokenizer tokenizer = [&] {
    // An imported model's ids index its own vocabularies; the SentencePiece model only cuts text.
    if (config.stored_vocabularies)
      return text::Tokenizer::with_vocabularies(
          file.tokenizer, path + ":tokenizer.spm",
          {file.vocabularies.source, file.vocabularies.target, config.ids.source_unk, config.ids.target_unk});
    return text::Tokenizer::from_bytes(file.tokenizer, path + ":tokenizer.spm");
  }();
  const int64_t vocab = config.vocab_size;
  HEED_CHECK(tokenizer.target_vocab_size() == vocab,
             "{}: the embedded tokenizer has {} pieces but the model's vocab_size is {}", path,
             tokenizer.target_vocab_size(), vocab);
  file.params->prepare(options.compute);
  if (options.inference_only) file.params->release_prepared_floats();
  // Loading freed the file's bytes and the weights' conversions (tens of MB), below memory that
  // stays: glibc keeps such holes resident until asked to return them.
  malloc_trim(0);
  return {std::move(file), std::move(tokenizer)};
}

namespace {

ops::ComputeType auto_compute_type() {
  return ops::compute_type_unavailable(ops::ComputeType::int8).empty() ? ops::ComputeType::int8 : ops::ComputeType::f32;
}

}  // namespace

ops::ComputeType choose_compute_type(const std::string& name) {
  if (name == "auto") return auto_compute_type();
  const ops::ComputeType type = ops::parse_compute_type(name);
  const std::string unavailable = ops::compute_type_unavailable(type);
  HEED_CHECK(unavailable.empty(), "--compute-type {}: {}", name, unavailable);
  return type;
}

std::string available_compute_types() {
  const ops::ComputeType chosen = auto_compute_type();
  std::string out = fmt::format("{} (auto)", ops::compute_type_name(chosen));
  for (auto t : {ops::ComputeType::f32, ops::ComputeType::bf16, ops::ComputeType::int8})
    if (t != chosen && ops::compute_type_unavailable(t).empty()) out += fmt::format(", {}", ops::compute_type_name(t));
  return out;
}

namespace fs = std::filesystem;

std::string models_folder() {
  std::error_code ec;
  if (const char* env = std::getenv("HEED_MODELS"); env && *env) return env;
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
  if (names.empty()) fail("no model named '{}': no installed models were found (set HEED_MODELS to their folder)", n);
  fail("no model named '{}'; the installed models ({}) are: {}", n, models_folder(), names);
}

std::string default_model() {
  if (const char* env = std::getenv("HEED_MODEL"); env && *env) return env;
  const auto models = installed_models();
  for (const char* name : {"es-en", "bible-es-en"})
    for (const auto& m : models)
      if (m.name == name) return m.path;
  fail("no model given (-m) and neither es-en nor bible-es-en is installed in {}",
       models_folder().empty() ? "a models folder beside heed (or $HEED_MODELS)" : models_folder());
}

std::string language_profile() {
  if (const char* env = std::getenv("HEED_LANGUAGE_PROFILE"); env && *env) return env;
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

}  // namespace heed::decode
