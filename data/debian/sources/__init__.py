"""Extractors of aligned Spanish-English text from Debian packages.

Each module here names the packages it reads and yields aligned blocks of text:

    PACKAGES = ["gimp-help-en", "gimp-help-es"]   # Debian package names (apt-get download)
    LICENCE = "GFDL-1.2+"                          # the licence of the text, for data/README.md
    def extract(root): ...                          # root: pathlib.Path where every package of
                                                    # PACKAGES is unpacked (dpkg-deb -x)

extract() yields Block(doc, en, es) tuples in a deterministic order (sorted paths, document order
inside a file): `doc` names the document the block comes from (a page, a chapter, a catalogue),
`en` and `es` are one aligned unit of text (a paragraph, a list item, a heading, a table cell)
with markup removed, entities decoded and whitespace collapsed to single spaces. A block may hold
several sentences: the driver (prepare_debian.py) splits both sides into sentences and keeps the
pairs only where both sides have the same number. Filtering (lengths, ratios, identical sides,
paths, de-duplication, test-set overlap) is the driver's job, not the extractor's; an extractor
only refuses what it cannot align with confidence.
"""
from collections import namedtuple

Block = namedtuple("Block", "doc en es")


def collapse(text):
    """Every run of whitespace one space, no space at either end."""
    return " ".join(text.split())
