#!/usr/bin/python3
"""Aligns three SWORD Bible modules exported by mod2imp and writes the heed Bible corpus.

Usage: clean_sword.py SPA.imp WEB.imp KJV.imp OUTDIR

Keeps the verses present (non-empty after cleaning) in all three modules, in the canonical order
of the WEB export, and splits them by index i: test if i % 50 == 7, dev if i % 50 == 32, else
train. Cleaning: notes are removed with their text, editorial (non-canonical) titles with theirs,
every other tag is removed keeping its text (inline tags without a trace, block tags as a space) (canonical psalm titles stay: RV1909 has them as
verse text), entities are decoded, whitespace is collapsed.
"""
import html
import re
import sys

HEADER = re.compile(r'^\$\$\$(.+) (\d+):(\d+)$')
NOTE = re.compile(r'<note\b[^>]*/>|<note\b.*?</note>', re.S)
EDITORIAL_TITLE = re.compile(r'<title\b(?![^>]*canonical="true")[^>]*/>|<title\b(?![^>]*canonical="true")[^>]*>.*?</title>', re.S)
# Tags inside running text vanish; any other tag (verse divisions, poetry lines, breaks) separates
# words, so it becomes a space.
INLINE_TAG = re.compile(r'</?(?:w|transChange|divineName|q|seg|hi|foreign|name|catchWord)\b[^>]*>')
TAG = re.compile(r'<[^>]*>')
SPACE = re.compile(r'\s+')


def clean(text):
    text = NOTE.sub(' ', text)
    text = EDITORIAL_TITLE.sub(' ', text)
    text = INLINE_TAG.sub('', text)
    text = TAG.sub(' ', text)
    text = html.unescape(text)
    return SPACE.sub(' ', text).strip()


def read_module(path):
    verses, order = {}, []
    key, lines = None, []

    def flush():
        if key is not None:
            text = clean(' '.join(lines))
            if text:
                verses[key] = text
                order.append(key)

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            m = HEADER.match(line)
            if m:
                flush()
                book, chapter, verse = m.group(1), int(m.group(2)), int(m.group(3))
                key = (book, chapter, verse) if chapter > 0 and verse > 0 else None
                lines = []
            elif line.startswith('$$$'):
                flush()
                key, lines = None, []
            else:
                lines.append(line)
    flush()
    return verses, order


def main():
    spa_path, web_path, kjv_path, out = sys.argv[1:5]
    spa, _ = read_module(spa_path)
    web, order = read_module(web_path)
    kjv, _ = read_module(kjv_path)
    aligned = [k for k in order if k in spa and k in kjv]
    splits = {name: {'es': [], 'en': [], 'kjv': [], 'refs': []} for name in ('train', 'dev', 'test')}
    for i, key in enumerate(aligned):
        name = 'test' if i % 50 == 7 else 'dev' if i % 50 == 32 else 'train'
        s = splits[name]
        s['es'].append(spa[key])
        s['en'].append(web[key])
        s['kjv'].append(kjv[key])
        s['refs'].append(f'{key[0]} {key[1]}:{key[2]}')
    for name, s in splits.items():
        kinds = ('es', 'en', 'kjv', 'refs') if name == 'test' else ('es', 'en', 'refs')
        for kind in kinds:
            with open(f'{out}/{name}.{kind}', 'w', encoding='utf-8') as f:
                f.write(''.join(line + '\n' for line in s[kind]))
    counts = ', '.join(f'{name} {len(s["es"])}' for name, s in splits.items())
    print(f'aligned {len(aligned)} verses (Spanish {len(spa)}, WEB {len(web)}, KJV {len(kjv)}): {counts}')


if __name__ == '__main__':
    main()
