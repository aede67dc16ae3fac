"""The translation memory and MT cache: one SQLite file, rebuildable from the catalogs."""

from xlate.mt.memory import Memory


def test_an_in_memory_memory_needs_no_file():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {"Câu.": "Sentence."})
        assert memory.approved(["Câu."]) == {"Câu.": [("Sentence.", "a")]}


def test_syncing_an_article_replaces_what_it_had_approved():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {"Một.": "One.", "Hai.": "Two."})
        memory.sync_article("a", {"Hai.": "Two, reviewed."})
        assert memory.approved(["Một.", "Hai."]) == {"Hai.": [("Two, reviewed.", "a")]}


def test_approvals_of_one_source_in_several_articles_are_listed_by_article():
    with Memory(":memory:") as memory:
        memory.sync_article("b", {"Câu.": "B's."})
        memory.sync_article("a", {"Câu.": "A's."})
        assert memory.approved(["Câu."])["Câu."] == [("A's.", "a"), ("B's.", "b")]


def test_forgetting_keeps_only_the_articles_named():
    with Memory(":memory:") as memory:
        for stem in ("a", "b", "c"):
            memory.sync_article(stem, {f"Câu {stem}.": stem})
        memory.forget_articles_except({"b"})
        assert list(memory.approved(["Câu a.", "Câu b.", "Câu c."])) == ["Câu b."]


def test_lookups_of_more_sources_than_sqlite_binds_at_once_find_them_all():
    sources = {f"Câu số {n}.": f"Sentence {n}." for n in range(1500)}
    with Memory(":memory:") as memory:
        memory.sync_article("a", sources)
        assert len(memory.approved(list(sources))) == 1500
        memory.store(sources, "model", "beam=2")
        assert memory.cached(list(sources), "model", "beam=2") == sources


def test_a_draft_is_untouched_only_while_the_catalog_holds_exactly_what_xlate_wrote():
    with Memory(":memory:") as memory:
        memory.remember_drafts([("a", "Câu.", "Draft.")])
        assert memory.is_untouched_draft("a", "Câu.", "Draft.")
        assert not memory.is_untouched_draft("a", "Câu.", "Draft, edited by a reviewer.")
        assert not memory.is_untouched_draft("b", "Câu.", "Draft.")


def test_the_mt_cache_is_keyed_by_model_and_decoding_settings():
    with Memory(":memory:") as memory:
        memory.store({"Câu.": "Out."}, "model-1", "beam=2")
        assert memory.cached(["Câu."], "model-1", "beam=2") == {"Câu.": "Out."}
        assert memory.cached(["Câu."], "model-2", "beam=2") == {}
        assert memory.cached(["Câu."], "model-1", "beam=4") == {}


def test_a_memory_file_keeps_its_content_across_runs(tmp_path):
    path = tmp_path / ".xlate" / "memory.sqlite"
    with Memory(path) as memory:
        memory.sync_article("a", {"Câu.": "Sentence."})
        memory.store({"Câu.": "Out."}, "m", "k")
    with Memory(path) as memory:
        assert memory.approved(["Câu."]) and memory.cached(["Câu."], "m", "k") == {"Câu.": "Out."}
