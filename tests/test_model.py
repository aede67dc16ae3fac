"""The records that flow through the pipeline: enums that print as words, one Diagnostic, counts."""

import json

from xlate.model import Diagnostic, Kind, Severity, Status, StatusCounts


def test_enums_compare_equal_to_and_print_as_their_words():
    assert Status.DRAFT == "draft" and f"{Status.DRAFT}" == "draft" and str(Kind.CAPTION) == "caption"
    assert json.dumps([Severity.ERROR]) == '["error"]'


def test_a_diagnostic_reads_file_line_severity_message_and_an_excerpt():
    where = Diagnostic(Severity.ERROR, "bad row", "glossary file", "glossary/a.tsv", 3)
    assert str(where) == "glossary/a.tsv:3: error: bad row"
    whole_file = Diagnostic(Severity.WARNING, "the file is empty", "glossary file", "glossary/b.tsv", 0)
    assert str(whole_file) == "glossary/b.tsv: warning: the file is empty"
    nowhere = Diagnostic(Severity.ERROR, "unbalanced ( in the English", "brackets")
    assert str(nowhere) == "error: unbalanced ( in the English"


def test_status_counts_add_up():
    one = StatusCounts.of([Status.APPROVED, Status.DRAFT, Status.DRAFT])
    two = StatusCounts.of([Status.UNTRANSLATED])
    assert one == StatusCounts(units=3, approved=1, draft=2, untranslated=0)
    assert one + two == StatusCounts(4, 1, 2, 1) and (one + two).not_approved == 3
