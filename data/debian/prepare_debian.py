#!/usr/bin/env python3
"""Builds sentence-aligned Spanish-English text from Debian's translated documentation.

    prepare_debian.py ROOT OUTDIR --test FILE [--test FILE ...] [--source NAME ...]

ROOT holds every package of the sources unpacked (data/debian/prepare.sh does that); each module
of data/debian/sources/ yields aligned blocks (paragraphs, items, headings, catalogue entries).
Here every block is normalized, both sides are split into sentences, and the sentences are paired
only where both sides have as many; then the pairs pass the filters below, duplicates go, and
pairs whose English or Spanish side is a sentence of any --test file (compared without case and
punctuation, as data/tatoeba/ does) are dropped.

OUTDIR receives, per source, NAME.en, NAME.es (line-aligned) and NAME.doc (the document each
pair comes from, so that a recipe can join consecutive sentences of one document), and
counts.tsv: a row per source with blocks, sentence pairs, what each filter dropped and what was
kept.
"""
import argparse
import importlib
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from data.debian import sentences  # noqa: E402

SOURCES = ["libreoffice", "gimp", "handbook", "gnome", "install_guide", "descriptions",
           "catalogs", "manpages"]

# Function words that tell the languages apart: a "Spanish" side with more English ones than
# Spanish ones was left untranslated.
ENGLISH_WORDS = set("the and of to is are with for this that you your it be can by from which "
                    "will not or an on as at".split())
SPANISH_WORDS = set("el la los las de del que y en es son con para por una un se su sus al "
                    "lo como más este esta no o".split())
# A token that is code or a path rather than a word.
CODE_TOKEN = re.compile(r"[/\\_=<>{}\[\]|@#$^*]|\(\)|::|\.\w+\(|^-{1,2}\w|\w\.\w+\.\w")



def normalize(text):
    """NFC, no-break and other spaces to spaces, typographic forms the model should not care
    about made plain, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in ("Zs", "Cc") else c for c in text)
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return " ".join(text.split())


# A heading's number ("4.4.1. Activar la herramienta"): dropped when both sides have the same one.
SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*\.?)\s+(?=\D)")


def strip_section_numbers(en, es):
    m_en, m_es = SECTION_NUMBER.match(en), SECTION_NUMBER.match(es)
    if m_en and m_es and m_en.group(1) == m_es.group(1):
        return en[m_en.end():], es[m_es.end():]
    return en, es


def match_key(text):
    """The form a sentence is compared with the test sets in: no case, no punctuation."""
    folded = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(" " if unicodedata.category(c).startswith("P") else c for c in folded)
    return " ".join(kept.split())


def letters_share(text):
    chars = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in chars) / max(1, len(chars))


def rejection(en, es):
    """Why a pair is not kept, or None."""
    en_words, es_words = en.split(), es.split()
    if len(en_words) < 3 or len(es_words) < 3:
        return "fewer than 3 words"
    if len(en_words) > 120 or len(es_words) > 120:
        return "more than 120 words"
    if letters_share(en) < 0.6 or letters_share(es) < 0.6:
        return "not mostly letters"
    if sum(bool(CODE_TOKEN.search(t)) for t in en_words + es_words) * 4 > len(en_words + es_words):
        return "paths or identifiers"
    if match_key(en) == match_key(es):
        return "identical sides"
    ratio = len(es) / len(en)
    if not 0.5 <= ratio <= 2.2:
        return "length ratio"
    lowered = [w.strip(".,;:()¿?¡!\"'").lower() for w in es_words]
    if sum(w in ENGLISH_WORDS for w in lowered) > sum(w in SPANISH_WORDS for w in lowered):
        return "Spanish side in English"
    return None


def read_test_keys(paths):
    keys = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            keys.update(match_key(line) for line in f if line.strip())
    return keys


def process(name, root, test_keys, out):
    """Extracts, splits, filters and writes one source; returns its counts."""
    module = importlib.import_module(f"data.debian.sources.{name}")
    counts = {"blocks": 0, "unequal sentence counts": 0, "sentence pairs": 0}
    seen = set()
    files = {ext: open(os.path.join(out, f"{name}.{ext}.tmp"), "w", encoding="utf-8")
             for ext in ("en", "es", "doc")}
    for block in module.extract(root):
        counts["blocks"] += 1
        en_sents = sentences.split(normalize(block.en), "en")
        es_sents = sentences.split(normalize(block.es), "es")
        if len(en_sents) != len(es_sents):
            counts["unequal sentence counts"] += 1
            continue
        for en, es in zip(en_sents, es_sents):
            counts["sentence pairs"] += 1
            en, es = strip_section_numbers(en, es)
            reason = rejection(en, es)
            if reason is None and (match_key(en) in test_keys or match_key(es) in test_keys):
                reason = "in a test set"
            if reason is None and (en, es) in seen:
                reason = "duplicate"
            if reason:
                counts[reason] = counts.get(reason, 0) + 1
                continue
            seen.add((en, es))
            for ext, text in (("en", en), ("es", es), ("doc", block.doc)):
                files[ext].write(text + "\n")
    for ext, f in files.items():
        f.close()
        os.replace(f.name, os.path.join(out, f"{name}.{ext}"))
    counts["kept"] = len(seen)
    return counts, module.LICENCE


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root")
    parser.add_argument("outdir")
    parser.add_argument("--test", action="append", default=[], help="a test set's file")
    parser.add_argument("--source", action="append", help="only these sources")
    args = parser.parse_args()
    from pathlib import Path
    test_keys = read_test_keys(args.test)
    os.makedirs(args.outdir, exist_ok=True)
    rows = []
    for name in args.source or SOURCES:
        counts, licence = process(name, Path(args.root), test_keys, args.outdir)
        rows.append((name, licence, counts))
        print(f"{name}: {counts['kept']} pairs kept of {counts['sentence pairs']} "
              f"({counts['blocks']} blocks)", file=sys.stderr)
    write_counts(rows, os.path.join(args.outdir, "counts.tsv"))


def write_counts(rows, path):
    columns = sorted({k for _, _, c in rows for k in c} - {"blocks", "sentence pairs", "kept"})
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\t".join(["source", "licence", "blocks", "sentence pairs"] + columns + ["kept"]) + "\n")
        for name, licence, c in rows:
            values = [c["blocks"], c["sentence pairs"]] + [c.get(k, 0) for k in columns] + [c["kept"]]
            f.write("\t".join([name, licence] + [str(v) for v in values]) + "\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
