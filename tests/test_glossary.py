"""The glossary: file format, `xlate glossary check` rules and term matching
(docs/design.md, "Glossary"). Sample sentences are copied from seeds/ (NFC)."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from xlate.glossary import TYPES, Glossary, Match, Term, check, load, termbase

ROOT = Path(__file__).resolve().parent.parent
HEADER = "vi\ten\ttype\tnote"


def term(vi: str, en: str = "", type: str = "term", note: str = "") -> Term:
    return Term(vi, en or vi.upper(), type, note, "glossary/t.tsv", 1)


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    """(text as written, source term) for each match; offsets checked on the way."""
    matches = glossary.find(text)
    for m in matches:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))
    return [(m.text, m.term.vi) for m in matches]


def write(folder: Path, name: str, *rows: str, header: str = HEADER) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def messages(problems, severity=None) -> list[str]:
    return [f"{p.path}:{p.line}: {p.message}" for p in problems if severity in (None, p.severity)]


# --- matching ---------------------------------------------------------------

def test_longest_match_wins():
    g = Glossary([term("Bộ Chính trị"), term("Ủy viên Bộ Chính trị"), term("Ủy viên")])
    assert found(g, "Đồng chí Trần Quốc Vượng, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư") == [
        ("Ủy viên Bộ Chính trị", "Ủy viên Bộ Chính trị")]
    assert found(g, "thay mặt Bộ Chính trị") == [("Bộ Chính trị", "Bộ Chính trị")]


def test_matches_do_not_overlap_leftmost_wins():
    g = Glossary([term("Ban Bí thư"), term("Bí thư Trung ương Đảng"), term("Trung ương Đảng")])
    # "Ban Bí thư" starts first and takes "Bí thư"; the rest can still match.
    assert found(g, "Ban Bí thư Trung ương Đảng") == [("Ban Bí thư", "Ban Bí thư"),
                                                    ("Trung ương Đảng", "Trung ương Đảng")]
    assert found(g, "Nguyễn Văn Nên, Bí thư Trung ương Đảng") == [
        ("Bí thư Trung ương Đảng", "Bí thư Trung ương Đảng")]


def test_every_occurrence_is_found():
    g = Glossary([term("cán bộ, đảng viên"), term("chi bộ")])
    text = "thường xuyên, thực chất, thiết thân của mỗi chi bộ, cán bộ, đảng viên; các chi bộ"
    assert found(g, text) == [("chi bộ", "chi bộ"), ("cán bộ, đảng viên", "cán bộ, đảng viên"),
                              ("chi bộ", "chi bộ")]


@pytest.mark.parametrize("vi, text", [
    ("Đảng bộ", "Đảng bộc"),            # a longer syllable
    ("Đảng bộ", "Đảng bộcx và"),
    ("bộ", "Bộc"),
    ("Hà Nội", "XHà Nội"),               # a letter before
    ("Nam", "Namibia"),
    ("Chỉ thị số 05", "Chỉ thị số 051"),  # digits count as word characters
    ("Chỉ thị số 05", "Chỉ thị số 05a"),
    ("Bộ Chính trị", "Bộ Chính trịnh"),
])
def test_matches_respect_syllable_boundaries(vi, text):
    assert found(Glossary([term(vi)]), text) == []


@pytest.mark.parametrize("text", ["Đảng bộ.", "(Đảng bộ)", "Đảng bộ-Khối", "“Đảng bộ”", "Đảng bộ"])
def test_punctuation_is_a_boundary(text):
    assert found(Glossary([term("Đảng bộ")]), text) == [("Đảng bộ", "Đảng bộ")]


def test_nfd_input_offsets_point_at_the_original_text():
    g = Glossary([term("Ủy viên Bộ Chính trị"), term("Hà Nội"), term("Tô Lâm")])
    nfc = "Ngày 16-7, tại Hà Nội, đồng chí Tô Lâm, Ủy viên Bộ Chính trị dự."
    nfd = unicodedata.normalize("NFD", nfc)
    assert len(nfd) > len(nfc)
    matches = g.find(nfd)
    assert [m.term.vi for m in matches] == ["Hà Nội", "Tô Lâm", "Ủy viên Bộ Chính trị"]
    for m in matches:
        assert nfd[m.start:m.end] == m.text
        assert unicodedata.normalize("NFC", m.text) == m.term.vi
    # and an NFD glossary term matches NFC text
    assert found(Glossary([term(unicodedata.normalize("NFD", "Bộ Chính trị"))]), nfc) == [
        ("Bộ Chính trị", unicodedata.normalize("NFD", "Bộ Chính trị"))]


def test_eth_matches_d_with_stroke_both_ways():
    g = Glossary([term("Đảng ủy Khối")])
    assert found(g, "đồng chí Sơn Minh Thắng, Bí thư Ðảng ủy Khối nêu rõ") == [("Ðảng ủy Khối", "Đảng ủy Khối")]
    assert found(Glossary([term("Ðảng ủy Khối")]), "Đảng ủy Khối") == [("Đảng ủy Khối", "Ðảng ủy Khối")]
    assert found(Glossary([term("đảng viên")]), "ðảng viên") == [("ðảng viên", "đảng viên")]


@pytest.mark.parametrize("vi, text", [
    ("Ủy viên", "Uỷ viên"), ("Uỷ viên", "Ủy viên"),
    ("tự chuyển hóa", "tự chuyển hoá"), ("tự chuyển hoá", "tự chuyển hóa"),
    ("Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết Trung ương 4 (khoá XII)"),
])
def test_tone_placement_old_and_new_match(vi, text):
    assert found(Glossary([term(vi)]), text) == [(text, vi)]


def test_case_insensitive_by_default():
    g = Glossary([term("Huân chương Lao động hạng nhì")])
    text = "Ủy viên T.Ư Đảng, Phó Chủ tịch nước trao Huân chương Lao Động hạng nhì cho cá nhân."
    assert found(g, text) == [("Huân chương Lao Động hạng nhì", "Huân chương Lao động hạng nhì")]
    assert found(Glossary([term("Văn phòng Trung ương Đảng")]), "VĂN PHÒNG TRUNG ƯƠNG ĐẢNG") != []


@pytest.mark.parametrize("text", ["Văn phòng T.Ư Đảng", "Văn phòng T.W Đảng", "Văn phòng TƯ Đảng",
                                  "Văn phòng TW Đảng", "Văn Phòng T.Ư Đảng", "Văn phòng Trung ương Đảng"])
def test_trung_uong_abbreviations_match_the_full_term(text):
    g = Glossary([term("Văn phòng Trung ương Đảng", "Office of the Party Central Committee", "organization")])
    assert found(g, f"lãnh đạo {text} tổ chức") == [(text, "Văn phòng Trung ương Đảng")]


def test_trung_uong_abbreviations_in_seed_sentences():
    g = Glossary([term("Ủy viên Trung ương Đảng"), term("Đảng ủy Khối các cơ quan Trung ương"),
                  term("Hội đồng Thi đua - Khen thưởng Trung ương"), term("Nghị quyết Trung ương 4 (khóa XII)"),
                  term("Văn phòng Trung ương Đảng")])
    text = ("Ngày 15-5, tại Hà Nội, Ðảng ủy Khối các cơ quan T.Ư tổ chức Hội nghị; Sơn Minh Thắng, "
            "Ủy viên T.Ư Ðảng; Phó Chủ tịch Thứ nhất Hội đồng Thi đua-Khen thưởng T.Ư; "
            "Nghị quyết T.Ư 4 (khóa XII); Đảng bộ Văn phòng TW")
    assert found(g, text) == [
        ("Ðảng ủy Khối các cơ quan T.Ư", "Đảng ủy Khối các cơ quan Trung ương"),
        ("Ủy viên T.Ư Ðảng", "Ủy viên Trung ương Đảng"),
        ("Hội đồng Thi đua-Khen thưởng T.Ư", "Hội đồng Thi đua - Khen thưởng Trung ương"),
        ("Nghị quyết T.Ư 4 (khóa XII)", "Nghị quyết Trung ương 4 (khóa XII)"),
    ]


def test_a_term_written_with_an_abbreviation_matches_the_full_form():
    g = Glossary([term("Văn phòng T.Ư Đảng")])
    assert found(g, "Văn phòng Trung ương Đảng") == [("Văn phòng Trung ương Đảng", "Văn phòng T.Ư Đảng")]


def test_abbreviation_variants_are_not_ordinary_words():
    g = Glossary([term("lần thứ Trung ương"), term("Trung")])
    # lower-case "tư" is a word (four); a match never ends inside an expanded T.Ư
    assert found(g, "Cách mạng công nghiệp lần thứ tư") == []
    assert found(g, "các cơ quan T.Ư") == []
    assert found(g, "Trung Quốc") == [("Trung", "Trung")]


@pytest.mark.parametrize("vi, text", [
    ("Thi đua - Khen thưởng", "Thi đua-Khen thưởng"),
    ("Thi đua-Khen thưởng", "Thi đua - Khen thưởng"),
    ("Thi đua - Khen thưởng", "Thi đua – Khen thưởng"),   # en dash
    ("Thi đua - Khen thưởng", "Thi đua -Khen thưởng"),
])
def test_hyphen_variants_match_each_other(vi, text):
    assert found(Glossary([term(vi)]), text) == [(text, vi)]


@pytest.mark.parametrize("text", ["Bộ  Chính trị", "Bộ\u00a0Chính trị", "Bộ Chính\n trị", "Bộ\tChính\u202ftrị"])
def test_whitespace_variations_inside_a_term_match(text):
    assert found(Glossary([term("Bộ Chính trị")]), f"thay mặt {text}, Ban Bí thư") == [(text, "Bộ Chính trị")]


def test_comma_and_quote_variants():
    g = Glossary([term("Tổng Bí thư, Chủ tịch nước"), term('"tự diễn biến"')])
    assert found(g, "Tổng Bí thư , Chủ tịch nước") == [("Tổng Bí thư , Chủ tịch nước", "Tổng Bí thư, Chủ tịch nước")]
    assert found(g, "Tổng Bí thư Chủ tịch nước") == []  # the comma is part of the term
    assert found(g, "“tự diễn biến”") == [("“tự diễn biến”", '"tự diễn biến"')]


def test_case_sensitive_note_flag():
    g = Glossary([term("Đảng", "Party", note="case-sensitive: the Communist Party"), term("đảng viên")])
    assert found(g, "các văn bản của Đảng, Nhà nước") == [("Đảng", "Đảng")]
    assert found(g, "các cấp ủy đảng trong khối") == []
    assert found(g, "ĐẢNG") == []
    assert found(g, "Đảng viên") == [("Đảng viên", "đảng viên")]  # longest still wins


def test_upper_case_abbreviations_are_case_sensitive():
    g = Glossary([term("TTXVN", "VNA", "abbreviation"), term("ttxvn", "x", "term")])
    assert g.terms[0] != g.terms[1]
    assert [m.term.en for m in g.find("Ảnh: TTXVN")] == ["VNA"]
    # the case-insensitive term still matches other spellings
    assert [m.term.en for m in g.find("Ảnh: Ttxvn")] == ["x"]
    assert found(Glossary([term("TTXVN", "VNA", "abbreviation")]), "ttxvn") == []


def test_case_sensitive_term_wins_a_tie():
    g = Glossary([term("đảng", "party"), term("Đảng", "Party", note="case-sensitive")])
    assert [m.term.en for m in g.find("của Đảng và các đảng")] == ["Party", "party"]


def test_empty_glossary_and_empty_text():
    assert Glossary().find("Bộ Chính trị") == []
    assert Glossary([term("Bộ Chính trị")]).find("") == []
    assert len(Glossary([term("a"), term("b")])) == 2


# --- loading and `xlate glossary check` --------------------------------------

def test_load_reads_terms_with_their_place(tmp_path):
    folder = tmp_path / "glossary"
    write(folder, "b.tsv", "Tô Lâm\tTo Lam\tname\t")
    write(folder, "a.tsv", "Bộ Chính trị\tPolitburo\torganization\tthe Party's", "",
          "# a comment line", "Ban Bí thư\tSecretariat\torganization")  # note left off
    g, problems = load(folder, tmp_path)
    assert problems == []
    assert g.terms == [Term("Bộ Chính trị", "Politburo", "organization", "the Party's", "glossary/a.tsv", 2),
                       Term("Ban Bí thư", "Secretariat", "organization", "", "glossary/a.tsv", 5),
                       Term("Tô Lâm", "To Lam", "name", "", "glossary/b.tsv", 2)]
    assert g.find("Tô Lâm") == [Match(0, 6, "Tô Lâm", g.terms[2])]


def test_missing_folder_is_an_empty_glossary(tmp_path):
    g, problems = load(tmp_path / "glossary")
    assert len(g) == 0 and problems == []


def test_paths_are_shown_relative_to_root(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "x\t\tterm\t")
    assert messages(check(tmp_path / "glossary"))[0].startswith("glossary/a.tsv:2: ")
    assert messages(check(tmp_path / "glossary", tmp_path / "glossary"))[0].startswith("a.tsv:2: ")


def test_check_wrong_header(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "Bộ Chính trị\tPolitburo\torganization\t", header="vi\ten\ttype")
    (p,) = check(tmp_path / "glossary")
    assert (p.path, p.line, p.severity) == ("glossary/a.tsv", 1, "error")
    assert "header" in p.message and "vi<TAB>en<TAB>type<TAB>note" in p.message and "skipped" in p.message


def test_check_wrong_number_of_columns(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "Bộ Chính trị Politburo organization", "a\tb\tterm\tnote\textra",
          "Ban Bí thư\tSecretariat")
    problems = check(tmp_path / "glossary")
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (3, "error"), (4, "error")]
    assert "found 1 column," in problems[0].message and "found 5 columns" in problems[1].message
    assert "found 2 columns" in problems[2].message
    assert all("vi<TAB>en<TAB>type<TAB>note" in p.message for p in problems)


@pytest.mark.parametrize("row, words", [
    ("\tPolitburo\torganization\t", "vi column is empty"),
    ("Bộ Chính trị\t\torganization\t", "en column is empty"),
    ("Bộ Chính trị\t  \torganization\t", "en column is empty"),
])
def test_check_empty_source_or_target(tmp_path, row, words):
    write(tmp_path / "glossary", "a.tsv", "Ban Bí thư\tSecretariat\torganization\t", row)
    g, problems = load(tmp_path / "glossary")
    errors = [p for p in problems if p.severity == "error"]  # a blank cell also warns about whitespace
    assert [(p.path, p.line) for p in errors] == [("glossary/a.tsv", 3)]
    assert words in errors[0].message
    assert [t.vi for t in g.terms] == ["Ban Bí thư"]


def test_check_unknown_type_lists_the_valid_ones(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "Bộ Chính trị\tPolitburo\torganisation\t", "Ban Bí thư\tSecretariat\t\t")
    problems = check(tmp_path / "glossary")
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (3, "error")]
    assert "'organisation'" in problems[0].message
    assert all(", ".join(TYPES) in p.message for p in problems)


def test_check_conflicting_duplicate_names_both_places(tmp_path):
    folder = tmp_path / "glossary"
    write(folder, "a.tsv", "Bộ Chính trị\tPolitburo\torganization\t")
    write(folder, "b.tsv", "Ban Bí thư\tSecretariat\torganization\t",
          "Bộ Chính trị\tPolitical Bureau\torganization\t")
    (p,) = check(folder)
    assert (p.path, p.line, p.severity) == ("glossary/b.tsv", 3, "error")
    assert "glossary/a.tsv:2" in p.message and "'Politburo'" in p.message and "'Political Bureau'" in p.message


def test_check_duplicate_with_same_target_is_a_warning(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "Bộ Chính trị\tPolitburo\torganization\t", "x\ty\tterm\t",
          "Bộ Chính trị\tPolitburo\torganization\tagain")
    (p,) = check(tmp_path / "glossary")
    assert (p.path, p.line, p.severity) == ("glossary/a.tsv", 4, "warning")
    assert "glossary/a.tsv:2" in p.message


@pytest.mark.parametrize("first, second", [
    ("Ủy viên Bộ Chính trị", "Uỷ viên Bộ Chính trị"),     # tone placement
    ("Đảng ủy Khối", "Ðảng ủy Khối"),                     # eth
    ("Bộ Chính trị", "bộ chính trị"),                     # case
    ("Bộ Chính trị", unicodedata.normalize("NFD", "Bộ Chính trị")),
    ("Văn phòng Trung ương Đảng", "Văn phòng T.Ư Đảng"),   # abbreviation variant
    ("Thi đua - Khen thưởng", "Thi đua-Khen thưởng"),
])
def test_check_duplicates_ignore_spelling_variants(tmp_path, first, second):
    write(tmp_path / "glossary", "a.tsv", f"{first}\tA\tterm\t", f"{second}\tB\tterm\t")
    g, problems = load(tmp_path / "glossary")
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "glossary/a.tsv:2" in problems[0].message
    assert [t.en for t in g.terms] == ["A"]  # the first of a conflicting pair wins


def test_case_sensitive_and_insensitive_terms_are_not_duplicates(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "đảng\tparty\tterm\t", "Đảng\tParty\torganization\tcase-sensitive")
    assert check(tmp_path / "glossary") == []


def test_check_whitespace_around_a_cell_is_a_warning(tmp_path):
    write(tmp_path / "glossary", "a.tsv", " Bộ Chính trị\tPolitburo \torganization\t")
    g, problems = load(tmp_path / "glossary")
    (p,) = problems
    assert (p.path, p.line, p.severity) == ("glossary/a.tsv", 2, "warning")
    assert "vi, en columns" in p.message
    assert g.terms[0].vi == "Bộ Chính trị" and g.terms[0].en == "Politburo"  # loaded, trimmed


def test_check_file_that_is_not_utf8(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "a.tsv").write_bytes((HEADER + "\nx\ty\tterm\t\n").encode() + b"Caf\xe9\tcafe\tterm\t\n")  # Latin-1
    write(folder, "b.tsv", "Tô Lâm\tTo Lam\tname\t")
    g, problems = load(folder)
    assert [(p.path, p.line, p.severity) for p in problems] == [("glossary/a.tsv", 3, "error")]
    assert "UTF-8" in problems[0].message
    assert [t.vi for t in g.terms] == ["Tô Lâm"]  # the whole bad file is skipped, the others load


def test_line_numbers_survive_bom_and_crlf(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    text = "\ufeff" + HEADER + "\r\nBộ Chính trị\tPolitburo\torganization\t\r\n\r\nx\t\tterm\t\r\n"
    (folder / "a.tsv").write_bytes(text.encode())
    g, problems = load(folder)
    assert [t.vi for t in g.terms] == ["Bộ Chính trị"]
    assert [(p.line, p.severity) for p in problems] == [(4, "error")]


def test_load_skips_bad_rows_and_keeps_the_good_ones(tmp_path):
    folder = tmp_path / "glossary"
    write(folder, "a.tsv", "Bộ Chính trị\tPolitburo\torganization\t", "broken row", "Ban Bí thư\t\torganization\t",
          "Tô Lâm\tTo Lam\tperson\t", "Bộ Chính trị\tPolitical Bureau\torganization\t", "Hà Nội\tHanoi\tplace\t")
    g, problems = load(folder)
    assert [(t.vi, t.en) for t in g.terms] == [("Bộ Chính trị", "Politburo"), ("Hà Nội", "Hanoi")]
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (4, "error"), (5, "error"), (6, "error")]
    assert [m.term.en for m in g.find("Bộ Chính trị họp tại Hà Nội")] == ["Politburo", "Hanoi"]


def test_problem_reads_as_file_line_severity_message():
    from xlate.model import Diagnostic, Severity
    assert str(Diagnostic(Severity.ERROR, "what is wrong; what to do", "glossary file", "glossary/a.tsv", 3)) == \
        "glossary/a.tsv:3: error: what is wrong; what to do"


def test_check_warns_when_a_rows_english_drops_or_changes_a_value_of_its_vietnamese(tmp_path):
    write(tmp_path / "glossary", "a.tsv", "Đại hội XIII của Đảng\t13th National Party Congress\tterm\t",
          "Đại hội XIV của Đảng\tNational Party Congress\tterm\t",
          "Nghị quyết Trung ương 4 khóa XII\tResolution of the fifth plenum of the 12th Central Committee\tdocument\t")
    problems = check(tmp_path / "glossary")
    assert [(p.line, p.severity) for p in problems] == [(3, "warning"), (4, "warning")]
    assert "'Đại hội XIV'" in problems[0].message and "'14th Congress'" in problems[0].message
    assert "'Trung ương 4'" in problems[1].message and "'fourth plenum'" in problems[1].message


# --- the shipped glossary --------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    return load(ROOT / "glossary", ROOT)


def test_shipped_glossary_has_no_errors(real):
    glossary, problems = real
    assert messages(problems, "error") == []
    # at least the reference renderings of the samples (72 rows, 3 of them T.Ư spellings of others)
    assert len(glossary) >= 69


def test_every_shipped_row_carries_the_values_of_its_vietnamese_in_its_english():
    # The glossary wins over the values it covers (Đại hội XIII của Đảng), so it must agree with them.
    assert messages(check(ROOT / "glossary", ROOT)) == []


@pytest.mark.parametrize("text, expected", [
    ("Tổng Bí thư, Chủ tịch nước Tô Lâm", [("Tổng Bí thư, Chủ tịch nước", "General Secretary and President"),
                                           ("Tô Lâm", "To Lam")]),
    ("Ngày 16-7, tại Hà Nội, Văn phòng T.Ư Đảng tổ chức", [("Hà Nội", "Hanoi"),
                                                           ("Văn phòng T.Ư Đảng", "Office of the Party Central Committee")]),
    ("Đặng Thị Ngọc Thịnh, Ủy viên T.Ư Đảng, Phó Chủ tịch nước",
     [("Ủy viên T.Ư Đảng", "member of the Party Central Committee"), ("Phó Chủ tịch nước", "Vice President")]),
    ("Sơn Minh Thắng, Ủy viên T.Ư Ðảng, Bí thư Ðảng ủy Khối",
     [("Ủy viên T.Ư Ðảng", "member of the Party Central Committee")]),
    ("Trần Quốc Vượng, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư dự",
     [("Ủy viên Bộ Chính trị", "Politburo member"), ("Thường trực Ban Bí thư", "permanent member of the Secretariat")]),
    ("Nguyễn Văn Nên, Bí thư T.Ư Đảng, Chánh Văn phòng T.Ư Đảng;",
     [("Bí thư T.Ư Đảng", "Secretary of the Party Central Committee"),
      ("Chánh Văn phòng T.Ư Đảng", "Chief of the Office of the Party Central Committee")]),
    ("Phó Chủ tịch Thứ nhất Hội đồng Thi đua-Khen thưởng T.Ư;",
     [("Hội đồng Thi đua-Khen thưởng T.Ư", "Central Emulation and Commendation Council")]),
])
def test_shipped_glossary_renders_sample_sentences(real, text, expected):
    glossary, _ = real
    got = [(m.text, m.term.en) for m in glossary.find(text)]
    for pair in expected:
        assert pair in got


def _canon_token_by_token(text: str):
    """The canonical tokens the plain way, one step per token (what termbase._canon must equal)."""
    words, starts, ends = termbase._tokens(text)
    keys = [termbase._keys(w) for w in words]
    out = ([], [], [], [], [], [])
    i = 0
    while i < len(words):
        for variant in termbase._VARIANTS_BY_FIRST.get(keys[i][1], ()):
            n = len(variant.written)
            if tuple(k[1] for k in keys[i:i + n]) == variant.written:
                last = len(variant.canonical) - 1
                for k, (fold, case) in enumerate(variant.canonical):
                    for column, value in zip(out, (fold, case, starts[i], ends[i + n - 1], k == 0, k == last)):
                        column.append(value)
                i += n
                break
        else:
            for column, value in zip(out, (*keys[i], starts[i], ends[i], True, True)):
                column.append(value)
            i += 1
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["T", ".", "Ư", "W", "TƯ", "TW", "T.Ư", "Trung", "ương", "t", "Đảng", "–", "4"]),
                max_size=12), st.lists(st.sampled_from([" ", "", "  "]), min_size=12, max_size=12))
def test_abbreviation_variants_are_expanded_wherever_they_stand_as_token_by_token(tokens, gaps):
    text = "".join(token + gap for token, gap in zip(tokens, gaps))
    canon = termbase._canon(text)
    if canon.can_start is None:  # no variant can begin here: the tokens are the text's own
        assert not any(k[1] in termbase._VARIANT_FIRSTS for k in map(termbase._keys, termbase._tokens(text)[0]))
        n = len(canon.folds)  # (_tokens' starts end with the text's length: one past the last token)
        canon = (canon.folds, canon.cases, canon.starts[:n], canon.ends, [True] * n, [True] * n)
    assert tuple(canon) == _canon_token_by_token(text)
