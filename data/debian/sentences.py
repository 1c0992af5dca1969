"""A conservative sentence splitter for the data recipes (Spanish and English).

A block is split after `.`, `!`, `?` or `…` (with any closing quotes or brackets) when white space
and the start of a new sentence follow: an upper-case letter, a digit, `¿`, `¡` or an opening
quote. Not after known abbreviations, single initials, or a number's dot. Splitting too little
only costs pairs (the driver pairs sentences only where the counts match); splitting wrongly on
one side only also costs pairs, never a misalignment, so the rules err towards not splitting.
"""
import re

ABBREVIATIONS = {
    "en": set("mr mrs ms dr prof st vs etc e.g i.e no fig figs vol approx inc ltd co jr sr "
              "jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m cf ed eds".split()),
    "es": set("sr sra srta dr dra d dña ud uds etc p.ej ej pág págs núm n.º fig vol aprox "
              "ee.uu a.m p.m cf ed art cap tel av avda s.a.".split()),
}
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’»)\]]*)(\s+)(?=[\"'“‘«(¿¡]?[A-ZÁÉÍÓÚÑÜ0-9¿¡])")


def split(text, lang):
    """The sentences of one block of text (already whitespace-normalized)."""
    abbreviations = ABBREVIATIONS.get(lang, set())
    result, start = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start(1)]
        last_word = before.split()[-1] if before.split() else ""
        word = last_word.lower().lstrip("(\"'¿¡«“")
        if m.group(1).startswith(".") and not m.group(1).startswith("..."):
            if word in abbreviations or word.rstrip(".") in abbreviations:
                continue
            if len(word) == 1 and word.isalpha():      # an initial: "J. R. R. Tolkien"
                continue
            if re.fullmatch(r"\w+(\.\w+)+", word):      # "p.ej", "U.S", "v1.2"
                continue
        result.append(text[start:m.end(1)].strip())
        start = m.end(2)
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result
