"""Personal names: detection without a glossary and transliteration (docs/design.md, Glossary).

Names are rendered without diacritics, in Vietnamese order, never translated
syllable by syllable. Inputs below are real sentences of the sample seeds
(NFC), copied here so the tests do not depend on any file but seeds/.
"""

import unicodedata
from pathlib import Path

import pytest

from xlate.text.names import Name, find_names, transliterate
from xlate.text.normalize import normalize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def names(text: str) -> list[tuple[str, str]]:
    found = find_names(text)
    for n in found:  # offsets always point at the name as written
        assert text[n.start:n.end] == n.text
    return [(n.text, n.english) for n in found]


# --- transliteration ----------------------------------------------------------

@pytest.mark.parametrize("vi, en", [
    ("Tô Lâm", "To Lam"),
    ("Nguyễn Văn Nên", "Nguyen Van Nen"),
    ("Trần Quốc Vượng", "Tran Quoc Vuong"),
    ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh"),
    ("Lê Khánh Hải", "Le Khanh Hai"),
    ("Phạm Tất Thắng", "Pham Tat Thang"),
    ("Lâm Thị Phương Thanh", "Lam Thi Phuong Thanh"),
    ("Nguyễn Đình Khang", "Nguyen Dinh Khang"),
    ("Nguyễn Trọng Nghĩa", "Nguyen Trong Nghia"),
    ("Nguyễn Văn Thể", "Nguyen Van The"),
    ("Lại Xuân Lâm", "Lai Xuan Lam"),
    ("Trương Tấn Sang", "Truong Tan Sang"),
    ("Ngô Văn Dụ", "Ngo Van Du"),
    ("Hoàng Thanh Khiết", "Hoang Thanh Khiet"),
    ("Sơn Minh Thắng", "Son Minh Thang"),
    ("Võ Văn Thưởng", "Vo Van Thuong"),
    ("Trần Đình Hường", "Tran Dinh Huong"),
    ("Hồ Chí Minh", "Ho Chi Minh"),
    ("Thu Hằng", "Thu Hang"),
])
def test_transliteration_drops_diacritics_and_keeps_order(vi, en):
    assert transliterate(vi) == en


def test_transliteration_never_translates_syllables():
    # "Lâm" is a forest, "Thắng" a victory, "Nên" "should": a name is only spelled.
    assert transliterate("Lâm") == "Lam"
    assert transliterate("Phạm Tất Thắng") == "Pham Tat Thang"


def test_transliteration_keeps_case_and_folds_every_form():
    assert transliterate("TRẦN HẢI") == "TRAN HAI"
    assert transliterate("VĂN TOÁN") == "VAN TOAN"
    assert transliterate("đặng") == "dang"
    assert transliterate("\u00d0ặng Thị") == "Dang Thi"  # Ð (eth) mis-encoding of Đ
    assert transliterate(unicodedata.normalize("NFD", "Nguyễn Văn Nên")) == "Nguyen Van Nen"
    assert transliterate("Lê Thanh Hoà") == transliterate("Lê Thanh Hòa") == "Le Thanh Hoa"
    assert transliterate("Nguyễn  Văn\u00a0Thể") == "Nguyen Van The"
    assert transliterate("Tô Lâm").isascii()


# --- detection in seed sentences ----------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # seed 000, title: two titles before the name
    ("Tổng Bí thư, Chủ tịch nước Tô Lâm gặp mặt Đoàn đại biểu được tôn vinh trong phong trào "
     "\"Tham mưu giỏi, phục vụ tốt\"",
     [("Tô Lâm", "To Lam")]),
    # seed 000 line 13: each name ends a long comma-free position title
    ("Cùng dự có các Ủy viên Trung ương Đảng: Chủ nhiệm Văn phòng Chủ tịch nước Lê Khánh Hải; "
     "Phó Trưởng Ban thường trực Ban Dân vận Trung ương Phạm Tất Thắng; Phó Chánh văn phòng Thường "
     "trực Văn phòng Trung ương Đảng Lâm Thị Phương Thanh; Chủ tịch Tổng Liên đoàn Lao động Việt Nam "
     "Nguyễn Đình Khang; đại diện một số ban, bộ, ngành Trung ương và 150 cá nhân là những gương "
     "điển hình trong phong trào thi đua “Tham mưu giỏi, phục vụ tốt”.",
     [("Lê Khánh Hải", "Le Khanh Hai"), ("Phạm Tất Thắng", "Pham Tat Thang"),
      ("Lâm Thị Phương Thanh", "Lam Thi Phuong Thanh"), ("Nguyễn Đình Khang", "Nguyen Dinh Khang")]),
    # seed 000: "Hồ Chí Minh" is a name; "Bác Hồ" (Uncle Ho) is the glossary's business
    ("Tổng Bí thư, Chủ tịch nước Tô Lâm trao chân dung Chủ tịch Hồ Chí Minh tặng các đại biểu "
     "“Tham mưu giỏi, phục vụ tốt” giai đoạn 2019-2024.",
     [("Tô Lâm", "To Lam"), ("Hồ Chí Minh", "Ho Chi Minh")]),
    ("nhấn mạnh đó cũng chính là những điển hình tiên tiến học tập và làm theo tư tưởng, đạo đức, "
     "phong cách Hồ Chí Minh, là những người tiên phong trong thực hiện Di chúc Bác Hồ.",
     [("Hồ Chí Minh", "Ho Chi Minh")]),
    # seed 001 line 4: names after a cue and after ";"
    ("Đồng chí Trần Quốc Vượng, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư; Nguyễn Văn Nên, Bí thư "
     "T.Ư Đảng, Chánh Văn phòng T.Ư Đảng; Đặng Thị Ngọc Thịnh, Ủy viên T.Ư Đảng, Phó Chủ tịch nước "
     "với các đại biểu dự Đại hội.",
     [("Trần Quốc Vượng", "Tran Quoc Vuong"), ("Nguyễn Văn Nên", "Nguyen Van Nen"),
      ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh")]),
    # seed 001 line 45: "tặng đồng Trần Đình Hường" (the cue "đồng")
    ("Tại Đại hội, thay mặt lãnh đạo Đảng, Nhà nước, đồng chí Đặng Thị Ngọc Thịnh trao Huân chương "
     "Lao động hạng nhì tặng đồng Trần Đình Hường, hàm Vụ trưởng Vụ Tổng hợp Văn phòng T.Ư Đảng vì "
     "có thành tích xuất sắc trong quá trình công tác, góp phần vào sự nghiệp xây dựng và bảo vệ Tổ "
     "quốc; đồng chí Nguyễn Văn Nên trao bằng khen của Văn phòng T.Ư Đảng tặng các tập thể, cá nhân "
     "điển hình tiên tiến.",
     [("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh"), ("Trần Đình Hường", "Tran Dinh Huong"),
      ("Nguyễn Văn Nên", "Nguyen Van Nen")]),
    # seed 001 last line: all-caps byline of reporter and photographer
    ("VĂN TOÁN; Ảnh: TRẦN HẢI", [("VĂN TOÁN", "VAN TOAN"), ("TRẦN HẢI", "TRAN HAI")]),
    # seed 002: byline of a name with no common surname
    ("Thu Hằng", [("Thu Hằng", "Thu Hang")]),
    ("Báo cáo tại Hội nghị, đồng chí Lại Xuân Lâm, Phó Bí thư Thường trực Đảng ủy Khối các cơ quan "
     "Trung ương cho biết, qua đánh giá kết quả thực hiện cho thấy, việc triển khai Kết luận 01 trong "
     "toàn Đảng bộ có 7 điểm nổi bật.",
     [("Lại Xuân Lâm", "Lai Xuan Lam")]),
    # seed 003
    ("Ngày 16-12, tại Hà Nội, đồng chí Trương Tấn Sang, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư, "
     "Phó Trưởng ban Thường trực Ban Chỉ đạo Trung ương Cuộc vận động “ Học tập và làm theo tấm gương "
     "đạo đức Hồ Chí Minh” đã làm việc với Đảng bộ Văn phòng Trung ương Đảng về kết quả 2 năm chỉ đạo "
     "điểm Cuộc vận động.",
     [("Trương Tấn Sang", "Truong Tan Sang"), ("Hồ Chí Minh", "Ho Chi Minh")]),
    ("Cùng dự buổi làm việc có đồng chí Ngô Văn Dụ, Bí thư Trung ương Đảng, Chánh Văn phòng Trung ương "
     "Đảng, Ủy viên Ban Chỉ đạo Trung ương Cuộc vận động; đại diện lãnh đạo Đảng ủy Khối các cơ quan "
     "Trung ương, Ban Tuyên giáo Trung ương, Ban Dân vận Trung ương.",
     [("Ngô Văn Dụ", "Ngo Van Du")]),
    ("Tại buổi làm việc, đồng chí Hoàng Thanh Khiết, Bí thư Đảng ủy, Trưởng ban Chỉ đạo Cuộc vận động "
     "của Đảng bộ cho biết : Là một trong 24 đơn vị được Ban Chỉ đạo Trung ương chọn chỉ đạo điểm về "
     "thực hiện Cuộc vận động.",
     [("Hoàng Thanh Khiết", "Hoang Thanh Khiet")]),
    # seed 004, normalized (Ð → Đ)
    ("Tại hội nghị, đồng chí Sơn Minh Thắng, Ủy viên T.Ư Đảng, Bí thư Đảng ủy Khối nêu rõ, điểm nhấn "
     "trong thực hiện Chỉ thị số 05 của Bộ Chính trị hai năm vừa qua là lấy chi bộ làm địa bàn trọng "
     "điểm, từng đảng viên làm chủ thể, nâng cao đạo đức công vụ làm khâu đột phá.",
     [("Sơn Minh Thắng", "Son Minh Thang")]),
])
def test_names_in_seed_sentences(sentence, expected):
    assert names(sentence) == expected


def test_double_space_and_nbsp_as_in_the_raw_seed():
    # seed 002 line 7, not normalized: a double space after the name
    raw = ("Đồng chí Nguyễn Trọng Nghĩa và đồng chí Nguyễn Văn Thể  tặng bằng khen cho 50 chi bộ "
           "thuộc Đảng bộ Khối các cơ quan Trung ương")
    assert names(raw) == [("Nguyễn Trọng Nghĩa", "Nguyen Trong Nghia"), ("Nguyễn Văn Thể", "Nguyen Van The")]
    assert names(normalize(raw)) == names(raw)
    # spaces inside a name: the text is kept as written, the English is clean
    assert names("tặng đồng chí Nguyễn  Văn\u00a0Thể.") == [("Nguyễn  Văn\u00a0Thể", "Nguyen Van The")]
    assert names("\u00a0Thu Hằng") == [("Thu Hằng", "Thu Hang")]  # seed 002 byline, raw


def test_eth_instead_of_dj_as_in_raw_seed_004():
    raw = "Ðồng chí Võ Văn Thưởng, Ủy viên Bộ Chính trị, Bí thư T.Ư Ðảng, Trưởng Ban Tuyên giáo T.Ư"
    assert names(raw) == [("Võ Văn Thưởng", "Vo Van Thuong")]
    assert names("Nguyễn Văn \u00d0ức phát biểu.") == [("Nguyễn Văn \u00d0ức", "Nguyen Van Duc")]


def test_offsets_are_character_offsets_into_the_text():
    text = "Đồng chí Trần Quốc Vượng, Ủy viên Bộ Chính trị"
    assert find_names(text) == [Name(9, 24, "Trần Quốc Vượng", "Tran Quoc Vuong")]


# --- cues: names without a common surname ------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Ông Hải cho biết, năm nay đơn vị vượt kế hoạch.", [("Hải", "Hai")]),
    ("Theo chị Thu Hằng và anh Minh, phong trào lan tỏa.", [("Thu Hằng", "Thu Hang"), ("Minh", "Minh")]),
    ("Phát biểu tại hội nghị, đồng chí Hải, Bí thư Đảng ủy, nhấn mạnh.", [("Hải", "Hai")]),
    ("Thủ tướng Phạm Minh Chính chủ trì.", [("Phạm Minh Chính", "Pham Minh Chinh")]),
    # a title followed by an institution, then the name: the institution is no name
    ("Bộ trưởng Ngoại giao Bùi Thanh Sơn cho biết.", [("Bùi Thanh Sơn", "Bui Thanh Son")]),
    ("Bộ trưởng Công Thương Nguyễn Hồng Diên dự.", [("Nguyễn Hồng Diên", "Nguyen Hong Dien")]),
])
def test_cues_introduce_names(sentence, expected):
    assert names(sentence) == expected


# --- false positives ----------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # places starting with a surname syllable (Hà, Lâm, Cao, Thái, Sơn …)
    "Ngày 16-7, tại Hà Nội, Văn phòng T.Ư Đảng tổ chức Đại hội Thi đua yêu nước lần thứ IV.",
    "Đoàn công tác đến Hà Giang, Hà Tĩnh, Hà Nam, Cao Bằng, Thái Bình, Thái Nguyên, Sơn La và Lâm Đồng.",
    "Năm học 2019-2020, toàn ngành GDĐT tỉnh Bình Dương thực hiện Chủ đề \"Đổi mới thực chất, hiệu quả nâng cao\"",
    "Từ Hà Nội, đoàn sang Thái Lan và Hà Lan.",
    # institution words, including Văn (a middle name) in Văn phòng / Văn Phòng
    "Theo báo cáo tại Đại hội, 5 năm qua, Văn Phòng T.Ư Đảng đã tổ chức nhiều phong trào thi đua "
    "với các hình thức phong phú.",
    "Tại Hội nghị, Đảng ủy Khối các cơ quan T.Ư đã khen thưởng 13 đảng bộ cơ sở tiêu biểu.",
    "Là một trong 24 đơn vị được Ban Chỉ đạo Trung ương chọn chỉ đạo điểm.",
    "Đoàn Thanh niên và Công đoàn Viên chức Việt Nam phát động phong trào.",
    "Từ chủ trương trong Nghị quyết Đại hội Công đoàn Việt Nam lần thứ XII, năm 2018, Ban Chấp hành "
    "Công đoàn Viên chức Việt Nam đã cụ thể hóa phong trào.",
    "Cùng dự có các đồng chí: đại diện Hội đồng Thi đua-Khen thưởng T.Ư; Bí thư T.Ư Đảng.",
    "Đồng chí Thường trực Ban Bí thư nhấn mạnh, các phong trào thi đua cần gắn việc học tập.",
    "Thủ tướng Chính phủ và Chủ tịch Quốc hội dự; Bí thư Tỉnh ủy phát biểu.",
    "Phó Chủ tịch nước trao Huân chương Lao Động hạng nhì cho cá nhân.",
    # photo credits, abbreviations, "Bác Hồ" (one syllable after Bác)
    "Tổng Bí thư, Chủ tịch nước phát biểu tại cuộc gặp mặt. Ảnh: TTXVN",
    "là những người tiên phong trong thực hiện Di chúc Bác Hồ.",
    "(Theo Báo ĐCSVN)",
    # capitalised sentence-initial words that are also surnames
    "Cao điểm là tháng 5. Mai này sẽ khác. Đào tạo cán bộ. Lương cơ sở tăng. Đoàn đại biểu đến.",
    "Thái độ phục vụ tốt. Hồ sơ đầy đủ. Lâm sàng. Hà khắc.",
    # whole short texts that are not bylines
    "Hà Nội", "Việt Nam", "Ảnh: TTXVN", "PV", "Trở về", "Liên kết website", "Bà Rịa - Vũng Tàu",
    # syllables glued to others: abbreviations, hyphenated words, addresses
    "https://daibieunhandan.vn/Nguyen-Van-Nen", "T.Ư Đảng", "Chủ tịch UBND tỉnh",
])
def test_no_false_positives(sentence):
    assert names(sentence) == []


def test_a_name_does_not_run_into_a_place_or_start_inside_one():
    assert names("tỉnh Bình Dương Trần Văn Nam và Lâm Đồng Nguyễn Văn A") == [
        ("Trần Văn Nam", "Tran Van Nam"), ("Nguyễn Văn A", "Nguyen Van A")]
    assert names("Đoàn Thanh niên Cộng sản Hồ Chí Minh") == [("Hồ Chí Minh", "Ho Chi Minh")]


def test_a_title_cased_heading_is_no_name():
    assert names("Đào Tạo Nguồn Nhân Lực Chất Lượng Cao") == []


def test_results_sorted_and_not_overlapping():
    found = find_names("Đồng chí Trần Quốc Vượng; Nguyễn Văn Nên; VĂN TOÁN; Ảnh: TRẦN HẢI")
    assert [n.text for n in found] == ["Trần Quốc Vượng", "Nguyễn Văn Nên", "VĂN TOÁN", "TRẦN HẢI"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_empty_text():
    assert find_names("") == [] and find_names("   ") == []


# --- every person in the five samples -----------------------------------------

SEED_NAMES = {
    "000": {"Tô Lâm": "To Lam", "Lê Khánh Hải": "Le Khanh Hai", "Phạm Tất Thắng": "Pham Tat Thang",
            "Lâm Thị Phương Thanh": "Lam Thi Phuong Thanh", "Nguyễn Đình Khang": "Nguyen Dinh Khang",
            "Hồ Chí Minh": "Ho Chi Minh"},
    "001": {"Trần Quốc Vượng": "Tran Quoc Vuong", "Nguyễn Văn Nên": "Nguyen Van Nen",
            "Đặng Thị Ngọc Thịnh": "Dang Thi Ngoc Thinh", "Trần Đình Hường": "Tran Dinh Huong",
            "Hồ Chí Minh": "Ho Chi Minh", "VĂN TOÁN": "VAN TOAN", "TRẦN HẢI": "TRAN HAI"},
    "002": {"Nguyễn Trọng Nghĩa": "Nguyen Trong Nghia", "Nguyễn Văn Thể": "Nguyen Van The",
            "Lại Xuân Lâm": "Lai Xuan Lam", "Hồ Chí Minh": "Ho Chi Minh", "Thu Hằng": "Thu Hang"},
    "003": {"Trương Tấn Sang": "Truong Tan Sang", "Ngô Văn Dụ": "Ngo Van Du",
            "Hoàng Thanh Khiết": "Hoang Thanh Khiet", "Hồ Chí Minh": "Ho Chi Minh"},
    "004": {"Võ Văn Thưởng": "Vo Van Thuong", "Sơn Minh Thắng": "Son Minh Thang",
            "Hồ Chí Minh": "Ho Chi Minh"},
}
# How often each name occurs (counted by hand with grep): none may be missed.
SEED_COUNTS = {("000", "Tô Lâm"): 11, ("000", "Hồ Chí Minh"): 6, ("001", "Nguyễn Văn Nên"): 5,
               ("001", "Trần Quốc Vượng"): 4, ("002", "Nguyễn Trọng Nghĩa"): 11,
               ("002", "Nguyễn Văn Thể"): 7, ("002", "Hồ Chí Minh"): 12, ("003", "Trương Tấn Sang"): 5}


def test_exactly_the_people_of_the_five_seeds():
    seeds = sorted(SEEDS.glob("*.txt"))
    assert [p.name[:3] for p in seeds] == sorted(SEED_NAMES)
    for path in seeds:
        found: dict[str, str] = {}
        counts: dict[str, int] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            for n in find_names(normalize(line)):
                assert found.setdefault(n.text, n.english) == n.english
                counts[n.text] = counts.get(n.text, 0) + 1
        assert found == SEED_NAMES[path.name[:3]], path.name
        for (seed, name), count in SEED_COUNTS.items():
            if seed == path.name[:3]:
                assert counts[name] == count, (path.name, name)
