#pragma once
// Office files made by the tests themselves, in memory: a zip of the few parts Word and
// LibreOffice need, around the document XML a test gives. (No binary fixture to regenerate.)
#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace heed::testing {

using Parts = std::vector<std::pair<std::string, std::string>>;  // (name, content), in order

// A zip of `parts`; `stored` names the parts kept uncompressed (an ODF mimetype must be).
inline std::string zip_bytes(const Parts& parts, const std::string& stored = "") {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("zip_open_from_source");
  for (const auto& [name, content] : parts) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (name == stored) zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
  zip_source_open(source);
  std::string out;
  char buffer[4096];
  zip_int64_t got;
  while ((got = zip_source_read(source, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(got));
  zip_source_close(source);
  zip_source_free(source);
  return out;
}

// Every part of a zip, unpacked, in order.
inline Parts unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!archive) throw std::runtime_error("not a zip");
  Parts parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st);
    std::string content(static_cast<size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    zip_fread(f, content.data(), content.size());
    zip_fclose(f);
    parts.emplace_back(st.name, content);
  }
  zip_discard(archive);
  return parts;
}

inline std::string docx_with(const std::string& body) {
  const std::string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  return zip_bytes({
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
       "Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" + w +
           "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" + body +
           "</w:body></w:document>"},
  });
}

inline std::string odt_with(const std::string& body) {
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
      "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"";
  return zip_bytes(
      {
          {"mimetype", "application/vnd.oasis.opendocument.text"},
          {"META-INF/manifest.xml",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
           "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
           "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
           "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
           "</manifest:manifest>"},
          {"content.xml",
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " + ns +
               "><office:automatic-styles><style:style style:name=\"B\" style:family=\"text\">"
               "<style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>"
               "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>"},
      },
      "mimetype");
}

}  // namespace heed::testing
