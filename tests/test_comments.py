"""The `#.` comment lines of a catalog entry: one codec reads and writes them all."""

import polib

from xlate.catalog import comments, powrap
from xlate.catalog.comments import Key
from xlate.glossary import NAME, Requirement
from xlate.model import Kind


def test_polib_wrapping_is_undone_when_lines_are_read():
    long_qa = "qa: missing glossary rendering " + "\"Central Commission for Organisation\" " * 3
    entry = polib.POEntry(msgid="Câu.", msgstr="", comment=f"body\n{long_qa.strip()}")
    po = polib.POFile(wrapwidth=powrap.WIDTH)
    po.append(entry)
    again = polib.pofile(str(po), wrapwidth=powrap.WIDTH)[0]
    assert len(again.comment.splitlines()) > 2  # polib did wrap it
    assert comments.lines(again.comment) == ["body", long_qa.strip()]


def test_a_line_is_its_key_then_its_value():
    assert comments.line(Key.TM, "approved in 002_x") == "tm: approved in 002_x"
    assert comments.key_of("fuzzy match: 86%") == Key.FUZZY_MATCH
    assert comments.key_of("body, caption") is None
    for key in Key:
        assert comments.key_of(comments.line(key, "x: y")) == key
    assert comments.key_of("tmx: not a key") is None and comments.key_of("a note: tm: x") is None
    assert comments.kinds_line([Kind.BODY, Kind.CAPTION]) == "body, caption"


def test_replace_drops_the_keys_named_and_appends_the_new_lines():
    before = "body\nglossary: Hà Nội = Hanoi\nqa: old finding\nmt: engine 1.0"
    after = comments.replace(before, drop=[Key.QA, *comments.PROVENANCE], add=["tm: approved in a"])
    assert after == "body\nglossary: Hà Nội = Hanoi\ntm: approved in a"


def test_values_are_what_follows_the_key():
    text = "body\nqa: first\nglossary: Hà Nội = Hanoi\nqa: second"
    assert comments.values(text, Key.QA) == ["first", "second"]


def test_requirement_lines_name_each_distinct_rendering_once_as_glossary_or_name():
    reqs = [Requirement("Tô Lâm", "To Lam", NAME, 0, 6), Requirement("Hà Nội", "Hanoi", "place", 10, 16),
            Requirement("Tô Lâm", "To Lam", NAME, 20, 26)]
    assert comments.requirement_lines(reqs) == ["name: Tô Lâm = To Lam", "glossary: Hà Nội = Hanoi"]


def test_an_mt_line_carries_the_engine_its_version_and_the_drafts_confidence():
    text = comments.mt_line("argostranslate translate-vi_en", "1.9", 72)
    assert text == "mt: argostranslate translate-vi_en 1.9, confidence 72%"
    assert comments.confidence(f"body\n{text}") == 72
    assert comments.confidence("body\nmt: argostranslate translate-vi_en 1.9") is None


def test_the_similarity_of_a_match_is_read_from_a_tm_or_fuzzy_match_line():
    assert comments.tm_match_line(86, "002_x") == "tm: 86% match, 002_x"
    assert comments.match_percent("body\ntm: 86% match, 002_x") == 86
    assert comments.match_percent("body\nfuzzy match: 64%") == 64
    assert comments.match_percent("body\ntm: approved in 002_x") is None
