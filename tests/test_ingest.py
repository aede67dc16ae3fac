"""Ingest: what a scraped seed becomes (docs/design.md, Pipeline step 1)."""

import unicodedata
from pathlib import Path

import pytest

from xlate.model import Kind
from xlate.errors import InputError
from xlate.ingest import ingest, parse, read_seed

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(text: str):
    return parse(text, "x", "seeds/x.txt")


def kinds(a):
    return [(b.kind, b.text) for b in a.blocks]


# --- metadata ---------------------------------------------------------------

def test_front_matter_gives_date_and_is_not_translated():
    a = article('---\nlayout: post\ntitle: "[Tag] Tiêu đề bài báo ..."\n'
                "date: Wed, 04 Sep 2024 17:00:00 +0700\n---\nTiêu đề bài báo đầy đủ\n\nCâu thứ nhất.\n")
    assert a.date == "2024-09-04"
    assert a.title == "Tiêu đề bài báo đầy đủ"
    assert all("layout" not in b.text and "date:" not in b.text for b in a.blocks)
    assert [d.reason for d in a.dropped[:5]] == ["front matter"] * 5


def test_markdown_link_line_gives_source_url_and_image_line_is_dropped():
    a = article("[Tiêu đề ...](https://example.vn/bai-viet)\n\n![Tiêu đề](https://img.example.vn/a.jpg)\n\n"
                "Tiêu đề của bài\n\nCâu một.\n")
    assert a.url == "https://example.vn/bai-viet"
    assert kinds(a) == [(Kind.TITLE, "Tiêu đề của bài"), (Kind.BODY, "Câu một.")]
    assert {d.reason for d in a.dropped} == {"link", "image"}


def test_inline_markdown_keeps_the_words_not_the_syntax():
    a = article("Tiêu đề\n\n* Xem [bài gốc](https://example.vn/a) và **điểm chính**.\n")
    assert a.blocks[1].text == "Xem bài gốc và điểm chính."


def test_dateline_before_the_title_is_the_article_date():
    a = article("Tiêu đề\n\nThứ Năm, 16-07-2020, 15:39\nNgày 16-7, tại Hà Nội, hội nghị diễn ra.\n")
    assert a.date == "2020-07-16"
    assert [d.reason for d in a.dropped] == ["time line"]


def test_page_date_and_section_label_before_the_title_are_dropped():
    a = article("Thứ Bảy, 13/7/2024\nTuyên giáo các cấp\nThứ Năm, 18/5/2023 18:1'(GMT+7)\n\n"
                "Tiêu đề thật\n\nCâu một.\n")
    assert a.title == "Tiêu đề thật"
    assert a.date == "2023-05-18"  # the article's own dateline, not the page header's
    assert ("section label", "Tuyên giáo các cấp") in [(d.reason, d.text) for d in a.dropped]


def test_stray_line_from_another_article_before_the_title_is_dropped():
    a = article('Năm học 2019-2020, toàn ngành GDĐT tỉnh Bình Dương thực hiện Chủ đề "Đổi mới"\n'
                "Đồng chí Trương Tấn Sang kiểm tra công tác\n"
                "Ngày 16-12, tại Hà Nội, đồng chí làm việc.\n")
    assert a.title == "Đồng chí Trương Tấn Sang kiểm tra công tác"
    assert a.dropped[0].reason == "stray line before the title"


# --- captions ---------------------------------------------------------------

def test_photo_credit_marks_a_caption():
    a = article("Tiêu đề\n\nTổng Bí thư phát biểu tại cuộc gặp mặt. Ảnh: TTXVN\n")
    assert kinds(a)[1] == (Kind.CAPTION, "Tổng Bí thư phát biểu tại cuộc gặp mặt. Ảnh: TTXVN")


def test_image_alt_artefact_is_dropped_and_the_next_line_is_its_caption():
    a = article("Thi đua yêu nước\n\nCâu một.\n\nThi đua yêu nước -0\n\u00a0Đại biểu dự Đại hội.\n")
    assert kinds(a) == [(Kind.TITLE, "Thi đua yêu nước"), (Kind.BODY, "Câu một."), (Kind.CAPTION, "Đại biểu dự Đại hội.")]
    assert ("image alt text", 5) in [(d.reason, d.line) for d in a.dropped]


def test_a_paragraph_repeated_at_once_is_one_caption_with_both_lines():
    a = article("Tiêu đề\n\nCác đại biểu tham dự Hội nghị.\n\nCác đại biểu  tham dự Hội nghị.\n\nCâu.\n")
    caption = a.blocks[1]
    assert (caption.kind, caption.line, caption.repeats) == (Kind.CAPTION, 3, (5,))
    assert len(a.blocks) == 3


# --- bylines and boilerplate ------------------------------------------------

@pytest.mark.parametrize("byline", ["PV", "Thu Hằng", "VĂN TOÁN; Ảnh: TRẦN HẢI", "(Theo Báo ĐCSVN)"])
def test_byline_or_attribution_at_the_end_is_metadata(byline):
    a = article(f"Tiêu đề\n\nCâu một.\n\n{byline}\n")
    assert a.byline == byline
    assert kinds(a) == [(Kind.TITLE, "Tiêu đề"), (Kind.BODY, "Câu một.")]


def test_site_footer_and_everything_after_it_is_dropped_but_recorded():
    a = article("Tiêu đề\n\nCâu một.\n\nPhản hồi\n\nCác tin khác\n\nMột tiêu đề khác\n")
    assert kinds(a) == [(Kind.TITLE, "Tiêu đề"), (Kind.BODY, "Câu một.")]
    assert [d.text for d in a.dropped] == ["Phản hồi", "Các tin khác", "Một tiêu đề khác"]


def test_navigation_line_is_dropped():
    a = article("Tiêu đề\nCâu một.\nTrở về\n")
    assert [d.reason for d in a.dropped] == ["site footer"]
    assert [b.text for b in a.blocks] == ["Tiêu đề", "Câu một."]


# --- text shape -------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_ending_and_single_or_double_newlines(newline):
    text = newline.join(["Tiêu đề", "Câu một.", "", "Câu hai.", "", ""])
    assert kinds(article(text)) == [(Kind.TITLE, "Tiêu đề"), (Kind.BODY, "Câu một."), (Kind.BODY, "Câu hai.")]


def test_lines_of_only_spaces_separate_paragraphs():
    a = article("Tiêu đề\n \u00a0\nCâu một.\n\u00a0\n\t\nCâu hai.\n")
    assert [b.text for b in a.blocks] == ["Tiêu đề", "Câu một.", "Câu hai."]


def test_nfd_input_and_eth_become_nfc_and_d_stroke():
    nfd = unicodedata.normalize("NFD", "Tiêu đề\n\n\u00d0ảng ủy Khối tổ chức Hội nghị.\n")
    text = article(nfd).blocks[1].text
    assert text == "Đảng ủy Khối tổ chức Hội nghị."
    assert unicodedata.is_normalized("NFC", text) and "\u00d0" not in text


def test_line_numbers_count_from_one_in_the_original_file():
    a = article("---\ntitle: T\n---\nTiêu đề\n\nCâu một.\n")
    assert [(b.kind, b.line) for b in a.blocks] == [(Kind.TITLE, 4), (Kind.BODY, 6)]


# --- bad files --------------------------------------------------------------

def test_bom_is_accepted(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_bytes("\ufeffTiêu đề\n\nCâu.\n".encode("utf-8"))
    assert ingest(seed, tmp_path).title == "Tiêu đề"


@pytest.mark.parametrize("content, reason", [
    (b"", "is empty"),
    (b" \n\r\n\t", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Ti\xea\xecng Vi\xea\xf2t\n", "not UTF-8"),  # "Tiếng Việt" in Windows-1258
])
def test_bad_seed_is_refused_by_name_with_the_reason(tmp_path, content, reason):
    seed = tmp_path / "bad.txt"
    seed.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_seed(seed, tmp_path)
    assert reason in str(err.value) and "bad.txt" in str(err.value)


def test_not_utf8_names_the_line(tmp_path):
    seed = tmp_path / "latin.txt"
    seed.write_bytes(b"Title\n\nCaf\xe9 au lait.\n")
    with pytest.raises(InputError) as err:
        read_seed(seed, tmp_path)
    assert err.value.line == 3 and "latin.txt:3" in str(err.value)


def test_symlink_out_of_the_workspace_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Tiêu đề\n\nCâu.\n", encoding="utf-8")
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "link.txt").symlink_to(outside)
    with pytest.raises(InputError, match="outside the workspace"):
        read_seed(ws / "seeds" / "link.txt", ws)


# --- the five samples -------------------------------------------------------

SAMPLE_META = {
    "000_9456605ca614320c": ("2024-09-04", "https://daibieunhandan.vn/", None),
    "001_7dc4866d7b76b99b": ("2020-07-16", None, "VĂN TOÁN; Ảnh: TRẦN HẢI"),
    "002_0836816378347a55": ("2023-05-18", None, "Thu Hằng"),
    "003_fcb240ee83401622": (None, None, "(Theo Báo ĐCSVN)"),
    "004_e61d162d6f37c19a": ("2018-05-15", None, "PV"),
}


@pytest.mark.parametrize("stem", sorted(SAMPLE_META))
def test_sample_metadata(stem):
    a = ingest(SEEDS / f"{stem}.txt", SEEDS.parent)
    date, url, byline = SAMPLE_META[stem]
    assert a.date == date
    assert (a.url or "").startswith(url) if url else a.url is None
    assert a.byline == byline
    assert a.blocks[0].kind == Kind.TITLE and a.blocks[0].text == a.title


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_blocks_carry_no_markup_urls_or_boilerplate(path):
    a = ingest(path, SEEDS.parent)
    for block in a.blocks:
        assert "](" not in block.text and "http" not in block.text and not block.text.startswith(("* ", "#"))
        assert "\u00d0" not in block.text and not block.text.endswith(" -0")
        assert block.text not in ("Phản hồi", "Các tin khác", "Trở về", "PV", "Thu Hằng")
        assert not block.text.startswith(("layout:", "title:", "date:", "Thứ "))
    # Every non-blank line is either a block (or its repeat) or recorded as dropped.
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    accounted = {b.line for b in a.blocks} | {r for b in a.blocks for r in b.repeats} | {d.line for d in a.dropped}
    assert set(lines) <= accounted


def test_sample_captions():
    a = ingest(SEEDS / "002_0836816378347a55.txt", SEEDS.parent)
    captions = [(b.line, b.repeats) for b in a.blocks if b.kind == Kind.CAPTION]
    assert captions == [(7, (9,)), (17, (19,)), (29, (31,)), (41, (43,)), (51, (53,)), (69, (71,))]
    a = ingest(SEEDS / "001_7dc4866d7b76b99b.txt", SEEDS.parent)
    assert [b.line for b in a.blocks if b.kind == Kind.CAPTION] == [11, 24, 43, 48]
    a = ingest(SEEDS / "000_9456605ca614320c.txt", SEEDS.parent)
    assert [b.line for b in a.blocks if b.kind == Kind.CAPTION] == [15, 19, 23, 27, 37]
