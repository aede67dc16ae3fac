"""`xlate show` and what `xlate run` says about ingest: every dropped line visible, warnings naming the file."""

import shutil
from pathlib import Path

from conftest import STEMS, invoke as xlate, new_workspace

CORPUS = Path(__file__).resolve().parent / "corpus" / "ingest" / "dev"


def test_show_lists_every_kept_block_and_dropped_line_with_its_reason(ws):
    result = xlate(ws, "show", STEMS[2])
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"seeds/{STEMS[2]}.txt" in out and "title   Đảng ủy Khối các cơ quan Trung ương" in out
    assert "+ title" in out and "+ caption" in out and "+ body" in out
    assert "- time line" in out and "- section label" in out and "- site footer" in out and "- byline" in out
    assert "date    2023-05-18" in out and "byline  Thu Hằng" in out


def test_show_dropped_lists_only_what_was_kept_out(ws):
    out = xlate(ws, "show", "--dropped", STEMS[2]).output
    assert "- byline" in out and "+ body" not in out


def test_show_of_an_unknown_stem_is_a_usage_error(ws):
    result = xlate(ws, "show", "nope")
    assert result.exit_code == 2 and "no seed named nope" in result.output


def test_show_names_a_saved_page_and_its_outlet(ws):
    shutil.copy(CORPUS / "chinhphu-phien-hop.html", ws / "seeds")
    out = xlate(ws, "show", "chinhphu-phien-hop").output
    assert "seeds/chinhphu-phien-hop.html  (saved page:" in out
    assert "- outlet lead tag" in out and "(Chinhphu.vn) -" in out and "- related articles" in out


def test_the_samples_raise_no_ingest_warning(ws):
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0 and "warning" not in result.output


def test_run_warns_naming_the_file_when_ingest_is_unsure_and_still_exits_0(ws):
    (ws / "seeds" / "cut.txt").write_text("Sáng nay, thành phố khởi công cây cầu mới vượt sông Hồng.\n\n"
                                         "Cầu dài 4,8km và dự kiến hoàn thành năm 2027.\n", encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0
    assert "xlate: seeds/cut.txt: warning: no headline found" in result.output


def test_a_saved_page_runs_end_to_end_with_its_kinds_in_the_exports(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    shutil.copy(CORPUS / "tuoitre-cau-tu-lien.html", ws / "seeds")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0, result.output
    po = (ws / "translate" / "tuoitre-cau-tu-lien.po").read_text(encoding="utf-8")
    assert "#: seeds/tuoitre-cau-tu-lien.html:" in po and "#. subheading" in po and "#. item" in po
    xml = (ws / "output" / "xml" / "tuoitre-cau-tu-lien.xml").read_text(encoding="utf-8")  # validated when written
    assert "<subheading " in xml and "<item " in xml and "<outlet xml:lang=\"vi\">TUOI TRE ONLINE</outlet>" in xml
    md = (ws / "output" / "en" / "tuoitre-cau-tu-lien.md").read_text(encoding="utf-8")
    assert "\n## **\\[untranslated: Thi công ba ca liên tục\\]**" in md
    assert "\n- **\\[untranslated: Giai đoạn 1" in md and "\n- **\\[untranslated: Giai đoạn 2" in md


def test_ingest_settings_drop_and_keep_apply_to_the_run(ws):
    (ws / "xlate.toml").write_text('[ingest]\ndrop = ["^Đồng chí Nguyễn Văn Thể phát biểu tại Hội nghị"]\n',
                                   encoding="utf-8")
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    po = (ws / "translate" / f"{STEMS[2]}.po").read_text(encoding="utf-8")
    assert 'msgid "Đồng chí Nguyễn Văn Thể phát biểu tại Hội nghị."' not in po
    assert "- workspace drop rule" in xlate(ws, "show", STEMS[2]).output


def test_a_bad_ingest_pattern_stops_the_run_naming_xlate_toml(ws):
    (ws / "xlate.toml").write_text('[ingest]\nkeep = ["[unclosed"]\n', encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 2 and "xlate.toml" in result.output and "is not a regular expression" in result.output
    assert not (ws / "translate").exists()
