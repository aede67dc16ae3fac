"""Normal forms: what xlate stores (normalize) and what it compares (match_key)."""

import unicodedata

import pytest

from xlate.text.normalize import fold_tones, match_key, normalize, strip_diacritics


def test_stored_form_is_nfc_with_whitespace_collapsed_and_trimmed():
    decomposed = unicodedata.normalize("NFD", "  Hội   nghị\u00a0Trung\tương \u200b ")
    assert normalize(decomposed) == "Hội nghị Trung ương"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


@pytest.mark.parametrize("eth, dee", [("Ðảng", "Đảng"), ("ðồng chí", "đồng chí")])
def test_eth_always_stands_for_the_vietnamese_d_with_stroke(eth, dee):
    assert normalize(eth) == dee


def test_the_stored_form_keeps_the_sources_own_tone_placement():
    assert normalize("hoà bình") == "hoà bình" and normalize("hòa bình") == "hòa bình"


@pytest.mark.parametrize("old, new", [("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe")])
def test_match_key_folds_old_and_new_tone_placement_and_case(old, new):
    assert match_key(old) == match_key(new) == match_key(new.upper()).casefold()


def test_tone_placement_is_only_folded_where_the_two_styles_differ():
    # With a final consonant both styles put the tone on the same vowel: nothing to move.
    assert fold_tones("hoàn") == "hoàn"


@pytest.mark.parametrize("vietnamese, ascii_", [("Nguyễn Văn Nên", "Nguyen Van Nen"),
                                               ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh"),
                                               ("Ðào", "Dao")])
def test_strip_diacritics_gives_the_english_spelling_of_a_name(vietnamese, ascii_):
    assert strip_diacritics(vietnamese) == ascii_


from hypothesis import given, strategies as st  # noqa: E402

WHITE = list(" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2000\u2007\u200a\u200b\u2028\u202f\u205f\u3000\ufeff")


@given(st.lists(st.sampled_from(WHITE + list("aăĐ,.x1")), max_size=40).map("".join))
def test_every_run_of_white_space_becomes_one_space(text):
    import re
    expected = re.sub(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+", " ",
                      unicodedata.normalize("NFC", text)).strip()
    assert normalize(text) == expected
