#include "heed/text/sentences.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using heed::text::Layout;
using heed::text::SentenceSplitter;

std::vector<std::string> sentences(const std::string& language, const std::string& text) {
  return SentenceSplitter(language).split(text).sentences;
}

using List = std::vector<std::string>;

}  // namespace

TEST_CASE("sentences: Spanish hard cases") {
  const std::vector<std::pair<std::string, List>> cases = {
      {"Hola, ¿cómo estás? Me llamo Ana y vivo en Madrid.", {"Hola, ¿cómo estás?", "Me llamo Ana y vivo en Madrid."}},
      {"El Sr. García y la Sra. Pérez llegaron. Luego se fueron.",
       {"El Sr. García y la Sra. Pérez llegaron.", "Luego se fueron."}},
      {"Vive en EE. UU. desde 2010. Trabaja allí.", {"Vive en EE. UU. desde 2010.", "Trabaja allí."}},
      {"Frutas, p. ej. manzanas. Y también peras.", {"Frutas, p. ej. manzanas.", "Y también peras."}},
      {"Cuesta 3.50 euros. Es barato.", {"Cuesta 3.50 euros.", "Es barato."}},
      {"Llegó a las 10.30 h. Después comimos.", {"Llegó a las 10.30 h.", "Después comimos."}},
      {"Me preguntó: ¿vienes? y se fue.", {"Me preguntó: ¿vienes? y se fue."}},
      {"¡Qué bien! ¿Vienes mañana?", {"¡Qué bien!", "¿Vienes mañana?"}},
      {"Escribe a ana@example.com. Visita www.example.es/a.b para más.",
       {"Escribe a ana@example.com.", "Visita www.example.es/a.b para más."}},
      {"«Ya llegó.» Después habló el Dr. Ruiz.", {"«Ya llegó.»", "Después habló el Dr. Ruiz."}},
      {"Esperé… Luego vino.", {"Esperé…", "Luego vino."}},
      {"Lo dijo J. R. R. Tolkien. Fin.", {"Lo dijo J. R. R. Tolkien.", "Fin."}},
      {"Compramos pan, leche, etc. y volvimos.", {"Compramos pan, leche, etc. y volvimos."}},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(sentences("es", text) == expected);
  }
}

TEST_CASE("sentences: English hard cases") {
  const std::vector<std::pair<std::string, List>> cases = {
      {"Mr. Smith went to Washington. He stayed.", {"Mr. Smith went to Washington.", "He stayed."}},
      {"Fruit, e.g. apples, is good. I like it.", {"Fruit, e.g. apples, is good.", "I like it."}},
      {"He moved to the U.S. in 2010. It was cold.", {"He moved to the U.S. in 2010.", "It was cold."}},
      {"It costs $3.50 today. Buy it!", {"It costs $3.50 today.", "Buy it!"}},
      {"\"Stop.\" She left (quietly.) Then rain.", {"\"Stop.\"", "She left (quietly.)", "Then rain."}},
      {"Wait... What?", {"Wait...", "What?"}},
      {"See https://example.com/a.html. It helps.", {"See https://example.com/a.html.", "It helps."}},
      {"Meet at 10:30 a.m. tomorrow. OK?", {"Meet at 10:30 a.m. tomorrow.", "OK?"}},
  };
  for (const auto& [text, expected] : cases) {
    CAPTURE(text);
    CHECK(sentences("en", text) == expected);
  }
}

TEST_CASE("sentences: a language without a list of its own splits by the generic rules") {
  CHECK(sentences("fr", "Bonjour. Ça va? Oui.") == List{"Bonjour.", "Ça va?", "Oui."});
}

TEST_CASE("sentences: the layout round trip keeps every byte") {
  const SentenceSplitter splitter("es");
  const std::vector<std::string> texts = {
      "",
      "   ",
      "\n\n",
      "Hola. Adiós.",
      "  Hola.\tAdiós.  ",
      "Uno.\n\nDos. Tres.\n",
      "\tSangría\r\n  línea dos \n\n\n fin",
      "Uno.  \u00a0Dos.",
      "a\n",
      "Uno.\u2028 Dos.",
      "A\r B. C.",
  };
  for (const auto& text : texts) {
    CAPTURE(text);
    const Layout layout = splitter.split(text);
    REQUIRE(layout.spaces.size() == layout.sentences.size() + 1);
    for (const auto& s : layout.sentences) {
      CHECK(!s.empty());
      CHECK(s.front() != ' ');
      CHECK(s.back() != ' ');
      CHECK(s.find('\n') == std::string::npos);
    }
    CHECK(heed::text::join_layout(layout, layout.sentences) == text);
    const Layout lines = heed::text::split_lines(text);
    CHECK(heed::text::join_layout(lines, lines.sentences) == text);
  }
  const Layout layout = splitter.split("Uno.\n\nDos. Tres.\n");
  CHECK(layout.sentences == List{"Uno.", "Dos.", "Tres."});
  CHECK(layout.spaces == List{"", "\n\n", " ", "\n"});
  CHECK(heed::text::join_layout(layout, {"One.", "Two.", "Three."}) == "One.\n\nTwo. Three.\n");
}

TEST_CASE("sentences: split_lines keeps each line whole") {
  const Layout layout = heed::text::split_lines(" Uno. Dos.\n\nTres.");
  CHECK(layout.sentences == List{"Uno. Dos.", "Tres."});
  CHECK(layout.spaces == List{" ", "\n\n", ""});
}

TEST_CASE("sentences: a language ICU has no abbreviations for, or none at all") {
  CHECK(sentences("", "Uno. Dos.") == List{"Uno.", "Dos."});
  CHECK(sentences("xx", "Uno. Dos.") == List{"Uno.", "Dos."});
}
