"""Blocks of prose from DocBook-generated HTML, and the alignment of two translations of a page.

The GIMP help, the Debian Administrator's Handbook and the Debian Installation Guide are all
DocBook rendered to HTML by the DocBook XSL stylesheets, one HTML file per chapter or section,
with the same file names in every language. The translated page is rendered from a translated
copy of the same DocBook source (through PO files for the GIMP help and the Handbook, so an
untranslated paragraph stays in English), so the two pages usually have the same sequence of
blocks: paragraphs, list items, headings, table cells, terms and definitions, captions.

A block is the innermost element that is not inline markup (p, li, td, dt, dd, hN, the
Handbook's div.para, ...); its text is the text inside it that is not inside a nested block.
Each block has a signature, the tag and class of every block element from the page root down
to it plus the internal links it holds, and an anchor, the last id given by the authors before
it (gimp-tool-crop, glossary-alpha; not the numbered idm123 of the stylesheets). Blocks are
aligned anchor by anchor, so that a section can only pair with the same section, even where a
translator re-sorted a glossary. Inside one anchor all blocks pair if the signature sequences
are the same; otherwise difflib aligns the sequences and only its 'equal' runs are kept, less
the blocks at their edges that could as well pair one further (p p p against p p), and only if
at least MIN_RUN blocks remain: where the translation lags behind the English text (a paragraph
added, a list reordered) the stretch is dropped rather than guessed.

A block in an aligned stretch is still refused when its numbers differ between the two sides,
the sign of a paragraph translated from an older English text ("350MB" against "20 MB ... 60
MB"), or when the Spanish side is the English text left untranslated around generated words
("Figura 8.28. Example for layer mode", "... described in Sección 8.1.1, “...”"), which the
driver would not see as identical sides.

Navigation, tables of contents, the index, index terms, footnote markers and verbatim text
(pre, program listings, screens) are skipped; a block whose text is all code (commands, file
names, user input) is kept in the signature, so that it still anchors the alignment, but never
yielded.
"""
import difflib
import re
from collections import namedtuple
from html.parser import HTMLParser

from . import Block, collapse

MIN_RUN = 3     # blocks in a run of equal signatures, when an anchor's sequences differ

# Inline markup: its text belongs to the enclosing block.
INLINE = frozenset("a abbr acronym b big cite code dfn em font i kbd q s samp small span "
                   "strike strong sub sup tt u var".split())
# HTML elements without an end tag (the Installation Guide is HTML, not XHTML).
VOID = frozenset("area base br col embed hr img input link meta param source wbr".split())
# Whole subtrees that are not prose to translate.
SKIP_TAGS = frozenset("head script style pre".split())
SKIP_CLASSES = frozenset("navheader navfooter docnav toc list-of-figures list-of-tables "
                         "list-of-examples list-of-procedures index indexterm reportbug "
                         "programlisting screen synopsis literallayout".split())
SKIP_IDS = frozenset(["banner"])           # the Handbook's "Download the ebook" banner
FOOTNOTE_MARKS = frozenset(["footnote", "para"])   # <sup class=...>[3]</sup>
# Inline elements whose text is code, not prose.
CODE_TAGS = frozenset("code tt kbd samp var".split())
CODE_CLASSES = frozenset("command filename literal computeroutput userinput option parameter "
                         "replaceable envar varname systemitem classname function constant "
                         "prompt keycap keycode email url uri".split())

# Ids the stylesheets number per build (idm123, ientry-idm45, ftn.idm6, id-1.9.18.2): they differ
# between the two languages or carry no meaning, unlike the authors' ids (gimp-tool-crop).
GENERATED_ID = re.compile(r"\bidm?[-\d.]*\d$")

WORD = re.compile(r"[^\W\d_]+")   # a run of letters

PageBlock = namedtuple("PageBlock", "anchor sig text prose plain")


class _Record:
    """A block being filled while its element is open."""

    def __init__(self, path):
        self.path = path
        self.anchor = None     # set at the block's first text
        self.text = []         # all of it
        self.prose = []        # outside code
        self.plain = []        # outside code and links (xref text is generated)
        self.hrefs = []


class _BlockParser(HTMLParser):
    """Collects the blocks of one page in document order (by start tag)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []        # (tag, record or None, skipped, code, link) per open element
        self.records = []
        self.anchor = None     # the last author-given id met

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self.handle_data(" ")
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        record, skipped, code, link = self._state()
        skipped = skipped or self._skip(tag, classes, attrs)
        code = code or tag in CODE_TAGS or bool(classes & CODE_CLASSES)
        link = link or tag == "a"
        if not skipped:
            self._note_anchor(attrs.get("id") or attrs.get("name"))
            if tag == "a" and record and "://" not in attrs.get("href", "://"):
                record.hrefs.append(_internal_link(attrs["href"]))
        if tag not in INLINE and not skipped:
            parent = record.path if record else ()
            record = _Record(parent + (".".join([tag] + sorted(classes)),))
            self.records.append(record)
        self.stack.append((tag, record, skipped, code, link))

    def handle_endtag(self, tag):
        # Pop to the matching open element; a stray end tag closes nothing.
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        record, skipped, code, link = self._state()
        if record is None or skipped:
            return
        if record.anchor is None and data.strip():
            record.anchor = self.anchor or ""
        record.text.append(data)
        if not code:
            record.prose.append(data)
            if not link:
                record.plain.append(data)

    def _note_anchor(self, ident):
        if ident and not GENERATED_ID.search(ident):
            self.anchor = ident

    def _state(self):
        return self.stack[-1][1:] if self.stack else (None, False, False, False)

    @staticmethod
    def _skip(tag, classes, attrs):
        return (tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
                or attrs.get("id") in SKIP_IDS
                or (tag == "sup" and bool(classes & FOOTNOTE_MARKS)))


def _internal_link(href):
    """The link without a build-numbered fragment, which differs between languages."""
    base, _, fragment = href.partition("#")
    return base if GENERATED_ID.search(fragment) else href


def page_blocks(html):
    """The blocks of a page that hold any text, as PageBlock(anchor, sig, text, prose, plain):
    prose is the text outside code, plain the text outside code and links."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    blocks = []
    for record in parser.records:
        text = collapse("".join(record.text))
        if text:
            sig = (record.path, tuple(record.hrefs))
            blocks.append(PageBlock(record.anchor, sig, text, "".join(record.prose),
                                    "".join(record.plain)))
    return blocks


def _has_prose(block):
    return any(c.isalpha() for c in block.prose)


def _numbers(text):
    return set(re.findall(r"\d+", text))


def _untranslated(en, es):
    """True when the Spanish block is the English one left untranslated but for the text the
    stylesheets generate ("Figura 8.28.", "Sección 5.2, “...”"): a run of at least 4 words,
    half the English words or more, is the same outside code, with or without the links
    (whose text is generated for cross-references, author-given for other links)."""
    return _shared_run(en.prose, es.prose) or _shared_run(en.plain, es.plain)


def _shared_run(en, es):
    """True when the longest run of words common to both is >= 4 and >= half of en's words."""
    en, es = WORD.findall(en), WORD.findall(es)
    common = difflib.SequenceMatcher(None, en, es, autojunk=False).find_longest_match(
        0, len(en), 0, len(es)).size
    return common >= 4 and 2 * common >= len(en)


def _by_anchor(blocks):
    groups = {}
    for block in blocks:
        groups.setdefault(block.anchor, []).append(block)
    return groups


def _aligned(en, es):
    """Pairs of blocks of one anchor group: all of them if the signatures are the same, else
    those of the equal runs of difflib, trimmed (below), that keep at least MIN_RUN blocks."""
    en_sigs, es_sigs = [b.sig for b in en], [b.sig for b in es]
    if en_sigs == es_sigs:
        return list(zip(en, es))
    # autojunk would ignore the signatures that are everywhere, like that of a plain "p".
    ops = difflib.SequenceMatcher(None, en_sigs, es_sigs, autojunk=False).get_opcodes()
    pairs = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "equal":
            continue
        # Next to a block that one side lacks, the gap could as well sit anywhere among the
        # neighbouring blocks of the same signature (p p p against p p): which of them pair
        # is a guess, so the run loses its edge blocks whose signature is in the gap.
        start, end = i1, i2
        before = _gap_sigs(ops[k - 1], en_sigs, es_sigs) if k > 0 else set()
        after = _gap_sigs(ops[k + 1], en_sigs, es_sigs) if k + 1 < len(ops) else set()
        while start < end and en_sigs[start] in before:
            start += 1
        while end > start and en_sigs[end - 1] in after:
            end -= 1
        if end - start >= MIN_RUN:
            pairs.extend(zip(en[start:end], es[j1 + start - i1:j1 + end - i1]))
    return pairs


def _gap_sigs(opcode, en_sigs, es_sigs):
    """The signatures of the blocks of a non-equal opcode, on either side."""
    _, i1, i2, j1, j2 = opcode
    return set(en_sigs[i1:i2]) | set(es_sigs[j1:j2])


def align_pages(doc, en_html, es_html):
    """Yield Block(doc, en, es) for the blocks aligned section by section (author ids)."""
    es_groups = _by_anchor(page_blocks(es_html))
    for anchor, en in _by_anchor(page_blocks(en_html)).items():
        for a, b in _aligned(en, es_groups.get(anchor, [])):
            if (_has_prose(a) and _has_prose(b) and _numbers(a.text) == _numbers(b.text)
                    and not _untranslated(a, b)):
                yield Block(doc, a.text, b.text)


def align_dirs(en_dir, es_dir):
    """Align every HTML page present in both directories, in sorted order of relative path;
    a page without its counterpart is skipped."""
    for en_path in sorted(en_dir.rglob("*.html")):
        rel = en_path.relative_to(en_dir)
        es_path = es_dir / rel
        if es_path.is_file():
            yield from align_pages(rel.as_posix(), en_path.read_text(encoding="utf-8"),
                                   es_path.read_text(encoding="utf-8"))
