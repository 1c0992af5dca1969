"""LibreOffice help (libreoffice-help-en-us, libreoffice-help-es): HTML pages in English and Spanish.

Both packages ship the same pages, usr/share/libreoffice/help/{en-US,es}/text/MODULE/.../*.html,
generated at build time from the same XHP sources: every translatable paragraph or heading is a
<p> or <h1>..<h6> carrying the id of its source string (par_id..., hd_id..., N0123, ...). Ids
repeat on a page (a paragraph embedded twice, or two embedded XHP files that reuse an id), so a
block is keyed by its id and its occurrence number among the blocks with that id on the page.

Alignment: when a page's two sequences of keys are identical, the blocks are paired in order.
Otherwise (about 1% of pages, e.g. Calc function lists sorted by the translated function name,
or a page built from a different revision) only ids that occur exactly once on each side are
paired: a unique id names the same source string on both sides wherever it sits on the page;
the repeated ids of such pages are skipped.

Switches: a page carries every variant of text that depends on the operating system or the
application (<span class="switch|switchinline"> holding <span hidden="true" class="MAC|WIN|
CALC|...">, plus a default variant without a class). Inside a paragraph only the default variant
is kept (otherwise "Tools - Options" and "LibreOffice - Preferences" would be run together);
a whole paragraph inside a variant is an ordinary block and is kept, like any other.

Spanish writes menu paths "Herramientas ▸ Opciones", English "Tools - Options"; the Spanish
arrow becomes " - " so that both sides use the same separator (the English hyphen cannot be told
from a dash in prose, the Spanish arrow can).
"""
import collections
import re
from html.parser import HTMLParser

from . import Block, collapse

PACKAGES = ["libreoffice-help-en-us", "libreoffice-help-es"]
LICENCE = "MPL-2.0"

HELP = "usr/share/libreoffice/help"
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
MENU_ARROW = re.compile(r"\s*▸\s*")


class PageParser(HTMLParser):
    """Collects (id, text) for every <p>/<h1-6> with an id, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # open elements: (tag, is a non-default switch variant)
        self.block = None    # the block being read: [id, its depth in stack, text parts]
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            if tag == "br" and self.block:
                self.block[2].append(" ")
            return
        variant = tag == "span" and "hidden" in attrs and "class" in attrs
        self.stack.append((tag, variant))
        # bm_* ids are empty bookmark anchors; nested blocks never occur (p cannot hold p).
        block_id = attrs.get("id") or ""
        if tag in BLOCKS and block_id and not block_id.startswith("bm_") and not self.block:
            self.block = [block_id, len(self.stack), []]

    def handle_endtag(self, tag):
        # The generated HTML is balanced but lenient: close up to the nearest matching tag and
        # ignore an end tag that has no open element.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if self.block and len(self.stack) < self.block[1]:
            self.blocks.append((self.block[0], "".join(self.block[2])))
            self.block = None

    def handle_data(self, data):
        # Text of a variant opened inside the block is dropped: only the default is kept.
        if self.block and not any(v for _, v in self.stack[self.block[1]:]):
            self.block[2].append(data)


def page_blocks(path):
    """The page's blocks as {(id, occurrence): text} in document order, text cleaned."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    seen = collections.Counter()
    blocks = {}
    for block_id, text in parser.blocks:
        blocks[(block_id, seen[block_id])] = collapse(MENU_ARROW.sub(" - ", text))
        seen[block_id] += 1
    return blocks


def aligned_keys(en, es):
    """The keys to pair: all if both pages have the same key sequence, else the unique ids."""
    if list(en) == list(es):
        return list(en)
    en_ids = collections.Counter(block_id for block_id, _ in en)
    es_ids = collections.Counter(block_id for block_id, _ in es)
    return [key for key in en if en_ids[key[0]] == 1 and es_ids[key[0]] == 1]


def extract(root):
    help_root = root / HELP
    for en_path in sorted((help_root / "en-US" / "text").rglob("*.html")):
        doc = en_path.relative_to(help_root / "en-US").as_posix()
        es_path = help_root / "es" / doc
        if not es_path.is_file():
            continue
        en, es = page_blocks(en_path), page_blocks(es_path)
        for key in aligned_keys(en, es):
            if en[key] and es[key]:
                yield Block(doc, en[key], es[key])
