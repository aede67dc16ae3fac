"""QA: checks on one entry's translation (pipeline step 6), and the rows `xlate check` prints.

Errors are things wrong in a translation (a required rendering missing, a
number lost, a name left with diacritics, unbalanced quotes or brackets);
warnings are work not finished (untranslated, fuzzy). Both come from the
same functions during `xlate run` (as `#. qa:` comments) and `xlate check`.
"""

import re
from dataclasses import replace

import polib

from xlate.catalog import comments
from xlate.catalog.comments import Key
from xlate.glossary import Requirement, rendered
from xlate.model import Diagnostic, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING

MONTHS = {m: n for n, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
# VNA style spells out small numbers ("five years"), so these count as numbers.
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({w: n for n, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())})

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
    for req in reqs_by_rendering(reqs):
        if not rendered(translation, req.en):
            label = Key.NAME if req.is_name else Key.GLOSSARY
            findings.append(Diagnostic(ERROR, f'missing {label} rendering "{req.en}" for "{req.vi}"', label))
    if words := sorted(set(re.findall(r"\w*" + VIETNAMESE_LETTER.pattern + r"\w*", translation))):
        findings.append(Diagnostic(ERROR, f"Vietnamese diacritics left in the English: {', '.join(words)}",
                                   "diacritics"))
    if lost := _lost_numbers(source, translation):
        findings.append(Diagnostic(ERROR, f"number(s) not carried over: {', '.join(lost)}", "number"))
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


def _source_numbers(text: str) -> list[tuple[str, set]]:
    """Each number in the Vietnamese with the values an English rendering may show.

    1.250 is one thousand two hundred and fifty; 12,5 is twelve and a half;
    16.8.2019, 16-7 and 2019-2024 are several numbers each.
    """
    found = []
    for token in re.findall(r"\d+(?:[.,/-]\d+)*", text):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", token):  # 1.250,5
            found.append((token, {float(token.replace(".", "").replace(",", "."))}))
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
            found.append((token, {int(token.replace(".", ""))}))
        elif re.fullmatch(r"\d+,\d+", token):
            found.append((token, {float(token.replace(",", "."))}))
        else:
            for part in re.split(r"[.,/-]", token):
                found.append((part, {int(part)}))
    return found


def _target_numbers(text: str) -> set:
    values: set = set()
    for token in re.findall(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text):
        number = float(token.replace(",", ""))
        values.add(int(number) if number.is_integer() else number)
    for word in re.findall(r"[A-Za-z]+", text.lower()):
        if word in MONTHS:
            values.add(MONTHS[word])
        elif word in NUMBER_WORDS:
            values.add(NUMBER_WORDS[word])
    for ordinal in re.findall(r"(\d+)(?:st|nd|rd|th)\b", text):
        values.add(int(ordinal))
    return values


def _lost_numbers(source: str, translation: str) -> list[str]:
    have = _target_numbers(translation)
    return list(dict.fromkeys(shown for shown, values in _source_numbers(source) if not values & have))


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
