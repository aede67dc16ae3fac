"""A memory that learns from the desk, end to end with the copy model: fuzzy drafts instead of MT, and a
confidence on every MT draft that tells a faithful engine from noise."""

import math
import shutil

import polib
import pytest

from xlate import catalog, pipeline
from xlate.catalog import comments
from xlate.mt import confidence, engine, packages
from xlate.settings import Settings
from xlate.workspace import Workspace

from conftest import invoke as xlate

TITLE = "Hội nghị tổng kết công tác tuyên giáo"
APPROVED = "Ban Tuyên giáo Trung ương tổ chức hội nghị tổng kết công tác năm với sự tham dự của 250 đại biểu."
ONE_WORD = APPROVED.replace("tổng kết", "sơ kết")  # "tổng" → "sơ": 1 of 20 words
NEW_FIGURE = APPROVED.replace("250", "1.250")  # only a figure changed
TITLE_EN = "Conference reviews the work of communication and education"
APPROVED_EN = "The Central Commission for Communication and Education held a conference reviewing the year's work, attended by 250 delegates."


def approve(ws, stem, translations: dict[str, str]) -> None:
    path = ws / "translate" / f"{stem}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr, entry.flags = translations[entry.msgid], []
    po.save(str(path))


@pytest.fixture
def counted(monkeypatch):
    """Every text the real engine is asked to translate in this test."""
    calls: list[str] = []
    real = engine.Engine.translate

    def translate(self, texts, progress=None):
        calls.extend(texts)
        return real(self, texts, progress)

    monkeypatch.setattr(engine.Engine, "translate", translate)
    return calls


def test_a_sentence_with_one_word_changed_gets_the_approved_translation_as_a_fuzzy_draft_not_mt(
        tmp_path, installed, counted):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "a.txt").write_text(f"{TITLE}\n\n{APPROVED}\n", encoding="utf-8")
    assert xlate(ws, "run").exit_code == 0
    assert sorted(counted) == sorted([APPROVED, TITLE])
    approve(ws, "a", {TITLE: TITLE_EN, APPROVED: APPROVED_EN})

    (ws / "seeds" / "b.txt").write_text(f"{TITLE}\n\n{ONE_WORD}\n", encoding="utf-8")
    (ws / "seeds" / "c.txt").write_text(f"{TITLE}\n\n{NEW_FIGURE}\n", encoding="utf-8")
    counted.clear()
    result = xlate(ws, "run")
    assert result.exit_code == 0, result.output
    assert counted == []  # no unit of b or c went to MT
    assert "4 unit(s) from memory, 0 machine-translated" in result.output

    # Only a figure changed: the approved English with the new figure, in house style.
    figure = polib.pofile(str(ws / "translate" / "c.po")).find(NEW_FIGURE)
    assert (figure.msgstr, figure.fuzzy, figure.previous_msgid) == (APPROVED_EN.replace("250", "1,250"), True, APPROVED)
    assert comments.match_percent(figure.comment) == 95
    assert not comments.values(figure.comment, comments.Key.QA)  # the figure checks out

    po = polib.pofile(str(ws / "translate" / "b.po"))
    title, body = po.find(TITLE), po.find(ONE_WORD)
    assert catalog.status(title) == "approved" and "tm: approved in a" in comments.lines(title.comment)
    assert (body.msgstr, body.fuzzy, body.previous_msgid) == (APPROVED_EN, True, APPROVED)
    assert "tm: 95% match, a" in comments.lines(body.comment)
    text = (ws / "translate" / "b.po").read_text(encoding="utf-8")
    assert '#, fuzzy\n#| msgid ""\n#| "Ban Tuyên giáo' in text  # Poedit shows it as "previous source text"

    # A re-run changes nothing, and a reviewer's approval of the draft is kept.
    before = (ws / "translate" / "b.po").read_bytes()
    assert "0 unit(s) from memory" in xlate(ws, "run").output
    assert (ws / "translate" / "b.po").read_bytes() == before


def test_a_fuzzy_match_replaces_nothing_a_reviewer_wrote(tmp_path, installed):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "a.txt").write_text(f"{TITLE}\n\n{APPROVED}\n", encoding="utf-8")
    (ws / "seeds" / "b.txt").write_text(f"{TITLE}\n\n{ONE_WORD}\n", encoding="utf-8")
    xlate(ws, "run")
    approve(ws, "b", {ONE_WORD: "A reviewer's own translation."})
    approve(ws, "a", {APPROVED: APPROVED_EN})
    xlate(ws, "run")
    assert polib.pofile(str(ws / "translate" / "b.po")).find(ONE_WORD).msgstr == "A reviewer's own translation."


def test_the_fuzzy_threshold_is_a_setting(tmp_path, installed, counted):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "a.txt").write_text(f"{TITLE}\n\n{APPROVED}\n", encoding="utf-8")
    (ws / "xlate.toml").write_text("[tm]\nfuzzy_threshold = 96\n", encoding="utf-8")
    xlate(ws, "run")
    approve(ws, "a", {APPROVED: APPROVED_EN})
    (ws / "seeds" / "b.txt").write_text(f"{ONE_WORD}\n", encoding="utf-8")
    counted.clear()
    xlate(ws, "run")
    assert counted == [ONE_WORD]  # 95 % < 96 %: MT
    (ws / "xlate.toml").write_text("[tm]\nfuzzy_threshold = 101\n", encoding="utf-8")
    refused = xlate(ws, "run")
    assert refused.exit_code == 2 and "fuzzy_threshold must be between 1 and 100" in refused.output


# --- confidence ----------------------------------------------------------------------------------

UNITS = [TITLE, APPROVED, ONE_WORD, "Hà Nội", "Đồng chí Tô Lâm phát biểu chỉ đạo hội nghị.",
         "Năm 2024, toàn Đảng bộ kết nạp 1.250 đảng viên mới, tăng 12,5% so với năm trước."]


def confidences(argos_home, model, **mt) -> list[int]:
    packages.install_file(model)
    settings = Settings()
    settings.mt.intra_threads, settings.mt.max_decoding_length = 1, 512
    for key, value in mt.items():
        setattr(settings.mt, key, value)
    return [confidence.percent(t.confidence) for t in engine.load_engine(settings).translate(UNITS)]


def test_the_copy_models_faithful_drafts_score_high_and_a_random_models_noise_low(
        argos_home, copy_model, random_model):
    faithful = confidences(argos_home, copy_model)
    noise = confidences(argos_home, random_model, max_decoding_length=60)
    assert min(faithful) >= 95, faithful
    assert max(noise) < 30, noise
    # The same for one unit and ten: normalized per token, long and short units compare.
    assert max(faithful) - min(faithful) <= 3, faithful


def test_the_confidence_undoes_the_length_penalty_to_a_mean_per_token(argos_home, random_model):
    """CTranslate2's score is log-likelihood / tokens^length_penalty; the confidence is
    exp(mean token log-probability), as scoring the same output token by token gives."""
    import ctranslate2
    import sentencepiece

    info = packages.install_file(random_model)
    translator = ctranslate2.Translator(str(info.path / "model"), intra_threads=1)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(info.path / "sentencepiece.model"))
    source = [sp.encode(u, out_type=str) for u in UNITS]
    for limit in (8, 500):  # cut short (no end of sentence), and ended by the model (if ever)
        results = translator.translate_batch(source, beam_size=2, return_scores=True, max_decoding_length=limit,
                                             length_penalty=engine.LENGTH_PENALTY)
        for tokens, result in zip(source, results):
            hyp = result.hypotheses[0]
            scored = translator.score_batch([tokens], [hyp])[0].log_probs  # hyp + </s>
            ended = len(hyp) < limit
            log_probs = scored if ended else scored[:-1]
            expected = math.exp(sum(log_probs) / len(log_probs))
            counted = len(hyp) + (1 if ended else 0)
            assert confidence.from_score(result.scores[0], counted, engine.LENGTH_PENALTY) == pytest.approx(expected, rel=1e-3)


def test_a_cached_draft_keeps_its_confidence_and_low_ones_are_marked_counted_and_listed_first(
        tmp_path, argos_home, random_model, counted):
    packages.install_file(random_model)
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "a.txt").write_text(f"{TITLE}\n\n{APPROVED} {UNITS[4]}\n", encoding="utf-8")
    (ws / "xlate.toml").write_text("[mt]\nmax_decoding_length = 40\n", encoding="utf-8")
    assert pipeline.run(Workspace.open(ws)).translated == 3
    first = (ws / "translate" / "a.po").read_bytes()
    lines = [line for line in first.decode().splitlines() if line.startswith("#. mt:")]
    assert len(lines) == 3 and all(line.endswith("% (low)") for line in lines), lines

    # From the cache: the engine is not asked again, the drafts come back with the same figures.
    shutil.rmtree(ws / "translate")
    counted.clear()
    pipeline.run(Workspace.open(ws))
    assert counted == [] and (ws / "translate" / "a.po").read_bytes() == first

    status = xlate(ws, "status").output.splitlines()
    assert status[0].split() == ["article", "units", "approved", "draft", "untranslated", "qa", "low", "state"]
    assert status[1].split()[:7] == ["a", "3", "0", "3", "0", status[1].split()[5], "3"]
    check = xlate(ws, "check").output.splitlines()
    values = [int(line.split("low MT confidence ")[1].split("%")[0]) for line in check[:3]]
    assert values == sorted(values) and all("review this draft first" in line for line in check[:3])
    assert all("low MT confidence" not in line for line in check[3:])

    # Lowering [mt] low_confidence takes the marks away on the next run (and from status at once).
    (ws / "xlate.toml").write_text("[mt]\nmax_decoding_length = 40\nlow_confidence = 0\n", encoding="utf-8")
    assert xlate(ws, "status").output.splitlines()[1].split()[6] == "0"
    pipeline.run(Workspace.open(ws))
    text = (ws / "translate" / "a.po").read_text(encoding="utf-8")
    assert "(low)" not in text and text.count("#. mt: argostranslate translate-vi_en 0.2, confidence ") == 3
