#!/usr/bin/python3
"""Writes the CTranslate2 fixtures of tests/convert: tiny models with random weights, one per
variant heed imports, and CTranslate2's own scores and beam-4 translations of a few sentences.

Run by hand where CTranslate2 (4.8.1 here) is installed, with Debian's python3 (numpy,
sentencepiece, yaml):

    PYTHONPATH=<CTranslate2 source>/python /usr/bin/python3 tests/convert/make_ct2_fixtures.py

It rewrites tests/data/convert/ (a few hundred kB; the unit tests and tests/cli/import.sh read it,
never CTranslate2). Deterministic: the same CTranslate2 writes the same bytes.

  spm.model                one SentencePiece model (unigram, 200 pieces, its default special
                           ids unk=0 bos=1 eos=2, no pad: the layout of Argos' packages)
  VARIANT/                 a CTranslate2 model directory (model.bin, config.json, vocabularies)
  VARIANT/expected.json    sources and targets as pieces, CTranslate2's score of each pair
                           (sum of log p of the target pieces and eos) and its beam-4 translation
                           under heed's search rules (as fidelity_check.py: GNMT length penalty
                           0.6, heed's length limit, the first `beam` hypotheses to finish)
  refused-*/               variants heed must refuse, with the words of the refusal in
                           expected.json
  es-en.argosmodel         an Argos Translate package of the onmt variant

The models are built with CTranslate2's own specs (ctranslate2.specs.TransformerSpec) and, for
Marian's layout (OPUS-MT), with its Marian converter on a synthetic model.npz.
"""
import io, json, os, shutil, struct, sys, tempfile, threading, zipfile

sys.modules['torch'] = None  # ctranslate2.specs imports torch if it can (slow, and not needed)
import numpy as np
import sentencepiece as spm
import ctranslate2
from ctranslate2.converters.converter import Converter
from ctranslate2.converters.marian import MarianConverter
from ctranslate2.specs import common_spec, transformer_spec

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
OUT = os.path.join(DATA, 'convert')
D, HEADS, FFN, LAYERS = 16, 2, 32, 2
BEAM = 4
EOS_GAIN, EOS_BIAS = 3.5, 5.0  # found by trying: some variants end with eos, some at the length limit
A = common_spec.Activation


def train_spm(work):
    lines = []
    for name in ('bible.train.es', 'bible.train.en'):
        lines += open(os.path.join(DATA, name), encoding='utf-8').read().split('\n')[:400]
    model = io.BytesIO()  # from an iterator into memory: no temporary path recorded in the model
    spm.set_random_generator_seed(1)
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=200,
                                   model_type='unigram', normalization_rule_name='identity',
                                   character_coverage=1.0, num_threads=1, minloglevel=2)
    path = os.path.join(work, 'spm.model')
    open(path, 'wb').write(model.getvalue())
    return path


def pieces_of(sp):
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size()) if not sp.is_control(i) and not sp.is_unknown(i)]


def onmt_vocab(pieces, drop=0):
    """OpenNMT's layout: <blank> <unk> <s> </s>, then pieces (some left out: unknown to the model)."""
    return ['<blank>', '<unk>', '<s>', '</s>'] + pieces[drop:]


def marian_vocab(pieces):
    return ['</s>', '<unk>'] + pieces + ['<pad>']


class SpecConverter(Converter):
    def __init__(self, spec):
        self.spec = spec

    def _load(self):
        return self.spec


def linear(rng, spec, out, inp, bias=True, scale=0.4):
    spec.weight = (rng.standard_normal((out, inp)) * scale / np.sqrt(inp)).astype(np.float32)
    if bias:
        spec.bias = (rng.standard_normal(out) * 0.1).astype(np.float32)


def norm(rng, spec):
    spec.gamma = (1 + 0.2 * rng.standard_normal(D)).astype(np.float32)
    spec.beta = (0.1 * rng.standard_normal(D)).astype(np.float32)


def attention(rng, spec, self_attn, bias):
    if self_attn:
        linear(rng, spec.linear[0], 3 * D, D, bias)
    else:
        linear(rng, spec.linear[0], D, D, bias)
        linear(rng, spec.linear[1], 2 * D, D, bias)
    linear(rng, spec.linear[-1], D, D, bias)
    norm(rng, spec.layer_norm)


def build_spec(v, seed):
    """A TransformerSpec of variant v with random weights."""
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(
        (LAYERS, LAYERS), HEADS, pre_norm=v['pre_norm'], no_final_norm=v.get('no_final_norm', False),
        activation=v['activation'], with_relative_position=v.get('relative', False),
        layernorm_embedding=v.get('layernorm_embedding', False))
    src, tgt = v['source'], v['target']
    emb_t = (rng.standard_normal((len(tgt), D)) * 0.5).astype(np.float32)
    emb_s = emb_t if v.get('shared', True) else (rng.standard_normal((len(src), D)) * 0.5).astype(np.float32)
    spec.encoder.embeddings[0].weight = emb_s
    spec.decoder.embeddings.weight = emb_t
    spec.decoder.projection.weight = emb_t if v.get('tied', True) else (rng.standard_normal((len(tgt), D)) * 0.5).astype(np.float32)
    if v.get('output_bias'):
        spec.decoder.projection.bias = (rng.standard_normal(len(tgt)) * 0.5).astype(np.float32)
    # A louder end of sentence, so that hypotheses end at different lengths and the search's
    # rules for finished ones are checked, not only its length limit.
    eos = tgt.index('</s>')
    spec.decoder.projection.weight[eos] *= v.get('eos_gain', EOS_GAIN)
    bias = v.get('bias', True)
    for stack in (spec.encoder, spec.decoder):
        stack.scale_embeddings = v.get('scale', True)
        if v.get('positions') == 'stored':
            stack.position_encodings.encodings = (rng.standard_normal((128, D)) * 0.3).astype(np.float32)
        if hasattr(stack, 'layer_norm'):
            norm(rng, stack.layer_norm)
        for layer in stack.layer:
            attention(rng, layer.self_attention, True, bias)
            if hasattr(layer, 'attention'):
                attention(rng, layer.attention, False, bias)
            linear(rng, layer.ffn.linear_0, FFN, D, bias)
            linear(rng, layer.ffn.linear_1, D, FFN, bias)
            norm(rng, layer.ffn.layer_norm)
            if v.get('relative'):
                for a in (layer.self_attention,):
                    a.relative_position_keys = rng.standard_normal((17, D // HEADS)).astype(np.float32)
                    a.relative_position_values = rng.standard_normal((17, D // HEADS)).astype(np.float32)
        if v.get('layernorm_embedding'):
            norm(rng, stack.layernorm_embedding)
    spec.register_source_vocabulary(src)
    spec.register_target_vocabulary(tgt)
    c = spec.config
    c.unk_token, c.bos_token, c.eos_token = '<unk>', '<s>', '</s>'
    c.decoder_start_token = v.get('start', '<s>')
    c.add_source_bos = v.get('add_source_bos', False)
    c.add_source_eos = v.get('add_source_eos', False)
    c.layer_norm_epsilon = v.get('eps', None)
    return spec


def marian_npz(work, vocab, activation, pre_norm, seed):
    """A synthetic Marian model.npz (OPUS-MT's layout: tied embeddings, biases, no stored positions)."""
    rng = np.random.default_rng(seed)
    w = {}
    V = len(vocab)
    w['Wemb'] = (rng.standard_normal((V, D)) * 0.5).astype(np.float32)
    w['decoder_ff_logit_out_b'] = (rng.standard_normal((1, V)) * 0.5).astype(np.float32)
    w['decoder_ff_logit_out_b'][0, vocab.index('</s>')] += EOS_BIAS  # see EOS_GAIN

    def lin(name, suffix, inp, out):
        w[f'{name}_W{suffix}'] = (rng.standard_normal((inp, out)) * 0.4 / np.sqrt(inp)).astype(np.float32)
        w[f'{name}_b{suffix}'] = (rng.standard_normal((1, out)) * 0.1).astype(np.float32)

    def ln(name):
        suffix = '_pre' if pre_norm else ''
        w[f'{name}_ln_scale{suffix}'] = (1 + 0.2 * rng.standard_normal((1, D))).astype(np.float32)
        w[f'{name}_ln_bias{suffix}'] = (0.1 * rng.standard_normal((1, D))).astype(np.float32)

    for stack in ('encoder', 'decoder'):
        for i in range(1, LAYERS + 1):
            blocks = ['self'] + (['context'] if stack == 'decoder' else [])
            for b in blocks:
                scope = f'{stack}_l{i}_{b}'
                for x in 'qkvo':
                    lin(scope, x, D, D)
                ln(scope + '_Wo')
            scope = f'{stack}_l{i}_ffn'
            lin(scope, '1', D, FFN)
            lin(scope, '2', FFN, D)
            ln(scope + '_ffn')
        if pre_norm:
            w[f'{stack}_top_ln_scale'] = (1 + 0.2 * rng.standard_normal((1, D))).astype(np.float32)
            w[f'{stack}_top_ln_bias'] = (0.1 * rng.standard_normal((1, D))).astype(np.float32)
    config = {
        'type': 'transformer', 'enc-depth': LAYERS, 'dec-depth': LAYERS, 'transformer-heads': HEADS,
        'transformer-decoder-autoreg': 'self-attention', 'transformer-no-projection': False,
        'transformer-ffn-activation': activation, 'transformer-postprocess-emb': 'd',
        'transformer-preprocess': 'n' if pre_norm else '', 'transformer-postprocess': 'da' if pre_norm else 'dan',
        'transformer-postprocess-top': 'n' if pre_norm else '', 'transformer-guided-alignment-layer': 'last',
        'tied-embeddings-all': True,
    }
    import yaml
    text = yaml.safe_dump(config).encode('utf-8') + b'\0'
    w['special:model.yml'] = np.frombuffer(text, dtype=np.int8)
    path = os.path.join(work, 'model.npz')
    np.savez(path, **w)
    vocab_path = os.path.join(work, 'vocab.yml')
    with open(vocab_path, 'w', encoding='utf-8') as f:
        for i, t in enumerate(vocab):
            f.write('"%s": %d\n' % (t.replace('\\', '\\\\').replace('"', '\\"'), i))
    return path, vocab_path


def make_translator(path):
    box = {}
    t = threading.Thread(target=lambda: box.update(tr=ctranslate2.Translator(
        path, device='cpu', compute_type='float32', inter_threads=1, intra_threads=1)))
    t.start(); t.join()
    return box['tr']


def gnmt(log_prob, length, alpha=0.6):
    return log_prob / ((5.0 + length) / 6.0) ** alpha


def heed_search(tr, pieces, added, max_positions):
    """CTranslate2's beam search under heed's rules (see fidelity_check.py in the CT2 recipe)."""
    lp = 1e-6
    max_len = max(1, min(int(1.5 * (len(pieces) + added) + 10), max_positions - 1))
    r = tr.translate_batch([pieces], beam_size=BEAM, patience=2, num_hypotheses=2 * BEAM, length_penalty=lp,
                           return_end_token=True, return_scores=True, max_decoding_length=max_len,
                           min_decoding_length=0)[0]
    fin = sorted(((len(h), s * len(h) ** lp, h) for h, s in zip(r.hypotheses, r.scores)),
                 key=lambda f: (f[0], -f[1]))[:BEAM]
    best = max(fin, key=lambda f: gnmt(f[1], f[0]))
    return [x for x in best[2] if x != '</s>'] if best[2] and best[2][-1] == '</s>' else best[2]


def expectations(model_dir, sp, v):
    src = open(os.path.join(DATA, 'bible.dev.es'), encoding='utf-8').read().split('\n')[:6]
    tgt = open(os.path.join(DATA, 'bible.dev.en'), encoding='utf-8').read().split('\n')[:6]
    src = [s[:50] for s in src]  # short: the tiny models' positions, and quick tests
    tgt = [t[:50] for t in tgt]
    sp_src = [sp.encode(s, out_type=str) for s in src]
    sp_tgt = [sp.encode(t, out_type=str) for t in tgt]
    tr = make_translator(model_dir)
    scores = [sum(r.log_probs) for r in tr.score_batch(sp_src, sp_tgt)]
    added = int(v.get('add_source_bos', False)) + int(v.get('add_source_eos', False))
    max_positions = 128 if v.get('positions') == 'stored' else 2048 if v.get('positions') == 'marian' else 1024
    hyps = [heed_search(tr, p, added, max_positions) for p in sp_src]
    return {'sources': src, 'targets': tgt, 'scores': scores, 'translations': hyps}


def rewrite_as_bfloat16(path):
    """model.bin's float32 variables as bfloat16 (round to nearest even), as CTranslate2's
    quantization="bfloat16" writes them: its converter needs torch for that, this does not."""
    raw = open(path, 'rb').read()
    pos = 0

    def take(fmt):
        nonlocal pos
        values = struct.unpack_from(fmt, raw, pos)
        pos += struct.calcsize(fmt)
        return values

    def string():
        nonlocal pos
        (n,) = take('H')
        text = raw[pos:pos + n]
        pos += n
        return text

    out = bytearray(raw[:4])
    pos = 4
    name = string(); out += struct.pack('H', len(name)) + name
    out += struct.pack('I', *take('I'))
    (count,) = take('I'); out += struct.pack('I', count)
    for _ in range(count):
        vname = string(); out += struct.pack('H', len(vname)) + vname
        (rank,) = take('B'); dims = take('%dI' % rank)
        (dtype,) = take('B'); (nbytes,) = take('I')
        data = raw[pos:pos + nbytes]; pos += nbytes
        if dtype == 0 and rank > 0:  # float32 arrays; scalars (flags, factors) stay
            u = np.frombuffer(data, dtype=np.uint32).astype(np.uint64)
            data = ((u + 0x7fff + ((u >> 16) & 1)) >> 16).astype(np.uint16).tobytes()
            dtype = 5
        out += struct.pack('B', rank) + struct.pack('%dI' % rank, *dims) + struct.pack('B', dtype)
        out += struct.pack('I', len(data)) + data
    out += raw[pos:]  # the aliases
    open(path, 'wb').write(bytes(out))


def write_variant(name, spec, v, sp, quantization=None):
    out = os.path.join(OUT, name)
    SpecConverter(spec).convert(out, quantization=None if quantization == 'bfloat16' else quantization, force=True)
    if quantization == 'bfloat16':
        rewrite_as_bfloat16(os.path.join(out, 'model.bin'))
    exp = expectations(out, sp, v)
    exp['variant'] = v['what']
    json.dump(exp, open(os.path.join(out, 'expected.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    print(f'{name}: {v["what"]}; scores {[round(s, 3) for s in exp["scores"]]}')
    return out


def variants(pieces):
    onmt = onmt_vocab(pieces, drop=7)
    other = onmt_vocab(pieces[::-1], drop=3)  # another order and size: a separate target vocabulary
    return [
        ('onmt-pre-relu-f32', None, dict(what='pre-norm, ReLU, biases, CTranslate2 sinusoids, shared and tied '
                                         'embeddings, OpenNMT tokens, no source eos', pre_norm=True, activation=A.RELU,
                                         source=onmt, target=onmt)),
        ('post-gelu-f16', 'float16', dict(what='post-norm, GELU (erf), float16, separate vocabularies and '
                                          'embeddings, untied output with bias, stored positions, source eos',
                                          pre_norm=False, activation=A.GELU, source=onmt, target=other, shared=False,
                                          tied=False, output_bias=True, positions='stored', add_source_eos=True)),
        ('pre-gelutanh-bf16', 'bfloat16', dict(what='pre-norm without final norm, GELU (tanh), bfloat16, no biases, '
                                               'unscaled embeddings, source bos and eos, eps 1e-6', pre_norm=True,
                                               no_final_norm=True, activation=A.GELUTanh, source=onmt, target=onmt,
                                               bias=False, scale=False, positions='stored', add_source_bos=True,
                                               add_source_eos=True, eps=1e-6)),
        ('pre-silu-int8', 'int8', dict(what='pre-norm, SiLU, int8 with per-row scales, separate embeddings '
                                       'of one vocabulary', pre_norm=True, activation=A.SWISH, source=onmt,
                                       target=onmt, shared=False, add_source_eos=True)),
        ('post-relu-int16', 'int16', dict(what='post-norm, ReLU, int16', pre_norm=False, activation=A.RELU,
                                          source=onmt, target=onmt, add_source_eos=True, eos_gain=5.0)),
    ]


def marian_variants(work, sp, pieces):
    vocab = marian_vocab(pieces)
    for name, act, pre in (('marian-post-relu', 'relu', False), ('marian-pre-gelu', 'gelu', True)):
        npz, vocab_yml = marian_npz(work, vocab, act, pre, seed=len(name))
        out = os.path.join(OUT, name)
        MarianConverter(npz, [vocab_yml, vocab_yml]).convert(out, force=True)
        v = dict(what=f'Marian (OPUS-MT layout) {"pre" if pre else "post"}-norm, {act}, start token <s> outside the vocabulary, '
                      f'zero start embedding, stored sinusoids, output bias', add_source_eos=True, positions='marian')
        exp = expectations(out, sp, v)
        exp['variant'] = v['what']
        json.dump(exp, open(os.path.join(out, 'expected.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
        print(f'{name}: {v["what"]}; scores {[round(s, 3) for s in exp["scores"]]}')


def refused(pieces):
    onmt = onmt_vocab(pieces, drop=7)
    for name, v, words in (
            ('refused-relative', dict(relative=True), 'relative positions are not supported'),
            ('refused-layernorm-embedding', dict(layernorm_embedding=True), 'a layer norm after the embeddings')):
        v.update(pre_norm=True, activation=A.RELU, source=onmt, target=onmt)
        out = os.path.join(OUT, name)
        SpecConverter(build_spec(v, seed=7)).convert(out, force=True)
        json.dump({'refusal': words}, open(os.path.join(out, 'expected.json'), 'w'), indent=1)
        print(f'{name}: refused with "{words}"')


def argos_package(model_dir, spm_path):
    meta = {'package_version': '1.0', 'argos_version': '1.0', 'from_code': 'es', 'from_name': 'Spanish',
            'to_code': 'en', 'to_name': 'English', 'type': 'translate', 'links': []}
    path = os.path.join(OUT, 'es-en.argosmodel')
    top = 'translate-es_en-1_0/'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        def add(name, data):  # a fixed date: the same bytes on every run
            z.writestr(zipfile.ZipInfo(top + name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        add('metadata.json', json.dumps(meta, indent=4))
        add('README.md', 'A synthetic package for heed\'s tests.\n')
        add('sentencepiece.model', open(spm_path, 'rb').read())
        for f in sorted(os.listdir(model_dir)):
            if f != 'expected.json':
                add('model/' + f, open(os.path.join(model_dir, f), 'rb').read())
    print(f'{path}: an Argos Translate package of {os.path.basename(model_dir)}')


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    work = tempfile.mkdtemp()
    try:
        spm_path = train_spm(work)
        shutil.copy(spm_path, os.path.join(OUT, 'spm.model'))
        sp = spm.SentencePieceProcessor(model_file=spm_path)
        pieces = pieces_of(sp)
        first = None
        for i, (name, quantization, v) in enumerate(variants(pieces)):
            out = write_variant(name, build_spec(v, seed=100 + i), v, sp, quantization)
            first = first or out
        marian_variants(work, sp, pieces)
        refused(pieces)
        argos_package(first, spm_path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
