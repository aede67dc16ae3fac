"""The curated glossary and its enforcement around MT.

    load(folder) / check(folder)   glossary/*.tsv → a Glossary, and what is wrong with its rows
    Glossary.find(text)            longest, non-overlapping matches on syllable boundaries
    requirements(text, glossary)   every rendering a unit's English must contain (terms, names, values)
    protect / restore / rendered   before MT, after MT, and the test QA applies
    rendered_spans                 where that test finds a rendering (the HTML preview marks it)
    value_comparison               a translation's values against the unit's, by meaning (QA uses it too)
"""

from xlate.glossary.enforce import (NAME, VALUE, Outcome, Requirement, protect, rendered, rendered_spans,
                                    requirements, restore, value_comparison)
from xlate.glossary.termbase import CASE_FLAG, HEADER, TYPES, VARIANTS, Glossary, Match, Term, check, load

__all__ = ["CASE_FLAG", "HEADER", "NAME", "TYPES", "VALUE", "VARIANTS", "Glossary", "Match", "Outcome",
           "Requirement", "Term", "check", "load", "protect", "rendered", "rendered_spans", "requirements", "restore",
           "value_comparison"]
