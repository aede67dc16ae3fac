"""QA: checks on one entry's translation (pipeline step 6), and the rows `xlate check` prints.

Errors are things wrong in a translation (a required rendering missing, a
value missing or changed, a name left with diacritics, unbalanced quotes or
brackets); warnings are work not finished (untranslated, fuzzy) or doubtful (a
value in the English that the source does not have). Both come from the same
functions during `xlate run` (as `#. qa:` comments) and `xlate check`.

Values are checked by meaning (xlate.text.values): the unit's value
requirements against the values of the English in any accepted form, so
"1 million" carries 1.000.000, "two" carries hai and "July 16" carries 16-7,
while a copied 1.250 (one and a quarter, in English) is a changed value.
"""

import re
from dataclasses import replace

import polib

from xlate.catalog import comments
from xlate.catalog.comments import Key
from xlate.glossary import Requirement, rendered, value_comparison
from xlate.model import Diagnostic, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING

# Vietnamese letters that English never has (the Latin Extended Additional
# block plus ă â đ ê ô ơ ư and their capitals).
VIETNAMESE_LETTER = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
PAIRS = (("“", "”"), ("(", ")"), ("[", "]"), ("‘", "’"))


def comment_line(finding: Diagnostic) -> str:
    """The `#. qa:` line a finding becomes in the catalog."""
    return comments.line(Key.QA, finding.message)


def check(source: str, translation: str, reqs: list[Requirement]) -> list[Diagnostic]:
    """Everything wrong with one translation. An empty translation has nothing to check."""
    if not translation:
        return []
    findings = []
    for req in reqs_by_rendering([r for r in reqs if not r.is_value]):
        if not rendered(translation, req.en):
            label = Key.NAME if req.is_name else Key.GLOSSARY
            findings.append(Diagnostic(ERROR, f'missing {label} rendering "{req.en}" for "{req.vi}"', label))
    if words := sorted(set(re.findall(r"\w*" + VIETNAMESE_LETTER.pattern + r"\w*", translation))):
        findings.append(Diagnostic(ERROR, f"Vietnamese diacritics left in the English: {', '.join(words)}",
                                   "diacritics"))
    findings += value_findings(translation, reqs)
    for opening, closing in PAIRS:
        if _count(source, closing) == source.count(opening) and \
                translation.count(opening) != _count(translation, closing):
            findings.append(Diagnostic(ERROR, f"unbalanced {opening}…{closing} in the English", "brackets"))
    if source.count('"') % 2 == 0 and translation.count('"') % 2:
        findings.append(Diagnostic(ERROR, 'unbalanced " in the English', "brackets"))
    return findings


def reqs_by_rendering(reqs: list[Requirement]) -> list[Requirement]:
    """One requirement per distinct (English, Vietnamese, kind), positions aside."""
    seen: dict[tuple[str, str, str], Requirement] = {}
    for r in reqs:
        seen.setdefault((r.en, r.vi, r.kind), r)
    return list(seen.values())


def _count(text: str, closing: str) -> int:
    """Closing marks; ’ between letters is an apostrophe (the Party’s), not a quote."""
    if closing != "’":
        return text.count(closing)
    return text.count(closing) - len(re.findall(r"(?<=[^\W\d_])’(?=[^\W\d_])", text))


def status_findings(translation: str, fuzzy: bool) -> list[Diagnostic]:
    if not translation:
        return [Diagnostic(WARNING, "not translated yet", "untranslated")]
    if fuzzy:
        return [Diagnostic(WARNING, "draft: needs review", "fuzzy")]
    return []


def value_findings(translation: str, reqs: list[Requirement]) -> list[Diagnostic]:
    """A value missing or changed is an error naming the source value and what the English has;
    a value written in figures that the source lacks is a warning (words are idiom: "one of")."""
    result = value_comparison(translation, reqs)
    findings = [Diagnostic(ERROR, f'value changed: "{s.text}" ({s.english}) is "{e.text}" in the English', "value")
                for s, e in result.changed]
    findings += [Diagnostic(ERROR, f'value missing: "{s.text}" ({s.english}) is not in the English', "value")
                 for s in result.missing]
    findings += [Diagnostic(WARNING, f'extra value in the English: "{e.text}" is not in the source', "value")
                 for e in result.extra if not e.spelled]
    return findings


def catalog_rows(shown: str, po: polib.POFile, reqs: dict[str, list[Requirement]]) -> list[Diagnostic]:
    """Every finding of one catalog as reviewers left it, warnings included, with file and line."""
    rows = []
    for entry in po:
        if entry.obsolete:
            continue
        findings = check(entry.msgid, entry.msgstr, reqs.get(entry.msgid, []))
        findings += status_findings(entry.msgstr, entry.fuzzy)
        rows += [replace(f, path=shown, line=entry.linenum, msgid=entry.msgid) for f in findings]
    return rows


def annotate(po: polib.POFile, reqs: dict[str, list[Requirement]], filled: set[str]) -> None:
    """QA findings become `#. qa:` comments; an entry filled this run (`filled`: msgids) that
    fails them is made fuzzy. An approved translation keeps its status: only its source
    changing may un-approve it."""
    for entry in po:
        if entry.obsolete:
            continue
        findings = check(entry.msgid, entry.msgstr, reqs.get(entry.msgid, []))
        entry.comment = comments.replace(entry.comment, drop=[Key.QA], add=[comment_line(f) for f in findings])
        if entry.msgid in filled and any(f.severity == ERROR for f in findings):
            entry.fuzzy = True
