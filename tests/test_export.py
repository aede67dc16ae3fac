"""output/ exports as a specification: XML + schema, TMX, parallel text, English Markdown.

Editions are built here from real Vietnamese news sentences and some hostile
text (XML and Markdown specials, a tab, a newline, U+2028 inside units).
"""

import dataclasses
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree
from markdown_it import MarkdownIt  # a CommonMark parser, to see the page as readers will
from translate.storage import tmx

from xlate.model import AlignedUnit, Edition, Status
from xlate.exports import ArticleCounts, export_all

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TOOL = "9.8.7"

TRICKY_VI = ('Giá xăng RON 95 tăng 1.250 đồng/lít & dầu <DO> giảm 12,5% — "kỷ lục" '
             "'mới' ]]> *quan_trọng* #1 [xem]")
TRICKY_EN = ('Petrol RON 95 up 1,250 VND/litre & diesel <DO> down 12.5% — "record" '
             "'new' ]]> *important_note* #1 [see] C:\\path &amp;\tcolumn two\n- 2. line two")
SHARED_VI = "Hai bên nhất trí tiếp tục thúc đẩy quan hệ Đối tác chiến lược toàn diện."


def unit(uid, kind, vi, en, status, line=1):
    block = int(re.match(r"b(\d+)s", uid).group(1))
    return AlignedUnit(id=uid, kind=kind, block=block, vi=vi, en=en, status=status, line=line)


def make_editions() -> list[Edition]:
    # Given out of stem order on purpose: export must sort.
    art1 = Edition(
        stem="001_tong-bi-thu", source="seeds/001_tong-bi-thu.txt",
        title="Tổng Bí thư Tô Lâm tiếp Đại sứ Nhật Bản", date="16.8.2019",
        url="https://baochinhphu.vn/tong-bi-thu-tiep-dai-su.htm", byline="(Theo Báo ĐCSVN)",
        created="2024-05-01T08:00:00Z", changed="2024-05-06T09:30:00Z", units=[
            unit("b0s0", "title", "Tổng Bí thư Tô Lâm tiếp Đại sứ Nhật Bản",
                 "General Secretary To Lam receives Japanese Ambassador", Status.APPROVED, 3),
            unit("b1s0", "body", "Chiều 16.8.2019, tại Trụ sở T.Ư Đảng, Tổng Bí thư Tô Lâm đã "
                 "tiếp Đại sứ Nhật Bản Ito Naoki.", "On the afternoon of August 16, 2019, at the "
                 "Party Central Committee's headquarters, General Secretary To Lam received "
                 "Japanese Ambassador Ito Naoki.", Status.APPROVED, 5),
            unit("b1s1", "body", SHARED_VI, "The two sides agreed to keep up the partnership.",
                 Status.DRAFT, 5),
            unit("b2s0", "body", TRICKY_VI, TRICKY_EN, Status.APPROVED, 7),
            unit("b2s1", "body", "Ông Nguyễn Văn Nên phát biểu tại buổi làm việc.", "",
                 Status.UNTRANSLATED, 7),
            unit("b3s0", "caption", "Tổng Bí thư Tô Lâm tiếp Đại sứ Ito Naoki.",
                 "General Secretary To Lam receives Ambassador Ito Naoki.", Status.APPROVED, 9),
            unit("b3s1", "caption", "Ảnh: TTXVN", "Photo: VNA", Status.APPROVED, 9),
            # The same sentence again: one TM entry, one parallel row.
            unit("b4s0", "body", SHARED_VI, "The two sides agreed to keep up the partnership.",
                 Status.DRAFT, 11),
        ])
    art2 = Edition(
        stem="002_kinh-te", source="seeds/002_kinh-te.md",
        title="Kinh tế Việt Nam tăng trưởng 7,09%", date=None, url=None, byline=None,
        created="2024-05-02T10:00:00+00:00", changed="2024-05-04 12:00+0700", units=[
            unit("b0s0", "title", "Kinh tế Việt Nam tăng trưởng 7,09% năm 2024",
                 "Viet Nam's economy grows 7.09% in 2024", Status.APPROVED, 2),
            unit("b1s0", "body", SHARED_VI, "Both sides agreed to further promote the "
                 "Comprehensive Strategic Partnership.", Status.APPROVED, 4),
            unit("b1s1", "body", "Tổng sản phẩm trong nước (GDP) quý IV ước tăng 7,55%.",
                 "GDP in the fourth quarter is estimated\u2028to have grown 7.55%.", Status.DRAFT, 4),
            unit("b2s0", "caption", "Ảnh: TTXVN", "Photo: VNA", Status.DRAFT, 6),
        ])
    art3 = Edition(
        stem="003_ha-noi", source="seeds/003_ha-noi.txt", title="Hà Nội mở rộng đường vành đai",
        date="2024-06-01", url="https://hanoimoi.vn/a_b*c", byline="PV",
        created="2024-04-30T00:00:00Z", changed="2024-04-30T00:00:00Z", units=[
            unit("b0s0", "title", "Hà Nội: ưu tiên số 1 là *đường* & [cầu]",
                 "Ha Noi's #1 priority:\n*roads* & [bridges]", Status.APPROVED, 1),
            unit("b1s0", "body", "Năm 2024. Một năm tăng trưởng.", "2024. A year of growth.",
                 Status.APPROVED, 3),
            unit("b1s1", "body", "Thành phố đầu tư _lớn_.", "The city invests `big` _now_.\n===",
                 Status.APPROVED, 3),
            unit("b2s0", "caption", "Đường vành đai 4 — Ảnh: TTXVN",
                 "Ring Road 4 — Photo: VNA", Status.APPROVED, 5),
        ])
    return [art3, art1, art2]


@pytest.fixture
def editions():
    return make_editions()


def by_stem(editions):
    return {e.stem: e for e in editions}


def export(editions, out, **kw):
    return export_all(editions, out, tool_version=TOOL, **kw)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- readers written from the documented formats ------------------------------

def unescape_field(text: str) -> str:
    table = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}
    return re.sub(r"\\(u[0-9a-f]{4}|.)",
                  lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) == 5
                  else table[m.group(1)], text)


def read_tmx(path: Path) -> list[dict]:
    """Every <tu> as translate-toolkit reads it, plus its props and notes."""
    store = tmx.tmxfile.parsefile(str(path))
    assert store.sourcelanguage == "vi"
    tus = []
    for tu in store.units:
        el = tu.xmlelement
        tus.append({
            "vi": tu.source, "en": tu.target,
            "articles": [p.text for p in el.findall("prop[@type='x-article']")],
            "status": [p.text for p in el.findall("prop[@type='x-status']")],
            "notes": [n.text for n in el.findall("note")],
            "dates": (el.get("creationdate"), el.get("changedate")),
            "children": [c.tag for c in el],
        })
    return tus


def md_blocks(text: str) -> list[tuple[str, str]]:
    """Render with a CommonMark parser; inline markup other than ours fails the test."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    marks = {"em_open": "⟨em⟩", "em_close": "⟨/em⟩", "strong_open": "⟨b⟩",
             "strong_close": "⟨/b⟩", "hardbreak": "\n", "link_close": "⟨/a⟩"}
    blocks, container = [], []
    for tok in tokens:
        if tok.type in ("blockquote_open", "heading_open"):
            container.append("quote" if tok.type == "blockquote_open" else tok.tag)
        elif tok.type in ("blockquote_close", "heading_close"):
            container.pop()
        elif tok.type == "inline":
            out = []
            for child in tok.children:
                if child.type == "text":
                    out.append(child.content)
                elif child.type == "link_open":
                    out.append(f"⟨a {child.attrs['href']}⟩")
                else:
                    assert child.type in marks, f"unexpected markup {child.type} in {tok.content!r}"
                    out.append(marks[child.type])
            blocks.append((container[-1] if container else "p", "".join(out)))
        else:
            assert tok.type in ("paragraph_open", "paragraph_close"), tok.type
    return blocks


def md_unit(u: AlignedUnit) -> str:
    """How a unit must read on the rendered page."""
    if u.status == Status.UNTRANSLATED:
        return f"⟨b⟩[untranslated: {u.vi}]⟨/b⟩"
    return u.en + (" ⟨b⟩[draft]⟨/b⟩" if u.status == Status.DRAFT else "")


def schema_file():
    return resources.as_file(resources.files("xlate.exports") / "schema" / "article.rng")


def xmllint(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    if shutil.which("xmllint") is None:
        pytest.fail("xmllint is required (apt-get install -y libxml2-utils)")
    return subprocess.run(["xmllint", "--noout", "--relaxng", str(schema), *map(str, files)],
                          capture_output=True, text=True)


# --- XML ----------------------------------------------------------------------

@pytest.mark.parametrize("approved_only", [False, True])
def test_every_xml_validates_with_lxml_and_xmllint(tmp_path, editions, approved_only):
    export(editions, tmp_path, approved_only=approved_only)
    files = sorted((tmp_path / "xml").glob("*.xml"))
    assert [f.name for f in files] == ["001_tong-bi-thu.xml", "002_kinh-te.xml", "003_ha-noi.xml"]
    with schema_file() as schema:
        relaxng = etree.RelaxNG(etree.parse(str(schema)))
        for f in files:
            assert relaxng.validate(etree.parse(str(f))), relaxng.error_log
        result = xmllint(schema, *files)
        assert result.returncode == 0, result.stderr


def test_schema_rejects_what_the_contract_forbids(tmp_path, editions):
    export(editions, tmp_path)
    good = (tmp_path / "xml" / "001_tong-bi-thu.xml").read_text("utf-8")
    bad = {
        "bogus status": good.replace('status="draft"', 'status="done"', 1),
        "untranslated with text": good.replace('<en xml:lang="en"/>', '<en xml:lang="en">x</en>'),
        "draft without text": re.sub(r'(status="draft">\s*<vi[^>]*>[^<]*</vi>\s*)<en[^>]*>[^<]*</en>',
                                     r'\1<en xml:lang="en"/>', good, count=1),
        "draft in approved scope": good.replace('scope="all"', 'scope="approved"'),
    }
    with schema_file() as schema:
        relaxng = etree.RelaxNG(etree.parse(str(schema)))
        for name, text in bad.items():
            assert text != good, name
            path = tmp_path / f"{name.replace(' ', '_')}.xml"
            path.write_text(text, "utf-8")
            assert not relaxng.validate(etree.parse(str(path))), name
            assert xmllint(schema, path).returncode != 0, name


def test_xml_holds_every_unit_in_source_order_and_round_trips_text(tmp_path, editions):
    export(editions, tmp_path)
    for ed in editions:
        root = etree.parse(str(tmp_path / "xml" / f"{ed.stem}.xml")).getroot()
        assert (root.tag, root.get("stem"), root.get("source"), root.get("scope")) == \
            ("article", ed.stem, ed.source, "all")
        meta = {c.tag: c.text for c in root.find("meta")}
        assert meta == {k: v for k, v in (("title", ed.title), ("date", ed.date),
                                          ("url", ed.url), ("byline", ed.byline)) if v}
        segs = [(blk.tag, int(blk.get("n")), int(blk.get("line")), seg.get("id"),
                 seg.get("status"), seg.find("vi").text, seg.find("en").text or "",
                 seg.find("vi").get(XML_LANG), seg.find("en").get(XML_LANG))
                for blk in root if blk.tag != "meta" for seg in blk]
        tag = {"title": "title", "body": "p", "caption": "caption"}
        assert segs == [(tag[u.kind], u.block, u.line, u.id, u.status, u.vi, u.en, "vi", "en")
                        for u in ed.units]


def test_a_schema_failure_raises_before_anything_is_written(tmp_path, editions):
    ed = by_stem(editions)["003_ha-noi"]
    ed.units[1] = dataclasses.replace(ed.units[1], en="")  # a draft/approved unit with no English
    with pytest.raises(RuntimeError, match="schema"):
        export([ed], tmp_path)
    assert not (tmp_path / "xml" / "003_ha-noi.xml").exists()


# --- TMX ----------------------------------------------------------------------

def distinct_translated(ed: Edition) -> list[tuple[str, str, str]]:
    seen, out = set(), []
    for u in ed.units:
        if u.status != Status.UNTRANSLATED and u.vi not in seen:
            seen.add(u.vi)
            out.append((u.vi, u.en, u.status))
    return out


def test_article_tmx_is_tmx14b_read_by_translate_toolkit(tmp_path, editions):
    export(editions, tmp_path)
    dates = {"001_tong-bi-thu": ("20240501T080000Z", "20240506T093000Z"),
             "002_kinh-te": ("20240502T100000Z", "20240504T050000Z"),
             "003_ha-noi": ("20240430T000000Z", "20240430T000000Z")}
    for ed in editions:
        path = tmp_path / "tmx" / f"{ed.stem}.tmx"
        raw = path.read_bytes()
        assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                              b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">')
        header = etree.parse(str(path)).getroot().find("header")
        assert dict(header.attrib) == {
            "creationtool": "xlate", "creationtoolversion": TOOL, "segtype": "sentence",
            "o-tmf": "PO", "adminlang": "en", "srclang": "vi", "datatype": "plaintext",
            "creationdate": dates[ed.stem][0], "changedate": dates[ed.stem][1]}
        tus = read_tmx(path)
        # Untranslated units are left out; a repeated sentence is one <tu>.
        assert [(t["vi"], t["en"], t["status"][0]) for t in tus] == distinct_translated(ed)
        for t in tus:
            assert t["articles"] == [ed.stem] and len(t["status"]) == 1
            assert t["dates"] == dates[ed.stem]
            assert t["children"] == ["prop", "prop", "tuv", "tuv"]


def test_all_tmx_has_one_tu_per_source_and_resolves_conflicts(tmp_path, editions):
    export(editions, tmp_path)
    tus = read_tmx(tmp_path / "tmx" / "all.tmx")
    sources = [t["vi"] for t in tus]
    assert len(sources) == len(set(sources))
    ordered = sorted(editions, key=lambda e: e.stem)
    assert sources == list(dict.fromkeys(vi for e in ordered for vi, _, _ in distinct_translated(e)))
    tu = {t["vi"]: t for t in tus}
    # Same source, different English: the approved one wins over a later draft,
    # the other stays visible as a note.
    shared = tu[SHARED_VI]
    assert shared["en"] == by_stem(editions)["002_kinh-te"].units[1].en
    assert (shared["status"], shared["articles"]) == (["approved"], ["002_kinh-te"])
    assert shared["notes"] == ["Different translation in 001_tong-bi-thu (draft): "
                               "The two sides agreed to keep up the partnership."]
    assert shared["children"] == ["note", "prop", "prop", "tuv", "tuv"]
    # Same pair in two articles: one tu listing both, approved if either approved it.
    photo = tu["Ảnh: TTXVN"]
    assert (photo["en"], photo["status"], photo["articles"], photo["notes"]) == \
        ("Photo: VNA", ["approved"], ["001_tong-bi-thu", "002_kinh-te"], [])
    assert photo["dates"] == ("20240501T080000Z", "20240506T093000Z")
    assert tmx.tmxfile.parsefile(str(tmp_path / "tmx" / "all.tmx")).translate(TRICKY_VI) == TRICKY_EN


def test_between_two_approved_translations_the_latest_change_wins(tmp_path):
    def edition(stem, en, changed):
        return Edition(stem=stem, source=f"seeds/{stem}.txt", title="", date=None, url=None,
                       byline=None, created="2024-01-01T00:00:00Z", changed=changed,
                       units=[unit("b0s0", "body", SHARED_VI, en, Status.APPROVED)])
    export([edition("a", "Old wording.", "2024-02-01T00:00:00Z"),
            edition("b", "New wording.", "2024-03-01T00:00:00Z"),
            edition("c", "Old wording.", "2024-01-15T00:00:00Z")], tmp_path)
    [tu] = read_tmx(tmp_path / "tmx" / "all.tmx")
    assert (tu["en"], tu["articles"], tu["notes"]) == \
        ("New wording.", ["b"], ["Different translation in a, c (approved): Old wording."])


# --- parallel text ------------------------------------------------------------

def test_parallel_text_is_line_aligned_and_matches_the_tmx(tmp_path, editions):
    export(editions, tmp_path)
    par = tmp_path / "parallel"
    vi = par.joinpath("all.vi").read_text("utf-8")
    en = par.joinpath("all.en").read_text("utf-8")
    tsv = par.joinpath("all.tsv").read_text("utf-8")
    # Any line splitter sees one unit per line: newline, tab and U+2028 are escaped.
    assert len(vi.splitlines()) == len(en.splitlines()) == len(tsv.splitlines()) - 1
    assert vi.split("\n")[-1] == en.split("\n")[-1] == ""
    assert "\t" not in vi + en and "\u2028" not in en
    header, *rows = tsv.splitlines()
    assert header == "article\tid\tstatus\tvi\ten"
    expected = []
    for ed in sorted(editions, key=lambda e: e.stem):
        expected += [(ed.stem, t["vi"], t["en"], t["status"][0])
                     for t in read_tmx(tmp_path / "tmx" / f"{ed.stem}.tmx")]
    got = []
    for vi_line, en_line, row in zip(vi.splitlines(), en.splitlines(), rows, strict=True):
        fields = row.split("\t")
        assert len(fields) == 5 and fields[3:] == [vi_line, en_line]
        got.append((fields[0], unescape_field(vi_line), unescape_field(en_line), fields[2]))
    assert got == expected
    ids = [row.split("\t")[1] for row in rows if row.startswith("001_")]
    assert ids == ["b0s0", "b1s0", "b1s1", "b2s0", "b3s0", "b3s1"]  # b2s1 untranslated, b4s0 repeat
    assert TRICKY_EN in [g[2] for g in got]
    # The documented escapes, literally: \\ for a backslash, \t, \n, \uXXXX.
    assert r"[see] C:\\path &amp;\tcolumn two\n- 2. line two" + "\n" in en
    assert r"estimated\u2028to have grown" in en


# --- English Markdown -----------------------------------------------------------

def test_markdown_article_renders_text_literally_and_marks_status(tmp_path, editions):
    export(editions, tmp_path)
    art1 = by_stem(editions)["001_tong-bi-thu"]
    u = art1.units
    assert md_blocks((tmp_path / "en" / "001_tong-bi-thu.md").read_text("utf-8")) == [
        ("quote", "⟨b⟩NOT FOR PUBLICATION:⟨/b⟩ 3 of 8 units are not approved "
                  "(2 draft, 1 untranslated); they are marked below."),
        ("h1", u[0].en),
        ("p", "16.8.2019 · Source: ⟨a https://baochinhphu.vn/tong-bi-thu-tiep-dai-su.htm⟩"
              "https://baochinhphu.vn/tong-bi-thu-tiep-dai-su.htm⟨/a⟩"),
        ("p", f"{md_unit(u[1])} {md_unit(u[2])}"),
        ("p", f"{md_unit(u[3])} {md_unit(u[4])}"),
        ("p", f"⟨em⟩{u[5].en} {u[6].en}⟨/em⟩"),
        ("p", f"{md_unit(u[7])}"),
        ("p", "⟨em⟩(Theo Báo ĐCSVN)⟨/em⟩"),
    ]
    art3 = by_stem(editions)["003_ha-noi"]
    u = art3.units
    assert md_blocks((tmp_path / "en" / "003_ha-noi.md").read_text("utf-8")) == [
        ("h1", u[0].en.replace("\n", " ")),  # a heading is one line
        ("p", "2024-06-01 · Source: ⟨a https://hanoimoi.vn/a_b*c⟩https://hanoimoi.vn/a_b*c⟨/a⟩"),
        ("p", f"{u[1].en} {u[2].en}"),
        ("p", f"⟨em⟩{u[3].en}⟨/em⟩"),
        ("p", "⟨em⟩PV⟨/em⟩"),
    ]
    art2 = by_stem(editions)["002_kinh-te"]
    u = art2.units
    blocks = md_blocks((tmp_path / "en" / "002_kinh-te.md").read_text("utf-8"))
    assert blocks[1:] == [("h1", u[0].en), ("p", f"{u[1].en} {md_unit(u[2])}"),
                          ("p", f"⟨em⟩{md_unit(u[3])}⟨/em⟩")]  # no date, url or byline


# --- approved only --------------------------------------------------------------

def test_approved_only_leaves_drafts_and_untranslated_out_everywhere(tmp_path, editions):
    report = export(editions, tmp_path, approved_only=True)
    # No text of a draft or untranslated unit appears in any file, unless an
    # approved unit carries the very same text (Ảnh: TTXVN / Photo: VNA).
    units = [u for e in editions for u in e.units]
    allowed = {t for u in units if u.status == Status.APPROVED for t in (u.vi, u.en)}
    forbidden = {t for u in units if u.status != Status.APPROVED for t in (u.vi, u.en)} - allowed - {""}
    assert len(forbidden) == 4
    for rel, data in tree_bytes(tmp_path).items():
        for text in forbidden:
            assert text.split("\u2028")[0] not in data.decode("utf-8"), (rel, text)
    for ed in editions:
        root = etree.parse(str(tmp_path / "xml" / f"{ed.stem}.xml")).getroot()
        assert root.get("scope") == "approved"
        assert [s.get("id") for s in root.iter("seg")] == \
            [u.id for u in ed.units if u.status == Status.APPROVED]
        assert {t["status"][0] for t in read_tmx(tmp_path / "tmx" / f"{ed.stem}.tmx")} <= {"approved"}
    assert {t["status"][0] for t in read_tmx(tmp_path / "tmx" / "all.tmx")} == {"approved"}
    assert all(t["notes"] == [] for t in read_tmx(tmp_path / "tmx" / "all.tmx"))
    rows = (tmp_path / "parallel" / "all.tsv").read_text("utf-8").splitlines()[1:]
    assert {r.split("\t")[2] for r in rows} == {"approved"}
    # Articles not fully approved are withheld whole from en/, with a notice.
    assert md_blocks((tmp_path / "en" / "001_tong-bi-thu.md").read_text("utf-8")) == [
        ("quote", "⟨b⟩Not ready:⟨/b⟩ 3 of 8 units are not approved (2 draft, 1 untranslated); "
                  "the English text is withheld until every unit is approved.")]
    export(editions, tmp_path / "everything")  # a fully approved article reads the same either way
    assert (tmp_path / "en" / "003_ha-noi.md").read_bytes() == \
        (tmp_path / "everything" / "en" / "003_ha-noi.md").read_bytes()
    assert [report.articles[s].withheld for s in sorted(report.articles)] == [True, True, False]


# --- change tracking, determinism, stale files, report ---------------------------

def records(out: Path, stem: str) -> dict[str, list]:
    """Per-unit records of every export an article appears in."""
    xml = etree.parse(str(out / "xml" / f"{stem}.xml")).getroot()
    return {
        "xml": [etree.tostring(s) for s in xml.iter("seg")],
        "tmx": read_tmx(out / "tmx" / f"{stem}.tmx"),
        "all.tmx": read_tmx(out / "tmx" / "all.tmx"),
        "tsv": (out / "parallel" / "all.tsv").read_text("utf-8").splitlines(),
        "md": md_blocks((out / "en" / f"{stem}.md").read_text("utf-8")),
    }


def test_changing_one_status_changes_exactly_that_unit_everywhere(tmp_path, editions):
    out = tmp_path / "out"
    export(editions, out)
    before = records(out, "002_kinh-te")
    ed = by_stem(editions)["002_kinh-te"]
    ed.units[2] = dataclasses.replace(ed.units[2], status=Status.APPROVED)
    report = export(editions, out)
    assert report.written == ["en/002_kinh-te.md", "html/002_kinh-te.html", "html/index.html",
                              "parallel/all.tsv", "tmx/002_kinh-te.tmx", "tmx/all.tmx", "xml/002_kinh-te.xml"]
    after = records(out, "002_kinh-te")
    for name in before:
        assert len(before[name]) == len(after[name]), name
        diff = [i for i, (b, a) in enumerate(zip(before[name], after[name], strict=True)) if b != a]
        if name == "md":  # the notice counts, and the paragraph holding the unit
            assert diff == [0, 2]
            assert after[name][0] == ("quote", "⟨b⟩NOT FOR PUBLICATION:⟨/b⟩ 1 of 4 units are not "
                                      "approved (1 draft, 0 untranslated); they are marked below.")
            assert after[name][2] == ("p", f"{ed.units[1].en} {ed.units[2].en}")
        else:
            assert len(diff) == 1, name
            b, a = before[name][diff[0]], after[name][diff[0]]
            if name == "xml":
                assert b.replace(b'status="draft"', b'status="approved"') == a
            elif name == "tsv":
                assert b.replace("\tdraft\t", "\tapproved\t") == a
            else:
                assert b["status"] == ["draft"] and {**b, "status": ["approved"]} == a


def test_exports_are_deterministic_and_unchanged_files_are_not_rewritten(tmp_path, editions):
    first = export(editions, tmp_path / "a")
    files = tree_bytes(tmp_path / "a")
    assert sorted(first.written) == sorted(files) and first.unchanged == []
    mtimes = {p: (tmp_path / "a" / p).stat().st_mtime_ns for p in files}
    second = export(editions, tmp_path / "a")
    assert (second.written, second.removed, second.unchanged) == ([], [], sorted(files))
    assert tree_bytes(tmp_path / "a") == files
    assert {p: (tmp_path / "a" / p).stat().st_mtime_ns for p in files} == mtimes
    export(list(reversed(editions)), tmp_path / "b")  # input order does not matter
    assert tree_bytes(tmp_path / "b") == files


def test_stale_files_are_removed_and_foreign_files_kept(tmp_path, editions):
    export(editions, tmp_path)
    (tmp_path / "xml" / "notes.txt").write_text("kept")
    (tmp_path / "tmx" / ".003_ha-noi.tmx.x1y2.tmp").write_text("debris of a killed write")
    report = export([e for e in editions if e.stem != "003_ha-noi"], tmp_path)
    assert report.removed == ["en/003_ha-noi.md", "html/003_ha-noi.html", "tmx/.003_ha-noi.tmx.x1y2.tmp",
                              "tmx/003_ha-noi.tmx", "xml/003_ha-noi.xml"]
    assert sorted(tree_bytes(tmp_path)) == sorted(
        [f"{d}/{s}.{x}" for s in ("001_tong-bi-thu", "002_kinh-te")
         for d, x in (("xml", "xml"), ("tmx", "tmx"), ("en", "md"), ("html", "html"))]
        + ["tmx/all.tmx", "parallel/all.vi", "parallel/all.en", "parallel/all.tsv", "xml/notes.txt",
           "html/index.html"])
    assert "003_ha-noi" not in (tmp_path / "tmx" / "all.tmx").read_text("utf-8")


def test_report_counts_and_progress(tmp_path, editions):
    calls = []
    report = export(editions, tmp_path, progress=calls.append)
    assert calls == [1, 1, 1]
    assert report.articles == {
        "001_tong-bi-thu": ArticleCounts(units=8, approved=5, draft=2, untranslated=1,
                                         exported=8, tm=6, withheld=False),
        "002_kinh-te": ArticleCounts(units=4, approved=2, draft=2, untranslated=0,
                                     exported=4, tm=4, withheld=False),
        "003_ha-noi": ArticleCounts(units=4, approved=4, draft=0, untranslated=0,
                                    exported=4, tm=4, withheld=False),
    }
    report = export(editions, tmp_path, approved_only=True)
    assert (report.articles["001_tong-bi-thu"].exported, report.articles["001_tong-bi-thu"].tm) == (5, 5)
