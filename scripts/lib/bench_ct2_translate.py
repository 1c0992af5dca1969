#!/usr/bin/python3
"""CTranslate2's side of scripts/bench-import.sh: translates a file with a CTranslate2 model and
prints sentences/s (model load excluded) as the last line, `JSON {...}`.

  bench_ct2_translate.py MODEL_DIR SPM INPUT OUTPUT [--compute-type int8] [--threads 2] [--beam 4]

The layout matches `heed translate`'s defaults: `threads` batches at once on one thread each
(inter_threads = threads, intra_threads = 1), batches of at most 1024 tokens and 256 sentences,
sorted by length; beam 4, length penalty 0.6, at most 1.5 · (pieces + 1) + 10 target pieces per
batch. Needs the ctranslate2 module (PYTHONPATH=<CTranslate2 source>/python) and sentencepiece.
"""
import argparse, json, sys, threading, time

sys.modules['torch'] = None  # ctranslate2.specs imports torch when it can: memory and threads of its own
import ctranslate2  # noqa: E402
import sentencepiece as spm  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('model'); p.add_argument('spm'); p.add_argument('input'); p.add_argument('output')
    p.add_argument('--compute-type', default='int8'); p.add_argument('--threads', type=int, default=2)
    p.add_argument('--beam', type=int, default=4)
    a = p.parse_args()
    sp = spm.SentencePieceProcessor(model_file=a.spm)
    box = {}  # made in a short-lived thread: GNU OpenMP oversubscribed threads otherwise (CT2 recipe)
    t = threading.Thread(target=lambda: box.update(tr=ctranslate2.Translator(
        a.model, device='cpu', compute_type=a.compute_type, inter_threads=a.threads, intra_threads=1)))
    t.start(); t.join()
    tr = box['tr']
    lines = open(a.input, encoding='utf-8').read().rstrip('\n').split('\n')
    start = time.perf_counter()
    pieces = [sp.encode(line, out_type=str) for line in lines]
    longest = max(len(x) for x in pieces) if pieces else 0
    results = tr.translate_batch(pieces, beam_size=a.beam, length_penalty=0.6, max_batch_size=1024,
                                 batch_type='tokens', max_decoding_length=int(1.5 * (longest + 1) + 10))
    out = [sp.decode(r.hypotheses[0]) for r in results]
    seconds = time.perf_counter() - start
    open(a.output, 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    print('JSON ' + json.dumps({'sentences': len(lines), 'seconds': seconds,
                                'sentences_per_second': len(lines) / seconds}))


if __name__ == '__main__':
    main()
