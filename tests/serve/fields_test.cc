#include <doctest/doctest.h>

#include <string>

#include "heed/serve/fields.h"

using namespace heed;
using serve::HttpError;

namespace {

serve::Request post(const std::string& type, const std::string& body, const std::string& query = "") {
  serve::Request r;
  r.method = "POST";
  r.path = "/translate";
  r.query = query;
  r.body = body;
  if (!type.empty()) r.headers["content-type"] = type;
  return r;
}

// The status and message of the HttpError `f` throws (0 if none).
template <class F>
std::pair<int, std::string> refusal(F f) {
  try {
    f();
  } catch (const HttpError& e) {
    return {e.status, e.message};
  }
  return {0, ""};
}

}  // namespace

TEST_CASE("JSON bodies: objects only, valid UTF-8, each key once, not nested deeply") {
  const auto f = serve::Fields::of(post("application/json; charset=utf-8", R"({"q": ["a", "b"], "source": "es"})"));
  CHECK(f.values["q"].size() == 2);
  CHECK(f.text("source") == "es");

  auto [status, message] = refusal([] { serve::parse_json_body("{\"q\": \"Hola \xff\"}"); });
  CHECK(status == 400);
  CHECK(message.find("not valid UTF-8") != std::string::npos);
  std::tie(status, message) = refusal([] { serve::parse_json_body(R"({"q": "a", "q": "b"})"); });
  CHECK(status == 400);
  CHECK(message.find("'q' appears twice") != std::string::npos);
  // The same key in two objects is no repetition.
  CHECK(refusal([] { serve::parse_json_body(R"({"a": {"k": 1}, "b": {"k": 2}})"); }).first == 0);
  std::tie(status, message) = refusal([] { serve::parse_json_body(std::string(100000, '[') + std::string(100000, ']')); });
  CHECK(status == 400);
  CHECK(message.find("nested deeper") != std::string::npos);
  CHECK(refusal([] { serve::parse_json_body("[1]"); }).first == 400);
  CHECK(refusal([] { serve::parse_json_body("{\"q\": "); }).first == 400);
}

TEST_CASE("form fields: percent-escapes decoded, broken ones refused, repeated fields a list") {
  const auto f = serve::Fields::of(post("application/x-www-form-urlencoded", "q=Hola+mundo%21&q=Adi%C3%B3s&source=es", "target=en"));
  CHECK(f.values["q"] == nlohmann::json::array({"Hola mundo!", "Adiós"}));
  CHECK(f.text("source") == "es");
  CHECK(f.text("target") == "en");
  for (const std::string broken : {"q=%", "q=%4", "q=%zz", "q=a%2"}) {
    CAPTURE(broken);
    const auto [status, message] = refusal([&] { serve::Fields::of(post("application/x-www-form-urlencoded", broken)); });
    CHECK(status == 400);
    CHECK(message.find("percent-escape") != std::string::npos);
  }
  CHECK(refusal([] { serve::Fields::of(post("text/plain", "q=a")); }).first == 415);
  // No body and no type: the query string alone.
  CHECK(serve::Fields::of(post("", "", "q=x")).text("q") == "x");
}

TEST_CASE("multipart bodies: fields and files, and a missing boundary or a cut body refused") {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nHola.\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
      "line 1\r\nline 2\r\n--XyZ--\r\n";
  const auto f = serve::Fields::of(post("multipart/form-data; boundary=\"XyZ\"", body));
  CHECK(f.text("q") == "Hola.");
  REQUIRE(f.files.size() == 1);
  CHECK(f.files[0].name == "file");
  CHECK(f.files[0].filename == "a.txt");
  CHECK(f.files[0].content_type == "text/plain");
  CHECK(f.files[0].content == "line 1\r\nline 2");

  CHECK(refusal([&] { serve::Fields::of(post("multipart/form-data", body)); }).first == 400);
  CHECK(refusal([&] { serve::Fields::of(post("multipart/form-data; boundary=XyZ", body.substr(0, 60))); }).first == 400);
  CHECK(refusal([&] { serve::Fields::of(post("multipart/form-data; boundary=Other", body)); }).first == 400);
  CHECK(refusal([] {
          serve::Fields::of(post("multipart/form-data; boundary=b", "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"));
        }).first == 400);  // a part without a name
}

TEST_CASE("integers in range or refused, whatever their type") {
  serve::Fields f;
  f.values = nlohmann::json::parse(R"({"a": 2, "b": "3", "c": 4294967297, "d": 2.5, "e": "1e3", "f": 18446744073709551615, "g": -1})");
  CHECK(f.integer("a", 0, 0, 3) == 2);
  CHECK(f.integer("b", 0, 0, 3) == 3);
  CHECK(f.integer("missing", 7, 0, 3) == 7);
  CHECK(f.integer("g", 0, -5, 3) == -1);
  for (const char* key : {"c", "d", "e", "f"}) {
    CAPTURE(key);
    const auto [status, message] = refusal([&] { f.integer(key, 0, 0, 3); });
    CHECK(status == 400);
    CHECK(message.find("from 0 to 3") != std::string::npos);
  }
  CHECK(refusal([&] { f.text("a"); }).first == 400);  // a number where a string belongs
}
