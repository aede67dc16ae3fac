"""Values through a whole run, on the five samples and the development set (tests/data/values_dev.tsv).

- with the copy model (a real CTranslate2 model whose output is its input), every value of every
  draft is in its English form and QA finds no value error;
- with an engine that changes one digit (or one number word) of one value per draft, QA reports
  every one of those drafts, naming the value;
- reviewers' translations are checked by value too: reported, never un-approved.
"""

import hashlib
import re

import polib
import pytest

from xlate import catalog, ingest, qa
from xlate.article import catalog_article
from xlate.catalog import comments
from xlate.glossary import Requirement, load, requirements, value_comparison
from xlate.mt import pretranslate
from xlate.mt.confidence import Translation
from xlate.mt.memory import Memory
from xlate.text.segment import units_of
from xlate.text.values.render import MONTHS, UNITS

from conftest import REPO, invoke as xlate, new_workspace

DEV = REPO / "tests" / "data" / "values_dev.tsv"
DEV_STEM = "values_dev"


def dev_seed() -> str:
    """The development sentences as one article: a title, then one paragraph per sentence."""
    rows = [line.split("\t") for line in DEV.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    return "Tin tổng hợp\n\n" + "\n\n".join(sentence for _, sentence, _ in rows) + "\n"


@pytest.fixture(scope="module")
def shipped():
    return load(REPO / "glossary")[0]


def workspace(root):
    ws = new_workspace(root, settings="[mt]\nmax_decoding_length = 512\n")
    (ws / "seeds" / f"{DEV_STEM}.txt").write_text(dev_seed(), encoding="utf-8")
    return ws


def value_reqs(reqs: list[Requirement]) -> list[Requirement]:
    return [r for r in reqs if r.is_value]


def value_errors(entry) -> list[str]:
    return [c for c in comments.lines(entry.comment) if c.startswith(("qa: value missing", "qa: value changed"))]


# --- the copy model ----------------------------------------------------------------------------


def test_with_the_copy_model_every_value_of_every_draft_is_in_english_form_and_passes_qa(tmp_path, installed):
    ws = workspace(tmp_path / "ws")
    result = xlate(ws, "run")
    assert result.exit_code == 0, result.output
    glossary = load(ws / "glossary")[0]
    checked = drafts = 0
    stems = set()
    for path in sorted((ws / "translate").glob("*.po")):
        stems.add(path.stem)
        for entry in (e for e in polib.pofile(str(path)) if not e.obsolete):
            assert entry.msgstr and "fuzzy" in entry.flags, entry.msgid
            reqs = requirements(entry.msgid, glossary)
            drafts += bool(value_reqs(reqs))
            for r in value_reqs(reqs):
                checked += 1
                assert r.en in entry.msgstr, (r, entry.msgstr)  # the house-style rendering came through MT
                if r.vi != r.en:  # … and the Vietnamese form did not
                    assert not re.search(rf"(?<![\w.,]){re.escape(r.vi)}(?![\w]|[.,/-]\d)", entry.msgstr), r
            assert value_comparison(entry.msgstr, reqs).ok, entry.msgid
            assert value_errors(entry) == [], entry.msgid  # what QA wrote into the catalog
    assert DEV_STEM in stems and len(stems) == 6
    assert checked > 150 and drafts > 80, (checked, drafts)  # 180 values in 98 units when written


# --- an engine that changes one digit of one value per draft ---------------------------------------


class DigitChanger:
    """Copies the protected input, except one value per unit (chosen by a hash): one digit of its
    English changed (+1), or, for a value written in words, the next number word (or month)."""

    name, version, model_id = "digit-changer", "1.0", "vi-en-digits"

    def __init__(self, sources: dict[str, tuple[str, list[Requirement]]]):
        self.sources = sources
        self.changed: dict[str, tuple[Requirement, str]] = {}  # source msgid → (victim, its changed English)

    def translate(self, texts, progress=None):
        return [Translation(self._one(t), 0.9) for t in texts]

    def _one(self, protected: str) -> str:
        source, reqs = self.sources[protected]
        values = value_reqs(reqs)
        if not values:
            return protected
        digest = int(hashlib.sha256(protected.encode()).hexdigest(), 16)
        victim = values[digest % len(values)]
        pieces, last = [], 0
        for r in reqs:
            pieces.append(source[last:r.start])
            if r is victim:
                changed = self._change(r.en, digest)
                self.changed[source] = (r, changed)
                pieces.append(changed)
            else:
                pieces.append(r.en)
            last = r.end
        return "".join(pieces + [source[last:]])

    @staticmethod
    def _change(en: str, digest: int) -> str:
        digits = [m.start() for m in re.finditer(r"\d", en)]
        if digits:
            at = digits[digest % len(digits)]
            return en[:at] + str((int(en[at]) + 1) % 10) + en[at + 1:]
        tables = (UNITS, ORDINAL_WORDS, [m.lower() for m in MONTHS])
        word = next(w for w in re.findall(r"[A-Za-z]+", en) if any(w.lower() in t for t in tables))
        table = next(t for t in tables if word.lower() in t)
        replacement = table[(table.index(word.lower()) + 1) % len(table)]
        if word[0].isupper():
            replacement = replacement.capitalize()
        return en.replace(word, replacement, 1)


ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]


@pytest.fixture(scope="module")
def digit_run(shipped, tmp_path_factory):
    """What `xlate run` does around MT, with the digit-changing engine: protect, translate, restore, QA."""
    seeds = sorted(p for p in (REPO / "seeds").iterdir() if p.suffix == ".txt")
    work = []
    for seed in seeds:
        article = ingest.ingest(seed, REPO)
        work.append(catalog_article(article, units_of(article), shipped, None, "2024-01-01 00:00+0000"))
    dev = ingest.parse(dev_seed(), DEV_STEM, f"seeds/{DEV_STEM}.txt")
    work.append(catalog_article(dev, units_of(dev), shipped, None, "2024-01-01 00:00+0000"))
    reqs = {msgid: r for item in work for msgid, r in item.requirements.items()}
    drafting = pretranslate.glossary_drafting(reqs)
    engine = DigitChanger({drafting.prepare(m): (m, r) for m, r in reqs.items()})
    catalogs = {w.stem: w.catalog for w in work}
    with Memory(tmp_path_factory.mktemp("digits") / "memory.sqlite") as memory:
        batch = pretranslate.plan(pretranslate.missing(catalogs), memory, engine.model_id, "test", drafting)
        drafted = pretranslate.machine_translate(batch, memory, engine)
    for item in work:
        qa.annotate(item.catalog, item.requirements, {f.msgid for f in drafted if f.stem == item.stem})
    entries = {e.msgid: e for item in work for e in item.catalog if not e.obsolete}
    return engine, entries


def test_qa_reports_every_draft_whose_value_had_a_digit_changed(digit_run):
    engine, entries = digit_run
    assert len(engine.changed) > 80  # 98 units with values when written
    unreported = []
    for msgid, (victim, changed) in engine.changed.items():
        entry = entries[msgid]
        said = [line for line in value_errors(entry) if f'"{victim.vi}" ({victim.en})' in line]
        if not said or "fuzzy" not in entry.flags:
            unreported.append((msgid, victim.en, changed, entry.msgstr))
    assert unreported == []


def test_a_changed_value_is_named_with_what_the_english_now_says(digit_run):
    engine, entries = digit_run
    changed = missing = 0
    for msgid, (victim, written) in engine.changed.items():
        [line] = [line for line in value_errors(entries[msgid]) if f'"{victim.vi}" ({victim.en})' in line]
        if m := re.fullmatch(r'qa: value changed: .* is "(.*)" in the English', line):
            assert m.group(1) in written, (line, written)
            changed += 1
        else:  # what the engine wrote is no value at all (20:30 pm): the source value is missing
            assert line.endswith("is not in the English"), line
            missing += 1
    assert changed > 10 * missing, (changed, missing)


def test_unchanged_drafts_have_no_value_error(digit_run):
    engine, entries = digit_run
    assert [m for m, e in entries.items() if m not in engine.changed and value_errors(e)] == []


# --- reviewers' translations, `xlate check` ------------------------------------------------------------


TINY = ("Hội nghị tổng kết\n\n"
        "Ngày 16-7, hai bên ký kết hợp đồng trị giá 1.000.000 USD.\n\n"
        "Có 1.250 người tham dự trong 2 ngày.\n")


def test_no_false_alarm_on_one_million_two_and_july_16_in_approved_translations(tmp_path):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "tiny.txt").write_text(TINY, encoding="utf-8")
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    path = ws / "translate" / "tiny.po"
    po = polib.pofile(str(path))
    po[0].msgstr = "Review conference"
    po[1].msgstr = "On July 16, the two sides signed a contract worth US$1 million."
    po[2].msgstr = "1,250 people attended over two days."
    po.save(str(path))
    result = xlate(ws, "check")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 error(s), 0 warning(s) in 0 catalog(s)"


def test_a_wrong_value_in_an_approved_translation_is_reported_and_stays_approved(tmp_path):
    ws = tmp_path / "ws"
    (ws / "seeds").mkdir(parents=True)
    (ws / "seeds" / "tiny.txt").write_text(TINY, encoding="utf-8")
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    path = ws / "translate" / "tiny.po"
    po = polib.pofile(str(path))
    po[2].msgstr = "1,205 people attended over two days, 30% of them women."
    po.save(str(path))
    result = xlate(ws, "check")
    assert result.exit_code == 1
    assert 'error: value changed: "1.250" (1,250) is "1,205" in the English' in result.output
    assert 'warning: extra value in the English: "30%" is not in the source' in result.output
    assert xlate(ws, "run", "--no-mt").exit_code == 0
    entry = polib.pofile(str(path))[2]
    assert entry.msgstr.startswith("1,205 people") and catalog.status(entry) == "approved"
    assert 'qa: value changed: "1.250" (1,250) is "1,205" in the English' in comments.lines(entry.comment)
