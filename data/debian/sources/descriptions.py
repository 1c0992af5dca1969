"""Debian package descriptions: apt's Translation-en against Translation-es.

Debian's Description Translation Project translates each package's description; apt's index
files `i18n/Translation-LANG` hold them, one stanza a package:

    Package: 0ad
    Description-md5: d943033bedada21853d2ae54a2578a7b
    Description-es: Juego de estrategia en tiempo real ...      (the synopsis)
     0 A.D. (pronunciado ...) es un juego ...                   (the long description)
     .                                                          (a blank line between paragraphs)

A Spanish stanza is aligned with the English one of the same package and the same
Description-md5 (the md5 of the English text it was translated from), so an outdated translation
never meets a newer English text. The synopsis is one block; the long description gives a block
per paragraph when both sides have as many paragraphs, otherwise one block for all of it (the
driver then keeps it only if the sentences pair up).

The two files are not in a package: data/debian/prepare.sh fetches them with apt
(`Acquire::Languages=es,en`) and leaves them, uncompressed, as ROOT/apt/Translation-{en,es}.
"""
from . import Block, collapse

PACKAGES = []
LICENCE = "each package's own"


def read_stanzas(path):
    """{(package, md5): (synopsis, [paragraph, ...])} of one Translation file."""
    stanzas = {}
    for chunk in path.read_text(encoding="utf-8").split("\n\n"):
        fields, description = {}, None
        for line in chunk.split("\n"):
            if line.startswith(" ") and description is not None:
                description.append(line[1:])
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.strip()
                if key.startswith("Description-") and key != "Description-md5":
                    description = [value.strip()]
        if "Package" in fields and "Description-md5" in fields and description:
            key = (fields["Package"], fields["Description-md5"])
            stanzas[key] = (collapse(description[0]), paragraphs(description[1:]))
    return stanzas


def paragraphs(lines):
    """The long description's paragraphs: runs of lines between ' .' separators."""
    result, current = [], []
    for line in lines + ["."]:
        if line.strip() == ".":
            if current:
                result.append(collapse(" ".join(current)))
            current = []
        else:
            current.append(line)
    return result


def extract(root):
    english = read_stanzas(root / "apt" / "Translation-en")
    spanish = read_stanzas(root / "apt" / "Translation-es")
    for key in sorted(spanish):
        if key not in english:
            continue
        (en_short, en_long), (es_short, es_long) = english[key], spanish[key]
        doc = key[0]
        yield Block(doc, en_short, es_short)
        if len(en_long) == len(es_long):
            for en, es in zip(en_long, es_long):
                yield Block(doc, en, es)
        elif en_long and es_long:
            yield Block(doc, " ".join(en_long), " ".join(es_long))
