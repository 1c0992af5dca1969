"""The GIMP user manual (gimp-help-en, gimp-help-es): one HTML page per section.

Both languages are rendered by DocBook XSL from the same DocBook source, the Spanish one through
PO files, so the pages have the same names and nearly always the same blocks in the same order
(a paragraph without translation stays in English, for the driver to drop as identical). The
pages are aligned block by block with docbook_html, which keeps only what lines up section by
section; the index page, sorted per language, is skipped there as navigation.
"""
from .docbook_html import align_dirs

PACKAGES = ["gimp-help-en", "gimp-help-es"]
LICENCE = "GFDL-1.2+"

HELP = "usr/share/gimp/2.0/help"


def extract(root):
    """Yield Block(page, en, es) for every aligned block of the pages in both languages."""
    yield from align_dirs(root / HELP / "en", root / HELP / "es")
