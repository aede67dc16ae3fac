"""The translation memory and MT cache: one SQLite file, rebuildable from the catalogs and tm/."""

import sqlite3

import pytest

from xlate.mt import origins
from xlate.mt.confidence import Translation
from xlate.mt.memory import Memory, TmUnit


def cache(pairs: dict[str, str], confidence: float = 0.9) -> dict[str, Translation]:
    return {s: Translation(t, confidence) for s, t in pairs.items()}


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
        memory.store(cache(sources), "model", "beam=2")
        assert memory.cached(list(sources), "model", "beam=2") == cache(sources)


def test_a_draft_is_untouched_only_while_the_catalog_holds_exactly_what_xlate_wrote():
    with Memory(":memory:") as memory:
        memory.remember_drafts([("a", "Câu.", "Draft.")])
        assert memory.is_untouched_draft("a", "Câu.", "Draft.")
        assert not memory.is_untouched_draft("a", "Câu.", "Draft, edited by a reviewer.")
        assert not memory.is_untouched_draft("b", "Câu.", "Draft.")
        # A newer draft does not make the older one look edited (a run killed before writing it).
        memory.remember_drafts([("a", "Câu.", "Better draft.")])
        assert memory.is_untouched_draft("a", "Câu.", "Draft.") and memory.is_untouched_draft("a", "Câu.", "Better draft.")


def test_the_mt_cache_is_keyed_by_model_and_decoding_settings():
    with Memory(":memory:") as memory:
        memory.store(cache({"Câu.": "Out."}, 0.42), "model-1", "beam=2")
        assert memory.cached(["Câu."], "model-1", "beam=2") == {"Câu.": Translation("Out.", 0.42)}
        assert memory.cached(["Câu."], "model-2", "beam=2") == {}
        assert memory.cached(["Câu."], "model-1", "beam=4") == {}


def test_a_memory_file_keeps_its_content_across_runs(tmp_path):
    path = tmp_path / ".xlate" / "memory.sqlite"
    with Memory(path) as memory:
        memory.sync_article("a", {"Câu.": "Sentence."})
        memory.store(cache({"Câu.": "Out."}), "m", "k")
    with Memory(path) as memory:
        assert memory.approved(["Câu."]) and memory.cached(["Câu."], "m", "k") == cache({"Câu.": "Out."})


# --- origins, exact and fuzzy lookups -----------------------------------------------------------

LEGACY = origins.tmx("legacy")


def test_an_origin_is_replaced_whole_and_a_failure_midway_leaves_it_as_it_was():
    with Memory(":memory:") as memory:
        memory.replace_origin(LEGACY, [TmUnit("Một.", "One."), TmUnit("Hai.", "Two.")], "v1")

        def broken():
            yield TmUnit("Ba.", "Three.")
            raise ValueError("line 9: not a TMX")

        with pytest.raises(ValueError):
            memory.replace_origin(LEGACY, broken(), "v2")
        assert memory.fingerprint(LEGACY) == "v1"
        assert sorted(memory.exact(["Một.", "Hai.", "Ba."])) == ["Hai.", "Một."]


def test_repeated_pairs_of_an_origin_are_folded_keeping_the_widest_dates():
    with Memory(":memory:") as memory:
        count = memory.replace_origin(LEGACY, [TmUnit("Một.", "One.", "20200101T000000Z", "20200101T000000Z"),
                                               TmUnit("Một.", "One.", "20190101T000000Z", "20210101T000000Z"),
                                               TmUnit("Một.", "Another one.")], "v1")
        assert count == 2
        [summary] = memory.origins()
        assert (summary.units, summary.first, summary.last) == (2, "20190101T000000Z", "20210101T000000Z")


def test_an_unchanged_article_is_not_rewritten():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {"Câu.": "Sentence."}, "20240101T000000Z")
        memory.db.execute("UPDATE units SET target = 'tampered'")  # only a resync would undo this
        memory.sync_article("a", {"Câu.": "Sentence."}, "20240101T000000Z")
        assert memory.approved(["Câu."]) == {"Câu.": [("tampered", "a")]}
        memory.sync_article("a", {"Câu.": "Sentence."}, "20240102T000000Z")
        assert memory.approved(["Câu."]) == {"Câu.": [("Sentence.", "a")]}


SENTENCE = "Đồng chí Tô Lâm dự hội nghị tổng kết công tác năm 2024 của Ban Tuyên giáo Trung ương tại Hà Nội."


def test_a_sentence_with_one_word_changed_is_found_with_its_word_level_similarity():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {SENTENCE: "Comrade To Lam attended the conference."})
        changed = SENTENCE.replace("tổng kết", "sơ kết")  # one syllable of 22
        [match] = memory.fuzzy([changed], 75)[changed]
        assert (match.source, match.percent, match.origin) == (SENTENCE, 95, origins.article("a"))


def test_fuzzy_lookup_ignores_case_and_tone_placement_but_never_calls_that_exact():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {"Ủy ban nhân dân thành phố họp.": "The city People's Committee met."})
        [match] = memory.fuzzy(["uỷ ban nhân dân thành phố họp"], 75)["uỷ ban nhân dân thành phố họp"]
        assert match.percent == 99
        assert memory.fuzzy(["Ủy ban nhân dân thành phố họp."], 75) == {}  # exact: not fuzzy's to offer


def test_nothing_under_the_threshold_is_offered():
    with Memory(":memory:") as memory:
        memory.sync_article("a", {SENTENCE: "Comrade To Lam attended the conference."})
        half = " ".join(SENTENCE.split()[:11]) + " hôm nay đã diễn ra sôi nổi với nhiều hoạt động mới."
        assert memory.fuzzy([half], 75) == {}
        assert memory.fuzzy([half], 40)[half][0].percent < 75


def test_equally_alike_matches_go_to_the_desks_approvals_then_the_most_recent():
    changed = SENTENCE.replace("2024", "2025")
    with Memory(":memory:") as memory:
        memory.replace_origin(origins.tmx("old"), [TmUnit(SENTENCE, "Old TMX.", changed="20990101T000000Z")], "x")
        memory.sync_article("a", {SENTENCE: "From a.", "Khác.": "Other."}, "20200101T000000Z")
        memory.sync_article("b", {SENTENCE: "From b."}, "20230101T000000Z")
        assert [m.target for m in memory.fuzzy([changed], 75)[changed]] == ["From b.", "From a.", "Old TMX."]
        assert [m.target for m in memory.exact([SENTENCE])[SENTENCE]] == ["From b.", "From a.", "Old TMX."]


def test_forgetting_an_origin_removes_its_units_from_every_lookup():
    changed = SENTENCE.replace("2024", "2025")
    with Memory(":memory:") as memory:
        memory.replace_origin(LEGACY, [TmUnit(SENTENCE, "Legacy.")], "x")
        assert memory.fuzzy([changed], 75) and memory.exact([SENTENCE])
        memory.forget(LEGACY)
        assert memory.fuzzy([changed], 75) == {} and memory.exact([SENTENCE]) == {}
        assert memory.db.execute("SELECT count(*) FROM feature_units").fetchone() == (0,)


def test_fuzzy_lookup_finds_what_comparing_with_every_unit_finds():
    """The index's prefix filter is exact: same matches as scoring the whole memory."""
    import random

    from xlate.mt import fuzzy

    rng = random.Random(3)
    syllables = ("hội nghị đồng chí ban chấp hành trung ương đảng bộ tỉnh thành phố nhân dân công tác "
                 "năm kế hoạch phát triển kinh tế xã hội quốc phòng an ninh 2024 15 1.250 12,5").split()
    units = {" ".join(rng.choices(syllables, k=rng.randint(3, 14))) + ".": f"T{n}" for n in range(600)}
    queries = []
    for source in list(units)[:150]:
        words = source.rstrip(".").split()
        words[rng.randrange(len(words))] = rng.choice(syllables)
        queries.append(" ".join(words))
    with Memory(":memory:") as memory:
        memory.sync_article("a", units)
        found = memory.fuzzy(queries, 70, best=1000)
    for query in queries:
        expected = {s for s in units if s != query and fuzzy.percent(fuzzy.words(query), fuzzy.words(s)) >= 70}
        assert {m.source for m in found.get(query, [])} == expected, query


def test_a_memory_written_by_the_previous_schema_is_brought_up_to_date(tmp_path):
    path = tmp_path / "memory.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE approved (source TEXT, target TEXT, article TEXT, PRIMARY KEY (source, article));
        CREATE TABLE drafts (article TEXT, source TEXT, target TEXT, PRIMARY KEY (article, source));
        CREATE TABLE mt_cache (source TEXT, model TEXT, settings TEXT, target TEXT, PRIMARY KEY (source, model, settings));
        INSERT INTO drafts VALUES ('a', 'Câu.', 'Draft.');
        INSERT INTO mt_cache VALUES ('Câu.', 'm', 'k', 'Out.');
    """)
    old.commit()
    old.close()
    with Memory(path) as memory:
        assert memory.is_untouched_draft("a", "Câu.", "Draft.")  # drafts are kept: they cannot be rebuilt
        assert memory.cached(["Câu."], "m", "k") == {}  # no confidence: translated again
        memory.sync_article("a", {"Câu.": "Sentence."})
        assert memory.approved(["Câu."]) == {"Câu.": [("Sentence.", "a")]}
