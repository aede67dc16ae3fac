"""Reading a TMX (1.4b, and the 1.1–1.3 files older tools still write) as Vietnamese → English units, streamed.

Translation memories from OmegaT, Trados, memoQ or translate-toolkit hold
hundreds of thousands of units, so the file is read with lxml's iterparse and
every <tu> is dropped once read: memory stays bounded whatever the file's size.

- Languages: a <tuv>'s xml:lang (or TMX 1.1's lang), case-insensitive, any
  variant: vi, vi-VN; en, en-GB, en-US… When a unit has several English
  variants, en-GB is preferred (the desk's house style is British), then
  plain en, then the first other.
- Inline markup is stripped to text: <bpt>, <ept>, <ph>, <it> and <ut> hold
  the original format's codes and are dropped; <hi> holds text and is kept.
  Text is normalized as msgids are (NFC, Đ, spaces), so exact matches work.
- A unit lacking either side, or with an empty one, is skipped and counted.
- Refused, with the file and line, before anything is imported: XML that is not
  well-formed, a root other than <tmx>, a file without units, without any
  Vietnamese or English side, and a unit whose English side is Vietnamese while
  its Vietnamese side is not (languages swapped or mislabelled).
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from xlate.errors import InputError
from xlate.mt.memory import TmUnit
from xlate.text.normalize import normalize

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})  # native codes, not text
_DATE = re.compile(r"\d{8}T\d{6}Z")
# Letters Vietnamese has and English never does (as xlate.qa's diacritics check).
_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
HINT = "fix the file or export it again from the tool that made it; nothing was imported"


@dataclass
class Tally:
    """What reading a TMX found, for the import summary."""

    units: int = 0  # <tu> elements
    pairs: int = 0  # units with both a Vietnamese and an English side
    skipped: Counter = field(default_factory=Counter)  # reason → units
    languages: Counter = field(default_factory=Counter)  # xml:lang as written → <tuv>s


def read_units(path: Path, shown: str, tally: Tally | None = None) -> Iterator[TmUnit]:
    """The file's Vietnamese → English pairs, in file order; InputError (file:line) if it is not a
    usable TMX. Raised at the point it is found: consume it all before trusting any of it."""
    tally = tally if tally is not None else Tally()
    header_line, header_date = 1, ""
    options = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = next(iter(etree.iterparse(str(path), events=("start",), **options)))[1]
        if _local(root.tag) != "tmx":
            raise InputError(f"is not a TMX file: its root element is <{_local(root.tag)}>, not <tmx>",
                             path=shown, line=root.sourceline, hint=HINT)
        # Only the elements read are reported (with or without a namespace), the rest is skipped in C.
        wanted = ("header", "tu", "{*}header", "{*}tu")
        for _, elem in etree.iterparse(str(path), events=("end",), tag=wanted, remove_comments=True, **options):
            tag = _local(elem.tag)
            if tag == "header":
                header_line = elem.sourceline or 1
                header_date = _date(elem.get("changedate")) or _date(elem.get("creationdate"))
            elif tag == "tu":
                unit = _unit(elem, shown, tally, header_date)
                if unit is not None:
                    yield unit
                # Bounded memory: forget the unit and everything before it.
                elem.clear(keep_tail=False)
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
    except StopIteration:
        raise InputError("is empty", path=shown, hint=HINT) from None
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        what = "is empty" if _is_empty(path) else f"is not well-formed XML ({exc.msg})"
        raise InputError(what, path=shown, line=line, hint=HINT) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=shown) from None
    _check_found(tally, shown, header_line)


def _unit(tu, shown: str, tally: Tally, header_date: str) -> TmUnit | None:
    tally.units += 1
    sides: dict[str, list[tuple[str, str]]] = {"vi": [], "en": []}
    for tuv in tu:
        if _local(tuv.tag) != "tuv":
            continue
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()
        tally.languages[lang or "(none)"] += 1
        primary = re.split(r"[-_]", lang.lower())[0]
        if primary in sides:
            seg = next((c for c in tuv if _local(c.tag) == "seg"), None)
            sides[primary].append((lang.lower(), normalize(_text(seg)) if seg is not None else ""))
    vi = next((text for _, text in sides["vi"] if text), "")
    en = _english(sides["en"])
    if not vi or not en:
        reason = ("no Vietnamese side" if not sides["vi"] else "no English side" if not sides["en"]
                  else "an empty segment")
        tally.skipped[reason] += 1
        return None
    if _VIETNAMESE.search(en) and not _VIETNAMESE.search(vi):
        raise InputError("the English side of this unit is Vietnamese and its Vietnamese side is not: "
                         "the languages look swapped or mislabelled (xml:lang)", path=shown,
                         line=tu.sourceline, hint=HINT)
    tally.pairs += 1
    created = _date(tu.get("creationdate")) or header_date
    changed = _date(tu.get("changedate")) or created
    return TmUnit(vi, en, created, changed)


def _english(variants: list[tuple[str, str]]) -> str:
    filled = [(lang, text) for lang, text in variants if text]
    for wanted in ("en-gb", "en"):
        for lang, text in filled:
            if lang.replace("_", "-") == wanted:
                return text
    return filled[0][1] if filled else ""


def _text(seg) -> str:
    """A <seg>'s text with its inline codes dropped and <hi> (and any other markup) kept as text."""
    parts = [seg.text or ""]
    for child in seg:
        if _local(child.tag) not in CODE_TAGS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _check_found(tally: Tally, shown: str, line: int) -> None:
    if tally.units == 0:
        raise InputError("holds no translation units (<tu>)", path=shown, line=line, hint=HINT)
    if tally.pairs:
        return
    langs = ", ".join(sorted(tally.languages)) or "none"
    side = "Vietnamese" if not any(_primary(lang) == "vi" for lang in tally.languages) else "English"
    raise InputError(f"has no {side} side: no unit pairs Vietnamese (vi, vi-VN) with English (en, en-GB, en-US…); "
                     f"the languages of its {tally.units} unit(s) are {langs}", path=shown, line=line,
                     hint="check the xml:lang of its <tuv>s; nothing was imported")


def _primary(lang: str) -> str:
    return re.split(r"[-_]", lang.lower())[0]


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _date(value: str | None) -> str:
    value = (value or "").strip()
    return value if _DATE.fullmatch(value) else ""


def _is_empty(path: Path) -> bool:
    try:
        return not Path(path).read_bytes()[:4096].strip()
    except OSError:
        return False
