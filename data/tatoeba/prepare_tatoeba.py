#!/usr/bin/env python3
"""Builds the Tatoeba Spanish-English training and dev splits, free of the test set.

    prepare_tatoeba.py ZIP TEST_PREFIX OUTDIR [--dev-size 2000] [--seed 1]

ZIP is manythings.org's spa-eng.zip (spa.txt: English<TAB>Spanish a line); TEST_PREFIX names the
test set's two files, TEST_PREFIX.eng and TEST_PREFIX.spa. Every sentence is normalized (Unicode
NFC, whitespace collapsed and trimmed). A pair is dropped when its English or its Spanish side
matches any test sentence of that language, compared without case and punctuation. The rest is
split into connected groups (pairs that share an English or a Spanish sentence, by the same
comparison), and whole groups go to dev in the order of a seeded hash until it holds --dev-size
pairs, so that no sentence and none of its translations sits on both sides of the split.

OUTDIR receives train.{es,en}, dev.{es,en} and test.{es,en} (the test set normalized the same way,
line for line), and the counts are printed.
"""
import argparse
import hashlib
import os
import sys
import unicodedata
import zipfile


def normalize(text):
    """NFC, every run of whitespace one space, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def match_key(text):
    """The form two sentences are compared in: no case, no punctuation, single spaces."""
    folded = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(" " if unicodedata.category(c).startswith("P") else c for c in folded)
    return " ".join(kept.split())


def fail(message):
    print(f"prepare: {message}", file=sys.stderr)
    sys.exit(1)


def read_pairs(zip_path):
    """(english, spanish) pairs from spa.txt inside the zip, normalized."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            try:
                raw = archive.read("spa.txt")
            except KeyError:
                fail(f"{zip_path}: has no spa.txt (is it manythings.org's spa-eng.zip?)")
    except (OSError, zipfile.BadZipFile) as error:
        fail(f"{zip_path}: cannot read the zip: {error}")
    pairs = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            fail(f"{zip_path}:spa.txt:{number}: invalid UTF-8 ({error.reason})")
        fields = text.rstrip("\r").split("\t")
        if len(fields) < 2:
            fail(f"{zip_path}:spa.txt:{number}: expected English<TAB>Spanish, found no tab")
        english, spanish = normalize(fields[0]), normalize(fields[1])
        if english and spanish:
            pairs.append((english, spanish))
    return pairs


def read_lines(path):
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            return [normalize(line) for line in stream.read().splitlines()]
    except OSError as error:
        fail(f"{path}: {error.strerror}")
    except UnicodeDecodeError as error:
        fail(f"{path}: invalid UTF-8 at byte {error.start}")


class Groups:
    """Union-find over pair indices."""

    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def connected_groups(pairs):
    """Lists of pair indices; two pairs sharing an English or a Spanish key share a group."""
    groups = Groups(len(pairs))
    first_seen = {}
    for index, (english, spanish) in enumerate(pairs):
        for key in (("en", match_key(english)), ("es", match_key(spanish))):
            if key in first_seen:
                groups.join(first_seen[key], index)
            else:
                first_seen[key] = index
    members = {}
    for index in range(len(pairs)):
        members.setdefault(groups.find(index), []).append(index)
    return list(members.values())


def split_dev(pairs, groups, dev_size, seed):
    """Whole groups to dev in seeded-hash order of their first English sentence."""
    def rank(group):
        key = f"{seed}\t{match_key(pairs[group[0]][0])}".encode("utf-8")
        return hashlib.sha256(key).hexdigest()

    in_dev = [False] * len(pairs)
    taken = 0
    for group in sorted(groups, key=rank):
        if taken >= dev_size:
            break
        if taken + len(group) > dev_size:
            continue
        for index in group:
            in_dev[index] = True
        taken += len(group)
    return in_dev


def write_lines(path, lines):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
        for line in lines:
            stream.write(line + "\n")
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("zip")
    parser.add_argument("test_prefix")
    parser.add_argument("outdir")
    parser.add_argument("--dev-size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    pairs = read_pairs(args.zip)
    test_en = read_lines(args.test_prefix + ".eng")
    test_es = read_lines(args.test_prefix + ".spa")
    if len(test_en) != len(test_es):
        fail(f"{args.test_prefix}.eng has {len(test_en)} lines but {args.test_prefix}.spa has "
             f"{len(test_es)}")
    blocked_en = {match_key(s) for s in test_en}
    blocked_es = {match_key(s) for s in test_es}

    unique = list(dict.fromkeys(pairs))
    kept, by_en, by_es = [], 0, 0
    for english, spanish in unique:
        hit_en = match_key(english) in blocked_en
        hit_es = match_key(spanish) in blocked_es
        by_en += hit_en
        by_es += hit_es and not hit_en
        if not (hit_en or hit_es):
            kept.append((english, spanish))

    groups = connected_groups(kept)
    in_dev = split_dev(kept, groups, args.dev_size, args.seed)
    train = [p for p, d in zip(kept, in_dev) if not d]
    dev = [p for p, d in zip(kept, in_dev) if d]

    os.makedirs(args.outdir, exist_ok=True)
    for name, rows in (("train", train), ("dev", dev), ("test", list(zip(test_en, test_es)))):
        write_lines(os.path.join(args.outdir, f"{name}.en"), [en for en, _ in rows])
        write_lines(os.path.join(args.outdir, f"{name}.es"), [es for _, es in rows])

    print(f"prepare: {len(pairs)} pairs read, {len(pairs) - len(unique)} exact duplicates removed")
    print(f"prepare: {by_en} pairs removed whose English side is a test sentence, "
          f"{by_es} more whose Spanish side is")
    print(f"prepare: {len(kept)} pairs kept in {len(groups)} groups: "
          f"{len(train)} train, {len(dev)} dev; {len(test_en)} test pairs")
    print(f"prepare: written to {args.outdir}/{{train,dev,test}}.{{es,en}}")


if __name__ == "__main__":
    main()
