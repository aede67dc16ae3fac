"""Exports: output/ regenerated from the catalogs (pipeline step 7).

    edition(article, units, po)   what every export is made from: units with their English and status
    export_all(editions, out)     XML (validated against schema/article.rng), TMX 1.4b, parallel
                                  text, English Markdown; identical bytes are never rewritten
"""

from xlate.exports.editions import edition, po_date
from xlate.exports.writer import ALL_TMX, COMBINED, OWNED, ArticleCounts, Carried, CarriedArticles, ExportReport, export_all

__all__ = ["ALL_TMX", "COMBINED", "OWNED", "ArticleCounts", "Carried", "CarriedArticles", "ExportReport", "edition", "export_all", "po_date"]
