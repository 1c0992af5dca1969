#include "heed/doc/html.h"

#include <doctest/doctest.h>

#include <string>

#include "heed/core/error.h"
#include "support/fake_translation.h"

using heed::doc::html_outline;
using heed::doc::translate_html;
using heed::testing::fake_translator;

namespace {

// The cases of markup a page holds: inline tags at the start, middle and end of sentences,
// nested ones, links, entities, scripts, notranslate, tables, lists, line breaks, comments.
const char* const kCases[] = {
    "<p>Hola mundo.</p>",
    "<p><b>Hola</b> mundo.</p>",
    "<p>Hola <b>mundo</b> cruel.</p>",
    "<p>Hola mundo <i>cruel</i>.</p>",
    "<p>Un <a href=\"/x?a=1&amp;b=2\" title=\"Título\">enlace <em>muy</em> bueno</a>, y más.</p>",
    "<p>Tom &amp; María &lt;3 &eacute;l&nbsp;y ella.</p>",
    "<html><head><title>Mi página</title><style>p { color: red }</style></head>"
    "<body><script>var x = '<b>hola</b>';</script><p>Texto.</p></body></html>",
    "<!DOCTYPE html><html lang=\"es\"><body><h1 class=\"t\">Título</h1><!-- un comentario --></body></html>",
    "<div class=\"notranslate\">No me traduzcas.</div><p translate=\"no\">Ni a mí.</p><p>Pero a mí sí.</p>",
    "<table><tr><td>Uno</td><td>Dos <b>tres</b></td></tr></table>",
    "<ul><li>Primero.</li><li>Segundo <span class=\"x\">con</span> algo.<li>Tercero sin cerrar</ul>",
    "<p>Una línea<br>y otra<br/>y otra más.</p>",
    "<p>Ejecuta <code>make install</code> ahora.</p><pre>  no   tocar  </pre>",
    "<div>Texto suelto <div>y un bloque dentro</div> y más texto.</div>",
    "<p>Sin <b>cerrar <i>nada",
    "<p>Hola</p>\n\n<p>\n   Adiós,\n   amigo.\n</p>\n",
    "<p><a href=\"#\"><img src=\"a.png\" alt=\"una imagen\"></a> Pie de foto.</p>",
    "<p>Primera frase. <b>Segunda frase en negrita. Y tercera.</b> Cuarta.</p>",
    "<body>Texto en el cuerpo<p>y un párrafo</body>",
    "<p>Un <my-widget data-x=\"1\">elemento propio</my-widget> aquí.</p>",
    "<p><b><i>Dos</i></b> <u>tres</u> <s>cuatro</s> <sup>5</sup></p>",
};

}  // namespace

TEST_CASE("html: every case keeps its element tree, translated in order and reversed") {
  for (const char* page : kCases) {
    for (bool reverse : {false, true}) {
      CAPTURE(page);
      CAPTURE(reverse);
      const std::string out = translate_html(page, fake_translator(reverse));
      CHECK(html_outline(out) == html_outline(page));
    }
  }
}

TEST_CASE("html: text is translated and everything else is kept") {
  const auto up = fake_translator(false);
  CHECK(translate_html("<p>Hola <b>mundo</b>.</p>", up) == "<p>HOLA <b>MUNDO</b>.</p>");
  CHECK(translate_html("<p class='x' id=\"y\">Hola</p>", up) == "<p class='x' id=\"y\">HOLA</p>");
  // Entities keep their meaning; the model reads the characters.
  CHECK(translate_html("<p>a &amp; b &lt; c&nbsp;d</p>", up) == "<p>A &amp; B &lt; C D</p>");
  const std::string kept = "<script>document.write('<p>hola</p>')</script><style>p{}</style>"
                           "<pre>hola  mundo</pre><!-- hola --><p translate=\"no\">hola</p>"
                           "<div class=\"a notranslate\">hola</div>";
  CHECK(translate_html(kept, up) == kept);
  CHECK(translate_html("<p>Usa <code>ls -l</code> hoy.</p>", up) == "<p>USA <code>ls -l</code> HOY.</p>");
  // White space around a block's text is kept; inside, it is one space for the model.
  CHECK(translate_html("<p>\n  Hola\n  mundo\n</p>", up) == "<p>\n  HOLA MUNDO\n</p>");
  CHECK(translate_html("<ul>\n <li>uno</li>\n <li>dos</ul>", up) == "<ul>\n <li>UNO</li>\n <li>DOS</ul>");
  CHECK(translate_html("<title>Mi página</title>", up) == "<title>MI PáGINA</title>");  // the fake upper-cases ASCII only
}

TEST_CASE("html: what the model is given") {
  const auto texts = heed::doc::html_texts("<p>Hola <b>mundo</b>.</p><p> </p><p>Dos<br>líneas</p><div>A<p>B</p>C</div>");
  REQUIRE(texts.size() == 5);
  CHECK(texts[0] == "Hola mundo.");
  CHECK(texts[1] == "Dos\nlíneas");
  CHECK(texts[2] == "A");
  CHECK(texts[3] == "B");
  CHECK(texts[4] == "C");
  CHECK(heed::doc::html_texts("<p><code>x</code> ...</p><img src=a>").empty());
}

TEST_CASE("html: a page nested too deep is refused, not crashed on") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<div>";
  deep += "hola";
  CHECK_THROWS_WITH_AS(translate_html(deep, fake_translator(false)), doctest::Contains("more than 512 deep"),
                       heed::Error);
  // Unclosed tags and stray end tags are the parser's business: the result parses the same.
  const std::string broken = "<p>uno <b>dos</p></i></div> tres <a href=x>cuatro";
  CHECK(html_outline(translate_html(broken, fake_translator(true))) == html_outline(broken));
}
