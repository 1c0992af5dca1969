#include "heed/doc/inline_markup.h"

#include <doctest/doctest.h>

#include <string>

#include "support/fake_translation.h"

using heed::doc::MarkedTextBuilder;
using heed::doc::MarkupEvent;

namespace {

// The events written as markup: spans by their node number, "<1>…</1>", atoms "[1]".
std::string render(const heed::doc::MarkedText& source, const std::vector<MarkupEvent>& events) {
  std::string out;
  for (const auto& e : events) {
    const int node = e.span >= 0 ? source.spans[e.span].node : -1;
    switch (e.kind) {
      case MarkupEvent::Kind::text: out += e.text; break;
      case MarkupEvent::Kind::open: out += "<" + std::to_string(node) + ">"; break;
      case MarkupEvent::Kind::close: out += "</" + std::to_string(node) + ">"; break;
      case MarkupEvent::Kind::atom: out += "[" + std::to_string(node) + "]"; break;
    }
  }
  return out;
}

std::string place(const heed::doc::MarkedText& source, bool reverse) {
  return render(source, heed::doc::place_markup(source, heed::testing::fake_translation(source.text, reverse)));
}

// "Hola <b>mundo</b> cruel" as a builder sees it.
heed::doc::MarkedText hola_mundo() {
  MarkedTextBuilder b;
  b.add_text("  Hola ");
  const int s = b.open(1, false);
  b.add_text("mundo");
  b.close(s);
  b.add_text(" cruel\n");
  return b.finish();
}

}  // namespace

TEST_CASE("inline markup: the builder normalises white space and records spans") {
  const auto m = hola_mundo();
  CHECK(m.text == "Hola mundo cruel");
  REQUIRE(m.spans.size() == 1);
  CHECK(m.text.substr(m.spans[0].begin, m.spans[0].end - m.spans[0].begin) == "mundo");

  MarkedTextBuilder b;
  b.add_text("uno ");
  const int s = b.open(0, false);
  b.add_text("dos \t");
  b.close(s);
  b.add_text(" tres");
  b.add_break();
  b.add_text(" cuatro");
  CHECK(b.has_words());
  const auto m2 = b.finish();
  CHECK(m2.text == "uno dos tres\ncuatro");
  CHECK(m2.spans[0].end - m2.spans[0].begin == 3);  // white space at an element's end is not its own

  MarkedTextBuilder only_atoms;
  const int a = only_atoms.open(0, true);
  only_atoms.add_text("make");
  only_atoms.close(a);
  only_atoms.add_text(" ... ");
  CHECK_FALSE(only_atoms.has_words());  // nothing to translate: code and punctuation
}

TEST_CASE("inline markup: elements follow their words, in order and reversed") {
  CHECK(place(hola_mundo(), false) == "HOLA <1>MUNDO</1> CRUEL");
  CHECK(place(hola_mundo(), true) == "CRUEL <1>MUNDO</1> HOLA");
}

TEST_CASE("inline markup: nesting is kept, and punctuation left outside stays outside") {
  MarkedTextBuilder b;
  const int a = b.open(1, false);
  b.add_text("uno ");
  const int in = b.open(2, false);
  b.add_text("dos");
  b.close(in);
  b.close(a);
  b.add_text(", tres.");
  const auto m = b.finish();
  CHECK(place(m, false) == "<1>UNO <2>DOS</2></1>, TRES.");
  CHECK(place(m, true) == "TRES. <1><2>DOS</2>, UNO</1>");
}

TEST_CASE("inline markup: atoms replace their words; breaks and empty elements keep their place") {
  MarkedTextBuilder b;
  b.add_text("Ejecuta ");
  const int code = b.open(1, true);
  b.add_text("make");
  b.close(code);
  b.add_text(" ahora");
  const int br = b.open(2, true);
  b.add_break();
  b.close(br);
  b.add_text("y ");
  const int anchor = b.open(3, false);
  b.close(anchor);
  b.add_text("luego");
  const auto m = b.finish();
  CHECK(m.text == "Ejecuta make ahora\ny luego");
  CHECK(place(m, false) == "EJECUTA [1] AHORA\n[2]Y <3></3>LUEGO");
}

TEST_CASE("inline markup: a span whose place is taken keeps its source text beside it") {
  // "<b>uno</b> <i>dos</i>" reversed: DOS comes first, so <i> cannot follow <b> around it.
  MarkedTextBuilder b;
  const int s1 = b.open(1, false);
  b.add_text("uno");
  b.close(s1);
  b.add_text(" ");
  const int s2 = b.open(2, false);
  b.add_text("dos");
  b.close(s2);
  const auto m = b.finish();
  CHECK(place(m, true) == "DOS <1>UNO</1> <2>dos</2>");
  // Every span is written exactly once, whatever the alignment.
  heed::doc::AlignedTranslation none{"algo distinto", {}};
  CHECK(render(m, heed::doc::place_markup(m, none)) == "<1>uno</1> <2>dos</2> algo distinto");
}

TEST_CASE("inline markup: Pharaoh alignments and words") {
  const auto links = heed::doc::parse_alignment("0-0 2-1  1-3 x-1 4");
  REQUIRE(links.size() == 3);
  CHECK(links[1] == std::pair<int, int>{2, 1});
  const auto words = heed::doc::word_ranges(" a bc\nd ");
  REQUIRE(words.size() == 3);
  CHECK(words[2] == std::pair<size_t, size_t>{6, 7});
}
