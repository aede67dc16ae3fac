"""powrap.layout lays out polib's text byte for byte as gettext's msgcat does.

Poedit saves every catalog through `msgcat --width=W`, W being the longest line
of the file it opened (78 for the catalogs xlate writes). So the oracle is the
real msgcat (GNU gettext, required: apt-get install -y gettext): each test builds
a catalog with polib, and `layout(str(po), W)` must equal msgcat's output for W
= 78 and for other widths (a reviewer's file may have shorter lines). The
catalogs hold (a) every sentence and paragraph of seeds/*.txt as msgids, with
English msgstrs of varied lengths, (b) tricky strings: escapes, long words and
URLs, hyphens and slashes, CJK, combining marks, strings at the width ±1, and
random strings of such pieces, (c) a long Vietnamese header, obsolete and
previous (#|) entries, msgctxt, plurals, long #: lists. Laying out must not
change what polib reads back.
"""

import difflib
import functools
import random
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import polib
import pytest

from xlate.text import segment
from xlate.catalog.powrap import WIDTH, layout, render

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
WIDTHS = [WIDTH, 79, 70, 40]
WORDS = ("the of and to in a is that for on with as by at from party state committee people province "
         "development economic resolution implementation congress national assembly secretary general "
         "Vietnam Hanoi Ho Chi Minh City 2019-2024 COVID-19 well-known socio-economic 01-KL/TW "
         "e.g. U.S. 5.5% $120 (about) [sic] \"quoted\" it's can't — – … ; : ! ?").split()
TRICKY = [
    'He said "hello" and left.', 'Back\\slash C:\\dir\\file.txt and \\"both\\"', "tab\there\tand\tthere",
    "line one\nline two\n", "\n", "\n\n", "ends with newline\n", "\nstarts with newline", "a\n\nb", "cr\r\nlf",
    "x" * 120, "see https://daibieunhandan.vn/su-kien-noi-bat/tong-bi-thu-chu-tich-nuoc-to-lam-gap-mat-doan"
    "-dai-bieu-duoc-ton-vinh-i386857/ now", "Supercalifragilistic" * 5 + " tail",
    "nhiệm kỳ 2019-2024 và 2020-2025, số 01-KL/TW, 34-CT/TW, 04/NQ-CĐVC, đua-Khen, -0, (2015-2019);",
    "a/b/c and/or either/or http://x.y/z?q=1&r=2#frag 16/9/2024 a/(b) a-(b) a-1 a -1 1-a",
    "well-known, socio-economic, state-of-the-art, e-mail, mid-2024, 1990s-era, --option, a--b, a - b",
    "Giá tăng 5,5% (từ 1.200 đồng lên 1.266 đồng), tương đương $0.05; 100 % ~ « bien » ‹x› “curly” ‘single’",
    "CJK: 中华人民共和国成立于1949年。日本語のテキスト、「かぎ括弧」とちょっと小さいっゃゅょ。한국어 문장입니다. "
    "全角（括弧）！？：；，．ＡＢＣ１２３ 〈角〉《書名》【注】" * 2,
    "Ngày 15-5, tại Hà Nội, Đảng ủy Khối các cơ quan T.Ư tổ chức Hội nghị sơ kết hai năm thực hiện Chỉ thị số 05",
    unicodedata.normalize("NFD", "Tổng Bí thư, Chủ tịch nước Tô Lâm gặp mặt Đoàn đại biểu được tôn vinh trong "
                                 "phong trào thi đua"),
    "no\u00a0break\u00a0spaces\u00a0here and em—dash, en–dash, ellipsis… zero\u200bwidth\u200bspace ok "
    "soft\u00adhyphen, dots·middle, 1\u202f000\u202f000, ½ ¼, °C, ±5, ×2, ÷3, §4, ¿qué? ¡olé!",
    "symbols 🎉 ok and ™ © ® ← → ∞ ≈ ≠ √",
]


def msgcat(text: str, width: int) -> str:
    if shutil.which("msgcat") is None:
        pytest.fail("msgcat (GNU gettext) is required: apt-get install -y gettext", pytrace=False)
    result = subprocess.run(["msgcat", f"--width={width}", "-"], input=text.encode(), capture_output=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def english(rng: random.Random, n_words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n_words))
    return text[:1].upper() + text[1:] + "."


def seed_texts() -> list[str]:
    """Every paragraph of the seeds and every sentence in it: NFC, whitespace collapsed."""
    texts = []
    for path in sorted(SEEDS.glob("*.txt")):
        for block in re.split(r"\n\s*\n", unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))):
            block = " ".join(block.split())
            if block:
                texts += [block, *segment.split_sentences(block)]
    return list(dict.fromkeys(texts))


# Pieces of random strings: words, punctuation, escapes, Vietnamese, CJK, combining marks, spaces of all kinds.
PIECES = (list("abcxyz019 -/.,;:!?()[]{}\"'\\%$#&*+=<>|_~`@^\t\n") + [" ", "  ", "word", "2019-2024", "01-KL/TW",
          "http://a.b/c", "ầ", "Đảng", "中文", "。", "、", "「", "」", "（", "）", "ッ", "！", "—", "–", "…", "“", "”", "«",
          "»", "\u00a0", "\u0301", "\u200b", "e.g.", "5,5%", "$12", "€", "°", "½"])


def random_texts(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 80))) for _ in range(count)]


def boundary_texts(width: int) -> list[str]:
    """Strings whose one-line form, or whose continuation lines, end at the width ±1."""
    texts = []
    for room in (width - len('msgid ""'), width - len('msgstr ""'), width - len('#~ msgid ""'),
                 width - len('#| msgid ""'), width - 2):
        for n in (room - 2, room - 1, room, room + 1, room + 2):
            if n > 0:
                texts += ["y" * n, ("word " * n)[:n], ("word " * n)[:n - 1] + " ", ("ab-" * n)[:n],
                          ("a\\" * n)[:n], ("ô " * n)[:n], ("中" * n)[: n // 2] + "x" * (n % 2)]
    return texts


@functools.lru_cache
def catalog(width: int, obsolete_previous: bool = True) -> str:
    """The text polib renders for the test catalog (built once per width)."""
    return str(sample_catalog(width, obsolete_previous))


@functools.lru_cache
def sample_catalog(width: int, obsolete_previous: bool = True) -> polib.POFile:
    rng = random.Random(width)
    po = polib.POFile(wrapwidth=78)
    po.header = "English edition of seeds/004.txt.\nReview in Poedit: " + ("long header comment " * 6).strip()
    po.metadata = {
        "Project-Id-Version": "004_vo_van_thuong — Nâng cao chất lượng, hiệu quả công tác của cán bộ, công "
                              "chức các cơ quan Trung ương",
        "Report-Msgid-Bugs-To": "", "POT-Creation-Date": "2026-11-23 13:35+0000",
        "Last-Translator": "Desk Reviewer <reviewer@example.org>", "Language": "en", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);", "X-Source-Language": "vi",
    }
    texts = list(dict.fromkeys(seed_texts() + TRICKY + boundary_texts(width) + random_texts(rng, 400)))
    for n, msgid in enumerate(texts):
        msgstr = rng.choice(["", english(rng, rng.randint(1, 12)), english(rng, rng.randint(10, 90)),
                             rng.choice(TRICKY), random_texts(rng, 1)[0]])
        refs = [(f"seeds/{rng.randint(0, 4):03d}_article_{'x' * rng.randint(0, 40)}.txt", str(k))
                for k in rng.sample(range(1, 500), rng.choice([1, 1, 2, 6, 12]))]
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=refs,
                              comment=rng.choice(["", "body", "title\nname: Hồ Chí Minh = Ho Chi Minh",
                                                  "qa: " + english(rng, 30)]),
                              tcomment=rng.choice(["", "", "reviewer note: " + english(rng, 25)]))
        kind = n % 7
        if kind == 1:  # gettext drops the fuzzy flag of an untranslated entry
            entry.flags, entry.previous_msgid = ["fuzzy"] if msgstr else [], rng.choice(texts)
        elif kind == 2 and msgstr:
            entry.obsolete, entry.occurrences, entry.comment = True, [], ""
            if rng.random() < 0.5:
                entry.flags = ["fuzzy"]
                entry.previous_msgid = rng.choice(texts) if obsolete_previous else None
        elif kind == 3:
            entry.msgctxt = rng.choice(["body", "caption " + english(rng, 20)])
        elif kind == 4:
            entry.msgid_plural, entry.msgstr = msgid + " (plural)", ""
            entry.msgstr_plural = {0: msgstr, 1: english(rng, rng.randint(1, 40))}
        po.append(entry)
    return po


def essentials(po: polib.POFile) -> list[tuple]:
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()), e.flags,
             e.occurrences, e.comment, e.tcomment, e.previous_msgid, e.obsolete) for e in po]


def same(expected: str, got: str) -> None:
    if got != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "msgcat", "layout",
                                            n=1))
        pytest.fail(f"layout differs from msgcat:\n{diff[:6000]}", pytrace=False)


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_is_what_msgcat_writes(width):
    text = catalog(width)
    same(msgcat(text, width), layout(text, width))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_catalog_rendered_directly_is_what_msgcat_writes(width):
    po = sample_catalog(width)
    same(msgcat(str(po), width), render(po, width))


@pytest.mark.parametrize("header", ["", "one line", "\nblank first\n", ",comma\n:colon\n#hash"])
def test_header_comments_render_as_polib_writes_them_then_as_gettext_lays_them_out(header):
    po = polib.POFile(wrapwidth=78)
    po.header, po.metadata = header, {"Language": "en"}
    po.append(polib.POEntry(msgid="Một.", msgstr="One.", tcomment="\nnote", comment="body"))
    assert render(po) == layout(str(po))


@pytest.mark.parametrize("width", WIDTHS)
def test_layout_keeps_what_polib_reads(width):
    text = catalog(width)
    assert essentials(polib.pofile(layout(text, width))) == essentials(polib.pofile(text))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_file_saved_by_poedit_is_rendered_back_unchanged(width):
    """The churn this module exists for: xlate reads what Poedit saved and writes it back.

    Without `#~| msgid` lines: polib writes them but does not read them back.
    """
    saved = msgcat(catalog(width, obsolete_previous=False), width)
    same(saved, layout(str(polib.pofile(saved)), width))


def test_what_poedit_saved():
    """Lines as Poedit 3.2.2 saved them (/tmp/pt/poedit0/saved-by-poedit.po), where polib wrote
    `... ethics and"` / `" style\\"."` and left the header field on one line."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Project-Id-Version": "004_vo_van_thuong — Nâng cao chất lượng, hiệu quả công tác của cán bộ, "
                                         "công chức các cơ quan Trung ương", "Language": "en"}
    po.append(polib.POEntry(msgid="Ngày 15-5", msgstr=(
        "On 15 May in Hanoi, the Party Committee of the Central Agencies Bloc held a conference reviewing two "
        "years of implementing the Politburo's Directive 05 on \"Promoting the study and following of Ho Chi "
        "Minh's ideology, ethics and style\"."), occurrences=[("seeds/004_vo_van_thuong.txt", "5")]))
    po.append(polib.POEntry(msgid="gone " * 16, msgstr="a\nb", obsolete=True))
    assert layout(str(po)).split("\n") == [
        "#", 'msgid ""', 'msgstr ""',
        '"Project-Id-Version: 004_vo_van_thuong — Nâng cao chất lượng, hiệu quả công "',
        '"tác của cán bộ, công chức các cơ quan Trung ương\\n"', '"Language: en\\n"', "",
        "#: seeds/004_vo_van_thuong.txt:5", 'msgid "Ngày 15-5"', 'msgstr ""',
        '"On 15 May in Hanoi, the Party Committee of the Central Agencies Bloc held a "',
        '"conference reviewing two years of implementing the Politburo\'s Directive 05 "',
        '"on \\"Promoting the study and following of Ho Chi Minh\'s ideology, ethics "',
        '"and style\\"."', "",
        '#~ msgid ""', '#~ "gone gone gone gone gone gone gone gone gone gone gone gone gone gone "',
        '#~ "gone gone "', '#~ msgstr ""', '#~ "a\\n"', '#~ "b"', ""]


# --- the regex path for break opportunities agrees with the character-by-character rules ------

from hypothesis import given, settings, strategies as st  # noqa: E402

from xlate.catalog import powrap  # noqa: E402

# Letters, digits, spaces and every kind of punctuation news text carries…
COMMON = list("aZ9 .,;:!?-–—/()[]{}\"'“”‘’«»…%$€°±@#&*_+=<>|~^`\\\t") + [
    "đ", "Ư", "ế", "中", "。", "（", "\u00a0", "\u00ad", "\u2011", "\u2060", "🎉"]
# … and the characters whose rules look further back (combining marks, zero-width space and joiner).
RARE = ["\u0301", "\u200b", "\u200d"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(COMMON), max_size=60).map("".join))
def test_break_positions_are_exactly_the_opportunities_the_unicode_rules_give(text):
    slow = [i for i, ok in enumerate(powrap._opportunities(text)) if ok]
    assert powrap._break_positions(text) == slow


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(COMMON + RARE), max_size=30).map("".join))
def test_text_with_combining_marks_or_zero_width_characters_takes_the_same_rules(text):
    slow = [i for i, ok in enumerate(powrap._opportunities(text)) if ok]
    assert powrap._break_positions(text) == slow


def test_render_tells_where_each_live_entry_starts_as_polib_counts_lines():
    po = sample_catalog(78)
    lines: dict[str, int] = {}
    text = render(po, 78, lines)
    parsed = polib.pofile(text)
    assert {e.msgid: e.linenum for e in parsed if not e.obsolete} == lines
