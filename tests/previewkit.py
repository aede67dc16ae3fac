"""Two articles for the HTML preview's tests, reviewed the way a desk would review them.

    005_mixed  one unit of each kind of state: approved (with <script> and & in both
               languages), approved with one QA error, untranslated, a draft with low MT
               confidence, and a fuzzy match (its sentence edited in the seed after approval)
    006_ready  every unit approved, nothing for QA: ready to publish

Use: write_seeds(ws); `xlate run` (with or without MT); review(ws); `xlate run --no-mt`.
"""

from pathlib import Path

import polib

from xlate.catalog import comments

MIXED, READY = "005_mixed", "006_ready"
SCRIPT_VI = 'Giá xăng <script>window.__xlate_pwned = 1</script> tăng 1.250 đồng & dầu "giảm" tại Hà Nội.'
SCRIPT_EN = 'Petrol <script>window.__xlate_pwned = 1</script> up 1,250 dong & diesel "down" in Hanoi.'
QA_VI = "Bộ Chính trị họp tại Hà Nội ngày 16-7."
QA_EN = "The Politburo met in Hanoi."  # the date is lost: one QA error
UNTRANSLATED_VI = "Ông Nguyễn Văn Nên phát biểu tại hội nghị."
DRAFT_VI = "Hai bên trao đổi về hợp tác kinh tế."
DRAFT_EN = "The two sides discussed economic cooperation."
LOW_CONFIDENCE = 31  # written as issue 12's MT writes it: `mt: <engine> <version>, confidence 31%`
FUZZY_BEFORE = "Chính phủ sẽ ban hành nghị định mới trong năm nay."
FUZZY_AFTER = "Chính phủ sẽ sớm ban hành nghị định mới trong năm nay."
FUZZY_EN = "The Government will issue a new decree this year."
TITLE_VI, TITLE_EN = "Giá xăng tăng, Bộ Chính trị họp", "Petrol prices rise, Politburo meets"

# Ingest strips the tags a scraper leaves in a text seed (and drops <script> content); written as
# entities, the markup is text and reaches the msgid as SCRIPT_VI, which the escaping tests need.
SCRIPT_VI_IN_SEED = SCRIPT_VI.replace("<", "&lt;").replace(">", "&gt;")
MIXED_SEED = f"{TITLE_VI}\n\n{SCRIPT_VI_IN_SEED} {QA_VI} {UNTRANSLATED_VI} {DRAFT_VI} {FUZZY_BEFORE}\n"
READY_SEED = "Hà Nội đón khách\n\nHà Nội đón nhiều khách du lịch trong năm nay.\n"
READY_EN = {"Hà Nội đón khách": "Hanoi welcomes visitors",
            "Hà Nội đón nhiều khách du lịch trong năm nay.": "Hanoi welcomes many tourists this year."}


def write_seeds(ws: Path) -> None:
    (ws / "seeds" / f"{MIXED}.txt").write_text(MIXED_SEED, encoding="utf-8")
    (ws / "seeds" / f"{READY}.txt").write_text(READY_SEED, encoding="utf-8")


def review(ws: Path) -> None:
    """What translators did in Poedit after the first run, and an edit of the seed."""
    path = ws / "translate" / f"{MIXED}.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid == UNTRANSLATED_VI:
            entry.msgstr, entry.flags = "", []
            entry.comment = comments.replace(entry.comment, drop=comments.PROVENANCE)
        elif entry.msgid == DRAFT_VI:
            entry.msgstr, entry.flags = DRAFT_EN, ["fuzzy"]
            entry.comment = comments.replace(entry.comment, drop=comments.PROVENANCE, add=[
                comments.mt_line("argostranslate translate-vi_en", "1.9", LOW_CONFIDENCE)])
        else:
            english = {TITLE_VI: TITLE_EN, SCRIPT_VI: SCRIPT_EN, QA_VI: QA_EN, FUZZY_BEFORE: FUZZY_EN}
            entry.msgstr, entry.flags = english[entry.msgid], []
    po.save(str(path))
    seed = ws / "seeds" / f"{MIXED}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(FUZZY_BEFORE, FUZZY_AFTER), encoding="utf-8")

    path = ws / "translate" / f"{READY}.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr, entry.flags = READY_EN[entry.msgid], []
    po.save(str(path))
