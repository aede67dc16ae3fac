"""`xlate show STEM`: what ingest made of a seed, in the seed's order — every block kept
(with its kind) and every piece dropped (with its reason), the metadata found, and
the warnings. Pure: an Article in, lines of text out.
"""

from xlate.model import Article

TEXT_WIDTH = 100


def _clip(text: str, full: bool) -> str:
    text = text.replace("\n", " ").strip()
    return text if full or len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1] + "…"


def explain(article: Article, units: int, *, dropped_only: bool = False, full: bool = False) -> list[str]:
    kind = "saved page" if article.source.lower().endswith((".html", ".htm")) else "text"
    lines = [f"{article.source}  ({kind}: {len(article.blocks)} blocks kept → {units} units, "
             f"{len(article.dropped)} pieces dropped)"]
    for label, value in (("title", article.title), ("date", article.date), ("byline", article.byline),
                         ("outlet", article.outlet), ("url", article.url)):
        lines.append(f"  {label:<7} {value if value else '—'}")
    rows = [(d.line, 1, "- " + d.reason, d.text) for d in article.dropped]
    if not dropped_only:
        rows += [(b.line, 0, "+ " + b.kind, b.text) for b in article.blocks]
        rows += [(r, 0, "+ " + b.kind + " (again)", b.text) for b in article.blocks for r in b.repeats]
    rows.sort(key=lambda r: (r[0], r[1]))
    width = max([len(r[2]) for r in rows] + [4])
    lines.append(f"  {'line':>5}  {'kept / dropped':<{width}}  text")
    for line, _, what, text in rows:
        lines.append(f"  {line:>5}  {what:<{width}}  {_clip(text, full)}")
    lines += [f"  {w.severity}: {w.message}" for w in article.warnings]
    return lines
