"""`xlate align` over a workspace: outputs, bad input, and the translation memory's published origins."""

import shutil
from pathlib import Path

import polib

from conftest import invoke
from xlate.align import tsv
from xlate.mt.memory import Memory
from xlate.mt.origins import OriginKind

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpus" / "align" / "dev"
PAIRS = ["vietnamplus-von-fdi", "vnexpress-xuat-khau-gao"]


def desk(tmp_path: Path) -> Path:
    ws = tmp_path / "desk"
    for folder in ("seeds", "published"):
        (ws / folder).mkdir(parents=True)
        for stem in PAIRS:
            path = next((DEV / folder).glob(stem + ".*"))
            shutil.copy(path, ws / folder / path.name)
    shutil.copytree(ROOT / "glossary", ws / "glossary")
    return ws


def published_units(ws: Path) -> dict[str, int]:
    with Memory(ws / ".xlate" / "memory.sqlite") as memory:
        return {s.origin.name: s.units for s in memory.origins(OriginKind.PUBLISHED)}


def test_align_writes_a_tsv_and_a_page_per_pair_and_fills_the_memory(tmp_path):
    ws = desk(tmp_path)
    result = invoke(ws, "align")
    assert result.exit_code == 0, result.output
    for stem in PAIRS:
        rows = tsv.loads((ws / "output" / "align" / f"{stem}.tsv").read_text(encoding="utf-8"))
        assert rows and all(0 <= r.score <= 1 for r in rows)
        assert "Content-Security-Policy" in (ws / "output" / "align" / f"{stem}.html").read_text(encoding="utf-8")
    units = published_units(ws)
    assert set(units) == set(PAIRS) and all(n > 0 for n in units.values())


def test_bad_pairs_are_each_named_with_the_reason_and_the_good_ones_still_align(tmp_path):
    ws = desk(tmp_path)
    (ws / "published" / "orphan.txt").write_text("Headline\n\nA story with no seed at all.\n", encoding="utf-8")
    shutil.copy(ws / "seeds" / "vietnamplus-von-fdi.txt", ws / "seeds" / "vn-copy.txt")
    shutil.copy(ws / "seeds" / "vietnamplus-von-fdi.txt", ws / "published" / "vn-copy.txt")  # Vietnamese, not English
    shutil.copy(DEV / "seeds" / "vna-cpi-thang-9.txt", ws / "seeds" / "wrong.txt")
    shutil.copy(DEV / "published" / "vnexpress-mua-lu-mien-trung.txt", ws / "published" / "wrong.txt")
    (ws / "seeds" / "empty.txt").write_text("Tiêu đề\n\nMột câu.\n", encoding="utf-8")
    (ws / "published" / "empty.txt").write_text("\n \n", encoding="utf-8")
    result = invoke(ws, "align")
    assert result.exit_code == 1
    assert "published/orphan.txt: has no seed" in result.output
    assert "published/vn-copy.txt: is not an English edition" in result.output
    assert "published/wrong.txt: does not align with seeds/wrong.txt" in result.output
    assert "published/empty.txt:" in result.output
    assert set(published_units(ws)) == set(PAIRS)
    assert sorted(p.name for p in (ws / "output" / "align").glob("*.tsv")) == sorted(f"{s}.tsv" for s in PAIRS)


def test_aligning_again_replaces_a_pairs_units_and_removing_the_pair_removes_them(tmp_path):
    ws = desk(tmp_path)
    invoke(ws, "align")
    before = published_units(ws)
    (ws / "xlate.toml").write_text("[align]\nthreshold = 0.0\n", encoding="utf-8")
    invoke(ws, "align")
    after = published_units(ws)
    assert all(after[s] >= before[s] for s in PAIRS) and after != before
    (ws / "published" / "vietnamplus-von-fdi.txt").unlink()
    invoke(ws, "align")
    assert set(published_units(ws)) == {"vnexpress-xuat-khau-gao"}


def test_a_new_article_repeating_an_aligned_sentence_with_a_new_figure_arrives_as_a_fuzzy_draft(tmp_path):
    ws = desk(tmp_path)
    assert invoke(ws, "align").exit_code == 0
    (ws / "seeds" / "new.txt").write_text(
        "Vốn FDI 11 tháng\n\nSingapore là nhà đầu tư lớn nhất với hơn 9,1 tỷ USD, chiếm gần 31% tổng vốn "
        "đầu tư.\n", encoding="utf-8")
    result = invoke(ws, "run", "--no-mt")
    assert result.exit_code == 0, result.output
    entry = polib.pofile(str(ws / "translate" / "new.po")).find(
        "Singapore là nhà đầu tư lớn nhất với hơn 9,1 tỷ USD, chiếm gần 31% tổng vốn đầu tư.")
    assert entry.fuzzy and entry.msgstr == ("Singapore was the largest investor with more than 9.1 billion USD, "
                                            "accounting for nearly 31% of the total.")
    assert "tm: 94% match, published vietnamplus-von-fdi, aligned " in entry.comment
    assert entry.previous_msgid.startswith("Singapore là nhà đầu tư lớn nhất với hơn 8,4 tỷ USD")


def test_xlate_run_aligns_published_editions_itself_and_their_exact_matches_stay_drafts(tmp_path):
    ws = desk(tmp_path)
    assert invoke(ws, "run", "--no-mt").exit_code == 0  # no `xlate align` first: run keeps the origins in step
    assert set(published_units(ws)) == set(PAIRS)
    po = polib.pofile(str(ws / "translate" / "vietnamplus-von-fdi.po"))
    reused = [e for e in po if "tm: published vietnamplus-von-fdi, aligned" in e.comment]
    assert reused and all(e.fuzzy for e in reused)


def test_show_prints_the_beads_of_one_pair_and_writes_its_page(tmp_path):
    ws = desk(tmp_path)
    result = invoke(ws, "align", "--show", "vnexpress-xuat-khau-gao")
    assert result.exit_code == 0, result.output
    assert "1-2" in result.output and "output/align/vnexpress-xuat-khau-gao.html" in result.output
    assert published_units(ws) == {}


def test_terms_reports_what_the_editions_publish_instead_of_the_glossary(tmp_path):
    ws = desk(tmp_path)
    result = invoke(ws, "align", "--terms")
    assert "Bộ Nông nghiệp và Phát triển nông thôn = Ministry of Agriculture and Rural Development: 1 of 1" \
        in result.output
