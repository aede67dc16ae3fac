"""Values (xlate.text.values): recognised in Vietnamese, rendered in house style, found in English by meaning.

tests/data/value_forms.tsv holds one row per value form the desk meets: the
source sentence, the value as written, its kind, the English xlate renders,
and an English sentence that carries the value right and one that gets it wrong.
"""

import csv
import itertools
import re
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from xlate.text.values import (DEFAULT, Code, CurrencyForm, Date, DateOrder, Ordinal, PercentForm, Quantity, Range,
                               Style, Time, TimeFormat, Value, ValueKind, carry_values, compare, english_values,
                               find_values)

DATA = Path(__file__).parent / "data"


def forms():
    with open(DATA / "value_forms.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


FORMS = forms()


def found(text, style=DEFAULT):
    return [(v.text, v.kind, v.english) for v in find_values(text, style)]


def verdict(source, english, style=DEFAULT):
    """(ok, changed, missing, extra) of an English sentence against the source's values."""
    r = compare(find_values(source, style), english_values(english))
    return (r.ok, [(s.text, e.text) for s, e in r.changed], [s.text for s in r.missing],
            [e.text for e in r.extra if not e.spelled])


# --- every form: recognised, rendered, and checked both ways ------------------------------------


@pytest.mark.parametrize("row", FORMS, ids=[r["form"] for r in FORMS])
def test_each_value_form_is_recognised_and_rendered_in_house_style(row):
    assert found(row["source"]) == [(row["written"], row["kind"], row["english"])]


@pytest.mark.parametrize("row", FORMS, ids=[r["form"] for r in FORMS])
def test_each_value_form_passes_qa_in_another_accepted_english_form(row):
    assert verdict(row["source"], row["right"]) == (True, [], [], [])


@pytest.mark.parametrize("row", FORMS, ids=[r["form"] for r in FORMS])
def test_each_value_form_fails_qa_when_the_english_gets_it_wrong(row):
    ok, changed, missing, _ = verdict(row["source"], row["wrong"])
    assert not ok and (changed or missing)
    assert [s for s, _ in changed] + missing == [row["written"]]


@pytest.mark.parametrize("row", FORMS, ids=[r["form"] for r in FORMS])
def test_the_rendering_itself_passes_qa(row):
    value = find_values(row["source"])[0]
    english = row["source"][:value.start] + value.english + row["source"][value.end:]
    assert verdict(row["source"], english)[0]


def test_a_value_is_frozen_and_its_offsets_point_at_its_text():
    text = "Ngày 16-7, tại Hà Nội, 1.250 đảng viên dự Đại hội XIII, lúc 14h30."
    values = find_values(text)
    assert [v.text for v in values] == ["16-7", "1.250", "Đại hội XIII", "14h30"]
    for v in values:
        assert text[v.start:v.end] == v.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        values[0].english = "x"
    assert values[0].kind == "date" and isinstance(values[0].kind, ValueKind)


def test_canonical_values_compare_by_meaning_not_by_writing():
    assert find_values("1.250")[0].canonical == Quantity(Decimal(1250))
    assert find_values("12,5%")[0].canonical == Quantity(Decimal("12.5"), "%")
    assert find_values("2.300 tỷ đồng")[0].canonical == Quantity(Decimal(2300 * 10 ** 9), "VND")
    assert find_values("3 nghìn tỷ đồng")[0].canonical == find_values("3.000 tỷ đồng")[0].canonical
    assert find_values("ngày 16-7")[0].canonical == find_values("ngày 16/7")[0].canonical == Date(16, 7)
    assert find_values("14h30")[0].canonical == find_values("14:30")[0].canonical == Time(14, 30)
    assert find_values("2h chiều")[0].canonical == Time(14)
    assert find_values("khóa XII")[0].canonical == find_values("lần thứ 12")[0].canonical == Ordinal(12)
    assert find_values("19-21 độ C")[0].canonical == Range(Quantity(19, "°C"), Quantity(21, "°C"))
    assert find_values("số 04/NQ-CĐVC")[0].canonical == Code("04/NQ-CDVC")


# --- what is not a value -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Văn phòng T.Ư Đảng tổ chức hội nghị.",  # no plenum without a number
    "Các cơ quan Trung ương 5 năm qua",  # … nor without Hội nghị / Nghị quyết: 5 is a count
    "ba mẹ tôi",  # parents, not three
    "sáng thứ Hai, ông Hai nói",  # Monday, and a man called Hai
    "hơn 2/3 đại biểu tán thành",  # two thirds, not 2 March
    "150 đồng chí",  # comrades, not dong
    "Kế hoạch toàn khóa",  # a tenure without a number
])
def test_words_that_only_look_like_values_are_left_alone(text):
    values = find_values(text)
    assert all(v.kind == ValueKind.NUMBER and v.canonical.unit == "" for v in values), values
    assert "2/3" not in [v.text for v in values] and "T.Ư" not in " ".join(v.text for v in values)


def test_nam_is_a_year_not_five_and_a_year_keeps_no_comma():
    assert found("trong năm 2024") == [("2024", "number", "2024")]
    assert found("Thứ năm, kiểm tra") == [("Thứ năm", "ordinal", "Fifth")]


def test_a_number_with_a_leading_zero_or_after_a_document_word_is_an_identifier_kept_as_written():
    assert found("Kết luận số 01 và Chỉ thị 05") == [("01", "code", "01"), ("05", "code", "05")]
    assert found("Điều 5 của Luật") == [("5", "code", "5")]  # not "five"


def test_codes_lose_their_diacritics_and_keep_their_form():
    assert found("Chỉ thị số: 34-CT/TW và Luật số 12/2024/QH15, dịch COVID-19") == [
        ("34-CT/TW", "code", "34-CT/TW"), ("12/2024/QH15", "code", "12/2024/QH15"), ("COVID-19", "code", "COVID-19")]


def test_a_small_number_is_spelt_out_only_as_a_count_before_its_noun():
    assert found("1. Chuẩn bị tài liệu") == [("1", "number", "1")]  # a list number
    assert found("vòng 5 V.League") == [("5", "number", "5")]
    assert found("giá trị = 1</b>") == [("1", "number", "1")]
    assert found("sau 5 năm") == [("5", "number", "five")]


def test_a_number_word_mid_sentence_with_a_capital_is_a_name_but_at_the_start_a_number():
    assert found("Ông Tám dự") == []
    assert found("Tám đơn vị dự") == [("Tám", "number", "Eight")]


# --- house style settings ------------------------------------------------------------------------


def test_every_style_choice_changes_the_rendering():
    text = "Ngày 16-7, lúc 14h30, dự án 2.300 tỷ đồng tăng 12,5% sau 5 năm."
    assert [v.english for v in find_values(text)] == ["16 July", "2:30 pm", "2.3 trillion VND", "12.5%", "five"]
    other = Style(date_order=DateOrder.MONTH_DAY, time_format=TimeFormat.H24, currency=CurrencyForm.CODE_BEFORE,
                  percent=PercentForm.WORDS, spell_out_below=0)
    assert [v.english for v in find_values(text, other)] == ["July 16", "14:30", "VND2.3 trillion", "12.5 per cent",
                                                             "5"]
    words = Style(currency=CurrencyForm.WORDS)
    assert [v.english for v in find_values("1,5 triệu USD và 500 triệu đồng", words)] == [
        "1.5 million US dollars", "500 million dong"]


def test_the_style_changes_the_english_never_the_canonical_value():
    text = "Ngày 16-7, lúc 14h30, dự án 2.300 tỷ đồng tăng 12,5% sau 5 năm."
    other = Style(date_order=DateOrder.MONTH_DAY, time_format=TimeFormat.H24, spell_out_below=0)
    assert [v.canonical for v in find_values(text)] == [v.canonical for v in find_values(text, other)]


def test_ordinals_below_the_limit_are_words_and_above_it_figures():
    assert [v.english for v in find_values("lần thứ 9 và lần thứ 10")] == ["ninth", "10th"]
    assert [v.english for v in find_values("lần thứ 9", Style(spell_out_below=0))] == ["9th"]


# --- English forms -----------------------------------------------------------------------------------


@pytest.mark.parametrize("english, canonical", [
    ("1,250", Quantity(Decimal(1250))),
    ("1250", Quantity(Decimal(1250))),
    ("1.25 thousand", Quantity(Decimal(1250))),
    ("1 million", Quantity(Decimal(10 ** 6))),
    ("a million", Quantity(Decimal(10 ** 6))),
    ("two", Quantity(Decimal(2))),
    ("twenty-five", Quantity(Decimal(25))),
    ("12.5 percent", Quantity(Decimal("12.5"), "%")),
    ("2.3bn", Quantity(Decimal("2.3E9"))),
    ("VND2.3 trillion", Quantity(Decimal("2.3E12"), "VND")),
    ("2.3 trillion dong", Quantity(Decimal("2.3E12"), "VND")),
    ("US$1.5 million", Quantity(Decimal("1.5E6"), "USD")),
    ("1.5 million US dollars", Quantity(Decimal("1.5E6"), "USD")),
    ("20 sq km", Quantity(Decimal(20), "km²")),
    ("5 tonnes", Quantity(Decimal(5), "t")),
    ("16 July", Date(16, 7)),
    ("July 16", Date(16, 7)),
    ("the 16th of July", Date(16, 7)),
    ("July 16, 2024", Date(16, 7, 2024)),
    ("2024-07-16", Date(16, 7, 2024)),
    ("noon", Time(12)),
    ("2:30 p.m.", Time(14, 30)),
    ("twelfth", Ordinal(12)),
    ("twenty-first", Ordinal(21)),
])
def test_english_values_read_every_accepted_form(english, canonical):
    [value] = english_values(f"It was {english} then.")
    assert value.canonical == canonical and value.text.endswith(english.split()[-1])


def test_a_vietnamese_form_left_in_english_reads_as_english_would_read_it():
    [value] = english_values("There are 1.250 documents.")
    assert value.canonical == Quantity(Decimal("1.25"))


def test_may_the_verb_and_a_lone_article_are_no_values():
    assert english_values("I am sure it may rain; a cat and an owl.") == []


# --- compare: the QA verdicts ---------------------------------------------------------------------


@pytest.mark.parametrize("source, english", [
    ("Có 1.000.000 người.", "There are 1 million people."),
    ("Hai bên trao đổi.", "The two sides talked."),
    ("Ngày 16-7, hội nghị khai mạc.", "On July 16, the conference opened."),
    ("Ngày 16-7, hội nghị khai mạc.", "On 16 July 2024, the conference opened."),  # more than the source: fine
    ("Giai đoạn 2019-2024.", "Between 2019 and 2024."),
    ("Doanh thu tăng từ 1.250 lên 1.500 tỷ đồng.", "Revenue rose from 1,250 to VND1.5 trillion."),
])
def test_no_false_alarm_when_the_english_writes_the_value_another_way(source, english):
    assert verdict(source, english) == (True, [], [], [])


def test_a_changed_value_is_named_with_what_the_english_has():
    assert verdict("Có 1.250 người, ngày 16-7.", "There are 1,205 people, on 17 July.") == (
        False, [("1.250", "1,205"), ("16-7", "17 July")], [], [])


def test_a_value_the_english_lacks_is_missing():
    assert verdict("Có 1.250 người.", "There are many people.") == (False, [], ["1.250"], [])


def test_a_value_in_the_english_that_the_source_lacks_is_extra_but_no_error():
    assert verdict("Có 1.250 người.", "There are 1,250 people in 2024.") == (True, [], [], ["2024"])


def test_spelt_out_words_of_idiom_are_never_extra_values():
    r = compare(find_values("Đây là một trong những thành tựu."), english_values("This is one of the first."))
    assert r.ok and all(e.spelled for e in r.extra)


def test_a_value_repeated_in_the_source_must_be_repeated_in_the_english():
    assert verdict("5 người và 5 người", "five people and five people")[0]
    assert verdict("5 người và 5 người", "five people and people") == (False, [], ["5"], [])


# --- carry_values ------------------------------------------------------------------------------------


def test_carry_values_replaces_each_changed_value_found_by_value_in_the_translation():
    old = "Ngày 16-7, Tổng Bí thư gặp 1.250 đảng viên."
    new = "Ngày 17-7, Tổng Bí thư gặp 1.300 đảng viên."
    assert carry_values(old, new, "On July 16, the General Secretary met 1,250 Party members.") == \
        "On July 17, the General Secretary met 1,300 Party members."


def test_carry_values_keeps_the_form_the_translation_used():
    assert carry_values("Sau hai năm", "Sau ba năm", "Two years later") == "Three years later"
    assert carry_values("Đại hội XIII của Đảng", "Đại hội XIV của Đảng", "the 13th National Party Congress") == \
        "the 14th National Party Congress"
    assert carry_values("lúc 14h30", "lúc 15h", "at 14:30") == "at 15:00"
    assert carry_values("ngày 16-7", "ngày 17-7", "on 16 July 2024") == "on 17 July 2024"


def test_carry_values_writes_a_new_value_of_another_form_in_house_style():
    assert carry_values("đạt 2.300 tỷ đồng", "đạt 2.500 tỷ đồng", "reached VND2.3 trillion") == \
        "reached 2.5 trillion VND"
    style = Style(currency=CurrencyForm.CODE_BEFORE)
    assert carry_values("đạt 2.300 tỷ đồng", "đạt 2.500 tỷ đồng", "reached VND2.3 trillion", style) == \
        "reached VND2.5 trillion"


def test_carry_values_with_identical_sources_returns_the_translation_unchanged():
    assert carry_values("Có 5 người.", "Có 5 người.", "Five people.") == "Five people."


def test_carry_values_finds_the_changed_twin_not_the_unchanged_one():
    assert carry_values("5 người và 5 tỉnh", "5 người và 6 tỉnh", "five people and five provinces") == \
        "five people and six provinces"


@pytest.mark.parametrize("old, new, translation", [
    ("Sau hai năm", "Trước ba năm", "After two years"),  # a word changed too
    ("Có 5 người", "Có 5 người và 6 tỉnh", "Five people"),  # a value added
    ("Có 1.250 người", "Có 1.300 người", "There are many people"),  # the value is not in the translation
    ("Có 1.250 người", "Có 1.300 người", "There are 1.250 people"),  # only its Vietnamese form is (1.25 in English)
])
def test_carry_values_gives_none_when_the_sources_differ_otherwise_or_the_value_is_not_found(old, new, translation):
    assert carry_values(old, new, translation) is None


def test_value_is_a_plain_record_of_the_documented_fields():
    assert [f.name for f in dataclasses.fields(Value)] == ["start", "end", "text", "kind", "canonical", "english"]


def test_a_style_takes_its_choices_as_plain_strings_and_refuses_others_by_name():
    assert Style(date_order="month-day", time_format="24h").date_order == DateOrder.MONTH_DAY
    with pytest.raises(ValueError, match="date_order must be one of 'day-month', 'month-day', not 'dmy'"):
        Style(date_order="dmy")
    with pytest.raises(ValueError, match="spell_out_below"):
        Style(spell_out_below=-1)


def dev_set():
    with open(DATA / "values_dev.tsv", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return [(r["sentence"], [tuple(v.split(" => ")) for v in r["values"].split(" | ")])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.mark.parametrize("sentence, gold", dev_set(), ids=[s[:40] for s, _ in dev_set()])
def test_every_value_of_the_development_set_is_found_and_rendered_as_its_gold_english(sentence, gold):
    assert [(v.text, v.english) for v in find_values(sentence)] == gold


def test_the_anchor_regex_knows_every_letter_case_insensitive_matching_takes_for_a_first_letter():
    # _ANCHOR starts with a class of first letters; (?i:s) also matches ſ, so the class must hold it.
    from xlate.text.values.vietnamese import ANCHOR_WORDS, _FOLDS_TO

    for first in {word[0] for word in ANCHOR_WORDS}:
        letter = re.compile(f"(?i:{first})")
        matched = {chr(c) for c in range(0x110000) if letter.fullmatch(chr(c))}
        assert matched == set(first + first.upper() + _FOLDS_TO.get(first, ""))


@pytest.mark.parametrize("length,alphabet", [
    (3, "aAhHbBnNsSſtTIVXLcCmMăáốảườ1٣ .-"),  # first letters, look-alikes, what follows them, digits
    (4, "ahbnsIVđấờ1 "),
])
def test_the_anchor_regex_finds_what_the_plain_one_finds_in_every_short_text(length, alphabet):
    from xlate.text.values.vietnamese import _ANCHOR, ANCHOR_PLAIN

    plain = re.compile(ANCHOR_PLAIN)
    for letters in itertools.product(alphabet, repeat=length):
        text = "".join(letters)
        assert [m.span() for m in _ANCHOR.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_anchor_regex_finds_what_the_plain_one_finds_in_sentences():
    from xlate.text.values.vietnamese import _ANCHOR, ANCHOR_PLAIN

    plain = re.compile(ANCHOR_PLAIN)
    for text in ["Năm 2019, hai mươi mốt người; Ba tháng sau, MƯỜI HAI đoàn (Khóa XIV) đến",
                 "Sáu giờ sáng thứ Tư, bà Bảy bán tám chín cân cam; nhất là ngày 30/4",
                 "Hai-ba lần, ſáu, IVXL, LX2, 2năm, năm2, hainăm, Chín_mươi"]:
        assert [m.span() for m in _ANCHOR.finditer(text)] == [m.span() for m in plain.finditer(text)]
