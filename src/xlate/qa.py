"""QA: checks on one entry's translation, and the report `xlate check` prints.

Errors are things wrong in a translation (a required rendering missing, a
number lost, a name left with diacritics, unbalanced quotes or brackets);
warnings are work not finished (untranslated, fuzzy). Both come from the
same functions during `xlate run` (as `#. qa:` comments) and `xlate check`.
"""

import re
from dataclasses import asdict, dataclass

from xlate.enforce import Requirement, rendered

ERROR, WARNING = "error", "warning"

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


@dataclass(frozen=True)
class Finding:
    check: str  # glossary, name, number, brackets, diacritics, untranslated, fuzzy
    severity: str
    message: str

    @property
    def comment(self) -> str:
        return f"qa: {self.message}"


def check(source: str, translation: str, reqs: list[Requirement]) -> list[Finding]:
    """Everything wrong with one translation. An empty translation has nothing to check."""
    if not translation:
        return []
    findings = []
    for en, vi, kind in dict.fromkeys((r.en, r.vi, r.kind) for r in reqs):
        if not rendered(translation, en):
            label = "name" if kind == "name" else "glossary"
            findings.append(Finding(label, ERROR, f'missing {label} rendering "{en}" for "{vi}"'))
    if words := sorted(set(re.findall(r"\w*" + VIETNAMESE_LETTER.pattern + r"\w*", translation))):
        findings.append(Finding("diacritics", ERROR,
                                f"Vietnamese diacritics left in the English: {', '.join(words)}"))
    if lost := _lost_numbers(source, translation):
        findings.append(Finding("number", ERROR, f"number(s) not carried over: {', '.join(lost)}"))
    for opening, closing in PAIRS:
        if _count(source, closing) == source.count(opening) and \
                translation.count(opening) != _count(translation, closing):
            findings.append(Finding("brackets", ERROR, f"unbalanced {opening}…{closing} in the English"))
    if source.count('"') % 2 == 0 and translation.count('"') % 2:
        findings.append(Finding("brackets", ERROR, 'unbalanced " in the English'))
    return findings


def _count(text: str, closing: str) -> int:
    """Closing marks; ’ between letters is an apostrophe (the Party’s), not a quote."""
    if closing != "’":
        return text.count(closing)
    return text.count(closing) - len(re.findall(r"(?<=[^\W\d_])’(?=[^\W\d_])", text))


def status_findings(translation: str, fuzzy: bool) -> list[Finding]:
    if not translation:
        return [Finding("untranslated", WARNING, "not translated yet")]
    if fuzzy:
        return [Finding("fuzzy", WARNING, "draft: needs review")]
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


@dataclass(frozen=True)
class Row:
    """One line of the `xlate check` report."""

    file: str
    line: int
    msgid: str
    check: str
    severity: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        excerpt = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "…"
        return f"{self.file}:{self.line}: {self.severity}: {self.message}  [{excerpt}]"


def catalog_rows(shown: str, po, reqs: dict[str, list[Requirement]]) -> list[Row]:
    """Every finding of one catalog as reviewers left it, warnings included."""
    rows = []
    for entry in po:
        if entry.obsolete:
            continue
        findings = check(entry.msgid, entry.msgstr, reqs.get(entry.msgid, []))
        findings += status_findings(entry.msgstr, "fuzzy" in entry.flags)
        rows += [Row(shown, entry.linenum, entry.msgid, f.check, f.severity, f.message) for f in findings]
    return rows
