"""Build tiny but real vi→en .argosmodel packages at test time.

No machine here reaches the Argos index, so tests make their own packages, the
same shape as the real one (``translate-vi_en-<ver>/metadata.json``, ``model/``
for CTranslate2, ``sentencepiece.model``), zipped:

- ``build_copy_model``: a CTranslate2 transformer whose hand-set weights copy
  the source exactly through the real SentencePiece → CTranslate2 → pieces
  path, so what the pipeline adds around MT can be asserted exactly.
- ``build_random_model``: a transformer with random weights. Its output is
  noise; it proves that loading, batching and decoding limits work.

Both train a SentencePiece model on the given texts plus ENGLISH_TEXT, with
byte fallback so that any character (even one never seen in training)
survives the round trip instead of becoming <unk>.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import numpy as np

# English the copy model must pass through untouched: glossary renderings and
# names the pipeline restores, and a few hundred words of the desk's political
# vocabulary so that English tokenizes into sensible pieces, not single letters.
ENGLISH_TEXT = """\
General Secretary To Lam met delegates in Hanoi on Wednesday, 4 September 2024.
The Politburo and the Secretariat of the Party Central Committee reviewed the resolution.
President Luong Cuong and Prime Minister Pham Minh Chinh attended the ceremony.
Chairman of the National Assembly Tran Thanh Man chaired the session.
The Communist Party of Vietnam held its National Congress in the capital.
Member of the Politburo, Permanent Member of the Secretariat Tran Cam Tu spoke.
The Central Military Commission and the Ministry of Public Security reported on security.
The Vietnam Fatherland Front and the Ho Chi Minh Communist Youth Union joined the campaign.
Deputy Prime Minister Nguyen Hoa Binh visited the province of Quang Ninh.
The Central Commission for Organisation and the Central Inspection Commission met.
The Central Commission for Mass Mobilisation praised the emulation movement.
"Good advice, good service" is the slogan of the movement.
The Office of the President and the Office of the Party Central Committee honoured staff.
Vietnam General Confederation of Labour chairman Nguyen Dinh Khang attended.
The Government, ministries, sectors and localities must implement the directive.
Socio-economic development, national defence and foreign affairs were discussed.
The anti-corruption campaign continues across the political system.
Delegates, officials, Party members and people nationwide welcomed the decision.
Ho Chi Minh City, Da Nang, Hai Phong and Can Tho are centrally-run cities.
The Standing Committee of the National Assembly approved the law on land.
Minister of Foreign Affairs, ambassador, embassy, bilateral relations, cooperation.
Economic growth, investment, labour, organisation, programme, centre, defence, honour.
The Vietnam News Agency reported the news on Thursday morning.
Comprehensive strategic partnership, sustainable development, digital transformation.
"""


def corpus_lines(texts: list[str]) -> list[str]:
    """Training lines: the given texts (NFC, as xlate normalizes units) plus ENGLISH_TEXT."""
    lines = []
    for text in [*texts, ENGLISH_TEXT]:
        text = unicodedata.normalize("NFC", text.replace("\ufeff", ""))
        lines += [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line]


def train_sentencepiece(lines: list[str], prefix: Path, vocab: int, model_type: str = "unigram"):
    """Train a SentencePiece model at ``prefix``.model and return its processor."""
    import sentencepiece as spm

    corpus = prefix.with_suffix(".corpus.txt")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=vocab, model_type=model_type,
        # A small corpus cannot fill a large vocabulary; take what it gives.
        hard_vocab_limit=False,
        character_coverage=1.0, byte_fallback=True,
        # "identity": no NFKC, so … “ ” and the like come back as they went in.
        normalization_rule_name="identity",
        num_threads=2, minloglevel=2)
    corpus.unlink()
    return spm.SentencePieceProcessor(model_file=str(prefix) + ".model")


def target_vocabulary(sp, pad_to: int = 0) -> list[str]:
    """The CTranslate2 vocabulary: every SentencePiece piece, specials first.

    ``pad_to`` adds synthetic pieces so the output layer has a realistic size
    (benchmarks): SentencePiece never produces them, a random model may.
    """
    specials = ["<unk>", "<s>", "</s>"]
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = specials + [p for p in pieces if p not in specials]
    vocab += [f"<pad{i}>" for i in range(pad_to - len(vocab))]
    return vocab


def write_package(out_path: Path, work: Path, version: str, description: str) -> Path:
    """Add metadata.json to ``work``/translate-vi_en-<ver> and zip that folder."""
    pkg = package_folder(work, version)
    metadata = {
        "package_version": version, "argos_version": "1.9.0",
        "from_code": "vi", "from_name": "Vietnamese", "to_code": "en", "to_name": "English",
        "type": "translate", "description": description,
    }
    (pkg / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    out_path = Path(out_path)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as z:
        for file in sorted(pkg.rglob("*")):
            z.write(file, file.relative_to(work).as_posix())
    return out_path


def package_folder(work: Path, version: str) -> Path:
    return work / f"translate-vi_en-{version.replace('.', '_')}"


def _f32(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float32)


def _unit_rows(rng, n: int, k: int) -> np.ndarray:
    m = rng.normal(size=(n, k))
    m -= m.mean(axis=1, keepdims=True)  # zero mean: LayerNorm only rescales them
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def build_copy_model(out_path, corpus_texts: list[str], d: int = 64, vocab: int = 1500,
                     version: str = "0.1", sharpness: float = 2.0, noise: float = 0.0) -> Path:
    """A .argosmodel whose "translation" is its input, token for token.

    Positions live in dims [0, d/2), token identity in [d/2, d). Cross-attention
    matches decoder step t to source position t (queries and keys see only the
    position half) and its value carries the source token into the token half,
    where the output projection, tied to the embeddings, reads it back. The
    source </s> is copied too, which ends decoding.
    """
    from ctranslate2.specs import transformer_spec

    h = d // 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pkg = package_folder(work, version)
        (pkg / "model").mkdir(parents=True)
        sp = train_sentencepiece(corpus_lines(corpus_texts), pkg / "sentencepiece", vocab)
        tokens = target_vocabulary(sp)
        rng = np.random.default_rng(7)
        token_vectors = _unit_rows(rng, len(tokens), h)
        # No token may resemble </s>: a token close to it (by chance, in h dimensions) lets the
        # beam end a long copy early, right before that token.
        eos = tokens.index("</s>")
        others = np.arange(len(tokens)) != eos
        v = token_vectors[eos]
        token_vectors[others] -= np.outer(token_vectors[others] @ v, v)
        token_vectors[others] /= np.linalg.norm(token_vectors[others], axis=1, keepdims=True)
        position_vectors = _unit_rows(rng, 1024, h)
        emb = np.zeros((len(tokens), d))
        emb[:, h:] = token_vectors
        pos = np.zeros((1024, d))
        pos[:, :h] = position_vectors

        spec = transformer_spec.TransformerSpec.from_config((1, 1), 1)
        spec.config.add_source_eos = True
        for side in (spec.encoder, spec.decoder):
            side.scale_embeddings = False
            side.position_encodings.encodings = _f32(pos)
            _set_norm(side.layer_norm, d)
        spec.encoder.embeddings[0].weight = _f32(emb)
        spec.decoder.embeddings.weight = _f32(emb)
        for layer in (spec.encoder.layer[0], spec.decoder.layer[0]):
            _set_attention(layer.self_attention, d, fused=True, fill=np.zeros)
            _set_ffn(layer.ffn, d, 4, fill=np.zeros)
        cross = spec.decoder.layer[0].attention
        _set_attention(cross, d, fused=False, fill=np.zeros)
        # Sharp position matching: score(t, s) ∝ alpha² · (P_t · P_s).
        alpha = 3.0
        wq = np.zeros((d, d))
        wq[:h, :h] = alpha * np.eye(h)
        wkv = np.zeros((2 * d, d))
        wkv[:h, :h] = alpha * np.eye(h)
        wkv[d:d + h, h:] = np.eye(h)  # value: the source token, moved to dims [0, h)
        wo = np.zeros((d, d))
        # Back into the token half, large enough to outweigh the previous token
        # that the decoder input carries on the residual path (matters at small d).
        wo[h:, :h] = 2.0 * np.eye(h)
        cross.linear[0].weight = _f32(wq)
        cross.linear[1].weight = _f32(wkv)
        cross.linear[2].weight = _f32(wo)
        # noise > 0 blurs the output layer: an imperfect copier, less sure and sometimes wrong
        # (bench/confidence_vs_accuracy.py measures how its confidence follows its mistakes).
        spec.decoder.projection.weight = _f32(emb + noise * rng.normal(size=emb.shape) / np.sqrt(h))
        spec.decoder.projection.bias = _f32(np.zeros(len(tokens)))
        # A sure copier: the final norm's gain scales every logit alike, so the copied token
        # stays the most likely one, now by a wide margin (the engine's confidence is near 100%).
        spec.decoder.layer_norm.gamma = _f32(np.full(d, sharpness))
        spec.register_source_vocabulary(tokens)
        spec.register_target_vocabulary(tokens)
        spec.validate()
        spec.optimize(quantization="float32")  # int8 would blur the hand-set weights
        spec.save(str(pkg / "model"))
        return write_package(out_path, work, version, "copy model: output equals input (tests only)")


def build_random_model(out_path, corpus_texts: list[str], layers: int = 2, d: int = 64,
                       heads: int = 4, ffn: int = 128, vocab: int = 1500, version: str = "0.2",
                       pad_vocab_to: int = 0, quantization: str = "float32", seed: int = 0,
                       sp_model_type: str = "unigram") -> Path:
    """A .argosmodel: a pre-norm transformer (layers+layers) with random weights."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)

    def fill(shape):
        # Small weights keep activations tame; the output is noise either way.
        return rng.normal(scale=1.0 / np.sqrt(shape[-1]), size=shape)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pkg = package_folder(work, version)
        (pkg / "model").mkdir(parents=True)
        sp = train_sentencepiece(corpus_lines(corpus_texts), pkg / "sentencepiece", vocab, sp_model_type)
        tokens = target_vocabulary(sp, pad_to=pad_vocab_to)

        spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads)
        emb = fill((len(tokens), d))
        for side in (spec.encoder, spec.decoder):
            _set_norm(side.layer_norm, d)  # position encodings stay sinusoidal (unset)
        spec.encoder.embeddings[0].weight = _f32(emb)
        spec.decoder.embeddings.weight = _f32(emb)
        for layer in spec.encoder.layer:
            _set_attention(layer.self_attention, d, fused=True, fill=fill)
            _set_ffn(layer.ffn, d, ffn, fill=fill)
        for layer in spec.decoder.layer:
            _set_attention(layer.self_attention, d, fused=True, fill=fill)
            _set_attention(layer.attention, d, fused=False, fill=fill)
            _set_ffn(layer.ffn, d, ffn, fill=fill)
        spec.decoder.projection.weight = _f32(emb)
        spec.decoder.projection.bias = _f32(np.zeros(len(tokens)))
        spec.register_source_vocabulary(tokens)
        spec.register_target_vocabulary(tokens)
        spec.validate()
        spec.optimize(quantization=quantization)
        spec.save(str(pkg / "model"))
        return write_package(out_path, work, version, "random weights: output is noise (tests only)")


def _set_norm(norm, d: int) -> None:
    norm.gamma = _f32(np.ones(d))
    norm.beta = _f32(np.zeros(d))


def _set_attention(att, d: int, fused: bool, fill) -> None:
    """Self-attention has one fused QKV projection; cross-attention has Q and KV."""
    rows = [3 * d] if fused else [d, 2 * d]
    for linear, n in zip(att.linear, rows + [d]):
        linear.weight = _f32(fill((n, d)))
        linear.bias = _f32(np.zeros(n))
    _set_norm(att.layer_norm, d)


def _set_ffn(ffn, d: int, inner: int, fill) -> None:
    ffn.linear_0.weight = _f32(fill((inner, d)))
    ffn.linear_0.bias = _f32(np.zeros(inner))
    ffn.linear_1.weight = _f32(fill((d, inner)))
    ffn.linear_1.bias = _f32(np.zeros(d))
    _set_norm(ffn.layer_norm, d)


