"""What one piece of page chrome looks like (xlate.ingest.chrome), and credits, bylines and lead tags
(xlate.ingest.credits): each shape, and prose that is not it."""

import pytest

from xlate.ingest import chrome, credits


@pytest.mark.parametrize("text", [
    "Chia sẻ Facebook Zalo Twitter", "Chia sẻ: Facebook | Zalo | Email", "Bình luận (12)", "1.234 lượt xem",
    "Lượt xem: 2.418", "Cỡ chữ A- A A+", "Like 12 | Share", "In bài viết | Gửi email | Về đầu trang",
    "Nghe đọc bài", "Giọng nam miền Bắc", "Copy link", "Lưu", "Quảng cáo",
])
def test_share_bars_counters_and_widgets_are_widgets(text):
    assert chrome.widget(text)


@pytest.mark.parametrize("text", [
    "Chia sẻ kinh nghiệm nuôi cá với bà con trong xã.",
    "Facebook cho biết sẽ xóa các tài khoản giả mạo.",
    "Bình luận viên Quang Huy nhận định trận đấu.",
])
def test_a_sentence_that_uses_a_widget_word_is_not_a_widget(text):
    assert not chrome.widget(text)


@pytest.mark.parametrize("text", [
    "Theo dõi Báo Thanh Niên trên Google News", "Theo dõi Tuổi Trẻ trên Google News",
    "Mời bạn đọc theo dõi fanpage của báo để cập nhật tin tức", "Tải ứng dụng VnExpress để nhận tin nhanh",
])
def test_follow_us_and_app_lines(text):
    assert chrome.follow_us(text)


@pytest.mark.parametrize("text, iso", [
    ("Thứ Năm, 16-07-2020, 15:39", "2020-07-16"),
    ("thứ hai, 14/07/2025 - 08:15", "2025-07-14"),
    ("08:15, 12/3/2024", "2024-03-12"),
    ("12/03/2024 08:15 GMT+7", "2024-03-12"),
    ("Thứ Năm, 18/5/2023 18:1'(GMT+7)", "2023-05-18"),
    ("Thứ Năm, 03/07/2025, 09:30 [GMT+7]", "2025-07-03"),
    ("15:42 | 19/02/2025", "2025-02-19"),
    ("Cập nhật: 16:20, 05/12/2024", "2024-12-05"),
    ("Ngày đăng: 13/07/2025", "2025-07-13"),
    ("Cập nhật lúc 21:05, 11/05/2025", "2025-05-11"),
    ("Chủ nhật, 10/3/2024, 07:00 (GMT+7)", "2024-03-10"),
    ("2025-03-15 11:20", "2025-03-15"),
    ("Thứ Ba, ngày 12 tháng 3 năm 2024", "2024-03-12"),
    ("T2, 11/03/2024 - 14:20", "2024-03-11"),
    ("07:00 12/8/2025", "2025-08-12"),
])
def test_time_lines_in_every_common_form_give_their_iso_date(text, iso):
    assert chrome.time_line(text) == iso


def test_a_time_without_a_date_is_a_time_line_without_a_date():
    assert chrome.time_line("10:31 (GMT+7)") == ""


@pytest.mark.parametrize("text", [
    "Ngày 15-5, tại Hà Nội, hội nghị diễn ra.", "Năm 2024", "Từ 12/3/2024 đến nay, giá tăng 20%.",
    "Lúc 9h, giá vàng tăng.",
])
def test_a_sentence_holding_a_date_is_not_a_time_line(text):
    assert chrome.time_line(text) is None


@pytest.mark.parametrize("text, rest", [
    ("Tin liên quan", ""), ("Xem thêm:", ""), ("ĐỌC THÊM", ""), ("Có thể bạn quan tâm", ""),
    (">> Xem thêm: Hà Nội công bố quy hoạch", "Hà Nội công bố quy hoạch"),
    ("Xem thêm: Giá vàng thế giới vượt 3.400 USD", "Giá vàng thế giới vượt 3.400 USD"),
])
def test_related_article_labels_and_what_follows_them_on_the_line(text, rest):
    assert chrome.related_label(text) == rest


def test_a_sentence_starting_with_xem_them_is_not_a_label():
    assert chrome.related_label("Xem thêm các quy định tại cổng thông tin của Bộ.") is None


@pytest.mark.parametrize("text", ["Phản hồi", "Các tin khác", "Tin cùng chuyên mục:", "Đọc nhiều", "Trở về"])
def test_footer_labels(text):
    assert chrome.footer_label(text)


@pytest.mark.parametrize("text", [
    "Tags: xuất khẩu rau quả, sầu riêng", "Từ khóa: bão số 3, thời tiết", "#cao tốc #Biên Hòa - Vũng Tàu #giao thông",
    "#BinhDuong #luadao",
])
def test_tags_and_hashtag_lines(text):
    assert chrome.tags(text)


def test_a_heading_is_not_a_hashtag_line():
    assert not chrome.tags("# Tiêu đề bài viết")


@pytest.mark.parametrize("text", ["File đính kèm:", "Thong bao so 125-TB-BCH.pdf", "Tải về", "Quyết định 123.docx (245 KB)"])
def test_attachments(text):
    assert chrome.attachment(text)


@pytest.mark.parametrize("text", [
    "© Copyright 2025 Tuổi Trẻ Online", "Tổng biên tập: Lê Thế Chữ", "Giấy phép số 558/GP-BTTTT",
    "Hotline: 0973 567 567 - Email: info@dantri.com.vn", "Cơ quan chủ quản: Bộ Nội vụ",
])
def test_contact_and_copyright_lines(text):
    assert chrome.contact(text)


@pytest.mark.parametrize("text", ["Trang chủ > Tin tức - Sự kiện > Thông báo", "Thế giới > Tin tức", "Kinh doanh » Hàng hóa",
                                  "Trang 1 2 3 Tiếp »"])
def test_breadcrumbs_and_pagination_are_navigation(text):
    assert chrome.navigation(text)


def test_a_sentence_with_a_slash_is_not_navigation():
    assert not chrome.navigation("Giá xăng giảm 500 đồng/lít từ chiều nay.")


def test_cookie_banners():
    assert chrome.cookie("Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn.")


@pytest.mark.parametrize("text, outlet, rest", [
    ("TTO - Sáng 19-5, UBND TP Hà Nội khởi công.", "TTO", "Sáng 19-5, UBND TP Hà Nội khởi công."),
    ("(Chinhphu.vn) - Sáng 15/3, Thủ tướng chủ trì.", "Chinhphu.vn", "Sáng 15/3, Thủ tướng chủ trì."),
    ("VOV.VN - Ngày 9/7, tại Kuala Lumpur.", "VOV.VN", "Ngày 9/7, tại Kuala Lumpur."),
    ("(Dân trí) – Sau 5 ngày xét xử.", "Dân trí", "Sau 5 ngày xét xử."),
    ("HÀ NỘI, 12/3 (TTXVN) - Chiều nay, Quốc hội họp.", "TTXVN", "Chiều nay, Quốc hội họp."),
    ("QĐND - Ngày 18-4, tỉnh tổng kết.", "QĐND", "Ngày 18-4, tỉnh tổng kết."),
    ("(NLĐO)- Cơn mưa lớn kéo dài.", "NLĐO", "Cơn mưa lớn kéo dài."),
])
def test_outlet_lead_tags_give_the_outlet_and_the_lead(text, outlet, rest):
    assert credits.lead_tag(text) == (outlet, rest)


@pytest.mark.parametrize("text", [
    "Giá vàng - một kênh đầu tư an toàn - tăng mạnh.", "Hà Nội - Hải Phòng thông xe cao tốc mới.",
    "Sáng 19-5 - ngày đầu tuần - trời mưa.",
])
def test_a_lead_opening_with_ordinary_words_before_a_dash_has_no_tag(text):
    assert credits.lead_tag(text) is None


@pytest.mark.parametrize("text", [
    "Tổng Bí thư phát biểu tại cuộc gặp mặt. Ảnh: TTXVN",
    "Thủ tướng chủ trì Phiên họp - Ảnh: VGP/Nhật Bắc",
    "Các đại biểu dự phiên họp (Ảnh: VGP/Nhật Bắc)",
    "Người dân che chắn khi ra đường - ẢNH: NGỌC THẮNG",
    "Bị cáo tại phiên tòa (Ảnh: Nguyễn Vũ).",
    "Du khách tham quan khu di tích (Ảnh tư liệu)",
    "Ảnh minh họa",
    "Nhân viên thử nghiệm trợ lý ảo. Ảnh: Việt Linh.",
])
def test_captions_end_with_a_credit_in_any_form(text):
    assert credits.photo_credit(text) is not None


@pytest.mark.parametrize("text", [
    "Ông cho biết ảnh hưởng của bão rất lớn.",
    "Hội nghị nghe báo cáo về ảnh: những điều cần biết khi chụp ở di tích được bàn kỹ.",
])
def test_prose_mentioning_a_photo_has_no_credit(text):
    assert credits.photo_credit(text) is None


@pytest.mark.parametrize("text", [
    "PV", "Thu Hằng", "VĂN TOÁN; Ảnh: TRẦN HẢI", "Nguyễn Hùng/VOV.VN (tổng hợp)", "Lê Hiếu - Ngọc Anh",
    "Minh Châu (t/h)", "Hà Linh (TTXVN/Vietnam+)", "Minh Hải (thực hiện)", "QUANG THẾ",
])
def test_signatures_of_names_are_bylines(text):
    assert credits.name_byline(text)


@pytest.mark.parametrize("text", ["Bài và ảnh: Minh Đức", "Tin, ảnh: Văn Hùng", "Bài và ảnh: NGỌC THỦY",
                                  "Nội dung: Thu Hà; Ảnh: Quang Thái"])
def test_labelled_bylines(text):
    assert credits.labelled_byline(text)


@pytest.mark.parametrize("text", ["(Theo Báo ĐCSVN)", "Theo VnExpress", "Nguồn: Văn phòng UBND tỉnh"])
def test_attributions(text):
    assert credits.attribution(text)


@pytest.mark.parametrize("text", [
    "Xin cảm ơn ông!", "Hiện vụ án đang được mở rộng điều tra.", "Mưa rất to ở Bắc Bộ", "Hà Nội, ngày 5/3",
])
def test_prose_subheadings_and_datelines_are_not_bylines(text):
    assert not credits.name_byline(text)


def test_a_footer_label_with_its_list_run_into_the_line_is_a_footer_label():
    assert chrome.footer_label("Các tin khác: Quảng Nam phát triển du lịch cộng đồng (02/07/2025)")


@pytest.mark.parametrize("text, outlet", [
    ("Báo Ninh Bình - Vụ xuân năm nay, nông dân trúng mùa.", "Báo Ninh Bình"),
    ("Đài PT-TH Hà Nội - Chiều nay, thành phố họp.", "Đài PT-TH Hà Nội"),
])
def test_an_outlet_named_in_capitalised_words_is_a_lead_tag(text, outlet):
    assert credits.lead_tag(text)[0] == outlet
