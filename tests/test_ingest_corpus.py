"""The ingest development corpus (tests/corpus/ingest/, corpuskit.py): each article as an editor would cut it.

dev/ holds what the rules were written against; heldout/ was written with it
but only scored at the end. Every article must give its gold units exactly,
its title, date and byline, and no junk inside any unit.
"""

import re

import pytest

import corpuskit
from xlate.ingest import ingest, read_seed
from xlate.text import units_of
from xlate.text.normalize import normalize

DEV = corpuskit.load(corpuskit.CORPUS / "dev")
HELD_OUT = corpuskit.load(corpuskit.CORPUS / "heldout")
ALL = DEV + HELD_OUT


def _run(gold):
    article = ingest(gold.path, gold.path.parent)
    units = units_of(article)
    return article, units, corpuskit.score(gold, article, units)


def test_the_corpus_has_24_articles_from_12_outlets_and_8_saved_pages():
    assert len(ALL) >= 24 and sum(g.is_page for g in ALL) >= 8
    outlets = {g.name.split("-")[0] for g in ALL}
    assert len(outlets) >= 12, sorted(outlets)


@pytest.mark.parametrize("gold", ALL, ids=lambda g: g.name)
def test_every_gold_unit_is_text_of_its_seed(gold):
    """The gold is what the seed says, not invented: each unit's words stand in the seed, in order."""
    raw = normalize(read_seed(gold.path, gold.path.parent))
    seed = re.sub(r"\s+|&nbsp;|<[^>]+>|\*\*", "", raw.replace("&quot;", '"'))
    for _, text in gold.units:
        key = re.sub(r"\s+", "", text)[:30]
        assert key in seed, f"{gold.name}: {text[:60]!r} is not in the seed"


@pytest.mark.parametrize("gold", ALL, ids=lambda g: g.name)
def test_each_article_gives_its_gold_units_title_date_and_byline_and_no_junk(gold):
    article, units, s = _run(gold)
    assert sorted(u.text for u in units) == sorted(t for _, t in gold.units)
    assert s.junk == []
    assert (article.title, article.date, article.byline) == (gold.title, gold.date, gold.byline)


@pytest.mark.parametrize("gold", ALL, ids=lambda g: g.name)
def test_each_unit_has_the_kind_an_editor_gives_it(gold):
    _, units, s = _run(gold)
    assert s.kinds_ok == s.matched == len(gold.units), [(str(u.kind), u.text[:40]) for u in units]
