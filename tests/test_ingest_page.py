"""Saved web pages (xlate.ingest.page, read.decode_page): charsets, the article inside the chrome, metadata, lines."""

import subprocess
import sys

import pytest

from xlate.errors import InputError
from xlate.ingest import ingest, parse, read_seed
from xlate.model import Kind

LEAD = "Sáng 19-5, UBND TP Hà Nội khởi công xây dựng cầu Tứ Liên, cây cầu thứ mười vượt sông Hồng trên địa bàn thủ đô."
BODY = ("Cầu Tứ Liên nối quận Tây Hồ với huyện Đông Anh, dài khoảng 4,8km, gồm cầu chính vượt sông và hai nút giao "
        "khác mức ở hai đầu cầu. Dự án dự kiến hoàn thành vào năm 2027 theo kế hoạch của thành phố.")
MORE = ("Theo chủ tịch UBND thành phố, cây cầu sẽ giảm tải cho cầu Nhật Tân và cầu Long Biên, đồng thời mở ra "
        "không gian phát triển mới cho khu vực phía bắc sông Hồng trong những năm tới.")


def page(*, head: str = "", before: str = "", body: str = "", after: str = "", charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="{charset}">
<title>Hà Nội khởi công cầu Tứ Liên - Báo Mẫu</title>
<meta property="og:title" content="Hà Nội khởi công cầu Tứ Liên">
<meta property="og:site_name" content="Báo Mẫu">
<meta property="article:published_time" content="2025-05-19T09:30:00+07:00">
{head}
<script>var tracker = {{"id": 1}};</script>
</head><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a> <a href="/the-gioi">Thế giới</a></nav>
<div class="cookie">Chúng tôi sử dụng cookie để cải thiện trải nghiệm. <button>Đồng ý</button></div>
<main><article>
<h1>Hà Nội khởi công cầu Tứ Liên</h1>
{before}
<div class="content">
<p>{LEAD}</p>
{body}
<p>{BODY}</p>
<p>{MORE}</p>
</div>
{after}
</article></main>
<footer>© 2025 Báo Mẫu. Giấy phép số 1/GP-BTTTT</footer>
</body></html>
"""


def read(tmp_path, html: str | bytes, name: str = "p.html"):
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return ingest(path, tmp_path)


def test_the_article_is_found_inside_navigation_scripts_banners_and_footers(tmp_path):
    a = read(tmp_path, page())
    assert [b.text for b in a.blocks] == ["Hà Nội khởi công cầu Tứ Liên", LEAD, BODY, MORE]
    assert (a.title, a.date) == ("Hà Nội khởi công cầu Tứ Liên", "2025-05-19")


def test_the_page_metadata_gives_date_author_and_outlet(tmp_path):
    a = read(tmp_path, page(head='<meta name="author" content="Tiến Thắng">'))
    assert (a.date, a.byline, a.outlet) == ("2025-05-19", "Tiến Thắng", "Báo Mẫu")


def test_each_block_points_at_its_line_in_the_page(tmp_path):
    html = page()
    a = read(tmp_path, html)
    lines = html.splitlines()
    for block in a.blocks:
        assert block.text[:20] in lines[block.line - 1], block


def test_a_figure_caption_is_one_caption_unit_with_its_credit(tmp_path):
    fig = '<figure><img src="a.jpg" alt="cầu"><figcaption>Phối cảnh cầu Tứ Liên - Ảnh: Sở GTVT</figcaption></figure>'
    a = read(tmp_path, page(body=fig))
    assert (Kind.CAPTION, "Phối cảnh cầu Tứ Liên - Ảnh: Sở GTVT") in [(b.kind, b.text) for b in a.blocks]


def test_subheadings_list_items_and_quotes_keep_their_kinds(tmp_path):
    body = ("<h3>Thi công ba ca liên tục</h3><ul><li>Giai đoạn 1: làm trụ cầu chính.</li>"
            "<li>Giai đoạn 2: lắp dầm thép.</li></ul><blockquote><p>Chúng tôi sẽ về đích đúng hẹn.</p></blockquote>")
    a = read(tmp_path, page(body=body))
    got = [(b.kind, b.text) for b in a.blocks]
    assert (Kind.SUBHEADING, "Thi công ba ca liên tục") in got
    assert (Kind.ITEM, "Giai đoạn 2: lắp dầm thép.") in got
    assert (Kind.BODY, "Chúng tôi sẽ về đích đúng hẹn.") in got


def test_a_lead_printed_between_the_headline_and_the_body_is_kept(tmp_path):
    sapo = ("<div class='summary'><p>TTO - Sáng nay, thành phố chính thức khởi công cây cầu mới, "
            "với tổng mức đầu tư hơn 19.700 tỉ đồng từ ngân sách.</p></div>")
    a = read(tmp_path, page(before=sapo))
    assert a.blocks[1].text == "Sáng nay, thành phố chính thức khởi công cây cầu mới, với tổng mức đầu tư hơn 19.700 tỉ đồng từ ngân sách."
    assert ("TTO -", "outlet lead tag") in [(d.text, d.reason) for d in a.dropped]
    assert a.outlet == "Báo Mẫu"  # a page's site name says more than its lead tag


def test_a_related_box_inside_the_body_is_dropped_and_the_article_goes_on(tmp_path):
    box = ('<div><p><strong>Xem thêm:</strong></p><p><a href="/1">Cầu Trần Hưng Đạo sẽ khởi công cuối năm</a></p>'
           '<p><a href="/2">Hà Nội công bố quy hoạch hai bên sông Hồng</a></p></div>')
    a = read(tmp_path, page(body=box))
    assert [b.text for b in a.blocks] == ["Hà Nội khởi công cầu Tứ Liên", LEAD, BODY, MORE]


def test_the_declared_charset_is_honoured(tmp_path):
    html = page(charset="windows-1258")
    data = "".join(_cp1258(ch) for ch in html).encode("latin-1")
    a = read(tmp_path, data)
    assert a.blocks[1].text == LEAD


def _cp1258(ch: str) -> str:
    """One character in windows-1258 (a base letter and a combining tone mark), as latin-1 code points."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    d = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
    return (base + "".join(c for c in d if c in tones)).encode("cp1258").decode("latin-1")


def test_a_page_declaring_latin1_but_written_in_utf8_is_read_as_utf8(tmp_path):
    a = read(tmp_path, page(charset="iso-8859-1"))
    assert a.blocks[1].text == LEAD


@pytest.mark.parametrize("data, reason", [
    (page(charset="x-viet-tcvn3").encode("utf-8"), "declares the charset 'x-viet-tcvn3', which xlate cannot read"),
    (page(charset="utf-8").encode("utf-8").replace(b"</footer>", b"\xff\xfe</footer>"), "is not valid utf-8 as it declares"),
    (page(charset="utf-8").replace('<meta charset="utf-8">', "").encode("cp1252", "replace").replace(b"?", b"\xea"),
     "declares no charset and is not UTF-8"),
])
def test_an_unreadable_charset_is_an_input_error_naming_the_file(tmp_path, data, reason):
    path = tmp_path / "p.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_seed(path, tmp_path)
    assert reason in str(err.value) and "p.html" in str(err.value)


def test_a_page_with_no_article_is_an_input_error_naming_the_file(tmp_path):
    empty = "<html><head><title>Trang chủ</title></head><body><nav><a>Thời sự</a></nav><script>x()</script></body></html>"
    with pytest.raises(InputError, match=r"p.html: has no article in it"):
        read(tmp_path, empty)


def test_process_article_reads_a_page_when_its_source_is_html():
    a = parse(page(), "p", "seeds/p.html")
    assert a.title == "Hà Nội khởi công cầu Tứ Liên" and len(a.blocks) == 4


def test_text_seeds_never_import_trafilatura():
    code = ("import sys; from xlate.ingest import parse; "
            "parse('Tiêu đề\\n\\nCâu một.\\n', 'x', 'seeds/x.txt'); "
            "print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_what_the_extractor_left_out_is_recorded_line_by_line(tmp_path):
    html = page()
    a = read(tmp_path, html)
    outside = {d.text for d in a.dropped if d.reason.startswith("outside the article")}
    assert "Trang chủ Thời sự Thế giới" in outside and "© 2025 Báo Mẫu. Giấy phép số 1/GP-BTTTT" in outside
    assert not any("tracker" in t for t in outside)  # scripts are no text of the page
    assert a.blocks[0].line == html.splitlines().index("<h1>Hà Nội khởi công cầu Tứ Liên</h1>") + 1
