"""Glossary and name enforcement around MT (docs/design.md, "Glossary"): requirements, protect, restore.

Every glossary match and every personal name of a unit is a requirement; its
English must be in the unit's translation, or the entry is fuzzy with a QA
comment naming it — never silently wrong.
"""

import hashlib
import re
from pathlib import Path

import pytest

from xlate import catalog, ingest, qa
from xlate.article import catalog_article
from xlate.catalog import comments
from xlate.glossary import enforce
from xlate.mt import pretranslate
from xlate.glossary.enforce import Requirement
from xlate.glossary import Glossary, Term, load
from xlate.mt.confidence import Translation
from xlate.mt.memory import Memory
from xlate.text.segment import units_of

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (REPO / "seeds").iterdir() if p.suffix in (".txt", ".md"))


def term(vi, en, kind="term", note=""):
    return Term(vi, en, kind, note, "glossary/test.tsv", 2)


@pytest.fixture(scope="module")
def shipped():
    glossary, problems = load(REPO / "glossary")
    assert not [p for p in problems if p.severity == "error"]
    return glossary


SMALL = Glossary([
    term("Tổng Bí thư", "General Secretary", "title"),
    term("Chủ tịch nước", "President", "title"),
    term("Tổng Bí thư, Chủ tịch nước", "General Secretary and President", "title"),
    term("Bộ Chính trị", "Politburo", "organization"),
    term("Ủy viên Bộ Chính trị", "Politburo member", "title"),
    term("đảng viên", "Party member"),
    term("Chủ tịch Hồ Chí Minh", "President Ho Chi Minh", "name"),
    term("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ho Chi Minh Communist Youth Union", "organization"),
    term("Võ Nguyên Giáp", "General Vo Nguyen Giap", "name"),
    term("Quỹ Lê Văn", "Le Van Fund", "organization"),
])


def spans(reqs):
    return [(r.vi, r.en, r.kind) for r in reqs]


def assert_well_formed(text, reqs):
    """Sorted, non-overlapping, and each requirement's vi is the text at its offsets."""
    for r in reqs:
        assert text[r.start:r.end] == r.vi
    for a, b in zip(reqs, reqs[1:]):
        assert a.end <= b.start, (a, b)


# --- requirements() ------------------------------------------------------------------


def test_longest_glossary_match_wins_and_a_name_the_glossary_lacks_is_added_transliterated():
    text = "Tổng Bí thư, Chủ tịch nước Tô Lâm gặp mặt Ủy viên Bộ Chính trị Nguyễn Văn Nên."
    reqs = enforce.requirements(text, SMALL)
    assert spans(reqs) == [
        ("Tổng Bí thư, Chủ tịch nước", "General Secretary and President", "title"),
        ("Tô Lâm", "To Lam", "name"),
        ("Ủy viên Bộ Chính trị", "Politburo member", "title"),
        ("Nguyễn Văn Nên", "Nguyen Van Nen", "name"),
    ]
    assert_well_formed(text, reqs)


def test_names_are_transliterated_in_vietnamese_order_never_translated():
    reqs = enforce.requirements("Đồng chí Đặng Thị Ngọc Thịnh phát biểu.", Glossary())
    assert spans(reqs) == [("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh", "name")]


def test_a_glossary_name_wins_over_the_detected_name_it_covers():
    # find_names alone proposes "Hồ Chí Minh" (after the title cue "Chủ tịch") and
    # "Võ Nguyên Giáp" → "Vo Nguyen Giap"; the glossary's spans and English win.
    text = "Chủ tịch Hồ Chí Minh và Đại tướng Võ Nguyên Giáp."
    reqs = enforce.requirements(text, SMALL)
    assert spans(reqs) == [
        ("Chủ tịch Hồ Chí Minh", "President Ho Chi Minh", "name"),
        ("Võ Nguyên Giáp", "General Vo Nguyen Giap", "name"),
    ]


def test_a_name_inside_a_glossary_organisation_is_not_a_second_requirement():
    text = "Đoàn Thanh niên Cộng sản Hồ Chí Minh tổ chức hội nghị."
    assert spans(enforce.requirements(text, SMALL)) == [
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ho Chi Minh Communist Youth Union", "organization")]


def test_a_detected_name_that_partly_overlaps_a_glossary_match_is_left_out():
    text = "Ông Lê Văn Tám nhận tài trợ của Quỹ Lê Văn Tám."
    reqs = enforce.requirements(text, SMALL)
    assert ("Lê Văn Tám", "Le Van Tam", "name") == spans(reqs)[0]
    assert ("Quỹ Lê Văn", "Le Van Fund", "organization") in spans(reqs)
    assert len(reqs) == 2
    assert_well_formed(text, reqs)


def test_with_the_shipped_glossary_the_joint_title_and_to_lam_are_required(shipped):
    text = "Tổng Bí thư, Chủ tịch nước Tô Lâm gặp mặt Đoàn đại biểu được tôn vinh"
    reqs = enforce.requirements(text, shipped)
    assert spans(reqs)[:2] == [("Tổng Bí thư, Chủ tịch nước", "General Secretary and President", "title"),
                               ("Tô Lâm", "To Lam", "name")]


def test_with_the_shipped_glossary_an_unlisted_name_is_still_required(shipped):
    assert not shipped.find("Trần Văn Bình")  # not a glossary name
    reqs = enforce.requirements("Bộ Chính trị khen thưởng đảng viên Trần Văn Bình.", shipped)
    assert spans(reqs) == [("Bộ Chính trị", "Politburo", "organization"),
                           ("đảng viên", "Party member", "term"),
                           ("Trần Văn Bình", "Tran Van Binh", "name")]


def test_with_the_shipped_glossary_president_ho_chi_minh_is_one_glossary_requirement(shipped):
    reqs = enforce.requirements("thực hiện di huấn của Chủ tịch Hồ Chí Minh", shipped)
    assert spans(reqs)[-1] == ("Chủ tịch Hồ Chí Minh", "President Ho Chi Minh", "name")
    assert "Ho Chi Minh" not in [r.en for r in reqs]


def test_requirements_of_every_sample_unit_are_sorted_and_never_overlap(shipped):
    count = 0
    for seed in SEEDS:
        article = ingest.ingest(seed, REPO)
        for unit in units_of(article):
            reqs = enforce.requirements(unit.text, shipped)
            assert_well_formed(unit.text, reqs)
            count += len(reqs)
    assert count > 300


def test_notes_name_each_distinct_requirement_once_as_glossary_or_name_in_order():
    text = "Tô Lâm, Tổng Bí thư; Tổng Bí thư Tô Lâm."
    notes = comments.requirement_lines(enforce.requirements(text, SMALL))
    assert notes == ["name: Tô Lâm = To Lam", "glossary: Tổng Bí thư = General Secretary"]


def test_a_glossary_name_is_noted_as_a_name():
    notes = comments.requirement_lines(enforce.requirements("Chủ tịch Hồ Chí Minh", SMALL))
    assert notes == ["name: Chủ tịch Hồ Chí Minh = President Ho Chi Minh"]


# --- protect() ----------------------------------------------------------------------------


def test_protect_replaces_each_required_span_by_its_rendering_and_keeps_the_rest():
    text = "Tổng Bí thư, Chủ tịch nước Tô Lâm gặp mặt đảng viên."
    reqs = enforce.requirements(text, SMALL)
    assert enforce.protect(text, reqs) == "General Secretary and President To Lam gặp mặt Party member."


def test_protect_without_requirements_is_the_identity():
    assert enforce.protect("Câu không có thuật ngữ.", []) == "Câu không có thuật ngữ."


# --- restore() -------------------------------------------------------------------------------


def req(vi, en, kind="title"):
    return Requirement(vi, en, kind, 0, len(vi))


GS = req("Tổng Bí thư", "General Secretary")
TL = req("Tô Lâm", "To Lam", "name")
HANOI = req("Hà Nội", "Hanoi", "place")


def test_a_rendering_that_came_back_exactly_is_restored_and_the_text_unchanged():
    text = "General Secretary To Lam met delegates."
    assert enforce.restore(text, [GS, TL]) == (text, {"General Secretary": "restored", "To Lam": "restored"})


@pytest.mark.parametrize("mangled", [
    "general secretary",  # lower-cased
    "GENERAL SECRETARY",  # upper-cased
    "GeneralSecretary",  # space lost
    "General-Secretary",  # hyphenated
    "General – Secretary",  # spaced dash
    "Gênéral Secretary",  # diacritics added
    "Tổng Bí thư",  # the engine echoed the Vietnamese
    "tổng bí thư",  # …lower-cased
    "Tong Bi thu",  # …without diacritics
])
def test_a_mangled_rendering_is_repaired_in_place(mangled):
    text, outcome = enforce.restore(f"The {mangled} met delegates.", [GS])
    assert (text, outcome) == ("The General Secretary met delegates.", {"General Secretary": "repaired"})


@pytest.mark.parametrize("mangled", ["to lam", "To-Lam", "ToLam", "Tô Lâm", "Tô Lam", "TO LAM"])
def test_a_mangled_name_is_repaired_in_place(mangled):
    assert enforce.restore(f"{mangled} spoke.", [TL]) == ("To Lam spoke.", {"To Lam": "repaired"})


def test_an_echoed_place_name_without_its_diacritics_is_repaired():
    assert enforce.restore("He visited Ha Noi.", [HANOI]) == ("He visited Hanoi.", {"Hanoi": "repaired"})


def test_a_dropped_rendering_is_missing_and_the_text_unchanged():
    text = "The leader met delegates."
    assert enforce.restore(text, [GS, TL]) == (text, {"General Secretary": "missing", "To Lam": "missing"})


def test_outcomes_are_per_rendering_when_some_come_back_and_some_do_not():
    text, outcome = enforce.restore("the general secretary spoke.", [GS, TL])
    assert text == "the General Secretary spoke."
    assert outcome == {"General Secretary": "repaired", "To Lam": "missing"}


def test_restore_never_touches_text_outside_the_repaired_span():
    raw = "  «Odd»  spacing,   the  general  secretary ,said (twice)  —  and Party’s  "
    text, outcome = enforce.restore(raw, [GS])
    assert outcome == {"General Secretary": "repaired"}
    start = raw.index("general")
    end = raw.index("secretary") + len("secretary")
    assert text == raw[:start] + "General Secretary" + raw[end:]


def test_extra_spaces_inside_a_rendering_count_as_the_rendering():
    text = "General   Secretary met."
    assert enforce.restore(text, [GS]) == (text, {"General Secretary": "restored"})


def test_the_longest_rendering_is_settled_first_so_a_shorter_one_inside_it_is_left_alone():
    reqs = [req("Tổng Bí thư, Chủ tịch nước", "General Secretary and President"), req("Chủ tịch nước", "President")]
    text, outcome = enforce.restore("The general secretary and president met.", reqs)
    assert text == "The General Secretary and President met."
    assert outcome["General Secretary and President"] == "repaired"


def test_repairing_a_shorter_rendering_never_rewrites_a_longer_rendering_already_restored():
    reqs = [req("Đại hội Thi đua yêu nước", "Patriotic Emulation Congress"),
            req("thi đua yêu nước", "patriotic emulation")]
    raw = "The Patriotic Emulation Congress praised the movement."
    text, outcome = enforce.restore(raw, reqs)
    assert text == raw
    assert outcome == {"Patriotic Emulation Congress": "restored", "patriotic emulation": "missing"}


def test_repairing_one_rendering_never_rewrites_another_that_differs_only_in_case():
    # Shipped glossary: Đảng ủy = Party Committee, cấp ủy đảng = Party committee.
    reqs = [req("Đảng ủy", "Party Committee"), req("cấp ủy đảng", "Party committee", "term")]
    text, outcome = enforce.restore("the Party committee and the Đảng ủy", reqs)
    assert text == "the Party committee and the Party Committee"
    assert outcome == {"Party committee": "restored", "Party Committee": "repaired"}


def test_a_capitalised_rendering_that_came_back_lower_cased_is_repaired():
    reqs = [req("Bộ Chính trị", "Politburo", "organization")]
    assert enforce.restore("Members of the politburo met.", reqs) == (
        "Members of the Politburo met.", {"Politburo": "repaired"})


def test_a_repaired_plural_stays_plural():
    reqs = [req("đảng viên", "Party member", "term")]
    assert enforce.restore("PARTY MEMBERS met.", reqs) == ("Party members met.", {"Party member": "repaired"})


def test_every_echoed_occurrence_of_a_rendering_is_repaired():
    source = "Mỗi đảng viên giúp một đảng viên khác."
    reqs = [Requirement("đảng viên", "Party member", "term", m.start(), m.end())
            for m in re.finditer("đảng viên", source)]
    assert len(reqs) == 2
    text, _ = enforce.restore("Each đảng viên helps another đảng viên.", reqs)
    assert text == "Each Party member helps another Party member."


def test_rendered_accepts_a_plural_and_a_capitalised_first_letter_only():
    assert enforce.rendered("Party members met.", "Party member")
    assert enforce.rendered("Patriotic emulation grew.", "patriotic emulation")
    assert not enforce.rendered("Patriotic Emulation grew.", "patriotic emulation")
    assert not enforce.rendered("Members of the Party met.", "Party member")
    assert not enforce.rendered("the Politburos", "Polit")  # whole words only


# --- through MT: a deterministic mangling engine over every sample unit -----------------------

MANGLINGS = ("copy", "drop", "lower", "respace", "echo")


class ManglingEngine:
    """Copies the protected input, except that, chosen by a hash of the text, it drops one
    protected rendering, lower-cases it, splits it with extra spaces and hyphens (a single
    word: upper-cases it), or puts the Vietnamese back in its place."""

    name, version, model_id = "mangler", "1.0", "vi-en-mangler"

    def __init__(self, sources: dict[str, tuple[str, list[Requirement]]]):
        self.sources = sources  # protected text → (source, requirements)
        self.done: dict[str, tuple[str, Requirement | None, str]] = {}  # protected → (mangling, req, output)

    def translate(self, texts, progress=None):
        out = [Translation(self._one(t), 0.9) for t in texts]
        if progress:
            progress(len(texts))
        return out

    def _one(self, text: str) -> str:
        source, reqs = self.sources[text]
        digest = int(hashlib.sha256(text.encode()).hexdigest(), 16)
        how = MANGLINGS[digest % len(MANGLINGS)] if reqs else "copy"
        victim = reqs[(digest // len(MANGLINGS)) % len(reqs)] if reqs else None
        pieces, last = [], 0
        for r in reqs:
            pieces.append(source[last:r.start])
            pieces.append(self._mangle(r, how) if r is victim else r.en)
            last = r.end
        result = "".join(pieces + [source[last:]])
        self.done[text] = (how, victim, result)
        return result

    @staticmethod
    def _mangle(r: Requirement, how: str) -> str:
        if how == "drop":
            return ""
        if how == "lower":
            return r.en.lower()
        if how == "respace":
            words = r.en.split()
            return "  -  ".join(words) if len(words) > 1 else r.en.upper()
        if how == "echo":
            return r.vi
        return r.en


def sample_work(glossary):
    """The samples as `xlate run` prepares them: articles with their catalogs and requirements."""
    work = []
    for seed in SEEDS:
        article = ingest.ingest(seed, REPO)
        work.append(catalog_article(article, units_of(article), glossary, None, "2024-01-01 00:00+0000"))
    return work


def translate_samples(glossary, tmp_path, make_engine):
    """What `xlate run` does around MT, with a test engine: protect, translate, restore, then QA."""
    work = sample_work(glossary)
    reqs = {msgid: r for item in work for msgid, r in item.requirements.items()}
    drafting = pretranslate.glossary_drafting(reqs)
    engine = make_engine({drafting.prepare(m): (m, r) for m, r in reqs.items()})
    catalogs = {w.stem: w.catalog for w in work}
    with Memory(tmp_path / "memory.sqlite") as memory:
        batch = pretranslate.plan(pretranslate.missing(catalogs), memory, engine.model_id, "test", drafting)
        drafted = pretranslate.machine_translate(batch, memory, engine)
    outcomes = [(f.msgid, en, o) for f in drafted for en, o in f.outcomes.items()]  # (msgid, en, outcome)
    for item in work:
        qa.annotate(item.catalog, item.requirements, {f.msgid for f in drafted if f.stem == item.stem})
    return work, engine, outcomes, drafted


def live(work):
    for item in work:
        for entry in item.catalog:
            if not entry.obsolete:
                yield entry, item.requirements.get(entry.msgid, [])


def flagged(entry, r: Requirement) -> bool:
    lines = catalog.comments.lines(entry.comment)
    if r.is_value:
        said = any(line.startswith((f'qa: value missing: "{r.vi}" ({r.en})', f'qa: value changed: "{r.vi}" ({r.en})'))
                   for line in lines)
    else:
        label = "name" if r.kind == "name" else "glossary"
        said = f'qa: missing {label} rendering "{r.en}" for "{r.vi}"' in lines
    return "fuzzy" in entry.flags and said


def carried(entry, r: Requirement, reqs) -> bool:
    """The requirement is in the draft: a term or name by its words, a value by its meaning."""
    if r.is_value:
        return not any(v is r.value for v in enforce.value_comparison(entry.msgstr, reqs).missing) and \
            not any(v is r.value for v, _ in enforce.value_comparison(entry.msgstr, reqs).changed)
    return enforce.rendered(entry.msgstr, r.en)


@pytest.fixture(scope="module")
def mangled_run(shipped, tmp_path_factory):
    return translate_samples(shipped, tmp_path_factory.mktemp("mangled"), ManglingEngine)


def test_mangled_mt_of_every_sample_unit_leaves_no_silent_glossary_or_name_violation(mangled_run):
    work, engine, outcomes, drafted = mangled_run
    checked = 0
    for entry, reqs in live(work):
        assert entry.msgstr, entry.msgid  # every unit got a draft
        for r in reqs:
            checked += 1
            assert carried(entry, r, reqs) or flagged(entry, r), (entry.msgid, r, entry.msgstr)
    assert checked > 500


def test_mangled_mt_exercises_every_restore_branch_many_times(mangled_run):
    work, engine, outcomes, drafted = mangled_run
    counts = {kind: sum(o == kind for _, _, o in outcomes) for kind in ("restored", "repaired", "missing")}
    assert counts["restored"] >= 300
    assert counts["repaired"] >= 15
    assert counts["missing"] >= 5
    assert {how for how, _, _ in engine.done.values()} == set(MANGLINGS)


def test_every_missing_rendering_after_mangled_mt_is_named_in_a_qa_comment_and_fuzzy(mangled_run):
    work, engine, outcomes, drafted = mangled_run
    by_msgid = {e.msgid: (e, reqs) for e, reqs in live(work)}
    missing = [(m, en) for m, en, o in outcomes if o == "missing"]
    assert missing
    for msgid, en in missing:
        entry, reqs = by_msgid[msgid]
        for r in [r for r in reqs if r.en == en]:
            assert carried(entry, r, reqs) or flagged(entry, r), (msgid, en, entry.comment)


def repairs_after_mangling(mangled_run, twins: bool):
    """(victim, draft, faithful draft) of every repaired mangling; `twins`: only units where
    another requirement's English differs from the victim's by case alone, else only the others."""
    work, engine, outcomes, drafted = mangled_run
    by_msgid = {e.msgid: e for e, _ in live(work)}
    outcome = {(m, en): o for m, en, o in outcomes}
    found = []
    for protected, (how, victim, _) in engine.done.items():
        source, reqs = engine.sources[protected]
        if how not in ("lower", "respace", "echo") or outcome.get((source, victim.en)) != "repaired":
            continue
        has_twin = any(r.en != victim.en and r.en.lower() == victim.en.lower() for r in reqs)
        if has_twin == twins:
            found.append((victim, by_msgid[source].msgstr, protected))
    return found


def test_a_repair_after_mangled_mt_gives_back_exactly_the_faithful_draft(mangled_run):
    repairs = repairs_after_mangling(mangled_run, twins=False)
    assert len(repairs) >= 20
    for victim, draft, faithful in repairs:
        assert draft == faithful, victim


def test_a_repair_is_exact_even_when_two_renderings_of_the_unit_differ_only_in_case(mangled_run):
    repairs = repairs_after_mangling(mangled_run, twins=True)
    assert repairs
    for victim, draft, faithful in repairs:
        assert draft == faithful, victim


def test_with_a_faithful_engine_at_least_99_percent_of_requirements_are_rendered_unflagged(shipped, tmp_path):
    class Faithful:
        name, version, model_id = "copy", "1.0", "vi-en-copy"

        def __init__(self, sources):
            pass

        def translate(self, texts, progress=None):
            return [Translation(t, 1.0) for t in texts]

    work, _, outcomes, _ = translate_samples(shipped, tmp_path, Faithful)
    total = glossary_total = clean = glossary_clean = 0
    for entry, reqs in live(work):
        for r in reqs:
            ok = carried(entry, r, reqs) and not flagged(entry, r)
            total += 1
            clean += ok
            if r.kind != "name":
                glossary_total += 1
                glossary_clean += ok
    assert glossary_total > 400
    assert glossary_clean / glossary_total >= 0.99, (glossary_clean, glossary_total)
    assert clean / total >= 0.99, (clean, total)
    assert {o for _, _, o in outcomes} == {"restored"}
