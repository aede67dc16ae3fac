"""Reading a TMX from another tool: any vi/en variant, inline codes dropped, streamed, refused whole when bad."""

import pytest

from xlate.errors import InputError
from xlate.mt.tmx import Tally, read_units

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="vi-VN" creationdate="20190301T101500Z"/>\n<body>\n'
TAIL = "</body>\n</tmx>\n"


def tmx(tmp_path, body: str, head: str = HEAD, tail: str = TAIL):
    path = tmp_path / "in.tmx"
    path.write_text(head + body + tail, encoding="utf-8")
    return path


def tu(vi: str, en: str, en_lang: str = "en-GB", vi_lang: str = "vi-VN", attrs: str = "") -> str:
    return (f'<tu{attrs}><tuv xml:lang="{vi_lang}"><seg>{vi}</seg></tuv>'
            f'<tuv xml:lang="{en_lang}"><seg>{en}</seg></tuv></tu>\n')


def read(path, tally=None):
    return list(read_units(path, "legacy.tmx", tally))


def test_any_variant_of_vietnamese_and_english_is_read_whatever_its_case(tmp_path):
    body = (tu("Một.", "One.", "EN-US", "VI-VN") + tu("Hai.", "Two.", "en", "vi")
            + tu("Ba.", "Three.", "en_GB", "vi_vn"))
    assert [(u.source, u.target) for u in read(tmx(tmp_path, body))] == [("Một.", "One."), ("Hai.", "Two."), ("Ba.", "Three.")]


def test_inline_codes_are_dropped_and_highlighted_text_kept(tmp_path):
    body = tu('Thủ tướng <bpt i="1">&lt;b&gt;</bpt>Phạm Minh Chính<ept i="1">&lt;/b&gt;</ept> tiếp khách.<ph x="1">&lt;br/&gt;</ph>',
              'Prime Minister <bpt i="1">&lt;b&gt;</bpt>Pham Minh Chinh<ept i="1">&lt;/b&gt;</ept> received '
              '<hi type="i">guests</hi>.<it pos="end">&lt;/i&gt;</it>')
    [unit] = read(tmx(tmp_path, body))
    assert (unit.source, unit.target) == ("Thủ tướng Phạm Minh Chính tiếp khách.", "Prime Minister Pham Minh Chinh received guests.")


def test_text_is_normalized_as_msgids_are(tmp_path):
    decomposed = "Ðảng  ủy\u00a0họp.".replace("ả", "a\u0309")  # eth for Đ, NFD, odd spaces
    [unit] = read(tmx(tmp_path, tu(decomposed, " The   committee met. ")))
    assert (unit.source, unit.target) == ("Đảng ủy họp.", "The committee met.")


def test_british_english_is_preferred_over_other_variants(tmp_path):
    body = ('<tu><tuv xml:lang="vi"><seg>Hợp tác.</seg></tuv><tuv xml:lang="en-US"><seg>Cooperation.</seg></tuv>'
            '<tuv xml:lang="en-GB"><seg>Co-operation.</seg></tuv></tu>\n')
    assert [u.target for u in read(tmx(tmp_path, body))] == ["Co-operation."]


def test_units_lacking_a_side_are_skipped_and_counted(tmp_path):
    body = (tu("Một.", "One.") + tu("Hai.", "Deux.", "fr-FR") + tu("Ba.", "") +
            '<tu><tuv xml:lang="en"><seg>Alone.</seg></tuv></tu>\n')
    tally = Tally()
    assert [u.source for u in read(tmx(tmp_path, body), tally)] == ["Một."]
    assert (tally.units, tally.pairs) == (4, 1)
    assert tally.skipped == {"no English side": 1, "an empty segment": 1, "no Vietnamese side": 1}


def test_dates_come_from_the_unit_then_the_header(tmp_path):
    body = tu("Một.", "One.", attrs=' creationdate="20200101T000000Z" changedate="20210101T000000Z"') + tu("Hai.", "Two.")
    one, two = read(tmx(tmp_path, body))
    assert (one.created, one.changed) == ("20200101T000000Z", "20210101T000000Z")
    assert (two.created, two.changed) == ("20190301T101500Z", "20190301T101500Z")


def test_a_tmx_1_1_file_with_lang_attributes_is_read(tmp_path):
    body = '<tu><tuv lang="VI"><seg>Một.</seg></tuv><tuv lang="EN"><seg>One.</seg></tuv></tu>\n'
    assert [u.target for u in read(tmx(tmp_path, body, head='<tmx version="1.1"><header srclang="VI"/><body>'))] == ["One."]


def refusal(path) -> InputError:
    with pytest.raises(InputError) as refused:
        read(path)
    return refused.value


def test_malformed_xml_is_refused_with_its_line(tmp_path):
    error = refusal(tmx(tmp_path, tu("Một.", "One.") + "<tu><tuv xml:lang='vi'><seg>Hai.</tuv></tu>\n"))
    assert (error.path, error.line) == ("legacy.tmx", 6)
    assert "not well-formed XML" in error.message and "nothing was imported" in error.hint


def test_a_file_with_no_vietnamese_side_says_which_languages_it_has(tmp_path):
    error = refusal(tmx(tmp_path, tu("Eins.", "One.", vi_lang="de-DE") + tu("Zwei.", "Two.", vi_lang="de-DE")))
    assert error.message.startswith("has no Vietnamese side")
    assert "de-DE, en-GB" in error.message and error.line == 3


def test_swapped_language_labels_are_refused_at_the_unit(tmp_path):
    error = refusal(tmx(tmp_path, tu("Một.", "One.") + tu("Two sides met.", "Hai bên gặp nhau.")))
    assert error.line == 6 and "swapped or mislabelled" in error.message


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    (HEAD + TAIL, "holds no translation units"),
    ('<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>\n', "is not a TMX file: its root element is <xliff>"),
])
def test_an_empty_file_or_another_format_is_refused(tmp_path, text, message):
    path = tmp_path / "in.tmx"
    path.write_text(text, encoding="utf-8")
    assert message in refusal(path).message
