"""From reviewed catalogs to output/: `xlate export` on the sample articles.

The exports are checked by tools this project did not write: translate-toolkit
reads the TMX, xmllint validates the XML against the shipped schema.
"""

import shutil
import subprocess
from importlib import resources

import polib
import pytest
from lxml import etree
from translate.storage import tmx

from xlate import catalog
from xlate.model import Status
from xlate.exports.editions import po_date

from conftest import REPO, STEMS, invoke as xlate, new_workspace


@pytest.fixture
def ws(tmp_path):
    """The samples after `xlate run --no-mt`, with a third of each catalog drafted and a third approved."""
    new_workspace(tmp_path, glossary=False)
    assert xlate(tmp_path, "run", "--no-mt").exit_code == 0
    for stem in STEMS:
        path = tmp_path / "translate" / f"{stem}.po"
        po = polib.pofile(str(path))
        for n, entry in enumerate(po):
            if n % 3 == 0:
                entry.msgstr, entry.flags = f"EN {stem[:3]}-{n} & <ok> \"quoted\"", []
            elif n % 3 == 1:
                entry.msgstr, entry.flags = f"Draft {stem[:3]}-{n}", ["fuzzy"]
        po.save(str(path))
    return tmp_path


def catalog_units(ws, stem):
    """(msgid, msgstr, status) of every translated entry of a catalog."""
    po = polib.pofile(str(ws / "translate" / f"{stem}.po"))
    return {(e.msgid, e.msgstr, catalog.status(e)) for e in po if not e.obsolete and e.msgstr}


def tmx_units(path):
    store = tmx.tmxfile.parsefile(str(path))
    found = set()
    for unit in store.units:
        status = [p.text for p in unit.xmlelement.iter("{*}prop", "prop") if p.get("type") == "x-status"]
        found.add((unit.source, unit.target, status[0]))
    return found


def test_export_writes_every_format_for_every_article(ws):
    result = xlate(ws, "export")
    assert result.exit_code == 0, result.output
    for stem in STEMS:
        for rel in (f"xml/{stem}.xml", f"tmx/{stem}.tmx", f"en/{stem}.md"):
            assert (ws / "output" / rel).is_file(), rel
    for rel in ("tmx/all.tmx", "parallel/all.vi", "parallel/all.en", "parallel/all.tsv"):
        assert (ws / "output" / rel).is_file(), rel


def test_every_xml_validates_with_xmllint_against_the_shipped_schema(ws):
    xlate(ws, "export")
    schema = resources.files("xlate.exports") / "schema" / "article.rng"
    with resources.as_file(schema) as rng:
        files = [str(p) for p in sorted((ws / "output" / "xml").glob("*.xml"))]
        out = subprocess.run(["xmllint", "--noout", "--relaxng", str(rng), *files],
                             capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert sum(line.endswith(" validates") for line in out.stderr.splitlines()) == len(STEMS)


def test_translate_toolkit_finds_exactly_the_catalogs_translated_units_in_each_tmx(ws):
    xlate(ws, "export")
    everything = set()
    for stem in STEMS:
        expected = catalog_units(ws, stem)
        everything |= expected
        assert tmx_units(ws / "output" / "tmx" / f"{stem}.tmx") == expected
    assert tmx_units(ws / "output" / "tmx" / "all.tmx") == everything


def test_parallel_files_are_line_aligned_and_each_pair_is_a_tm_unit(ws):
    xlate(ws, "export")
    vi = (ws / "output" / "parallel" / "all.vi").read_text(encoding="utf-8").splitlines()
    en = (ws / "output" / "parallel" / "all.en").read_text(encoding="utf-8").splitlines()
    assert len(vi) == len(en) > 0
    tm = {(s, t) for s, t, _ in tmx_units(ws / "output" / "tmx" / "all.tmx")}
    assert set(zip(vi, en)) == tm


def test_approving_entries_changes_exactly_those_units_in_every_export(ws):
    xlate(ws, "export")
    before = {p: p.read_bytes() for p in sorted((ws / "output").rglob("*")) if p.is_file()}
    stem = "004_e61d162d6f37c19a"
    path = ws / "translate" / f"{stem}.po"
    po = polib.pofile(str(path))
    drafts = [e for e in po if catalog.status(e) == Status.DRAFT][:2]
    for entry in drafts:
        entry.flags = []  # Poedit: untick "Needs work"
    po.save(str(path))
    xlate(ws, "export")
    after = {p: p.read_bytes() for p in sorted((ws / "output").rglob("*")) if p.is_file()}
    changed = {p.relative_to(ws / "output").as_posix() for p in after if after[p] != before.get(p)}
    assert changed == {f"xml/{stem}.xml", f"tmx/{stem}.tmx", f"en/{stem}.md", "tmx/all.tmx", "parallel/all.tsv",
                       f"html/{stem}.html", "html/index.html"}
    xml = etree.parse(str(ws / "output" / "xml" / f"{stem}.xml"))
    for entry in drafts:
        statuses = {seg.get("status") for seg in xml.iter("seg") if seg.findtext("vi") == entry.msgid}
        assert statuses == {Status.APPROVED}
    assert {(s, t, st) for s, t, st in tmx_units(ws / "output" / "tmx" / f"{stem}.tmx")} == catalog_units(ws, stem)


def test_approved_only_leaves_drafts_out_and_says_an_article_is_not_ready(ws):
    result = xlate(ws, "export", "--approved-only")
    assert result.exit_code == 0
    for stem in STEMS:
        assert {st for _, _, st in tmx_units(ws / "output" / "tmx" / f"{stem}.tmx")} == {Status.APPROVED}
        xml = etree.parse(str(ws / "output" / "xml" / f"{stem}.xml"))
        assert {seg.get("status") for seg in xml.iter("seg")} == {Status.APPROVED}
        md = (ws / "output" / "en" / f"{stem}.md").read_text(encoding="utf-8")
        assert "Not ready" in md and "Draft " not in md
    assert "withheld from en/" in result.output


def test_export_is_deterministic_and_touches_no_catalog(ws):
    catalogs = {p: p.read_bytes() for p in (ws / "translate").glob("*.po")}
    xlate(ws, "export")
    first = {p: p.read_bytes() for p in sorted((ws / "output").rglob("*")) if p.is_file()}
    result = xlate(ws, "export")
    assert "0 file(s) written" in result.output
    assert {p: p.read_bytes() for p in sorted((ws / "output").rglob("*")) if p.is_file()} == first
    assert {p: p.read_bytes() for p in (ws / "translate").glob("*.po")} == catalogs


def test_run_exports_too(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    xlate(tmp_path, "run", "--no-mt")
    xml = etree.parse(str(tmp_path / "output" / "xml" / f"{STEMS[0]}.xml"))
    assert {seg.get("status") for seg in xml.iter("seg")} == {Status.UNTRANSLATED}


def test_a_broken_catalog_keeps_its_last_exports(ws):
    xlate(ws, "export")
    stem = STEMS[1]
    kept = (ws / "output" / "xml" / f"{stem}.xml").read_bytes()
    path = ws / "translate" / f"{stem}.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    result = xlate(ws, "export")
    assert result.exit_code == 1 and f"translate/{stem}.po" in result.output
    assert (ws / "output" / "xml" / f"{stem}.xml").read_bytes() == kept


@pytest.mark.parametrize("header, expected", [
    ("2024-05-06 07:08+0700", "2024-05-06T00:08:00+00:00"),
    ("2026-11-23 12:56+0000", "2026-11-23T12:56:00+00:00"),
    ("YEAR-MO-DA HO:MI+ZONE", None),
    ("", None),
])
def test_catalog_header_dates_become_utc(header, expected):
    assert po_date(header) == expected
