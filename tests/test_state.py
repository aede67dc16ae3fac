"""The run state keeps what it is given (xlate.state, and the index rows of xlate.exports.preview):
a carried article is exported and counted from these records alone, so nothing may be lost."""

import pytest

from xlate.exports.preview import IndexEntry
from xlate.fsutil import Stamp
from xlate.model import StatusCounts
from xlate.record import INDEX, ROW, index_blobs, index_entry_of
from xlate.state import ArticleRecord, State, Summary

RECORD = ArticleRecord(
    seed=Stamp(13853, 1796139383745958719, "c4c94d50008f6b6b064c370557acacd0"),
    catalog=Stamp(24250, 1796139386769025434, "22c5cf0ac98820a0535feb51bdf9c881"),
    process_key="d0ea", mt_key="model;beam=2", empty=3,
    summary=Summary(units=23, approved=15, draft=5, untranslated=3, qa=2, qa_errors=1, low=1,
                    warnings=("no headline", "title looks like a date: “16/7”")),
    export_key="c652", outputs={"xml/a.xml": (17074, 1796139387420408628), "html/a.html": (96144, 1)},
    glossary_key="9f1e")


def test_a_record_comes_back_as_it_was_saved():
    assert ArticleRecord.from_json(RECORD.to_json()) == RECORD


def test_a_record_of_an_article_without_a_catalog_or_exports_comes_back_too():
    bare = ArticleRecord(RECORD.seed, None, "k", "", 0)
    assert ArticleRecord.from_json(bare.to_json()) == bare


def test_records_survive_the_state_database_made_beside_the_same_memory_only(tmp_path):
    with State(tmp_path / "state.sqlite", "memory-1") as state:
        state.save("a", RECORD, pending=[("Hà Nội", True)], blobs={"tm": b"x"})
    with State(tmp_path / "state.sqlite", "memory-1") as state:
        assert state.valid and state.records() == {"a": RECORD}
    with State(tmp_path / "state.sqlite", "memory-2") as state:  # beside another memory: starts afresh
        assert not state.valid and state.records() == {}


def entry(row) -> IndexEntry:
    return IndexEntry("a00001", "Prime Minister \"receives\"\nambassador", "Thủ tướng tiếp", StatusCounts(4, 1, 2, 1),
                      2, 1, "2026-12-01T15:36:00+00:00", "2026-12-01 15:36 UTC", False, True, row)


def test_an_index_row_comes_back_with_its_html_exactly_as_rendered():
    row = ('<tr data-stem="a00001" data-title="thủ tướng">\n<td class="rank">', '</td>\n<td>“x” & \\n\n</td></tr>\n')
    blobs = index_blobs(entry(row))
    assert blobs[ROW].startswith(row[0].encode("utf-8"))  # kept as rendered, not escaped
    assert index_entry_of(blobs[INDEX], blobs[ROW]) == entry(row)
    bare = index_blobs(entry(None))
    assert bare[ROW] == b""  # saved all the same: it replaces any row kept before
    assert index_entry_of(bare[INDEX], bare[ROW]) == index_entry_of(bare[INDEX], None) == entry(None)


def test_a_row_that_could_not_be_told_apart_from_its_rank_is_refused():
    with pytest.raises(ValueError, match="NUL"):
        index_blobs(entry(("<tr>\0", "</tr>")))


def test_a_record_that_cannot_be_read_makes_the_state_start_afresh_not_fail(tmp_path):
    with State(tmp_path / "state.sqlite", "memory-1") as state:
        state.save("a", RECORD, blobs={"tm": b"x"})
        state.db.execute("UPDATE articles SET record = '[1, 2]'")  # damaged, or another layout
        state.db.commit()
        assert state.records() == {} and not state.valid
        assert list(state.blobs("tm")) == []  # nothing of the old state is trusted any more
    with State(tmp_path / "state.sqlite", "memory-1") as state:
        assert state.valid and state.records() == {}


WAITING = "Các đại biểu thảo luận sôi nổi về phương hướng nhiệm vụ của năm tới tại hội trường tỉnh."


def test_an_article_waits_for_its_own_msgid_and_for_a_source_alike_enough_to_fill_an_empty_entry(tmp_path):
    alike = WAITING.replace("năm tới", "năm nay")  # one word in 19 changed: 94 % alike
    with State(tmp_path / "state.sqlite", "m") as state:
        state.save("empty", RECORD, pending=[(WAITING, True)])
        state.save("draft", RECORD, pending=[(WAITING, False)])  # an untouched draft: only an exact match replaces it
        state.save("other", RECORD, pending=[("Hội nghị đã trao bằng khen cho mười hai tập thể.", True)])
        assert state.waiting_for({WAITING}, 75) == {"empty", "draft"}
        assert state.waiting_for({alike}, 75) == {"empty"}
        assert state.waiting_for({alike}, 95) == set()  # under the fuzzy threshold
        assert state.waiting_for({"Một câu không liên quan gì đến các bài."}, 75) == set()
        state.save("empty", RECORD, pending=[])  # filled since: it waits for nothing
        assert state.waiting_for({alike}, 75) == set()
        assert state.waiting_for({WAITING}, 75) == {"draft"}
        state.forget(["draft"])
        assert state.waiting_for({WAITING}, 75) == set()


def test_entries_saved_with_the_forms_the_worker_made_wait_as_entries_indexed_here(tmp_path):
    from xlate.mt import fuzzy

    alike = WAITING.replace("năm tới", "năm nay")
    queries = [{WAITING}, {alike}, {WAITING.replace("hội trường tỉnh", "nhà văn hóa huyện")}, {"Câu khác hẳn."}]
    answers = []
    for name, forms in (("here", None), ("worker", {WAITING: fuzzy.indexed(WAITING)})):
        with State(tmp_path / f"{name}.sqlite", "m") as state:
            state.save_many([("a", RECORD, [(WAITING, True)], None), ("b", RECORD, [(alike, False)], None)], forms)
            answers.append([state.waiting_for(q, 75) for q in queries])
    assert answers[0] == answers[1] == [{"a"}, {"a", "b"}, {"a"}, set()]
