"""The MT engine: the installed vi→en package's CTranslate2 model, in large batches.

argostranslate's own translate() splits paragraphs with sentence models it
downloads at run time (it fails offline) and translates one paragraph per call.
xlate already has its sentences, so it loads the package once and feeds every
missing unit of a run to CTranslate2 at once, sorted by length so that batches
carry little padding. Tokenizing, decoding options and detokenizing mirror
argostranslate 1.11 (translate.apply_packaged_translation), so a draft is what
argostranslate would have produced for the same sentence.

Each output carries the engine's confidence (xlate.mt.confidence), from the
hypothesis score CTranslate2 returns with it (return_scores).

ctranslate2 and sentencepiece are imported in load_engine, never at import.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from xlate.mt import packages
from xlate.mt.confidence import Translation, from_score
from xlate.errors import SetupError

# Decoding options argostranslate always uses; they change the output, so
# they are part of cache_key too.
LENGTH_PENALTY = 0.2
REPLACE_UNKNOWNS = True


NAME = f"argostranslate {packages.PACKAGE_NAME}"  # the engine, as `#. mt:` lines name it


def cache_key(settings, device: str = "cpu") -> str:
    """The settings that change MT output, for the MT cache; `device` is the one that runs (cpu/cuda).

    The device and the compute type change the numbers the model computes
    (other kernels, other precision), so now and then a different word wins
    the beam: they are part of the key. Batching and threads are not: they
    change the speed, not the result. The CPU with the model's own precision
    (compute_type "default") keeps the key it had before GPUs were supported,
    so existing caches stay valid.
    """
    mt = settings.mt
    key = (f"beam={mt.beam_size};max_len={mt.max_decoding_length};"
           f"length_penalty={LENGTH_PENALTY};replace_unknowns={int(REPLACE_UNKNOWNS)}")
    if (device, mt.compute_type) != ("cpu", "default"):
        key += f";device={device};compute_type={mt.compute_type}"
    return key


def pick_device(setting: str, cuda_devices: int) -> str:
    """`[mt] device` made concrete: "auto" is a GPU when CTranslate2 sees one, else the CPU."""
    if setting == "auto":
        return "cuda" if cuda_devices > 0 else "cpu"
    return setting


class Engine:
    """A loaded vi→en package. Build it with load_engine()."""

    def __init__(self, package: packages.PackageInfo, translator, tokenizer, target_prefix: str, mt):
        self.package = package
        self.name = NAME
        self.version = package.version
        self.model_id = model_id(package)
        self.device = translator.device  # "cpu" or "cuda": part of the cache key
        self._translator = translator
        self._tokenizer = tokenizer
        self._target_prefix = target_prefix
        self._batch_size = max(1, int(mt.batch_size))
        self._batch_type = mt.batch_type
        self._max_length = max(1, int(mt.max_decoding_length))
        self._options = dict(
            max_batch_size=self._batch_size, batch_type=self._batch_type,
            beam_size=max(1, int(mt.beam_size)), num_hypotheses=1,
            max_decoding_length=self._max_length,
            length_penalty=LENGTH_PENALTY, replace_unknowns=REPLACE_UNKNOWNS, return_scores=True,
        )

    def translate(self, texts: list[str], progress: Callable[[int], None] | None = None) -> list[Translation]:
        """Translate every text; the result is in the same order, each with its confidence.

        ``progress(n)`` is called with the number of texts just finished each
        time a batch completes (blank texts count at once), so the values sum
        to len(texts). Blank texts translate to "" (confidence 0).
        """
        out = [Translation("", 0.0)] * len(texts)
        todo = [i for i, text in enumerate(texts) if text and text.strip()]
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        if not todo:
            return out
        tokens = {i: self._tokenizer.encode(texts[i]) for i in todo}
        todo.sort(key=lambda i: len(tokens[i]))  # similar lengths share a batch: little padding
        chunks = self._chunks(todo, tokens)
        # Queue every batch at once: with inter_threads > 1 CTranslate2 runs
        # them in parallel; collecting in order still reports each as it ends.
        pending = [(chunk, self._translator.translate_batch(
            [tokens[i] for i in chunk],
            target_prefix=[[self._target_prefix]] * len(chunk) if self._target_prefix else None,
            asynchronous=True, **self._options)) for chunk in chunks]
        for chunk, results in pending:
            for i, result in zip(chunk, results):
                out[i] = self._finish(result.result())
            if progress:
                progress(len(chunk))
        return out

    def _chunks(self, todo: list[int], tokens: dict[int, list[str]]) -> list[list[int]]:
        """Batches of at most batch_size units ("examples") or source tokens ("tokens"), as CTranslate2 counts."""
        if self._batch_type == "examples":
            return [todo[k:k + self._batch_size] for k in range(0, len(todo), self._batch_size)]
        chunks, size = [[]], 0
        for i in todo:
            if chunks[-1] and size + len(tokens[i]) > self._batch_size:
                chunks.append([])
                size = 0
            chunks[-1].append(i)
            size += len(tokens[i])
        return chunks

    def _finish(self, result) -> Translation:
        pieces = result.hypotheses[0]
        # The score covers every generated token and the end of sentence, unless decoding was cut off
        # at max_decoding_length (then there is no end of sentence).
        scored = len(pieces) + (1 if len(pieces) < self._max_length else 0)
        return Translation(self._detokenize(pieces), from_score(result.scores[0], scored, LENGTH_PENALTY))

    def _detokenize(self, pieces: list[str]) -> str:
        # As argostranslate: its tokenizer's decode (which also turns "▁" and
        # "_" into spaces), then drop the target prefix and one leading space.
        value = self._tokenizer.decode(pieces)
        if self._target_prefix and value.startswith(self._target_prefix):
            value = value[len(self._target_prefix):]
        if value.startswith(" "):
            value = value[1:]
        return value


def load_engine(settings, package: packages.PackageInfo | None = None) -> Engine:
    """Load the vi→en package once: `package`, or the installed one (ModelMissing if there is none)."""
    package = package or packages.find_vi_en()
    if package is None:
        raise packages.missing_model_error(
            "no Vietnamese→English model (translate-vi_en) is installed",
            path=str(packages.packages_dir()), from_index=True)
    model_dir = package.path / "model"
    reinstall = ("reinstall it with `xlate model install FILE.argosmodel`, "
                 "or translate without MT: `xlate run --no-mt`")
    if not (model_dir / "model.bin").is_file():
        raise SetupError("the installed vi→en package has no CTranslate2 model (model/model.bin)",
                         path=str(package.path), hint=reinstall)

    import ctranslate2
    from argostranslate import package as argos_package

    # The package's own tokenizer object, exactly as argostranslate uses it.
    argos_pkg = argos_package.Package(package.path)
    tokenizer = getattr(argos_pkg, "tokenizer", None)
    if tokenizer is None:
        raise SetupError("the installed vi→en package has no tokenizer (sentencepiece.model)",
                         path=str(package.path), hint=reinstall)
    mt = settings.mt
    gpus = ctranslate2.get_cuda_device_count()
    device = pick_device(mt.device, gpus)
    if device == "cuda" and gpus == 0:
        raise SetupError('[mt] device is "cuda", but CTranslate2 sees no CUDA GPU here',
                         hint='set [mt] device = "auto" (a GPU when there is one) or "cpu" in xlate.toml')
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if mt.compute_type not in ("default", "auto", *supported):
        raise SetupError(f"[mt] compute_type {mt.compute_type!r} cannot run on {device} here",
                         hint=f'set it to "default" (the model\'s own), "auto" or one of: {", ".join(supported)}')
    try:
        translator = ctranslate2.Translator(
            str(model_dir), device=device, compute_type=mt.compute_type,
            inter_threads=max(1, int(mt.inter_threads)), intra_threads=max(0, int(mt.intra_threads)))
        tokenizer.encode("xin chào")  # loads the SentencePiece model now, so a bad one fails here
    except (RuntimeError, OSError, ValueError, ImportError) as exc:
        raise SetupError(f"cannot load the installed vi→en model: {exc}",
                         path=str(package.path), hint=reinstall) from None
    return Engine(package, translator, tokenizer, argos_pkg.target_prefix or "", settings.mt)


def model_id(package: packages.PackageInfo) -> str:
    """What names the model in the MT cache: its language pair, version and a hash of its files."""
    return f"{package.from_code}-{package.to_code}-{package.version}-{_fingerprint(package.path)}"


def _fingerprint(package_path: Path) -> str:
    """A short content hash: same package files, same id (mtimes would change on reinstall)."""
    digest = hashlib.sha256()
    model = package_path / "model" / "model.bin"
    for path in (model, package_path / "sentencepiece.model"):
        try:
            digest.update(f"{path.name}:{path.stat().st_size}:".encode())
            with open(path, "rb") as fh:
                # The first MiB of model.bin differs between any two trainings;
                # the tokenizer is small enough to hash whole.
                digest.update(fh.read(1 << 20) if path == model else fh.read())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()[:12]
