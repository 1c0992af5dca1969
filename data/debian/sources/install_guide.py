"""The Debian Installation Guide for amd64 (installation-guide-amd64): one HTML page per section.

The en and es manuals are rendered by DocBook XSL from the English source and its Spanish
translation, with the same page names (ch03s04.html) and almost always the same blocks in the
same order; where the translation follows an older English text the blocks or their numbers
differ and docbook_html drops them. Pages are aligned block by block with docbook_html.
"""
from .docbook_html import align_dirs

PACKAGES = ["installation-guide-amd64"]
LICENCE = "GPL-2"

DOC = "usr/share/doc/installation-guide-amd64"


def extract(root):
    """Yield Block(page, en, es) for every aligned block of the pages in both languages."""
    yield from align_dirs(root / DOC / "en", root / DOC / "es")
