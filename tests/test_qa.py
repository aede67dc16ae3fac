"""QA: the checks on one translation, the catalog report, and `xlate check` / `xlate glossary check`.

Errors are things wrong in a translation (a required rendering missing, a
value missing or changed, diacritics left, unbalanced quotes or brackets);
warnings are work not finished (untranslated, fuzzy) or doubtful (an extra value).
"""

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest

from xlate import qa
from xlate.model import Diagnostic, Severity
from xlate.glossary.enforce import Requirement, requirements
from xlate.glossary import TYPES, Glossary, Term

from conftest import REPO, invoke as xlate


def req(vi, en, kind="term"):
    return Requirement(vi, en, kind, 0, len(vi))


PARTY_MEMBER = req("đảng viên", "Party member")
EMULATION = req("thi đua yêu nước", "patriotic emulation")
POLITBURO = req("Bộ Chính trị", "Politburo", "organization")
TO_LAM = req("Tô Lâm", "To Lam", "name")


def with_values(source, reqs):
    """The given requirements plus the source's values (as `xlate run` makes them)."""
    return list(reqs) + [r for r in requirements(source, Glossary()) if r.is_value]


def checks(source, translation, reqs=()):
    return [(f.check, f.severity) for f in qa.check(source, translation, with_values(source, reqs))]


def messages(source, translation, reqs=()):
    return [f.message for f in qa.check(source, translation, with_values(source, reqs))]


# --- glossary and name renderings ------------------------------------------------------------


def test_a_missing_glossary_rendering_is_an_error_naming_the_english_and_the_vietnamese():
    findings = qa.check("Đảng viên Bộ Chính trị họp.", "Members of the Party met.", [PARTY_MEMBER])
    assert [(f.check, f.severity, f.message) for f in findings] == [
        ("glossary", "error", 'missing glossary rendering "Party member" for "đảng viên"')]
    assert qa.comment_line(findings[0]) == 'qa: missing glossary rendering "Party member" for "đảng viên"'


def test_a_present_glossary_rendering_is_not_reported():
    assert checks("đảng viên", "A Party member spoke.", [PARTY_MEMBER]) == []


def test_a_plural_of_the_rendering_counts_as_the_rendering():
    assert checks("các đảng viên", "Party members met.", [PARTY_MEMBER]) == []
    assert checks("các đảng viên", "officials and Party members met.", [PARTY_MEMBER]) == []


def test_a_lower_case_rendering_may_be_capitalised_at_the_start_of_a_sentence():
    assert checks("thi đua yêu nước", "Patriotic emulation is key.", [EMULATION]) == []


def test_only_the_first_letter_may_change_case():
    assert checks("thi đua yêu nước", "Patriotic Emulation is key.", [EMULATION]) == [("glossary", "error")]
    assert checks("đảng viên", "PARTY MEMBER", [PARTY_MEMBER]) == [("glossary", "error")]


def test_a_capitalised_rendering_lower_cased_in_running_text_is_reported():
    assert checks("Bộ Chính trị họp", "The politburo met.", [POLITBURO]) == [("glossary", "error")]


def test_a_y_to_ies_plural_counts_as_the_rendering():
    deputy = req("đại biểu Quốc hội", "National Assembly deputy")
    assert checks("các đại biểu Quốc hội", "National Assembly deputies met.", [deputy]) == []


def test_a_missing_name_is_an_error_of_its_own_kind():
    findings = qa.check("Tô Lâm phát biểu.", "The leader spoke.", [TO_LAM])
    assert [(f.check, f.severity, f.message) for f in findings] == [
        ("name", "error", 'missing name rendering "To Lam" for "Tô Lâm"')]


def test_a_requirement_repeated_in_the_unit_is_reported_once():
    reqs = [PARTY_MEMBER, Requirement("đảng viên", "Party member", "term", 20, 29)]
    assert checks("đảng viên … đảng viên", "members … members", reqs) == [("glossary", "error")]


def test_an_empty_translation_has_nothing_to_check():
    assert qa.check("Tô Lâm có 5 năm “công tác”.", "", [TO_LAM]) == []


# --- Vietnamese diacritics ----------------------------------------------------------------


def test_vietnamese_letters_left_in_the_english_are_an_error_listing_the_words():
    assert messages("Tô Lâm đến.", "Tô Lâm arrived in Việt Nam.") == [
        "Vietnamese diacritics left in the English: Lâm, Tô, Việt"]
    assert checks("Đà Nẵng", "Đa Nang") == [("diacritics", "error")]


def test_english_without_vietnamese_letters_passes_even_with_other_accents():
    assert checks("Tô Lâm đến.", "To Lam arrived at the café in Hanoi.") == []


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize("source, translation", [
    ("Có 1.250 đảng viên.", "There are 1,250 Party members."),
    ("Có 1.250 đảng viên.", "There are 1.25 thousand Party members."),
    ("Có 1.000.000 người.", "There are 1,000,000 people."),
    ("Có 1.000.000 người.", "There are 1 million people."),  # the known false alarm of string comparison
    ("Tăng 12,5% so với năm 2023.", "Up 12.5% on 2023."),
    ("Nghị quyết số 04/NQ-CĐVC ngày 16.8.2019.", "Resolution No. 04/NQ-CDVC dated 16 August 2019."),
    ("Ngày 16-7, hội nghị khai mạc.", "On July 16, the conference opened."),
    ("Ngày 16-7, hội nghị khai mạc.", "On 16 July, the conference opened."),
    ("Ngày 16/7 hội nghị khai mạc.", "The conference opened on the 16th of July."),
    ("Sau 5 năm thực hiện.", "After five years of implementation."),
    ("Qua hai năm thực hiện.", "After two years of implementation."),
    ("Lần thứ 3 tổ chức.", "Held for the third time."),
    ("Giai đoạn 2019-2024.", "The 2019-2024 period."),
    ("Đạt 1.250,5 tỷ đồng.", "Reached 1,250.5 billion dong."),
])
def test_values_carried_over_in_any_english_form_are_accepted(source, translation):
    assert checks(source, translation) == []


@pytest.mark.parametrize("source, translation, message", [
    ("Sau 5 năm thực hiện.", "After years of implementation.", 'value missing: "5" (five) is not in the English'),
    ("Có 1.250 đảng viên.", "There are 1,205 Party members.",
     'value changed: "1.250" (1,250) is "1,205" in the English'),
    ("Có 1.250 đảng viên.", "There are 1.250 Party members.",  # 1.250 in English is 1.25
     'value changed: "1.250" (1,250) is "1.250" in the English'),
    ("Tăng 12,5%.", "Up 125%.", 'value changed: "12,5%" (12.5%) is "125%" in the English'),
    ("Ngày 16-7, hội nghị khai mạc.", "In July, the conference opened.",
     'value changed: "16-7" (16 July) is "July" in the English'),
    ("Ngày 16.8.2019.", "On 16 August.", 'value changed: "16.8.2019" (16 August 2019) is "16 August" in the English'),
    ("Đạt 2.300 tỷ đồng.", "Reached 2.3 billion VND.",
     'value changed: "2.300 tỷ đồng" (2.3 trillion VND) is "2.3 billion VND" in the English'),
])
def test_a_value_missing_or_changed_is_an_error_naming_the_source_value_and_the_english(source, translation, message):
    findings = qa.check(source, translation, with_values(source, []))
    assert [(f.check, f.severity, f.message) for f in findings] == [("value", "error", message)]


def test_a_value_in_the_english_the_source_lacks_is_a_warning():
    findings = qa.check("Có 1.250 đảng viên.", "There are 1,250 Party members, 30% of them women.",
                        with_values("Có 1.250 đảng viên.", []))
    assert [(f.check, f.severity, f.message) for f in findings] == [
        ("value", "warning", 'extra value in the English: "30%" is not in the source')]


def test_a_value_inside_a_glossary_rendering_belongs_to_the_rendering():
    glossary = Glossary([Term("Đại hội XIII của Đảng", "13th National Party Congress", "term")])
    reqs = requirements("Đại hội XIII của Đảng họp.", glossary)
    assert [(r.vi, r.is_value) for r in reqs] == [("Đại hội XIII của Đảng", False)]  # the glossary wins
    assert qa.check("Đại hội XIII của Đảng họp.", "The 13th National Party Congress met.", reqs) == []
    # Lost with its rendering: one error, the rendering's, and no extra warning for a stray "13th".
    assert [f.message for f in qa.check("Đại hội XIII của Đảng họp.", "The 13th Congress met.", reqs)] == [
        'missing glossary rendering "13th National Party Congress" for "Đại hội XIII của Đảng"']


# --- quotes and brackets ----------------------------------------------------------------------


@pytest.mark.parametrize("source, translation, pair", [
    ("Phong trào “Tham mưu giỏi”.", "The “Good advice movement.", "“…”"),
    ("Phong trào “Tham mưu giỏi”.", "The Good advice” movement.", "“…”"),
    ("Hội nghị (lần thứ nhất).", "The conference (the first.", "(…)"),
    ("Hội nghị [ảnh].", "The conference photo].", "[…]"),
    ("Gọi là ‘điển hình’.", "Called ‘models.", "‘…’"),
])
def test_an_unbalanced_pair_in_the_english_is_an_error_when_the_source_is_balanced(source, translation, pair):
    assert messages(source, translation) == [f"unbalanced {pair} in the English"]


def test_balanced_pairs_pass():
    assert checks("Phong trào “Tham mưu giỏi” (2019) [ảnh] ‘a’.",
                  "The “Good advice” movement (2019) [photo] ‘a’.") == []


def test_an_unbalanced_source_excuses_the_same_imbalance_in_the_english():
    # The scraped source itself opens a quotation it never closes.
    assert checks("Bác dặn: “Toàn Đảng đoàn kết.", "Uncle Ho said: “The whole Party unite.") == []
    assert checks("Hội nghị (lần thứ nhất.", "The conference (the first.") == []


def test_an_odd_number_of_straight_quotes_is_an_error_only_when_the_source_has_an_even_number():
    assert messages('Phong trào "Tham mưu giỏi".', 'The "Good advice movement.') == ['unbalanced " in the English']
    assert checks('Phong trào "Tham mưu giỏi".', 'The "Good advice" movement.') == []
    assert checks('Phong trào "Tham mưu giỏi.', 'The "Good advice movement.') == []


def test_a_curly_apostrophe_is_not_an_unbalanced_single_quote():
    assert checks("Chủ trương của Đảng.", "The Party’s policy.") == []


# --- status warnings -------------------------------------------------------------------------


def test_an_empty_translation_is_untranslated_whatever_its_flags():
    for fuzzy in (False, True):
        assert [(f.check, f.severity, f.message) for f in qa.status_findings("", fuzzy)] == [
            ("untranslated", "warning", "not translated yet")]


def test_a_fuzzy_translation_is_a_draft_warning_and_an_approved_one_has_none():
    assert [(f.check, f.severity, f.message) for f in qa.status_findings("Text.", True)] == [
        ("fuzzy", "warning", "draft: needs review")]
    assert qa.status_findings("Text.", False) == []


# --- catalog_rows -------------------------------------------------------------------------------

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. body
#: seeds/a.txt:1
msgid "Tô Lâm gặp 5 đảng viên."
msgstr "The leader met five Party members."

#. body
#: seeds/a.txt:2
#, fuzzy
msgid "Đảng viên."
msgstr "Party members."

#: seeds/a.txt:3
msgid "Câu chưa dịch, rất dài, dài hơn sáu mươi ký tự để thấy phần trích bị cắt ngắn."
msgstr ""

#: seeds/a.txt:4
msgid "Đúng."
msgstr "Right."

#, fuzzy
#~ msgid "Tô Lâm cũ."
#~ msgstr "The old leader."
'''


def test_catalog_rows_give_file_line_msgid_check_severity_and_message_of_every_finding():
    po = polib.pofile(PO)
    lines = PO.split("\n")
    reqs = {"Tô Lâm gặp 5 đảng viên.": [TO_LAM, PARTY_MEMBER], "Đảng viên.": [PARTY_MEMBER],
            "Tô Lâm cũ.": [TO_LAM]}  # obsolete: never reported
    rows = qa.catalog_rows("translate/a.po", po, reqs)
    assert [(r.path, r.msgid, r.check, r.severity, r.message) for r in rows] == [
        ("translate/a.po", "Tô Lâm gặp 5 đảng viên.", "name", "error", 'missing name rendering "To Lam" for "Tô Lâm"'),
        ("translate/a.po", "Đảng viên.", "fuzzy", "warning", "draft: needs review"),
        ("translate/a.po", po[2].msgid, "untranslated", "warning", "not translated yet"),
    ]
    for row in rows:
        # The line is that of the entry: its first line, or its msgid line.
        start = row.line - 1
        following = lines[start:start + 5]
        assert following[0].startswith(("#", "msgid")), row
        assert f'msgid "{row.msgid}"' in following, row


def test_a_report_row_reads_file_line_severity_message_and_an_excerpt_of_the_msgid():
    short = Diagnostic(Severity.ERROR, 'value missing: "5" (five) is not in the English', "value",
                       "translate/a.po", 7, "Đúng.")
    assert str(short) == 'translate/a.po:7: error: value missing: "5" (five) is not in the English  [Đúng.]'
    long = Diagnostic(Severity.WARNING, "draft: needs review", "fuzzy", "translate/a.po", 9, "x" * 61)
    assert str(long) == f"translate/a.po:9: warning: draft: needs review  [{'x' * 57}…]"
    assert short.as_dict() == {"file": "translate/a.po", "line": 7, "msgid": "Đúng.", "check": "value",
                               "severity": "error", "message": 'value missing: "5" (five) is not in the English'}


# --- xlate check ---------------------------------------------------------------------------------


def workspace(tmp_path, seeds: dict[str, str] | None = None) -> Path:
    """The shipped glossary plus the sample seeds (or the given ones), catalogs made by run --no-mt."""
    ws = tmp_path / "ws"
    ws.mkdir()
    shutil.copytree(REPO / "glossary", ws / "glossary")
    if seeds is None:
        shutil.copytree(REPO / "seeds", ws / "seeds")
    else:
        (ws / "seeds").mkdir()
        for name, text in seeds.items():
            (ws / "seeds" / name).write_text(text, encoding="utf-8")
    result = xlate(ws, "run", "--no-mt")
    assert result.exit_code == 0, result.output
    return ws


def review(path: Path, translations: dict[str, str], fuzzy: set[str] = frozenset()) -> None:
    """A reviewer in Poedit: fill in translations; approve them unless listed in `fuzzy`."""
    po = polib.pofile(str(path))
    for msgid, msgstr in translations.items():
        entry = po.find(msgid)
        assert entry is not None, msgid
        entry.msgstr = msgstr
        entry.flags = ["fuzzy"] if msgid in fuzzy else []
    po.save(str(path))


def entry_lines(path: Path, msgid: str) -> range:
    """1-based lines from the entry's first line to its msgid line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("msgid ") and msgid_at(lines, i) == msgid)
    start = at
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return range(start + 1, at + 2)


def msgid_at(lines: list[str], i: int) -> str:
    """The msgid starting on line i (0-based), its wrapped continuation lines joined."""
    pieces = [lines[i][len("msgid "):]]
    for line in lines[i + 1:]:
        if not line.startswith('"'):
            break
        pieces.append(line)
    return "".join(json.loads(piece) for piece in pieces)


BLOC = "Để làm được điều này, đòi hỏi Đảng ủy Khối cần quyết liệt hơn trong lãnh đạo, chỉ đạo."
LAM = "Đồng chí Lại Xuân Lâm báo cáo tại Hội nghị."
STEM = "002_0836816378347a55"


@pytest.fixture
def reviewed(tmp_path):
    """The samples, with one entry approved without its glossary rendering and one approved correctly."""
    ws = workspace(tmp_path)
    review(ws / "translate" / f"{STEM}.po", {
        BLOC: "To achieve this, the bloc's Party organisation must be more resolute in leadership and direction.",
        LAM: "Comrade Lai Xuan Lam reports at the Conference.",
    })
    return ws


def test_check_reports_a_missing_rendering_as_file_line_error_and_exits_1(reviewed):
    result = xlate(reviewed, "check")
    assert result.exit_code == 1
    path = reviewed / "translate" / f"{STEM}.po"
    pattern = re.compile(rf'^translate/{STEM}\.po:(\d+): error: missing glossary rendering '
                         rf'"Bloc Party Committee" for "Đảng ủy Khối"  \[Để làm được điều này, .*…\]$', re.M)
    found = pattern.findall(result.output)
    assert len(found) == 1, result.output
    assert int(found[0]) in entry_lines(path, BLOC)


def test_check_reports_nothing_for_an_approved_correct_translation(reviewed):
    result = xlate(reviewed, "check")
    path = reviewed / "translate" / f"{STEM}.po"
    lines = {f"translate/{STEM}.po:{n}:" for n in entry_lines(path, LAM)}
    assert not [row for row in result.output.splitlines() if row.startswith(tuple(lines))]
    assert f"[{LAM}]" not in result.output


def test_check_counts_untranslated_units_as_warnings_in_its_summary(reviewed):
    result = xlate(reviewed, "check")
    assert re.search(r"^1 error\(s\), \d+ warning\(s\) in 5 catalog\(s\)$", result.output, re.M), result.output
    assert f"translate/{STEM}.po" in result.output
    assert ": warning: not translated yet  [" in result.output


def test_check_json_lists_every_finding_with_its_fields_and_the_counts(reviewed):
    result = xlate(reviewed, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {"errors", "warnings", "findings"} <= set(data)
    findings = data["findings"]
    assert all(set(f) == {"file", "line", "msgid", "check", "severity", "message"} for f in findings)
    assert data["errors"] == sum(f["severity"] == "error" for f in findings) == 1
    assert data["warnings"] == sum(f["severity"] == "warning" for f in findings) > 100
    [error] = [f for f in findings if f["severity"] == "error"]
    path = reviewed / "translate" / f"{STEM}.po"
    assert error["file"] == f"translate/{STEM}.po" and error["line"] in entry_lines(path, BLOC)
    assert (error["msgid"], error["check"]) == (BLOC, "glossary")
    assert error["message"] == 'missing glossary rendering "Bloc Party Committee" for "Đảng ủy Khối"'
    assert not [f for f in findings if f["msgid"] == LAM]


TINY = {"tiny.txt": "Tổng Bí thư Tô Lâm thăm Hà Nội\n\n"
                    "Ngày 16-7, Tổng Bí thư Tô Lâm gặp 1.250 đảng viên tại Hà Nội.\n\n"
                    "Các đảng viên cảm ơn Tổng Bí thư.\n"}
TINY_EN = {
    "Tổng Bí thư Tô Lâm thăm Hà Nội": "General Secretary To Lam visits Hanoi",
    "Ngày 16-7, Tổng Bí thư Tô Lâm gặp 1.250 đảng viên tại Hà Nội.":
        "On July 16, General Secretary To Lam met 1,250 Party members in Hanoi.",
    "Các đảng viên cảm ơn Tổng Bí thư.": "Party members thanked the General Secretary.",
}


def test_check_exits_0_when_every_translation_is_right_and_only_a_draft_remains(tmp_path):
    ws = workspace(tmp_path, TINY)
    assert len(polib.pofile(str(ws / "translate" / "tiny.po"))) == 3
    review(ws / "translate" / "tiny.po", TINY_EN, fuzzy={"Các đảng viên cảm ơn Tổng Bí thư."})
    result = xlate(ws, "check")
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    assert re.search(r"^translate/tiny\.po:\d+: warning: draft: needs review  \[Các đảng viên", result.output, re.M)
    assert result.output.rstrip().endswith("0 error(s), 1 warning(s) in 1 catalog(s)")
    data = json.loads(xlate(ws, "check", "--format", "json").output)
    assert (data["errors"], data["warnings"]) == (0, 1)


def test_check_exits_0_with_no_findings_when_everything_is_approved_and_right(tmp_path):
    ws = workspace(tmp_path, TINY)
    review(ws / "translate" / "tiny.po", TINY_EN)
    result = xlate(ws, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 error(s), 0 warning(s) in 0 catalog(s)"


def test_check_reports_a_missing_name_and_a_lost_number_in_an_approved_translation(tmp_path):
    ws = workspace(tmp_path, TINY)
    review(ws / "translate" / "tiny.po", {**TINY_EN, "Ngày 16-7, Tổng Bí thư Tô Lâm gặp 1.250 đảng viên tại Hà Nội.":
                                          "On July 16, the General Secretary met Party members in Hanoi."})
    result = xlate(ws, "check")
    assert result.exit_code == 1
    assert 'error: missing name rendering "To Lam" for "Tô Lâm"' in result.output
    assert 'error: value missing: "1.250" (1,250) is not in the English' in result.output
    assert "2 error(s), 0 warning(s) in 1 catalog(s)" in result.output


# --- xlate glossary check -------------------------------------------------------------------------


def glossary_rows(folder: Path) -> list[tuple[str, str]]:
    """(file, type) of every term row, read independently of xlate."""
    rows = []
    for path in sorted(folder.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8-sig").split("\n")[1:]:
            if line.strip() and not line.startswith("#"):
                rows.append((path.name, line.split("\t")[2]))
    return rows


def test_glossary_check_passes_the_shipped_glossary_and_prints_counts_by_type(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "glossary", ws / "glossary")
    result = xlate(ws, "glossary", "check")
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    m = re.search(r"^(\d+) term\(s\): (.*)$", result.output, re.M)
    assert m, result.output
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (\w+)", m.group(2))}
    assert set(counts) <= set(TYPES) and sum(counts.values()) == int(m.group(1))
    duplicates = result.output.count(": warning: ")
    expected = Counter(kind for _, kind in glossary_rows(ws / "glossary"))
    assert int(m.group(1)) == sum(expected.values()) - duplicates >= 900
    assert all(counts[k] <= expected[k] for k in counts) and set(counts) == set(expected)
    assert re.search(r"^0 error\(s\), \d+ warning\(s\)$", result.output, re.M)


def bad_glossary(tmp_path, body: str) -> Path:
    ws = tmp_path / "ws"
    (ws / "glossary").mkdir(parents=True)
    (ws / "glossary" / "party.tsv").write_text("vi\ten\ttype\tnote\n" + body, encoding="utf-8")
    return ws


def test_glossary_check_rejects_a_row_with_the_wrong_number_of_columns_with_file_and_line(tmp_path):
    ws = bad_glossary(tmp_path, "Bộ Chính trị\tPolitburo\torganization\t\n"
                                "Đảng ủy Khối Bloc Party Committee organization\n"
                                "Ban Bí thư\tSecretariat\torganization\tnote\textra\n")
    result = xlate(ws, "glossary", "check")
    assert result.exit_code == 1
    assert re.search(r"^glossary/party\.tsv:3: error: found 1 column, expected 4", result.output, re.M), result.output
    assert re.search(r"^glossary/party\.tsv:4: error: found 5 columns, expected 4", result.output, re.M)
    assert "1 term(s): 1 organization" in result.output


def test_glossary_check_rejects_the_same_source_with_a_different_english_naming_both_rows(tmp_path):
    ws = bad_glossary(tmp_path, "Ban Bí thư\tSecretariat\torganization\t\n"
                                "ban bí thư\tParty Secretariat\torganization\t\n")
    result = xlate(ws, "glossary", "check")
    assert result.exit_code == 1
    line = next(row for row in result.output.splitlines() if row.startswith("glossary/party.tsv:3: error:"))
    assert "glossary/party.tsv:2" in line and "'Secretariat'" in line and "'Party Secretariat'" in line


def test_glossary_check_rejects_an_empty_target(tmp_path):
    ws = bad_glossary(tmp_path, "Ban Bí thư\t\torganization\t\n")
    result = xlate(ws, "glossary", "check")
    assert result.exit_code == 1
    assert re.search(r"^glossary/party\.tsv:2: error: the en column is empty", result.output, re.M)


def test_glossary_check_accepts_the_same_source_with_the_same_english_as_a_warning(tmp_path):
    ws = bad_glossary(tmp_path, "Văn phòng Trung ương Đảng\tOffice of the Party Central Committee\torganization\t\n"
                                "Văn phòng T.Ư Đảng\tOffice of the Party Central Committee\torganization\t\n")
    result = xlate(ws, "glossary", "check")
    assert result.exit_code == 0, result.output
    assert re.search(r"^glossary/party\.tsv:3: warning: .*duplicates", result.output, re.M)
