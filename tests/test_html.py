"""output/html/: the bilingual preview, read as an HTML5 parser and an editor would read it.

The workspace is the five samples plus the two articles of tests/previewkit.py
(one of every unit state, one ready to publish), run twice without MT with a
review in between, as a desk would. tests/test_browser.py opens the same pages
in a real Chromium.
"""

import base64
import dataclasses
import difflib
import hashlib
import shutil
from pathlib import Path

import html5lib
import lxml.html
import markupsafe
import polib
import pytest
from hypothesis import given, strategies as st

import previewkit as kit
from conftest import STEMS, invoke as xlate, new_workspace
from xlate import Workspace, catalog, export, process_article, qa
from xlate.catalog import comments
from xlate.exports import edition, export_all
from xlate.exports import html
from xlate.exports.html import article_page, index_page
from xlate.exports.preview import article_view, index_entry
from xlate.glossary import Glossary, Term
from xlate.model import AlignedUnit, Edition, Status, UnitNotes

ALL = [*STEMS, kit.MIXED, kit.READY]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    ws = new_workspace(tmp_path_factory.mktemp("preview") / "ws")
    kit.write_seeds(ws)
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    kit.review(ws)
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    return ws


def strict(data: bytes):
    """The page through two HTML5 parsers that raise on any parse error."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data, transport_encoding="utf-8")
    parser = lxml.html.HTMLParser(recover=False, no_network=True)
    tree = lxml.html.document_fromstring(data, parser=parser)
    assert not parser.error_log, [str(e) for e in parser.error_log]
    return tree


def page(ws: Path, name: str):
    return strict((ws / "output" / "html" / f"{name}.html").read_bytes())


def text_of(element) -> str:
    """What a reader sees of a cell: its text without the (hidden) tooltips."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, with_tail=False))
    for tip in copy.xpath(".//*[contains(@class, 'tip')]"):
        tip.drop_tree()
    return copy.text_content()


def cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def units(tree) -> list:
    return tree.xpath(f"//div[{cls('unit')}]")


def one(element, css_class: str):
    found = element.xpath(f".//*[{cls(css_class)}]")
    assert len(found) == 1, (css_class, len(found))
    return found[0]


def expected_label(entry: polib.POEntry) -> str:
    status = catalog.status(entry)
    if status == Status.DRAFT and (match := comments.match_percent(entry.comment)) is not None:
        return f"Fuzzy match {match}%"
    return str(status).capitalize()


# --- what is there, and that it parses ------------------------------------------------------

def test_run_writes_a_page_for_every_article_and_an_index_linking_them(site):
    html = site / "output" / "html"
    assert sorted(p.name for p in html.iterdir()) == sorted([f"{s}.html" for s in ALL] + ["index.html"])
    links = page(site, "index").xpath("//table//td[1]/a/@href")
    assert sorted(links) == sorted(f"{s}.html" for s in ALL)
    assert all((html / link).is_file() for link in links)


def test_every_page_is_html5_without_a_single_parse_error(site):
    for path in sorted((site / "output" / "html").glob("*.html")):
        tree = strict(path.read_bytes())
        assert tree.xpath("/html/@lang") == ["en"], path.name
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids)), path.name


def test_the_strict_parsers_do_reject_a_broken_page(site):
    data = (site / "output" / "html" / f"{kit.MIXED}.html").read_bytes()
    for broken in (data.replace(b'<div class="vi"', b'<div class="vi" class="x"', 1),
                   data.replace(b"</mark>", b"</span>", 1)):
        with pytest.raises(Exception):
            strict(broken)


def test_a_page_loads_nothing_from_outside_and_allows_only_its_own_style_and_script(site):
    for name in ALL + ["index"]:
        tree = page(site, name)
        assert not tree.xpath("//*[@src] | //img | //iframe | //object | //embed | //link[@rel!='icon']")
        assert tree.xpath("//link/@href") == ["data:,"]
        head = tree.xpath("/html/head/*")
        assert head[0].get("charset") == "utf-8"
        assert head[1].get("http-equiv") == "Content-Security-Policy"
        policy = dict(part.strip().split(" ", 1) for part in head[1].get("content").split(";"))
        assert policy["default-src"] == "'none'"
        [style], [script] = tree.xpath("//style/text()"), tree.xpath("//script/text()")
        for directive, body in (("style-src", style), ("script-src", script)):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert policy[directive] == f"'sha256-{digest}'", directive
        assert "url(" not in style and "@import" not in style and "@font-face" not in style
        # The one address outside the workspace: the article's source, a link the editor may follow.
        external = {h for h in tree.xpath("//a/@href") if "://" in h}
        assert external <= set(tree.xpath("//dd/a[@rel='noreferrer']/@href")), name


def test_markup_and_ampersands_in_a_seed_and_a_translation_render_as_text(site):
    tree = page(site, kit.MIXED)
    [unit] = [u for u in units(tree) if text_of(one(u, "vi")) == kit.SCRIPT_VI]
    assert text_of(one(unit, "en")) == kit.SCRIPT_EN
    assert len(tree.xpath("//script")) == 1  # ours; the seed's is text
    raw = (site / "output" / "html" / f"{kit.MIXED}.html").read_text(encoding="utf-8")
    # (1.250 đồng is a value, marked with its rendering: the text runs on either side of the mark)
    assert "&lt;script&gt;window.__xlate_pwned = 1&lt;/script&gt; tăng " in raw
    assert "1.250 đồng<span" in raw and "</mark> &amp; dầu &#34;giảm&#34;" in raw


# --- the article page -----------------------------------------------------------------------

def test_every_catalog_entry_is_on_its_page_with_its_status_in_words(site):
    for stem in ALL:
        tree = page(site, stem)
        on_page: dict[str, set[tuple[str, str]]] = {}
        for unit in units(tree):
            on_page.setdefault(text_of(one(unit, "vi")), set()).add(
                (unit.get("data-status"), one(unit, "badge").text_content()))
        po = polib.pofile(str(site / "translate" / f"{stem}.po"))
        live = [e for e in po if not e.obsolete]
        assert set(on_page) == {e.msgid for e in live}, stem
        for entry in live:
            assert on_page[entry.msgid] == {(str(catalog.status(entry)), expected_label(entry))}, entry.msgid


def test_the_mixed_article_shows_every_state_one_qa_error_and_the_low_confidence_draft(site):
    tree = page(site, kit.MIXED)
    by_vi = {text_of(one(u, "vi")): u for u in units(tree)}
    labels = {vi: one(u, "badge").text_content() for vi, u in by_vi.items()}
    match = round(difflib.SequenceMatcher(None, kit.FUZZY_AFTER, kit.FUZZY_BEFORE, autojunk=False).ratio() * 100)
    assert labels == {kit.TITLE_VI: "Approved", kit.SCRIPT_VI: "Approved", kit.QA_VI: "Approved",
                      kit.UNTRANSLATED_VI: "Untranslated", kit.DRAFT_VI: "Draft",
                      kit.FUZZY_AFTER: f"Fuzzy match {match}%"}
    assert [vi for vi, u in by_vi.items() if u.xpath(f".//*[{cls('flag-qa')}]")] == [kit.QA_VI]
    assert [li.text_content() for li in tree.xpath("//li[@class='qa']")] == [
        'QA error: value missing: "16-7" (16 July) is not in the English']
    assert [vi for vi, u in by_vi.items() if u.xpath(f".//*[{cls('flag-low')}]")] == [kit.DRAFT_VI]
    assert one(by_vi[kit.DRAFT_VI], "flag-low").text_content() == f"Low MT confidence: {kit.LOW_CONFIDENCE}%"
    assert text_of(one(by_vi[kit.UNTRANSLATED_VI], "en")).startswith("not translated yet")
    origins = {vi: [li.text_content() for li in u.xpath(".//li[@class='origin']")] for vi, u in by_vi.items()}
    assert origins == {kit.TITLE_VI: [], kit.SCRIPT_VI: [], kit.QA_VI: [], kit.UNTRANSLATED_VI: [],
                       kit.DRAFT_VI: [f"English from machine translation: argostranslate translate-vi_en 1.9, "
                                      f"confidence {kit.LOW_CONFIDENCE}% (low)"],  # xlate run marks it low
                       kit.FUZZY_AFTER: [f"English from old translation of a changed sentence: {match}%"]}
    assert tree.xpath("//h1/text()") == [kit.TITLE_EN]
    verdict = one(tree, "verdict").text_content()
    assert verdict == ("Not for publication: 3 of 6 units are not approved (2 draft, 1 untranslated); "
                       "QA found 1 error.")
    ready = page(site, kit.READY)
    assert one(ready, "verdict").text_content().startswith("Ready to publish")


def test_terms_and_names_are_marked_in_both_columns_with_their_renderings(site):
    tree = page(site, kit.MIXED)
    by_vi = {text_of(one(u, "vi")): u for u in units(tree)}

    def marks(cell):
        return [(text_of(m), one(m, "tip-text").text_content(), m.get("tabindex"),
                 tree.xpath(f"//*[@id='{m.get('aria-describedby')}']")[0].get("role"))
                for m in cell.xpath(".//mark")]

    qa_unit = by_vi[kit.QA_VI]
    assert marks(one(qa_unit, "vi")) == [("Bộ Chính trị", "Politburo", "0", "tooltip"),
                                         ("Hà Nội", "Hanoi", "0", "tooltip"), ("16-7", "16 July", "0", "tooltip")]
    assert marks(one(qa_unit, "en")) == [("Politburo", "Bộ Chính trị", "0", "tooltip"),
                                         ("Hanoi", "Hà Nội", "0", "tooltip")]
    name = one(one(by_vi[kit.UNTRANSLATED_VI], "vi"), "term")
    assert "term-name" in name.get("class") and "term-missing" not in name.get("class")
    assert one(name, "tip-text").text_content() == "Nguyen Van Nen"
    # Every rendering the catalog requires is on its term.
    po = polib.pofile(str(site / "translate" / f"{kit.MIXED}.po"))
    for entry in po:
        wanted = {tuple(v.split(" = ")) for key in (comments.Key.GLOSSARY, comments.Key.NAME, comments.Key.VALUE)
                  for v in comments.values(entry.comment, key)}
        assert {(text_of(m), one(m, "tip-text").text_content())
                for m in one(by_vi[entry.msgid], "vi").xpath(".//mark")} == wanted, entry.msgid


def test_a_rendering_missing_from_the_english_is_marked_on_its_term():
    glossary = Glossary([Term("Bộ Chính trị", "Politburo", "organization")])
    result = process_article("Tin\n\nBộ Chính trị họp.\n", "missing", glossary=glossary)
    entry = result.catalog.find("Bộ Chính trị họp.")
    entry.msgstr = "The Political Bureau met."
    qa.annotate(result.catalog, result.requirements, set())
    tree = strict(article_page(article_view(edition(result.article, result.units, result.catalog,
                                                    result.requirements))))
    [term] = tree.xpath(f"//div[{cls('vi')}]//mark[{cls('term-missing')}]")
    assert text_of(term) == "Bộ Chính trị"
    assert one(term, "tip-missing").text_content() == "missing from the English"
    assert not tree.xpath(f"//div[{cls('en')}]//mark")
    assert tree.xpath("//li[@class='qa']")[0].text_content() == \
        'QA error: missing glossary rendering "Politburo" for "Bộ Chính trị"'


def test_each_unit_names_the_line_of_its_catalog_entry_and_links_the_catalog(site):
    check_lines(site, kit.MIXED)


def check_lines(ws: Path, stem: str):
    po_path = ws / "translate" / f"{stem}.po"
    lines = po_path.read_text(encoding="utf-8").splitlines()
    starts = {e.msgid: e.linenum for e in polib.pofile(str(po_path)) if not e.obsolete}
    tree = page(ws, stem)
    for unit in units(tree):
        vi = text_of(one(unit, "vi"))
        ref = one(unit, "po-ref")
        where, number = ref.text_content().rsplit(":", 1)
        assert where == f"translate/{stem}.po"
        assert int(number) == starts[vi]
        entry_text = "\n".join(lines[int(number) - 1:]).split("\n\n")[0]
        assert polib.pofile(entry_text + "\n")[0].msgid == vi  # the entry starts on that very line
        assert (ws / "output" / "html" / ref.get("href")).resolve() == po_path.resolve()
        assert one(unit, "seed-ref").text_content().startswith(f"seeds/{stem}.txt:")


def test_lines_follow_a_catalog_a_reviewer_saved_with_another_layout(site, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(site, ws)
    path = ws / "translate" / f"{kit.MIXED}.po"
    po = polib.pofile(str(path), wrapwidth=40)
    po.wrapwidth = 40  # a narrower editor: every entry moves
    po.save(str(path))
    assert xlate(ws, "export").exit_code == 0
    check_lines(ws, kit.MIXED)


# --- the index ------------------------------------------------------------------------------

def test_the_index_lists_ready_articles_first_with_progress_qa_and_low_confidence(site):
    tree = page(site, "index")
    rows = tree.xpath("//tbody/tr")
    assert [r.get("data-stem") for r in rows][:2] == [kit.READY, kit.MIXED]  # then the untranslated ones
    assert sorted(r.get("data-stem") for r in rows[2:]) == STEMS
    mixed = rows[1]
    assert (mixed.get("data-qa"), mixed.get("data-low"), mixed.get("data-progress")) == ("1", "1", "0.5000")
    assert one(mixed, "counts").text_content() == "3 of 6 approved 2 draft · 1 untranslated"
    assert mixed.xpath(".//svg/@aria-label") == ["3 approved, 2 draft, 1 untranslated, of 6 units"]
    assert [one(r, "state").text_content() for r in rows[:2]] == ["Ready to publish", "Not ready"]
    for row in rows:
        po = polib.pofile(str(site / "translate" / f"{row.get('data-stem')}.po"))
        assert row.xpath(".//time/@datetime") == [catalog_date(po)]


def catalog_date(po: polib.POFile) -> str:
    from xlate.exports import po_date
    return po_date(po.metadata["PO-Revision-Date"])


# --- determinism, other exports, options ----------------------------------------------------

def test_pages_are_deterministic_and_not_rewritten_when_nothing_changed(site):
    html = site / "output" / "html"
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in html.iterdir()}
    result = export(Workspace.open(site))
    assert result.exit_code == 0 and result.exported.written == []
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in html.iterdir()} == before


def test_the_other_exports_are_byte_identical_with_and_without_the_notes(site, tmp_path):
    from xlate.prepare import read_back

    results = read_back(Workspace.open(site), [])
    full = [edition(r.article, r.units, r.catalog, r.requirements, catalog=f"translate/{r.stem}.po")
            for r in results]
    assert any(u.notes.terms or u.notes.qa for e in full for u in e.units)
    bare = [dataclasses.replace(e, catalog="", units=[dataclasses.replace(u, notes=UnitNotes()) for u in e.units])
            for e in full]
    export_all(full, tmp_path / "full", tool_version="1")
    export_all(bare, tmp_path / "bare", tool_version="1")
    files = sorted(p.relative_to(tmp_path / "full") for p in (tmp_path / "full").rglob("*") if p.is_file())
    others = [p for p in files if p.parts[0] != "html"]
    assert len(others) == 4 * len(ALL) + 4 - len(ALL)  # xml, tmx, en per article; all.tmx, all.vi/en/tsv
    for rel in others:
        assert (tmp_path / "full" / rel).read_bytes() == (tmp_path / "bare" / rel).read_bytes(), rel
    assert (tmp_path / "full" / "html" / f"{kit.MIXED}.html").read_bytes() != \
        (tmp_path / "bare" / "html" / f"{kit.MIXED}.html").read_bytes()


def test_approved_only_pages_leave_out_every_unit_not_approved(site, tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(site, ws)
    assert xlate(ws, "export", "--approved-only").exit_code == 0
    raw = (ws / "output" / "html" / f"{kit.MIXED}.html").read_text(encoding="utf-8")
    tree = page(ws, kit.MIXED)
    assert {text_of(one(u, "vi")) for u in units(tree)} == {kit.TITLE_VI, kit.SCRIPT_VI, kit.QA_VI}
    for hidden in (kit.UNTRANSLATED_VI, kit.DRAFT_VI, kit.DRAFT_EN, kit.FUZZY_AFTER, kit.FUZZY_EN):
        assert hidden not in raw
    assert one(tree, "scope").text_content() == "Exported with --approved-only: only approved units are shown (3 of 6)."
    assert one(tree, "verdict").text_content().startswith("Not for publication: 3 of 6 units")


def test_a_seed_named_index_is_refused_by_name_and_the_index_stays_the_list(tmp_path):
    ws = new_workspace(tmp_path / "ws")
    shutil.copy(ws / "seeds" / f"{STEMS[0]}.txt", ws / "seeds" / "Index.txt")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 1 and "seeds/Index.txt" in result.output and "reserved" in result.output
    assert len(page(ws, "index").xpath("//tbody/tr")) == len(STEMS)


def hand_made(units: list[AlignedUnit]) -> Edition:
    return Edition(stem="hand", source="seeds/hand.txt", title="Tin", date=None, url="javascript:alert(1)",
                   byline=None, units=units, created="2024-05-01T08:00:00+00:00",
                   changed="2024-05-01T08:00:00+00:00")


def test_control_characters_are_shown_as_symbols_and_the_page_still_parses():
    unit = AlignedUnit("b0s0", "body", 0, "Câu\x01 có\x7f ký tự", "A\x0b line\x85 with\x1f controls\ufffe",
                       Status.APPROVED, 1)
    tree = strict(article_page(article_view(hand_made([unit]))))
    assert text_of(one(tree, "vi")) == "Câu␁ có␡ ký tự"
    assert text_of(one(tree, "en")) == "A␋ line\ufffd with␟ controls\ufffd"
    assert tree.xpath("//dd/a") == []  # a source that is not a web address is not a link


def test_a_block_kind_ingest_may_add_is_rendered_like_any_other():
    new_kinds = [AlignedUnit("b0s0", "subheading", 0, "Tiêu đề phụ", "Subheading text", Status.DRAFT, 1),
                 AlignedUnit("b1s0", "list_item", 1, "Mục một", "", Status.UNTRANSLATED, 2)]
    tree = strict(article_page(article_view(hand_made(new_kinds))))
    blocks = tree.xpath(f"//div[{cls('block')}]")
    assert [b.get("class") for b in blocks] == ["block kind-subheading", "block kind-list_item"]
    assert [one(b, "block-label").text_content() for b in blocks] == ["Subheading", "List item"]
    assert [u.get("data-kind") for u in units(tree)] == ["subheading", "list_item"]


@pytest.mark.parametrize("status, confidence, threshold, flag", [
    (Status.DRAFT, 49, 50, "Low MT confidence: 49%"),
    (Status.DRAFT, 50, 50, "MT confidence: 50%"),
    (Status.DRAFT, 10, None, "MT confidence: 10%"),
    (Status.APPROVED, 10, 50, None),  # reviewed: the engine's doubt no longer matters
    (Status.DRAFT, None, 50, None),  # today's catalogs: no confidence recorded
])
def test_low_confidence_is_marked_on_drafts_below_the_threshold(status, confidence, threshold, flag):
    notes = UnitNotes(confidence=confidence, provenance=comments.mt_line("engine", "1", confidence))
    unit = AlignedUnit("b0s0", "body", 0, "Câu.", "A sentence.", status, 1, notes)
    view = article_view(hand_made([unit]), low_confidence=threshold)
    tree = strict(index_page([index_entry(view)]))
    assert tree.xpath("//tbody/tr/@data-low") == ["1" if flag and flag.startswith("Low") else "0"]
    tree = strict(article_page(view))
    flags = [f.text_content() for f in tree.xpath(f"//*[{cls('flag-low')} or {cls('flag-confidence')}]")]
    assert flags == ([flag] if flag else [])


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_the_per_unit_rows_escape_every_value_exactly_as_the_template_engine_does(text):
    # unit_html and unit_text write their values by hand, for speed: a page must not differ by a byte
    # from one the engine rendered, and no markup may get through.
    assert html._escape(text) == str(markupsafe.escape(text))
    assert html._shown(text) == str(markupsafe.escape(html.visible(text)))
    assert html._escape(Status.DRAFT) == "draft" and html._escape(31) == "31"
