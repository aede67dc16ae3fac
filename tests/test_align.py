"""Aligning published editions: the corpus with gold beads, the search, the TSV and the page."""

import re
from html import unescape
from pathlib import Path

import pytest

from xlate.align import editions, page, search, signals, terms, tsv
from xlate.align.aligner import align_pair
from xlate.align.model import Bead, Sentence
from xlate.glossary import load
from xlate.ingest import DEFAULT_RULES
from xlate.model import Kind

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "align"


@pytest.fixture(scope="module")
def glossary():
    return load(ROOT / "glossary", ROOT)[0]


def corpus(part: str):
    folder = CORPUS / part
    for gold in sorted((folder / "gold").glob("*.tsv")):
        yield (gold.stem, next((folder / "seeds").glob(gold.stem + ".*")),
               next((folder / "published").glob(gold.stem + ".*")), gold)


def beads(rows) -> set[tuple[str, str]]:
    return {(r.vi, r.en) for r in rows}


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_every_gold_file_holds_each_sentence_of_both_editions_exactly_once(part):
    pairs = list(corpus(part))
    assert len(pairs) >= (8 if part == "dev" else 4)
    for stem, seed, published, gold in pairs:
        vi = [s.text for s in editions.vietnamese(seed, seed.parents[1], DEFAULT_RULES).sentences]
        en = [s.text for s in editions.english_edition(published, seed.parents[1], DEFAULT_RULES).sentences]
        rows = tsv.loads(gold.read_text(encoding="utf-8"))
        assert " ".join(r.vi for r in rows if r.vi) == " ".join(vi), stem  # in Vietnamese order
        used = [k for r in rows if r.en for k in _run_of(r.en, en)]
        assert sorted(used) == list(range(len(en))), stem


def _run_of(side: str, sentences: list[str]) -> list[int]:
    """The consecutive sentences of the edition that a gold English side is made of."""
    for start in range(len(sentences)):
        taken, k = [], start
        while k < len(sentences) and " ".join(sentences[j] for j in taken + [k]) == side[:len(
                " ".join(sentences[j] for j in taken + [k]))]:
            taken.append(k)
            if " ".join(sentences[j] for j in taken) == side:
                return taken
            k += 1
    raise AssertionError(f"not a run of the edition's sentences: {side!r}")


def test_the_development_pairs_align_with_precision_095_and_recall_090_without_mt(glossary):
    right = found = gold_total = 0
    for stem, seed, published, gold in corpus("dev"):
        got = beads(tsv.rows(align_pair(seed, published, seed.parents[1], glossary)))
        want = beads(tsv.loads(gold.read_text(encoding="utf-8")))
        right, found, gold_total = right + len(got & want), found + len(got), gold_total + len(want)
    assert right / found >= 0.95 and right / gold_total >= 0.90, (right, found, gold_total)


def test_a_paragraph_the_english_moved_up_is_aligned_where_it_went(glossary):
    folder = CORPUS / "dev"
    alignment = align_pair(folder / "seeds" / "vietnamplus-von-fdi.txt",
                           folder / "published" / "vietnamplus-von-fdi.txt", folder, glossary)
    rows = beads(tsv.rows(alignment))
    assert ("Hà Nội dẫn đầu cả nước về thu hút vốn FDI trong 10 tháng với hơn 2,5 tỷ USD. "
            "Tiếp theo là Bắc Ninh, Quảng Ninh và Thành phố Hồ Chí Minh.",
            "Hanoi led the country in attracting FDI with over 2.5 billion USD, followed by Bac Ninh, "
            "Quang Ninh and Ho Chi Minh City.") in rows
    html = page.render(alignment).decode("utf-8")
    assert html.count("moved in the English") >= 2  # the lead and the Hanoi paragraph changed places


def sentences(texts, kind=Kind.BODY):
    return [Sentence(t, kind, k, k + 1) for k, t in enumerate(texts)]


def test_omissions_and_additions_are_beads_of_their_own_and_0_1_stands_where_the_english_has_it(glossary):
    vi = sentences(["Năm 2024, xuất khẩu gạo đạt 7,8 triệu tấn.",
                    "Dự buổi lễ có Phó Thủ tướng Trần Hồng Hà, Bộ trưởng Bộ Công Thương và đại diện Bộ Tài chính.",
                    "Giá gạo bình quân đạt 627 USD/tấn."])
    en = sentences(["Rice exports reached 7.8 million tonnes in 2024.",
                    "Vietnam is the world's third largest rice exporter after India since 1989.",
                    "The average price was $627 per tonne."])
    found = search.align(vi, en, signals.gather(vi, en, glossary))
    assert [(b.vi, b.en) for b in found] == [((0,), (0,)), ((), (1,)), ((1,), ()), ((2,), (2,))]
    assert all(0 <= b.score <= 1 for b in found)


def test_long_pairs_are_searched_in_a_band_that_still_finds_every_bead(glossary):
    vi = sentences([f"Tỉnh số {n} có {1000 + 37 * n} hộ dân được hỗ trợ trong năm." for n in range(90)])
    en = sentences([f"Province {n} supported {1000 + 37 * n:,} households in the year." for n in range(90)])
    found = search.align(vi, en, signals.gather(vi, en, glossary), search.Params(full_search=100, band=6))
    assert [(b.vi, b.en) for b in found] == [((k,), (k,)) for k in range(90)]


def test_machine_translation_is_one_more_signal_and_the_result_does_not_need_it(glossary):
    folder = CORPUS / "dev"
    seed, published = folder / "seeds" / "vna-cpi-thang-9.txt", folder / "published" / "vna-cpi-thang-9.txt"
    english = [s.text for s in editions.english_edition(published, folder, DEFAULT_RULES).sentences]
    plain = align_pair(seed, published, folder, glossary)
    asked = []

    def translate(texts):  # a stand-in engine: it "translates" each sentence as its gold English would
        asked.extend(texts)
        return [english[min(k, len(english) - 1)] for k in range(len(texts))]

    helped = align_pair(seed, published, folder, glossary, translate=translate)
    assert asked == [s.text for s in plain.vi]
    assert [b.kind for b in helped.beads] and all(0 <= b.score <= 1 for b in helped.beads)
    assert sum(b.score for b in helped.beads if b.links) >= sum(b.score for b in plain.beads if b.links)


def test_the_tsv_has_its_header_one_row_per_bead_and_reads_back(glossary):
    vi = sentences(["Tiêu đề", "Câu một có 1.250 người.", "Câu hai."])
    vi[0] = Sentence("Tiêu đề", Kind.TITLE, 0, 1)
    en = sentences(["Headline", "Sentence one has 1,250 people.", "Added background."])
    en[0] = Sentence("Headline", Kind.TITLE, 0, 1)
    from xlate.align.model import Alignment

    alignment = Alignment("x", vi, en, [Bead((0,), (0,), 0.5), Bead((1,), (1,), 0.93), Bead((), (2,), 1.0),
                                        Bead((2,), (), 0.8)])
    text = tsv.dumps(alignment)
    assert text.splitlines()[0] == "kind\tscore\tvi\ten"
    assert text.splitlines()[2] == "1-1\t0.93\tCâu một có 1.250 người.\tSentence one has 1,250 people."
    assert [(r.kind, r.score) for r in tsv.loads(text)] == [("1-1", 0.5), ("1-1", 0.93), ("0-1", 1.0), ("1-0", 0.8)]


def test_the_page_is_self_contained_with_a_hash_only_policy_and_escapes_the_text(glossary):
    from xlate.align.model import Alignment

    alignment = Alignment("x", sentences(["<script>alert(1)</script> tăng 5%."]), sentences(["Rose 5%."]),
                          [Bead((0,), (0,), 0.9)], seed="seeds/x.txt", published="published/x.txt")
    html = page.render(alignment).decode("utf-8")
    policy = unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert policy.startswith("default-src 'none'; style-src 'sha256-") and "http" not in policy
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_terms_report_names_a_term_the_editions_render_otherwise_with_examples(glossary):
    from xlate.align.model import Alignment

    vi = sentences(["Bộ Công Thương cho biết xuất khẩu tăng 5%.", "Bộ Công Thương dự báo giá giảm."])
    en = sentences(["The Industry and Trade Ministry said exports rose 5%.",
                    "The Ministry of Industry and Trade forecast lower prices."])
    alignment = Alignment("x", vi, en, [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)])
    found = {u.en: u for u in terms.report([alignment], glossary)}
    use = found["Ministry of Industry and Trade"]
    assert (use.beads, use.differ) == (2, 1)
    assert use.examples == [("x", "…Industry and Trade Ministry…")]
