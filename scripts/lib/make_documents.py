#!/usr/bin/env python3
"""Test documents for scripts/bench-documents.sh, made from test sentences (seeded, so the same
every run):

  make_documents.py html SRC REF OUT_PREFIX [BYTES]   pages of 1-4 sentences per block, inline
      markup around 1-3 words of half of them; writes OUT_PREFIX.html, the blocks' plain text
      (OUT_PREFIX.blocks.src, one block per line) and their references (OUT_PREFIX.blocks.ref).
      With BYTES, sentences are taken again from the start until the page has that many bytes.
  make_documents.py srt SRC OUT      cues of up to 7 words, a sentence over 1-3 cues, 2 s each.
  make_documents.py tags FILE        the tags of an HTML file in order, with their attributes.
  make_documents.py text FILE        the text of each <p>/<li>/<td>/<h2> of a page, one per line.
"""
import html
import random
import sys
from html.parser import HTMLParser

INLINE = [("<b>", "</b>"), ("<i>", "</i>"), ('<a href="/w?id=7&amp;x=1">', "</a>"),
          ('<span class="k">', "</span>"), ("<em>", "</em>")]
BLOCKS = [("<p>", "</p>"), ("<li>", "</li>"), ("<td>", "</td>"), ("<h2>", "</h2>")]


def marked(sentence, rng):
    words = sentence.split()
    if len(words) < 3 or rng.random() < 0.5:
        return html.escape(sentence, quote=False)
    n = rng.randint(1, min(3, len(words) - 1))
    start = rng.randint(0, len(words) - n)
    open_tag, close_tag = rng.choice(INLINE)
    esc = [html.escape(w, quote=False) for w in words]
    return " ".join(esc[:start] + [open_tag + " ".join(esc[start:start + n]) + close_tag] + esc[start + n:])


def make_html(src, ref, out, size=None):
    rng = random.Random(1)
    sources = open(src, encoding="utf-8").read().splitlines()
    refs = open(ref, encoding="utf-8").read().splitlines()
    page, blocks, block_refs, i, total = ["<!DOCTYPE html>\n<html><head><title>Test</title></head><body>\n"], [], [], 0, 0
    while (size is None and i < len(sources)) or (size is not None and total < size):
        n = rng.randint(1, 4)
        idx = [(i + k) % len(sources) for k in range(n)]
        if size is None:
            idx = [k for k in idx if k >= i]
        i += n
        open_tag, close_tag = rng.choice(BLOCKS)
        if open_tag in ("<li>", "<td>"):
            wrap = ("<ul>", "</ul>") if open_tag == "<li>" else ("<table><tr>", "</tr></table>")
        else:
            wrap = ("", "")
        body = " ".join(marked(sources[k], rng) for k in idx)
        chunk = f"{wrap[0]}{open_tag}{body}{close_tag}{wrap[1]}\n"
        page.append(chunk)
        total += len(chunk.encode())
        blocks.append(" ".join(sources[k] for k in idx))
        block_refs.append(" ".join(refs[k] for k in idx))
    page.append("</body></html>\n")
    open(out + ".html", "w", encoding="utf-8").write("".join(page))
    open(out + ".blocks.src", "w", encoding="utf-8").write("\n".join(blocks) + "\n")
    open(out + ".blocks.ref", "w", encoding="utf-8").write("\n".join(block_refs) + "\n")


def make_srt(src, out):
    rng = random.Random(1)
    cues, t = [], 0
    for sentence in open(src, encoding="utf-8").read().splitlines():
        words = sentence.split()
        parts = max(1, min(3, (len(words) + 6) // 7))
        size = -(-len(words) // parts)
        for p in range(parts):
            chunk = words[p * size:(p + 1) * size]
            if not chunk:
                continue
            start, end = t, t + 2000 - rng.randint(0, 300)
            t += 2000
            stamp = lambda ms: f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"
            lines = " ".join(chunk)
            if len(chunk) > 4:
                lines = " ".join(chunk[:len(chunk) // 2]) + "\n" + " ".join(chunk[len(chunk) // 2:])
            cues.append(f"{len(cues) + 1}\n{stamp(start)} --> {stamp(end)}\n{lines}\n")
    open(out, "w", encoding="utf-8").write("\n".join(cues))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.blocks, self.current = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(("<", tag, tuple(attrs)))
        if tag in ("p", "li", "td", "h2"):
            self.current = []

    def handle_endtag(self, tag):
        self.tags.append((">", tag))
        if tag in ("p", "li", "td", "h2") and self.current is not None:
            self.blocks.append(" ".join("".join(self.current).split()))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def parse(path):
    t = Tags()
    t.feed(open(path, encoding="utf-8").read())
    return t


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "html":
        make_html(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else None)
    elif what == "srt":
        make_srt(sys.argv[2], sys.argv[3])
    elif what == "tags":
        for t in parse(sys.argv[2]).tags:
            print(t)
    elif what == "text":
        print("\n".join(parse(sys.argv[2]).blocks))
