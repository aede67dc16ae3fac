"""output/xml/<stem>.xml: the article as aligned bilingual XML, checked against
the RELAX NG schema that ships in the package (xlate/exports/schema/article.rng).

Shape (no namespace; the schema documents every element):

    <article stem="001_x" source="seeds/001_x.txt" scope="all">
      <meta><title xml:lang="vi">…</title><date>…</date><url>…</url><byline xml:lang="vi">…</byline><outlet xml:lang="vi">…</outlet></meta>
      <title n="0" line="3">
        <seg id="b0s0" status="approved"><vi xml:lang="vi">…</vi><en xml:lang="en">…</en></seg>
      </title>
      <p n="1" line="5">…</p>
      <subheading n="2" line="7">…</subheading>
      <item n="3" line="9">…</item>
      <caption n="4" line="11">…</caption>
    </article>
"""

from functools import lru_cache
from importlib import resources

from lxml import etree

from xlate.model import AlignedUnit, Edition, Kind, Status

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
BLOCK_TAGS = {Kind.TITLE: "title", Kind.SUBHEADING: "subheading", Kind.BODY: "p", Kind.ITEM: "item",
              Kind.CAPTION: "caption"}


def schema_bytes() -> bytes:
    """The shipped schema, read through importlib.resources so it works from a wheel or zip."""
    return resources.files("xlate.exports").joinpath("schema/article.rng").read_bytes()


@lru_cache(maxsize=1)
def article_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.fromstring(schema_bytes()))


def set_text(element: etree._Element, text: str, where: str) -> None:
    # lxml refuses control characters XML 1.0 cannot carry; say which unit.
    try:
        element.text = text
    except ValueError as exc:
        raise ValueError(f"{where}: text cannot be written as XML 1.0 ({exc}): {text!r}") from None


def blocks(units: list[AlignedUnit]) -> list[list[AlignedUnit]]:
    """Consecutive units of the same block, in source order."""
    groups: list[list[AlignedUnit]] = []
    for unit in units:
        if groups and groups[-1][0].block == unit.block:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return groups


def article_xml(edition: Edition, *, approved_only: bool) -> bytes:
    """The serialized article; raises if it does not validate (that is a bug, not bad input)."""
    root = etree.Element("article", stem=edition.stem, source=edition.source,
                         scope="approved" if approved_only else "all")
    meta = etree.SubElement(root, "meta")
    for tag, value in (("title", edition.title), ("date", edition.date),
                       ("url", edition.url), ("byline", edition.byline),
                       ("outlet", edition.outlet)):
        if value:
            element = etree.SubElement(meta, tag)
            if tag in ("title", "byline", "outlet"):
                element.set(XML_LANG, "vi")
            set_text(element, value, f"{edition.stem} meta {tag}")

    units = [u for u in edition.units if u.status == Status.APPROVED or not approved_only]
    for group in blocks(units):
        first = group[0]
        tag = BLOCK_TAGS.get(first.kind)
        if tag is None:
            raise ValueError(f"{edition.stem} {first.id}: unknown unit kind {first.kind!r}")
        block = etree.SubElement(root, tag, n=str(first.block), line=str(first.line))
        for unit in group:
            where = f"{edition.stem} {unit.id}"
            if unit.kind != first.kind:
                raise ValueError(f"{where}: kind {unit.kind!r} inside a {first.kind} block")
            seg = etree.SubElement(block, "seg", id=unit.id, status=unit.status)
            vi = etree.SubElement(seg, "vi")
            vi.set(XML_LANG, "vi")
            set_text(vi, unit.vi, where)
            en = etree.SubElement(seg, "en")
            en.set(XML_LANG, "en")
            if unit.status != Status.UNTRANSLATED:
                set_text(en, unit.en, where)

    data = DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    validate(data, f"xml/{edition.stem}.xml")
    return data


def validate(data: bytes, name: str) -> None:
    """Validate the bytes about to be written (parsed back, so exactly what lands on disk)."""
    schema = article_schema()
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if not schema.validate(doc):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        raise RuntimeError(f"bug: {name} does not match schema/article.rng: {errors}")
    # The schema cannot say ids are unique (libxml2's RELAX NG has no ID checks).
    ids = doc.xpath("//seg/@id")
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"bug: {name} has duplicate unit ids")
