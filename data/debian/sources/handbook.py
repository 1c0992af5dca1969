"""The Debian Administrator's Handbook (debian-handbook): one HTML page per chapter or section.

The en-US and es-ES books are rendered by Publican (DocBook XSL) from the same DocBook source,
the Spanish one through PO files, so the pages have the same names and the same blocks in the
same order (paragraphs are div.para; an untranslated one stays in English, for the driver to
drop as identical). The pages are aligned block by block with docbook_html.
"""
from .docbook_html import align_dirs

PACKAGES = ["debian-handbook"]
LICENCE = "GPL-2+ / CC-BY-SA-3.0"

HTML = "usr/share/doc/debian-handbook/html"


def extract(root):
    """Yield Block(page, en, es) for every aligned block of the pages in both languages."""
    yield from align_dirs(root / HTML / "en-US", root / HTML / "es-ES")
