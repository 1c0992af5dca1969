#!/usr/bin/env python3
"""Counts degenerate lines of a translation: the loops of a model that has lost its way.

    degenerate.py FILE [FILE ...]      prints, per file: degenerate lines, lines, percent

A line is degenerate when a sequence of three words occurs three or more times in it
("in the Prite, in the Prite of ... in the Prite"), or when a run of one to four characters
holding a letter repeats five or more times in a row ("Adrientitititititititi", "AFOSSSSSS").
Words are compared without case and without the punctuation around them. Run it on the
references too: real text has a small rate of its own (lists, songs, "ha ha ha ha ha").
"""
import re
import sys
from collections import Counter

CHAR_LOOP = re.compile(r"((?=[^\W\d_]).{0,3}?[^\W\d_]|[^\W\d_].{0,3}?)\1{4,}", re.S)


def is_degenerate(line):
    words = [w.strip(".,;:!?¿¡\"'()«»“”").lower() for w in line.split()]
    words = [w for w in words if w]
    trigrams = Counter(zip(words, words[1:], words[2:]))
    if trigrams and max(trigrams.values()) >= 3:
        return True
    return any(len(m.group(1)) <= 4 for m in CHAR_LOOP.finditer(line))


def main():
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")[:-1]
        bad = sum(is_degenerate(line) for line in lines)
        print(f"{path}\t{bad}\t{len(lines)}\t{100.0 * bad / max(1, len(lines)):.2f}%")


if __name__ == "__main__":
    main()
