#include "heed/convert/argos.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "zip_archive.h"

namespace heed::convert {

namespace fs = std::filesystem;

namespace {

// A folder that is removed with everything in it when the import or export ends.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const std::string& near) {
    std::string pattern = (fs::temp_directory_path() / (fs::path(near).filename().string() + ".XXXXXX")).string();
    HEED_CHECK(::mkdtemp(pattern.data()) != nullptr, "cannot make a temporary folder for {}", near);
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  HEED_CHECK(out.good(), "cannot write {}", path.string());
}

// The folder of the package inside the archive: where metadata.json is, at the top or one folder down.
std::string package_prefix(const std::vector<std::pair<std::string, std::string>>& files, const std::string& package) {
  for (const auto& [name, bytes] : files) {
    const size_t slash = name.find('/');
    if (name == "metadata.json") return "";
    if (slash != std::string::npos && name.substr(slash + 1) == "metadata.json") return name.substr(0, slash + 1);
  }
  fail("{} is not an Argos Translate package: it has no metadata.json", package);
}

}  // namespace

ImportedModel import_argos(const std::string& package) {
  const auto files = read_zip(package);
  const std::string prefix = package_prefix(files, package);
  TemporaryFolder folder(package);
  std::string metadata;
  bool has_model = false, has_spm = false;
  for (const auto& [name, bytes] : files) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string inside = name.substr(prefix.size());
    if (inside == "metadata.json") metadata = bytes;
    if (inside == "sentencepiece.model") has_spm = true;
    if (inside == "model/model.bin") has_model = true;
    if (inside == "sentencepiece.model" || inside.compare(0, 6, "model/") == 0) {
      HEED_CHECK(inside.find("..") == std::string::npos, "{}: entry '{}' points outside the package", package, name);
      write_bytes(fs::path(folder.path()) / inside, bytes);
    }
  }
  HEED_CHECK(has_model, "{}: the package has no model/model.bin (a CTranslate2 model)", package);
  HEED_CHECK(has_spm, "{}: the package has no sentencepiece.model (packages with other tokenizers are not supported)",
             package);
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(metadata);
    HEED_CHECK(meta.is_object(), "{}: metadata.json is not a JSON object", package);
  } catch (const nlohmann::json::exception& e) {
    fail("{}: metadata.json: {}", package, e.what());
  }
  const std::string from = meta.value("from_code", ""), to = meta.value("to_code", "");
  HEED_CHECK(!from.empty() && !to.empty(), "{}: metadata.json names no language pair (from_code, to_code)", package);
  ImportedModel m;
  try {
    m = import_ctranslate2(folder.path() + "/model", {folder.path() + "/sentencepiece.model"});
  } catch (const Error& e) {
    fail("{}: {}", package, e.what());
  }
  m.metadata["imported_from"] = "argos";
  m.metadata["argos_metadata"] = metadata;
  m.metadata["argos_from_code"] = from;
  m.metadata["argos_to_code"] = to;
  return m;
}

void export_argos(const model::ModelFile& model, const std::string& package, const ArgosExportOptions& o) {
  HEED_CHECK(!o.from_code.empty() && !o.to_code.empty(), "an Argos package needs its language pair (from and to codes)");
  HEED_CHECK(o.force || !file_exists(package), "{} exists; give --force to replace it", package);
  nlohmann::ordered_json meta;
  meta["package_version"] = o.package_version;
  meta["argos_version"] = "1.0";
  meta["from_code"] = o.from_code;
  meta["from_name"] = o.from_name.empty() ? o.from_code : o.from_name;
  meta["to_code"] = o.to_code;
  meta["to_name"] = o.to_name.empty() ? o.to_code : o.to_name;
  meta["type"] = "translate";
  std::string version = o.package_version;
  for (char& ch : version)
    if (ch == '.') ch = '_';
  const std::string top = "translate-" + o.from_code + "_" + o.to_code + "-" + version + "/";
  TemporaryFolder folder(package);
  export_ctranslate2(model, folder.path() + "/model", {true, ""});
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(top + "metadata.json", meta.dump(4) + "\n");
  files.emplace_back(top + "README.md", "# " + o.from_code + " -> " + o.to_code +
                                            "\n\nA heed model exported by `heed export argos`.\n");
  files.emplace_back(top + "sentencepiece.model", model.tokenizer);
  for (const auto& entry : fs::recursive_directory_iterator(folder.path() + "/model"))
    if (entry.is_regular_file())
      files.emplace_back(top + "model/" + fs::relative(entry.path(), folder.path() + "/model").string(),
                         read_file(entry.path().string()));
  if (!o.stanza.empty()) {
    HEED_CHECK(fs::is_directory(o.stanza), "--stanza {} is not a folder", o.stanza);
    for (const auto& entry : fs::recursive_directory_iterator(o.stanza))
      if (entry.is_regular_file())
        files.emplace_back(top + "stanza/" + fs::relative(entry.path(), o.stanza).string(), read_file(entry.path().string()));
  }
  write_zip(package, files);
}

}  // namespace heed::convert
