#!/usr/bin/env python3
"""Builds the training mix and dev set of the general Spanish<->English models.

    prepare_general.py OUTDIR --source NAME:PREFIX:WEIGHT[:doc] ... --dev PREFIX:N ...
                       [--join-share 0.1] [--caps-share 0.03] [--title-share 0.02] [--seed 1]

Each --source names line-aligned files PREFIX.es and PREFIX.en (and PREFIX.doc when the source
keeps document order, marked `:doc`; `:none` or nothing for pairs without an order; for news and the Bible the line order itself is the document
order, marked `:ordered`). WEIGHT scales the source: 3 repeats it three times, 0.5 keeps every
pair with probability one half (seeded), so that no single source dominates the mix.

Two robustness additions, both seeded and both recorded in OUTDIR/mix.tsv:
- joined pairs: --join-share of the mix's size is added as pairs of two consecutive sentences of
  one document joined by a space on both sides, so that the model sees inputs of more than one
  sentence (the segmenter splits most of them, but not every boundary is certain);
- capitals: --caps-share of the pairs are written in capitals on both sides and --title-share in
  Title Case (every word's first letter), in place, as Marian's --all-caps-every and
  --english-title-case-every do, so that headlines and forms in capitals are not garbage.

The pairs are shuffled (seeded) and written as OUTDIR/train.{es,en}; --dev takes the first N lines
of each PREFIX.{es,en} into OUTDIR/dev.{es,en}.
"""
import argparse
import os
import random
import sys


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]


def read_source(prefix, order):
    es, en = read_lines(prefix + ".es"), read_lines(prefix + ".en")
    if len(es) != len(en):
        sys.exit(f"prepare: {prefix}.es has {len(es)} lines and {prefix}.en {len(en)}")
    if order == "doc":
        docs = read_lines(prefix + ".doc")
        if len(docs) != len(es):
            sys.exit(f"prepare: {prefix}.doc has {len(docs)} lines, {prefix}.es {len(es)}")
    elif order == "ordered":
        docs = ["all"] * len(es)
    elif order not in (None, "none"):
        sys.exit(f"prepare: {prefix}: unknown order '{order}' (doc, ordered or none)")
    else:
        docs = [None] * len(es)
    return list(zip(es, en, docs))


def weighted(pairs, weight, rng):
    whole, part = int(weight), weight - int(weight)
    result = pairs * whole
    result += [p for p in pairs if rng.random() < part]
    return result


def joined(pairs, count, rng):
    """count pairs of two consecutive sentences of one document."""
    candidates = [i for i in range(len(pairs) - 1)
                  if pairs[i][2] is not None and pairs[i][2] == pairs[i + 1][2]]
    rng.shuffle(candidates)
    return [(pairs[i][0] + " " + pairs[i + 1][0], pairs[i][1] + " " + pairs[i + 1][1])
            for i in candidates[:count]]


def title_case(text):
    return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))


def recase(mix, caps_share, title_share, rng):
    counts = {"capitals": 0, "title case": 0}
    for i, (es, en) in enumerate(mix):
        r = rng.random()
        if r < caps_share:
            mix[i] = (es.upper(), en.upper())
            counts["capitals"] += 1
        elif r < caps_share + title_share:
            mix[i] = (title_case(es), title_case(en))
            counts["title case"] += 1
    return counts


def write_atomically(path, lines):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--source", action="append", required=True)
    parser.add_argument("--dev", action="append", required=True)
    parser.add_argument("--join-share", type=float, default=0.1)
    parser.add_argument("--caps-share", type=float, default=0.03)
    parser.add_argument("--title-share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, mix, ordered = [], [], []
    for spec in args.source:
        name, prefix, weight, *order = spec.split(":")
        pairs = read_source(prefix, order[0] if order else None)
        taken = weighted(pairs, float(weight), rng)
        rows.append((name, len(pairs), weight, len(taken)))
        mix += [(es, en) for es, en, _ in taken]
        ordered += pairs
    extra = joined(ordered, int(args.join_share * len(mix)), rng)
    rows.append(("joined pairs", len(extra), "", len(extra)))
    mix += extra
    rng.shuffle(mix)
    recased = recase(mix, args.caps_share, args.title_share, rng)
    os.makedirs(args.outdir, exist_ok=True)
    write_atomically(os.path.join(args.outdir, "train.es"), [es for es, _ in mix])
    write_atomically(os.path.join(args.outdir, "train.en"), [en for _, en in mix])
    dev = []
    for spec in args.dev:
        prefix, count = spec.rsplit(":", 1)
        source = read_source(prefix, None)[:int(count)]
        dev += source
        rows.append(("dev: " + os.path.basename(prefix), len(source), "", len(source)))
    write_atomically(os.path.join(args.outdir, "dev.es"), [es for es, _, _ in dev])
    write_atomically(os.path.join(args.outdir, "dev.en"), [en for _, en, _ in dev])
    table = ["source\tpairs\tweight\tin the mix"] + ["\t".join(map(str, r)) for r in rows]
    table += [f"recased: {k}\t\t\t{v}" for k, v in recased.items()]
    table.append(f"training pairs\t\t\t{len(mix)}")
    write_atomically(os.path.join(args.outdir, "mix.tsv"), table)
    print("\n".join(table), file=sys.stderr)


if __name__ == "__main__":
    main()
