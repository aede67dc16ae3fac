"""process_article: one article held in a string through ingest, segmentation and its catalog."""

from xlate.article import process_article
from xlate.catalog import status
from xlate.glossary import Glossary, Term
from xlate.model import Kind, Status

TEXT = """Hội nghị tổng kết công tác năm 2024

Sáng 16-12, tại Hà Nội, Ban Chấp hành khai mạc hội nghị. Đồng chí Nguyễn Văn Nên phát biểu.

Các đại biểu dự hội nghị. Ảnh: TTXVN

PV
"""
GLOSSARY = Glossary([Term("Hà Nội", "Hanoi", "place", "", "glossary/t.tsv", 2)])


def test_units_are_the_title_the_sentences_and_the_caption_in_source_order():
    result = process_article(TEXT, "tin")
    assert [(u.kind, u.text) for u in result.units] == [
        (Kind.TITLE, "Hội nghị tổng kết công tác năm 2024"),
        (Kind.BODY, "Sáng 16-12, tại Hà Nội, Ban Chấp hành khai mạc hội nghị."),
        (Kind.BODY, "Đồng chí Nguyễn Văn Nên phát biểu."),
        (Kind.CAPTION, "Các đại biểu dự hội nghị. Ảnh: TTXVN")]
    assert [(d.text, d.reason) for d in result.dropped] == [("PV", "byline")]


def test_the_catalog_has_one_empty_entry_per_unit_with_its_references_and_requirements():
    result = process_article(TEXT, "tin", glossary=GLOSSARY)
    assert [e.msgid for e in result.catalog] == [u.text for u in result.units]
    first = result.catalog[1]
    assert first.occurrences == [("seeds/tin.txt", "3")] and status(first) == Status.UNTRANSLATED
    assert "glossary: Hà Nội = Hanoi" in first.comment
    assert [r.en for r in result.requirements[result.units[2].text]] == ["Nguyen Van Nen"]


def test_a_previous_catalog_keeps_its_approved_translations_and_a_changed_sentence_inherits_one():
    first = process_article(TEXT, "tin")
    first.catalog[0].msgstr = "Review of the year 2024"
    first.catalog[2].msgstr = "Comrade Nguyen Van Nen spoke."
    again = process_article(TEXT.replace("Đồng chí", "Ông"), "tin", previous=first.catalog)
    assert (again.catalog[0].msgstr, status(again.catalog[0])) == ("Review of the year 2024", Status.APPROVED)
    changed = again.catalog.find("Ông Nguyễn Văn Nên phát biểu.")
    assert (changed.msgstr, status(changed), changed.previous_msgid) == (
        "Comrade Nguyen Van Nen spoke.", Status.DRAFT, "Đồng chí Nguyễn Văn Nên phát biểu.")


def test_findings_are_qa_over_the_catalog_as_it_stands():
    result = process_article(TEXT, "tin", glossary=GLOSSARY)
    result.catalog[1].msgstr = "On 16 December in Ha Noi, the Executive Committee opened the conference."
    errors = [f for f in result.findings() if f.severity == "error"]
    assert [(f.check, f.msgid) for f in errors] == [("glossary", result.units[1].text)]
    assert errors[0].path == "tin.po" and errors[0].line is None  # an in-memory catalog has no lines
