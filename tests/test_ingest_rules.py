"""The block rules (xlate.ingest.assemble) and what text seeds bring (xlate.ingest.markup), one case each."""

import pytest

from xlate.ingest import compile_rules, parse
from xlate.model import Kind
from xlate.errors import SetupError

LEAD = "Sáng 19-5, thành phố khởi công cây cầu thứ mười vượt sông Hồng."
BODY = "Cầu dài khoảng 4,8km, gồm cầu chính và hai nút giao ở hai đầu cầu."
MORE = "Dự án dự kiến hoàn thành vào năm 2027, sớm hơn kế hoạch một năm."


def article(text: str, **rules):
    return parse(text, "x", "seeds/x.txt", compile_rules(**rules) if rules else compile_rules())


def texts(a):
    return [b.text for b in a.blocks]


def kinds(a):
    return [(str(b.kind), b.text) for b in a.blocks]


def reasons(a):
    return {d.text: d.reason for d in a.dropped}


# --- what scrapers leave ----------------------------------------------------------------

def test_html_entities_are_decoded_and_tags_removed_before_anything_else():
    a = article("<h1>Tiêu đề bài</h1>\n<p>Ông nói: &quot;Làm ngay&quot;.&nbsp;Mọi người đồng ý.</p>\n")
    assert texts(a) == ["Tiêu đề bài", 'Ông nói: "Làm ngay". Mọi người đồng ý.']


def test_entities_encoded_twice_are_decoded():
    assert texts(article("Tiêu đề\n\nÔng nói &amp;quot;được&amp;quot;.\n"))[1] == 'Ông nói "được".'


def test_a_br_inside_a_paragraph_is_a_line_break_and_h2_a_subheading():
    a = article(f"Tiêu đề\n\n<p>{LEAD}<br />{BODY}</p>\n<h2>Thi công ba ca</h2>\n<p>{MORE}</p>\n")
    assert kinds(a) == [("title", "Tiêu đề"), ("body", LEAD), ("body", BODY), ("subheading", "Thi công ba ca"),
                        ("body", MORE)]


def test_script_and_style_content_is_dropped_and_recorded():
    a = article(f"Tiêu đề\n\n<script>\nvar x = 1;\n</script>\n{LEAD}\n")
    assert texts(a) == ["Tiêu đề", LEAD]
    assert any(d.reason == "markup" for d in a.dropped)


def test_markdown_headings_emphasis_and_inline_links_keep_the_words():
    a = article(f"# Tiêu đề bài\n\n**{LEAD}**\n\n## Phần hai\n\n{BODY} Xem [báo cáo](https://a.vn/b) *mới*.\n")
    assert kinds(a) == [("title", "Tiêu đề bài"), ("body", LEAD), ("subheading", "Phần hai"),
                        ("body", f"{BODY} Xem báo cáo mới.")]


def test_a_markdown_image_title_is_its_caption():
    a = article(f'Tiêu đề\n\n{LEAD}\n\n![ảnh](https://a.vn/x.jpg "Cầu Tứ Liên nhìn từ trên cao. Ảnh: Minh Đức")\n\n{BODY}\n')
    assert (Kind.CAPTION, "Cầu Tứ Liên nhìn từ trên cao. Ảnh: Minh Đức") in [(b.kind, b.text) for b in a.blocks]


def test_the_line_right_under_an_image_is_its_caption():
    a = article(f"Tiêu đề\n\n{LEAD}\n\n![](https://a.vn/x.jpg)\nCầu thủ ăn mừng chức vô địch\n\n{BODY}\n")
    assert (Kind.CAPTION, "Cầu thủ ăn mừng chức vô địch") in [(b.kind, b.text) for b in a.blocks]


def test_bullets_are_list_items_and_a_lone_asterisk_note_is_a_paragraph():
    a = article(f"Tiêu đề\n\n{LEAD}\n\n- Giai đoạn 1: làm trụ cầu.\n- Giai đoạn 2: lắp dầm.\n\n* Nhân dịp này, thành phố khen thưởng.\n")
    assert kinds(a)[2:] == [("item", "Giai đoạn 1: làm trụ cầu."), ("item", "Giai đoạn 2: lắp dầm."),
                            ("body", "Nhân dịp này, thành phố khen thưởng.")]


@pytest.mark.parametrize("table", [
    "| Chỉ số | Đóng cửa |\n|---|---|\n| VN-Index | 1.308,2 |\n",
    "Mặt hàng\tQuý I/2024\tQuý I/2025\nSầu riêng\t405\t180\n",
])
def test_pipe_and_tab_tables_are_kept_out_and_recorded(table):
    a = article(f"Tiêu đề\n\n{LEAD}\n\n{table}\n{BODY}\n")
    assert texts(a) == ["Tiêu đề", LEAD, BODY]
    assert sum(d.reason == "table" for d in a.dropped) >= 2


def test_keep_tables_translates_each_row_as_a_list_item():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nMặt hàng\tQuý I\nSầu riêng\t405\n\n{BODY}\n", keep_tables=True)
    assert ("item", "Mặt hàng | Quý I") in kinds(a)


def test_hard_wrapped_paragraphs_are_rejoined():
    wrapped = ("Theo Ban quản lý dự án, đây là đoạn đầu tiên trong ba dự án thành\n"
               "phần của tuyến cao tốc dài hơn 53km. Tuyến được thiết kế 4 làn xe, vận\n"
               "tốc tối đa 100km/h và có hai trạm dừng nghỉ ở hai đầu tuyến đường mới.\n"
               "Nhà thầu đang tăng ca để bù tiến độ chậm do vướng mặt bằng ở Long Thành.\n")
    a = article(f"Cao tốc thông xe\n\n{wrapped}\nHai đoạn còn lại sẽ xong trong năm\nnay, theo chủ đầu tư.\n")
    assert len(a.blocks) == 3
    assert a.blocks[1].text.startswith("Theo Ban quản lý") and a.blocks[1].text.endswith("ở Long Thành.")
    assert a.blocks[2].text == "Hai đoạn còn lại sẽ xong trong năm nay, theo chủ đầu tư."


def test_single_newlines_between_finished_paragraphs_stay_paragraph_breaks():
    a = article(f"Tiêu đề\n{LEAD}\n{BODY}\n{MORE}\n")
    assert texts(a) == ["Tiêu đề", LEAD, BODY, MORE]


# --- boilerplate as rules over blocks -----------------------------------------------------

def test_the_lead_tag_becomes_the_outlet_and_leaves_the_lead():
    a = article(f"Tiêu đề\n\nTTO - {LEAD}\n\n{BODY}\n")
    assert a.outlet == "TTO" and texts(a)[1] == LEAD
    assert reasons(a)["TTO -"] == "outlet lead tag"


def test_a_related_box_in_the_middle_is_dropped_and_the_article_goes_on():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nTin liên quan\nHà Nội công bố quy hoạch bờ sông Hồng\n"
                f"Cầu Trần Hưng Đạo sẽ khởi công cuối năm\n\n{BODY}\n\n{MORE}\n")
    assert texts(a) == ["Tiêu đề", LEAD, BODY, MORE]
    assert reasons(a)["Cầu Trần Hưng Đạo sẽ khởi công cuối năm"] == "related articles"


def test_an_inline_see_also_pointer_is_dropped():
    a = article(f"Tiêu đề\n\n{LEAD}\n\n>> Xem thêm: Giá vàng thế giới vượt 3.400 USD\n\n{BODY}\n")
    assert texts(a) == ["Tiêu đề", LEAD, BODY]


def test_three_headline_lines_in_a_row_inside_the_body_are_a_related_box():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nGiá vàng nhẫn tăng hơn 2 triệu đồng\nNgười dân xếp hàng chờ mua vàng từ sáng\n"
                f"Ngân hàng Nhà nước sẽ tăng cung vàng miếng\n\n{BODY}\n")
    assert texts(a) == ["Tiêu đề", LEAD, BODY]


def test_a_footer_label_ends_the_article_once_it_has_begun():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nCác tin khác\n\nMột tiêu đề khác\n\nMột câu của bài khác.\n")
    assert texts(a) == ["Tiêu đề", LEAD]
    assert {d.reason for d in a.dropped} == {"site footer"}


def test_widgets_time_lines_and_follow_us_lines_above_the_title_never_become_the_title():
    a = article(f"Nghe đọc bài\nCỡ chữ A- A A+\nThứ hai, 14/07/2025 - 08:15\nBão số 3 hướng vào Quảng Ninh\n"
                f"Theo dõi Báo Thanh Niên trên Google News\n{LEAD}\n")
    assert a.title == "Bão số 3 hướng vào Quảng Ninh" and a.date == "2025-07-14"
    assert texts(a) == ["Bão số 3 hướng vào Quảng Ninh", LEAD]


def test_the_title_is_the_headline_the_lead_follows_not_a_section_label_before_it():
    a = article(f"Thời sự\nChính trị\nThủ tướng tiếp Đại sứ Nhật Bản\n{LEAD}\n")
    assert a.title == "Thủ tướng tiếp Đại sứ Nhật Bản"
    assert reasons(a) == {"Thời sự": "section label", "Chính trị": "section label"}


def test_a_byline_between_the_title_and_the_lead_is_not_the_title():
    a = article(f"Thủ tướng tiếp Đại sứ Nhật Bản\nThu Hằng\n{LEAD}\n")
    assert a.title == "Thủ tướng tiếp Đại sứ Nhật Bản" and a.byline == "Thu Hằng"


def test_a_finished_sentence_is_never_the_title():
    a = article(f"{LEAD}\n{BODY}\n")
    assert a.title == "" and texts(a) == [LEAD, BODY]
    assert any("no headline" in w.message for w in a.warnings)


def test_a_byline_followed_by_more_chrome_is_still_the_byline():
    a = article(f"Tiêu đề\n\n{LEAD}\n\n{BODY}\n\nQUANG THẾ\n#cao tốc #giao thông\nChia sẻ  Bình luận (3)\nTags: cầu, đường\n")
    assert a.byline == "QUANG THẾ" and texts(a) == ["Tiêu đề", LEAD, BODY]


@pytest.mark.parametrize("byline", ["Bài và ảnh: Minh Đức", "Nguyễn Hùng/VOV.VN (tổng hợp)", "Hà Linh (TTXVN/Vietnam+)",
                                    "Nguồn: Văn phòng UBND tỉnh", "Lê Hiếu - Ngọc Anh"])
def test_author_and_source_lines_in_many_forms_are_the_byline(byline):
    a = article(f"Tiêu đề\n\n{LEAD}\n\n{BODY}\n\n{byline}\n")
    assert a.byline == byline and texts(a) == ["Tiêu đề", LEAD, BODY]


def test_a_credit_line_under_a_short_caption_is_one_caption_with_it():
    a = article(f"Tiêu đề\n{LEAD}\nNghi lễ rước voi tre dâng lên đền Thượng\nẢnh: Hải Linh\n{BODY}\n")
    assert (Kind.CAPTION, "Nghi lễ rước voi tre dâng lên đền Thượng Ảnh: Hải Linh") in [(b.kind, b.text) for b in a.blocks]


def test_a_lone_credit_after_a_paragraph_of_prose_is_dropped():
    a = article(f"Tiêu đề\n\n{LEAD} {BODY} {MORE}\n\nẢnh minh họa\n\n{BODY}\n")
    assert reasons(a)["Ảnh minh họa"] == "photo credit with no caption"


def test_a_caption_and_its_credit_shown_twice_are_one_caption_referencing_both():
    a = article(f"Tiêu đề\n{LEAD}\nNghi lễ rước voi tre\nẢnh: Hải Linh\nNghi lễ rước voi tre\nẢnh: Hải Linh\n{BODY}\n")
    captions = [b for b in a.blocks if b.kind == Kind.CAPTION]
    assert len(captions) == 1 and captions[0].repeats == (5,)


def test_a_short_unfinished_line_between_paragraphs_is_a_subheading():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nMưa rất to ở Bắc Bộ\n\n{BODY}\n")
    assert ("subheading", "Mưa rất to ở Bắc Bộ") in kinds(a)


def test_a_question_between_paragraphs_is_a_paragraph_not_a_subheading():
    a = article(f"Tiêu đề\n\n{LEAD}\n\nÔng có chịu áp lực không?\n\n{BODY}\n")
    assert ("body", "Ông có chịu áp lực không?") in kinds(a)


# --- seen and correctable -----------------------------------------------------------------

def test_front_matter_always_wins_over_what_the_text_says():
    a = article(f"---\ntitle: Tiêu đề do biên tập viên sửa\ndate: 2025-01-02\nbyline: Ban Thời sự\n---\n"
                f"Thứ Năm, 16-07-2020, 15:39\nTiêu đề sai trên trang\n{LEAD}\n\nThu Hằng\n")
    assert (a.title, a.date, a.byline) == ("Tiêu đề do biên tập viên sửa", "2025-01-02", "Ban Thời sự")
    assert texts(a) == ["Tiêu đề do biên tập viên sửa", LEAD]
    assert reasons(a)["Tiêu đề sai trên trang"] == "headline (the declared title replaces it)"


def test_workspace_drop_patterns_drop_and_keep_patterns_protect():
    text = f"Tiêu đề\n\n{LEAD}\n\nXem thêm ảnh về buổi lễ dưới đây\n\nNguồn tin: Sở Y tế tỉnh\n\n{BODY}\n"
    a = article(text, drop=["^Nguồn tin:"], keep=["^Xem thêm ảnh"])
    assert "Xem thêm ảnh về buổi lễ dưới đây" in texts(a)
    assert reasons(a)["Nguồn tin: Sở Y tế tỉnh"] == "workspace drop rule"


def test_a_bad_workspace_pattern_is_a_setup_error_naming_the_file():
    with pytest.raises(SetupError, match=r"xlate.toml.*\[ingest\] drop: '\(' is not a regular expression"):
        compile_rules(drop=["("])


def test_a_title_that_looks_like_a_date_is_warned_about():
    a = article("---\ntitle: 12/03/2024\n---\n" + LEAD + "\n" + BODY + "\n")
    assert any("looks like a date" in w.message for w in a.warnings)


def test_most_of_the_text_dropped_and_fewer_than_two_units_are_warned_about():
    a = article("Tiêu đề của một trang chỉ có tin khác\n\nTin liên quan\n" + "\n".join(
        f"Một tiêu đề khác của trang số {n} về giao thông" for n in range(8)) + "\n")
    messages = " ".join(w.message for w in a.warnings)
    assert "dropped as boilerplate" in messages and "fewer than two units" in messages
    assert all(w.path == "seeds/x.txt" for w in a.warnings)


def test_a_section_label_sharing_the_time_line_is_dropped_with_it():
    a = article(f"An ninh trật tự | Thứ tư, 19/03/2025 - 10:42\n\nTriệt phá đường dây lừa đảo\n\n{LEAD}\n")
    assert a.date == "2025-03-19" and texts(a) == ["Triệt phá đường dây lừa đảo", LEAD]


def test_a_signature_right_after_a_related_box_is_the_byline_not_a_headline():
    a = article(f"Tiêu đề\n\n{LEAD}\n\n{BODY}\n\n**Xem thêm**\n* [Bảng xếp hạng mới nhất](https://a.vn/1)\n"
                "* [Lịch thi đấu vòng 25](https://a.vn/2)\n\n_Đức Hoàng_\n")
    assert a.byline == "Đức Hoàng" and texts(a) == ["Tiêu đề", LEAD, BODY]


def test_markup_written_as_entities_is_text_and_stays_in_the_unit():
    a = article("Tiêu đề\n\nGiá xăng &lt;b&gt;tăng&lt;/b&gt; 1.250 đồng & dầu giảm.\n")
    assert texts(a)[1] == "Giá xăng <b>tăng</b> 1.250 đồng & dầu giảm."
