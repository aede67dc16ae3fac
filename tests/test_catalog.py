"""Catalog merge: msgmerge semantics, and reviewers' work is never lost (docs/design.md, step 4)."""

import subprocess

import polib
import pytest
from hypothesis import given, strategies as st

from xlate import catalog
from xlate.catalog import Entry
from xlate.catalog.merge import approved_after_merge
from xlate.model import Article, Status
from xlate.errors import InputError

ARTICLE = Article(stem="a", source="seeds/a.txt", title="Tiêu đề")
CREATED = "2024-01-02 03:04+0000"


def entries(*texts):
    return [Entry(t, ["body"], [("seeds/a.txt", str(n))]) for n, t in enumerate(texts, 1)]


def roundtrip(po: polib.POFile) -> polib.POFile:
    """What the next run reads back from disk."""
    return polib.pofile(catalog.render(po), wrapwidth=catalog.powrap.WIDTH)


def approve(po, msgid, msgstr):
    entry = po.find(msgid)
    entry.msgstr = msgstr
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    return po


def live(po):
    return {e.msgid: (e.msgstr, catalog.status(e)) for e in po if not e.obsolete}


def test_new_catalog_has_one_empty_entry_per_unit_in_order():
    po = catalog.merge(None, entries("Câu một.", "Câu hai."), ARTICLE, CREATED)
    assert [(e.msgid, e.msgstr) for e in po] == [("Câu một.", ""), ("Câu hai.", "")]
    assert all(catalog.status(e) == Status.UNTRANSLATED for e in po)


def test_header_follows_the_po_conventions():
    po = catalog.merge(None, entries("Câu."), ARTICLE, CREATED)
    meta = po.metadata
    assert meta["Language"] == "en" and meta["X-Source-Language"] == "vi"
    assert meta["Project-Id-Version"] == "a — Tiêu đề"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"].startswith("nplurals=2")
    assert meta["X-Generator"].startswith("xlate ")
    assert meta["POT-Creation-Date"] == CREATED


def test_repeated_unit_is_one_entry_listing_every_reference():
    article = Article(stem="a", source="seeds/a.txt")
    from xlate.model import Unit
    units = [Unit("caption", "Ảnh.", 7, 1, 0, (9,)), Unit("body", "Câu.", 11, 2, 0),
             Unit("caption", "Ảnh.", 15, 3, 0)]
    result = catalog.entries_for(article, units)
    assert [(e.msgid, e.references) for e in result] == [
        ("Ảnh.", [("seeds/a.txt", "7"), ("seeds/a.txt", "9"), ("seeds/a.txt", "15")]),
        ("Câu.", [("seeds/a.txt", "11")])]


def test_approved_translation_is_kept_as_it_is():
    old = roundtrip(approve(catalog.merge(None, entries("Câu một.", "Câu hai."), ARTICLE, CREATED),
                            "Câu một.", "Sentence one."))
    new = catalog.merge(old, entries("Câu một.", "Câu hai."), ARTICLE, "2030-01-01 00:00+0000")
    assert live(new)["Câu một."] == ("Sentence one.", Status.APPROVED)
    assert new.metadata["POT-Creation-Date"] == CREATED  # an existing catalog keeps its dates


def test_translator_comments_and_draft_flags_are_kept():
    po = catalog.merge(None, entries("Câu."), ARTICLE, CREATED)
    po[0].msgstr, po[0].flags, po[0].tcomment = "Draft.", ["fuzzy"], "check the name"
    new = catalog.merge(roundtrip(po), entries("Câu."), ARTICLE, CREATED)
    assert (new[0].msgstr, new[0].flags, new[0].tcomment) == ("Draft.", ["fuzzy"], "check the name")


def test_changed_sentence_inherits_the_old_translation_as_fuzzy_with_previous_msgid():
    old = roundtrip(approve(catalog.merge(None, entries("Hội nghị diễn ra tại Hà Nội vào ngày 16-7."),
                                          ARTICLE, CREATED),
                            "Hội nghị diễn ra tại Hà Nội vào ngày 16-7.", "The conference took place in Hanoi on July 16."))
    new = catalog.merge(old, entries("Hội nghị diễn ra tại Hà Nội ngày 16-7."), ARTICLE, CREATED)
    entry = new.find("Hội nghị diễn ra tại Hà Nội ngày 16-7.")
    assert entry.msgstr == "The conference took place in Hanoi on July 16."
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Hội nghị diễn ra tại Hà Nội vào ngày 16-7."


def test_a_sentence_whose_values_alone_changed_inherits_its_translation_with_the_values_carried():
    old = roundtrip(approve(catalog.merge(None, entries("Hội nghị diễn ra tại Hà Nội ngày 16-7."),
                                          ARTICLE, CREATED),
                            "Hội nghị diễn ra tại Hà Nội ngày 16-7.", "The conference took place in Hanoi on July 16."))
    new = catalog.merge(old, entries("Hội nghị diễn ra tại Hà Nội ngày 17-7."), ARTICLE, CREATED)
    entry = new.find("Hội nghị diễn ra tại Hà Nội ngày 17-7.")
    assert entry.msgstr == "The conference took place in Hanoi on July 17."
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Hội nghị diễn ra tại Hà Nội ngày 16-7."
    assert not [e for e in new if e.obsolete]  # its translation moved on, nothing left behind
    assert "#| msgid \"Hội nghị diễn ra tại Hà Nội ngày 16-7.\"" in catalog.render(new)


def test_unrelated_new_sentence_is_not_matched():
    old = roundtrip(approve(catalog.merge(None, entries("Câu một về hội nghị."), ARTICLE, CREATED),
                            "Câu một về hội nghị.", "One."))
    new = catalog.merge(old, entries("Hoàn toàn khác biệt, chẳng liên quan gì."), ARTICLE, CREATED)
    assert live(new) == {"Hoàn toàn khác biệt, chẳng liên quan gì.": ("", Status.UNTRANSLATED)}
    assert [(e.msgid, e.msgstr) for e in new if e.obsolete] == [("Câu một về hội nghị.", "One.")]


def test_vanished_translated_entry_becomes_obsolete_and_untranslated_one_goes():
    po = approve(catalog.merge(None, entries("Giữ lại.", "Xoá đi có dịch.", "Xoá đi chưa dịch."),
                               ARTICLE, CREATED), "Xoá đi có dịch.", "Deleted, translated.")
    new = roundtrip(catalog.merge(roundtrip(po), entries("Giữ lại."), ARTICLE, CREATED))
    assert [(e.msgid, e.msgstr, e.obsolete) for e in new] == [
        ("Giữ lại.", "", 0), ("Xoá đi có dịch.", "Deleted, translated.", 1)]


def test_obsolete_entry_is_revived_approved_when_its_sentence_returns():
    po = approve(catalog.merge(None, entries("Câu một.", "Câu hai."), ARTICLE, CREATED), "Câu hai.", "Two.")
    gone = roundtrip(catalog.merge(roundtrip(po), entries("Câu một."), ARTICLE, CREATED))
    back = catalog.merge(gone, entries("Câu một.", "Câu hai."), ARTICLE, CREATED)
    assert live(back)["Câu hai."] == ("Two.", Status.APPROVED)
    assert not [e for e in back if e.obsolete]


def test_provenance_comments_follow_the_translation_other_comments_are_rebuilt():
    po = catalog.merge(None, entries("Câu."), ARTICLE, CREATED)
    po[0].msgstr, po[0].flags = "Sentence.", ["fuzzy"]
    po[0].comment = "body\nmt: argostranslate translate-vi_en 1.9\nqa: stale finding"
    new = catalog.merge(roundtrip(po), [Entry("Câu.", ["body"], [("seeds/a.txt", "1")], ["glossary: x = y"])],
                        ARTICLE, CREATED)
    assert new[0].comment.splitlines() == ["body", "glossary: x = y", "mt: argostranslate translate-vi_en 1.9"]


def test_merge_of_unchanged_input_renders_identical_bytes():
    po = approve(catalog.merge(None, entries("Câu một.", "Câu hai."), ARTICLE, CREATED), "Câu một.", "One.")
    first = catalog.render(catalog.merge(roundtrip(po), entries("Câu một.", "Câu hai."), ARTICLE, CREATED))
    second = catalog.render(catalog.merge(polib.pofile(first), entries("Câu một.", "Câu hai."), ARTICLE, CREATED))
    assert first == second


def test_reviewer_header_fields_are_kept():
    po = catalog.merge(None, entries("Câu."), ARTICLE, CREATED)
    po.metadata["Last-Translator"] = "Lan <lan@example.vn>"
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.metadata["PO-Revision-Date"] = "2024-05-06 07:08+0700"
    new = catalog.merge(roundtrip(po), entries("Câu."), ARTICLE, CREATED)
    assert new.metadata["Last-Translator"] == "Lan <lan@example.vn>"
    assert new.metadata["X-Generator"] == "Poedit 3.4"
    assert new.metadata["PO-Revision-Date"] == "2024-05-06 07:08+0700"


def test_status_of_an_entry():
    assert catalog.status(polib.POEntry(msgid="a", msgstr="")) == Status.UNTRANSLATED
    assert catalog.status(polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy"])) == Status.DRAFT
    assert catalog.status(polib.POEntry(msgid="a", msgstr="b")) == Status.APPROVED


# --- reading what reviewers left --------------------------------------------

def test_syntax_error_is_reported_with_its_line_and_the_file_left_alone(tmp_path):
    path = tmp_path / "a.po"
    text = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Câu."\nmsgstr "x\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        catalog.read(path, "translate/a.po")
    assert "translate/a.po:" in str(err.value) and "syntax" in str(err.value)
    assert err.value.line is not None
    assert path.read_text(encoding="utf-8") == text


def test_other_declared_charset_is_refused_with_the_conversion_command(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                     b'msgid "Caf\xe9"\nmsgstr ""\n')
    with pytest.raises(InputError, match="ISO-8859-1.*\n.*msgconv"):
        catalog.read(path, "translate/a.po")


def test_poedit_style_rewrapped_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "a.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"X-Generator: Poedit 3.4\\n"\n\n'
                    '#: seeds/a.txt:1\nmsgid ""\n"Một câu rất dài được "\n"Poedit ngắt dòng."\nmsgstr ""\n"A long "\n"sentence."\n',
                    encoding="utf-8")
    po = catalog.read(path)
    assert po.find("Một câu rất dài được Poedit ngắt dòng.").msgstr == "A long sentence."


def test_msgfmt_accepts_a_written_catalog(tmp_path):
    po = catalog.merge(None, entries('Câu có "ngoặc kép" và \\ gạch.', "Câu hai."), ARTICLE, CREATED)
    path = tmp_path / "a.po"
    catalog.write(path, approve(po, "Câu hai.", "Two."))
    subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)], check=True)


def test_long_comment_lines_survive_polibs_wrapping():
    po = catalog.merge(None, entries("Câu."), ARTICLE, CREATED)
    long_tm = "tm: approved in " + ", ".join(f"article_{n:03d}" for n in range(12))
    po[0].msgstr, po[0].flags, po[0].comment = "Sentence.", ["fuzzy"], "body\n" + long_tm
    assert len(catalog.render(po).split("#. tm:")[1].split("\n")[0]) < 80  # it was wrapped on disk
    again = catalog.merge(roundtrip(po), entries("Câu."), ARTICLE, CREATED)
    assert catalog.comments.lines(again[0].comment) == ["body", long_tm]
    assert catalog.render(again) == catalog.render(po)


def test_a_catalog_only_rewrapped_by_poedit_is_not_rewritten(tmp_path):
    po = catalog.merge(None, entries("Một câu rất dài " * 8 + "kết thúc."), ARTICLE, CREATED)
    path = tmp_path / "a.po"
    catalog.write(path, po)
    rewrapped = polib.pofile(str(path), wrapwidth=40)
    rewrapped.save(str(path))  # same content, other line breaks
    saved = path.read_bytes()
    assert catalog.write(path, catalog.merge(polib.pofile(str(path)), entries("Một câu rất dài " * 8 + "kết thúc."),
                                             ARTICLE, CREATED)) is False
    assert path.read_bytes() == saved


def test_written_files_get_the_usual_permissions_and_keep_their_own(tmp_path):
    import os
    from xlate.fsutil import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
        (tmp_path / "new.txt").chmod(0o640)
        write_atomic(tmp_path / "new.txt", "y")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_a_sentence_changed_twice_still_points_at_the_sentence_that_was_translated():
    first = "Hội nghị diễn ra tại Hà Nội ngày 16-7 với nhiều đại biểu."
    po = roundtrip(approve(catalog.merge(None, entries(first), ARTICLE, CREATED), first, "Translated."))
    second = first.replace("16-7", "17-7")
    po = roundtrip(catalog.merge(po, entries(second), ARTICLE, CREATED))
    third = second.replace("nhiều", "rất nhiều")
    entry = catalog.merge(po, entries(third), ARTICLE, CREATED).find(third)
    assert (entry.msgstr, entry.previous_msgid, "fuzzy" in entry.flags) == ("Translated.", first, True)


SENTENCES = ["Hội nghị khai mạc sáng nay.", "Hội nghị khai mạc sáng mai.", "Đại biểu thảo luận sôi nổi.",
             "Tỉnh đạt 12 chỉ tiêu.", "Tỉnh đạt 13 chỉ tiêu."]


@given(old_entries=st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(["", "draft", "approved"]),
                                      st.booleans(), st.booleans()), max_size=8),
       units=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5, unique=True))
def test_the_approvals_a_merge_would_give_are_known_without_merging(old_entries, units):
    # A run of several chunks reads them first, to fill every chunk from the same memory.
    old = polib.POFile()
    for n, (msgid, state, obsolete, context) in enumerate(old_entries):
        entry = polib.POEntry(msgid=msgid, msgstr=f"Translation {n}" if state else "",
                              flags=["fuzzy"] if state == "draft" else [], obsolete=obsolete,
                              msgctxt="other" if context else None)
        old.append(entry)
    merged = catalog.merge(old, entries(*units), ARTICLE, CREATED)
    expected = {e.msgid: e.msgstr for e in merged if not e.obsolete and catalog.status(e) == Status.APPROVED}
    assert approved_after_merge(old, set(units)) == expected
