"""Pre-translation: memory first, then one MT batch; reviewers' work is never replaced."""

import polib
import pytest

from xlate import catalog
from xlate.catalog import Entry, comments
from xlate.model import Article, Status
from xlate.mt import Memory, pretranslate
from xlate.mt.confidence import Translation

APPROVED, DRAFT, UNTRANSLATED = Status.APPROVED, Status.DRAFT, Status.UNTRANSLATED


class Recorder:
    """A deterministic engine for logic tests: upper-cases, and records every call."""

    name, version, model_id = "test-engine", "0.1", "vi-en-test"

    def __init__(self):
        self.calls: list[list[str]] = []

    def translate(self, texts, progress=None):
        self.calls.append(list(texts))
        if progress:
            progress(len(texts))
        return [Translation(t.upper(), 0.8) for t in texts]


def po_for(stem: str, *texts: str) -> polib.POFile:
    article = Article(stem=stem, source=f"seeds/{stem}.txt")
    return catalog.merge(None, [Entry(t, ["body"], [(article.source, "1")]) for t in texts], article, "2024-01-01 00:00+0000")


def translate(todo, memory, engine, key="k"):
    """The run's MT step: plan the batch (cache first), then translate what is fresh."""
    return pretranslate.machine_translate(pretranslate.plan(todo, memory, engine.model_id, key), memory, engine)


def approve(po, msgid, msgstr):
    entry = po.find(msgid)
    entry.msgstr, entry.flags = msgstr, []


@pytest.fixture
def memory(tmp_path):
    with Memory(tmp_path / "memory.sqlite") as m:
        yield m


def statuses(po):
    return {e.msgid: (catalog.status(e), e.msgstr) for e in po}


def test_approved_unit_in_one_article_fills_the_same_unit_elsewhere_as_approved(memory):
    a, b = po_for("a", "Câu chung.", "Câu riêng."), po_for("b", "Câu chung.")
    approve(a, "Câu chung.", "Shared sentence.")
    catalogs = {"a": a, "b": b}
    pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
    assert len(pretranslate.fill_from_memory(catalogs, memory)) == 1
    assert statuses(b)["Câu chung."] == (APPROVED, "Shared sentence.")
    assert "tm: approved in a" in b.find("Câu chung.").comment


def test_conflicting_approvals_are_offered_as_a_draft_naming_both_articles(memory):
    a, b, c = po_for("a", "Câu."), po_for("b", "Câu."), po_for("c", "Câu.")
    approve(a, "Câu.", "One.")
    approve(b, "Câu.", "Another.")
    catalogs = {"a": a, "b": b, "c": c}
    pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
    pretranslate.fill_from_memory(catalogs, memory)
    assert catalog.status(c.find("Câu.")) == DRAFT
    assert "2 different approved translations in a, b" in c.find("Câu.").comment
    assert statuses(a)["Câu."] == (APPROVED, "One.") and statuses(b)["Câu."] == (APPROVED, "Another.")


def test_one_mt_batch_for_every_missing_unit_of_the_run_and_drafts_are_fuzzy(memory):
    catalogs = {"a": po_for("a", "Một.", "Hai."), "b": po_for("b", "Hai.", "Ba.")}
    engine = Recorder()
    todo = pretranslate.missing(catalogs)
    assert len(translate(todo, memory, engine)) == 4
    assert engine.calls == [["Ba.", "Hai.", "Một."]]  # distinct, once
    assert statuses(catalogs["b"]) == {"Hai.": (DRAFT, "HAI."), "Ba.": (DRAFT, "BA.")}
    assert "mt: test-engine 0.1" in catalogs["a"].find("Một.").comment


def test_cached_mt_is_reused_without_calling_the_engine(memory):
    engine = Recorder()
    first = {"a": po_for("a", "Một.", "Hai.")}
    translate(pretranslate.missing(first), memory, engine)
    again = {"a": po_for("a", "Một.", "Hai.", "Ba.")}
    todo = pretranslate.missing(again)
    assert pretranslate.plan(todo, memory, engine.model_id, "k").fresh == ["Ba."]
    translate(todo, memory, engine)
    assert engine.calls == [["Hai.", "Một."], ["Ba."]]
    assert statuses(again["a"])["Hai."] == (DRAFT, "HAI.")


def test_other_decoding_settings_do_not_reuse_the_cache(memory):
    engine = Recorder()
    for key in ("beam=2", "beam=4"):
        translate(pretranslate.missing({"a": po_for("a", "Một.")}), memory, engine, key)
    assert engine.calls == [["Một."], ["Một."]]


def test_approval_elsewhere_replaces_an_untouched_mt_draft(memory):
    a, b = po_for("a", "Câu."), po_for("b", "Câu.")
    catalogs = {"a": a, "b": b}
    translate(pretranslate.missing(catalogs), memory, Recorder())
    approve(a, "Câu.", "The reviewed sentence.")
    pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
    pretranslate.fill_from_memory(catalogs, memory)
    assert statuses(b)["Câu."] == (APPROVED, "The reviewed sentence.")


def test_a_draft_a_reviewer_edited_is_not_replaced(memory):
    a, b = po_for("a", "Câu."), po_for("b", "Câu.")
    catalogs = {"a": a, "b": b}
    translate(pretranslate.missing(catalogs), memory, Recorder())
    b.find("Câu.").msgstr = "Work in progress by a reviewer."
    approve(a, "Câu.", "The reviewed sentence.")
    pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
    pretranslate.fill_from_memory(catalogs, memory)
    assert statuses(b)["Câu."] == (DRAFT, "Work in progress by a reviewer.")


def test_approved_entries_are_never_sent_to_mt(memory):
    a = po_for("a", "Một.", "Hai.")
    approve(a, "Một.", "One, by hand.")
    engine = Recorder()
    translate(pretranslate.missing({"a": a}), memory, engine)
    assert engine.calls == [["Hai."]]
    assert statuses(a)["Một."] == (APPROVED, "One, by hand.")


def test_empty_engine_output_leaves_the_unit_untranslated(memory):
    class Silent(Recorder):
        def translate(self, texts, progress=None):
            return [Translation("", 0.0) for _ in texts]

    a = po_for("a", "Một.")
    assert translate(pretranslate.missing({"a": a}), memory, Silent()) == []
    assert statuses(a)["Một."] == (UNTRANSLATED, "")


def test_memory_forgets_catalogs_that_are_gone(memory):
    a, b = po_for("a", "Câu."), po_for("b", "Câu.")
    approve(a, "Câu.", "One.")
    pretranslate.sync_memory(memory, {"a": a}, keep={"a"})
    assert memory.approved(["Câu."]) == {"Câu.": [("One.", "a")]}
    pretranslate.sync_memory(memory, {"b": b}, keep={"b"})
    assert memory.approved(["Câu."]) == {}


# --- fuzzy matches ----------------------------------------------------------------------------------

MEETING = "Ban Tuyên giáo Trung ương tổ chức hội nghị tổng kết công tác năm với sự tham dự của 250 đại biểu."


def test_an_empty_entry_gets_the_best_fuzzy_match_as_a_draft_with_its_source_as_previous_msgid(memory):
    a, b = po_for("a", MEETING), po_for("b", MEETING.replace("tổng kết", "sơ kết"))
    approve(a, MEETING, "The conference, attended by 250 delegates.")
    catalogs = {"a": a, "b": b}
    pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
    [fill] = pretranslate.fill_from_memory(catalogs, memory)
    entry = b[0]
    assert (entry.msgstr, entry.fuzzy, entry.previous_msgid) == ("The conference, attended by 250 delegates.", True, MEETING)
    assert fill.provenance == "tm: 95% match, a" and memory.is_untouched_draft("b", entry.msgid, entry.msgstr)
    assert pretranslate.fill_from_memory(catalogs, memory) == []  # only empty entries look for fuzzy matches


def test_a_match_differing_only_in_values_wins_with_the_new_values_carried(memory):
    """`carry` stands for xlate.text.values.carry_values: here it only knows one figure."""
    def carry(old_source, new_source, old_translation):
        same = old_source.replace("250", "300") == new_source
        return old_translation.replace("250", "300") if same else None

    figure = MEETING.replace("250", "300")
    word = figure.replace("tổng kết", "sơ kết")  # as alike as MEETING, first by name: wins without carry
    a, b = po_for("a", word), po_for("b", MEETING)
    approve(a, word, "The mid-term conference, attended by 300 delegates.")
    approve(b, MEETING, "The review conference, attended by 250 delegates.")
    for use, expected, previous in ((None, "The mid-term conference, attended by 300 delegates.", word),
                                    (carry, "The review conference, attended by 300 delegates.", MEETING)):
        c = po_for("c", figure)
        catalogs = {"a": a, "b": b, "c": c}
        pretranslate.sync_memory(memory, catalogs, keep=set(catalogs))
        pretranslate.fill_from_memory(catalogs, memory, carry=use)
        assert (c[0].msgstr, c[0].previous_msgid) == (expected, previous)
        assert comments.match_percent(c[0].comment) == 95
