"""The MT engine, through the real SentencePiece → CTranslate2 path of installed packages."""

import re
import unicodedata

import pytest

from xlate.mt import engine, packages
from xlate.errors import ModelMissing, SetupError
from xlate.settings import Settings

MIXED = [
    "Tổng Bí thư To Lam gặp General Secretary của Politburo tại Hà Nội.",
    "Theo Vietnam News Agency, Prime Minister Pham Minh Chinh đã đến Ho Chi Minh City.",
    "Đại hội Đảng toàn quốc lần thứ XIV – “Tham mưu giỏi, phục vụ tốt”… 12,5% và 1.250 người.",
    "Characters never seen in training survive: Zürich, 東京, ½, ©.",
]


def texts(translations):
    return [t.text for t in translations]


def sample_sentences(texts):
    """Every sentence of the sample articles (a plain splitter: exact copy is what matters)."""
    sentences = []
    for text in texts:
        for line in unicodedata.normalize("NFC", text).splitlines():
            sentences += re.split(r"(?<=[.!?…])\s+", " ".join(line.split()))
    return [s for s in sentences if s]


@pytest.fixture
def settings(tmp_path):
    settings = Settings()
    # One thread per translator: the machine's two cores are shared with
    # other test processes, and OpenMP threads spin badly when oversubscribed.
    settings.mt.intra_threads = 1
    return settings


@pytest.fixture
def copy_engine(argos_home, copy_model, settings):
    packages.install_file(copy_model)
    # The copy model's small vocabulary spends up to ~300 pieces on the longest
    # sample sentence; the default limit (256) would rightly cut it short.
    settings.mt.max_decoding_length = 512
    return engine.load_engine(settings)


def test_the_copy_model_returns_every_sample_sentence_exactly(copy_engine, seed_texts):
    sentences = sample_sentences(seed_texts) + MIXED

    assert len(sentences) > 150
    assert texts(copy_engine.translate(sentences)) == sentences


def test_order_is_kept_across_batches_smaller_than_the_input(argos_home, copy_model, settings):
    packages.install_file(copy_model)
    settings.mt.batch_size = 3
    texts = ["Hà Nội.", MIXED[2], "Ủy ban", MIXED[0] * 3, "Tô Lâm", MIXED[1], "Ba.", MIXED[3]] * 2
    calls = []

    out = engine.load_engine(settings).translate(texts, progress=calls.append)

    assert [t.text for t in out] == texts
    assert calls == [3] * 5 + [1]  # one call per finished batch of 3, summing to the input


def test_blank_texts_translate_to_empty_strings_and_still_count_as_done(copy_engine):
    calls = []

    out = copy_engine.translate(["", "Hà Nội", "   ", "", "Tô Lâm"], progress=calls.append)

    assert texts(out) == ["", "Hà Nội", "", "", "Tô Lâm"]
    assert sum(calls) == 5
    assert copy_engine.translate([]) == []


def test_the_engine_names_its_package_and_a_stable_model_id(copy_engine, settings):
    assert copy_engine.name == "argostranslate translate-vi_en"
    assert copy_engine.version == "0.1"
    assert re.fullmatch(r"vi-en-0\.1-[0-9a-f]{12}", copy_engine.model_id)
    assert engine.load_engine(settings).model_id == copy_engine.model_id


def test_the_cache_key_changes_with_the_decoding_settings(settings):
    before = engine.cache_key(settings)
    settings.mt.batch_size = 7  # batching does not change the output
    assert engine.cache_key(settings) == before
    settings.mt.beam_size = 5
    assert engine.cache_key(settings) != before
    wider = engine.cache_key(settings)
    settings.mt.max_decoding_length = 9
    assert engine.cache_key(settings) != wider


def test_batches_of_source_tokens_keep_the_order_and_report_each_batch(argos_home, copy_model, settings, seed_texts):
    packages.install_file(copy_model)
    settings.mt.batch_type, settings.mt.batch_size = "tokens", 60
    settings.mt.max_decoding_length = 512
    sentences = sample_sentences(seed_texts)[:40] + MIXED
    calls = []

    out = engine.load_engine(settings).translate(sentences, progress=calls.append)

    assert texts(out) == sentences and sum(calls) == len(sentences)
    assert len(calls) > len(sentences) // 10  # a 60-token budget holds a few sentences, not forty


@pytest.mark.parametrize("setting, gpus, device", [
    ("auto", 0, "cpu"), ("auto", 1, "cuda"), ("auto", 4, "cuda"),
    ("cpu", 2, "cpu"), ("cuda", 0, "cuda"), ("cuda", 1, "cuda"),
])
def test_auto_picks_a_gpu_when_ctranslate2_sees_one(setting, gpus, device):
    assert engine.pick_device(setting, gpus) == device


def test_auto_runs_on_the_cpu_here_and_cuda_is_refused_with_what_to_set(copy_engine, settings):
    # This machine has no GPU: "auto" (the default) is the CPU, for real.
    assert copy_engine.device == "cpu" and copy_engine._translator.device == "cpu"
    settings.mt.device = "cuda"
    with pytest.raises(SetupError) as refused:
        engine.load_engine(settings)
    assert "sees no CUDA GPU" in str(refused.value) and 'device = "auto"' in str(refused.value)


def test_compute_type_reaches_ctranslate2_and_one_the_cpu_cannot_run_is_refused(argos_home, random_model, settings):
    packages.install_file(random_model)  # saved in float32
    assert engine.load_engine(settings)._translator.compute_type == "float32"
    settings.mt.compute_type = "int8"
    assert engine.load_engine(settings)._translator.compute_type == "int8_float32"  # CTranslate2's name on a CPU
    settings.mt.compute_type = "float16"
    with pytest.raises(SetupError) as refused:
        engine.load_engine(settings)
    assert "compute_type 'float16' cannot run on cpu" in str(refused.value) and "int8" in str(refused.value)


def test_the_cache_key_names_the_device_and_compute_type_except_the_historical_cpu_default(settings):
    # Caches written before GPUs were supported stay valid: the CPU at the model's own precision.
    assert engine.cache_key(settings, "cpu") == "beam=2;max_len=256;length_penalty=0.2;replace_unknowns=1"
    keys = {engine.cache_key(settings, "cpu"), engine.cache_key(settings, "cuda")}
    settings.mt.compute_type = "int8_float16"
    keys |= {engine.cache_key(settings, "cpu"), engine.cache_key(settings, "cuda")}
    assert len(keys) == 4
    settings.mt.batch_type, settings.mt.intra_threads = "tokens", 3  # speed, not results
    assert engine.cache_key(settings, "cuda") in keys


def test_a_random_model_loads_and_batches_within_max_decoding_length(
        argos_home, random_model, copy_model, settings):
    info = packages.install_file(random_model)
    texts = ["Tổng Bí thư Tô Lâm gặp mặt đoàn đại biểu.", "", "Hà Nội", MIXED[2], "Ba."] * 3
    settings.mt.batch_size, settings.mt.beam_size = 4, 1

    settings.mt.max_decoding_length = 6
    short = engine.load_engine(settings)
    short_out = [t.text for t in short.translate(texts)]
    settings.mt.max_decoding_length = 30
    long_out = [t.text for t in engine.load_engine(settings).translate(texts)]

    assert short.version == "0.2"
    assert len(short_out) == len(texts) and all(isinstance(t, str) for t in short_out)
    assert short_out[1] == ""
    import sentencepiece
    longest_piece = max(len(p) for p in _pieces(sentencepiece, info.path))
    # Greedy decoding stopped after at most 6 pieces is a prefix of the longer run.
    for s, l in zip(short_out, long_out):
        assert l.startswith(s) and len(s) <= 6 * longest_piece
    assert sum(map(len, long_out)) > sum(map(len, short_out))
    packages.install_file(copy_model)
    assert engine.load_engine(settings).model_id != short.model_id


def _pieces(spm, package_path):
    sp = spm.SentencePieceProcessor(model_file=str(package_path / "sentencepiece.model"))
    return [sp.id_to_piece(i).replace("▁", " ") for i in range(sp.get_piece_size())]


def test_without_a_model_load_engine_says_how_to_install_one(argos_home, settings):
    with pytest.raises(ModelMissing) as missing:
        engine.load_engine(settings)

    message = str(missing.value)
    assert str(argos_home.packages) in message
    assert "xlate model install" in message and "--no-mt" in message


def test_importing_the_engine_does_not_load_ctranslate2():
    import subprocess
    import sys

    code = "import sys, xlate.mt.engine; print('ctranslate2' in sys.modules, 'sentencepiece' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
