"""Pieces → an Article: the block rules, the same for a text seed and a saved page.

In order (each pass sees only what the passes before it kept):
1. chrome: every piece alone — workspace keep/drop patterns, tables, time lines,
   share/like/comment widgets and counters, follow-us lines, tags and hashtags,
   attachments, contact and copyright boxes, navigation, cookie banners;
2. boxes: a related-articles label and the headline-like lines after it, runs of
   three headline-like lines or of links, wherever they stand (the article goes
   on after them); a footer label, once the article has begun, ends it;
3. head: the title is the declared one (front matter, page metadata) where the
   text has it, else the headline the lead follows; what stands before it is a
   section label or a stray line from another article;
4. the lead's outlet tag ("TTO - ") becomes metadata; bylines and attributions
   among the last pieces, and labelled ones ("Bài và ảnh: …") anywhere;
5. captions (a credit, a repeated line, an image's caption, an alt artefact
   before it) and kinds (subheading, paragraph, list item, caption);
6. metadata (date, byline) and warnings where ingest is unsure.
Every piece not kept is recorded in Article.dropped with its Reason.
"""

import re
from dataclasses import dataclass, field

from xlate.ingest import chrome, credits
from xlate.ingest.chrome import Reason
from xlate.ingest.pieces import Hint, Piece, Source
from xlate.ingest.rules import IngestRules
from xlate.model import Article, Block, Diagnostic, Dropped, Kind, Severity
from xlate.text.segment import split_sentences

SENTENCE = re.compile(r"[.:;…](?:['\"”’)\]»]|\s)*$")
QUESTION = re.compile(r"[?!](?:['\"”’)\]»]|\s)*$")
TITLE_MAX_WORDS = 40
SUBHEADING_MAX_WORDS = 20
BOX_RUN = 3  # unlabelled headline-like lines in a row that make a related box
BYLINE_ZONE = 3  # bylines are among the last pieces of the article
ALT_ARTEFACT = re.compile(r"\s-\d+$")  # "<title> -0": an image's alt text as scraped


@dataclass
class _Item:
    piece: Piece
    text: str
    reason: str | None = None  # dropped, and why
    kind: Kind | None = None
    repeats: list[int] = field(default_factory=list)
    kept: bool = False  # protected by a workspace keep pattern

    @property
    def live(self) -> bool:
        return self.reason is None


def assemble(source: Source, stem: str, path: str, rules: IngestRules | None = None) -> Article:
    rules = rules or IngestRules()
    article = Article(stem=stem, source=path, url=source.url, outlet=source.outlet)
    article.dropped = list(source.dropped)
    items = [_Item(p, p.text) for p in source.pieces]
    dates = _chrome(items, rules)
    _boxes(items)
    title = _head(items, source, article)
    _lead(items, article)
    bylines = _bylines(items)
    _captions(items, article)
    _kinds(items, rules)
    _metadata(article, source, dates, bylines, title)
    for item in items:
        if item.reason is not None:
            article.dropped.append(Dropped(item.piece.line, item.piece.text, item.reason))
        elif item.kind is not None and item.text:
            article.blocks.append(Block(item.kind, item.text, item.piece.line, tuple(item.repeats)))
    if title is not None and title.reason is None and title.kind is None:
        article.blocks.insert(0, Block(Kind.TITLE, title.text, title.piece.line))
    article.blocks.sort(key=lambda b: (b.kind != Kind.TITLE, b.line))
    article.dropped.sort(key=lambda d: d.line)
    _warnings(article, source)
    return article


# --- 1. chrome --------------------------------------------------------------------------

def _chrome(items: list[_Item], rules: IngestRules) -> list[tuple[int, str]]:
    """Drop every piece that is chrome on its own; returns (position, ISO date) of the time lines."""
    dates = []
    for k, item in enumerate(items):
        text = item.text
        if rules.keeps(text):
            item.kept = True
            continue
        if rules.drops(text):
            item.reason = Reason.WORKSPACE
            continue
        if item.piece.hint == Hint.TABLE:
            if not rules.keep_tables:
                item.reason = Reason.TABLE
            continue
        if len(text) > 300:
            continue
        when = chrome.time_line(text)
        if when is None and any(sep in text for sep in "|·•"):
            when = _time_and_widgets(text)
        if when is not None:
            item.reason = Reason.TIME
            dates.append((k, when))
        elif chrome.widget(text):
            item.reason = Reason.WIDGET
        elif chrome.follow_us(text):
            item.reason = Reason.FOLLOW
        elif chrome.tags(text):
            item.reason = Reason.TAGS
        elif chrome.attachment(text):
            item.reason = Reason.ATTACHMENT
        elif chrome.contact(text):
            item.reason = Reason.CONTACT
        elif chrome.navigation(text):
            item.reason = Reason.NAVIGATION
        elif chrome.cookie(text):
            item.reason = Reason.COOKIE
    return dates


def _time_and_widgets(text: str) -> str | None:
    """ "Ngày đăng: 13/07/2025 | Lượt xem: 2.418": a time line sharing its line with counters."""
    parts = [p for p in re.split(r"\s*[|·•]\s*", text) if p]
    times = [chrome.time_line(p) for p in parts]
    if not any(t is not None for t in times):
        return None
    # Beside the time, only counters, widgets or a short section label ("An ninh trật tự | Thứ tư, 19/03/2025").
    if all(t is not None or chrome.widget(p) or (len(p.split()) <= 4 and not _sentence(p))
           for p, t in zip(parts, times)):
        return next((t for t in times if t), "")
    return None


# --- 2. related boxes and the footer ------------------------------------------------------

def _sentence(text: str) -> bool:
    """Finished prose: ends like a sentence (a question or exclamation only if long)."""
    return SENTENCE.search(text) is not None or (QUESTION.search(text) is not None and len(text.split()) > 25)


def _headline_like(item: _Item) -> bool:
    text = item.text
    return (not _sentence(text) and len(text.split()) <= TITLE_MAX_WORDS and item.piece.hint != Hint.CAPTION
            and credits.photo_credit(text) is None)


def _boxes(items: list[_Item]) -> None:
    live = [i for i in items if i.live and not i.kept]
    started = False  # the article has begun: a footer label now ends it
    in_box = False
    k = 0
    while k < len(live):
        item = live[k]
        text = item.text
        if started and chrome.footer_label(text):
            for rest in live[k:]:
                if not rest.kept:
                    rest.reason = Reason.FOOTER
            return
        rest = chrome.related_label(text)
        if rest is not None or chrome.arrow_link(text):
            item.reason = Reason.RELATED
            in_box = True
        elif in_box and (_headline_like(item) or item.piece.link) and item.piece.hint != Hint.HEADING \
                and not credits.name_byline(text):
            item.reason = Reason.RELATED  # a signature after the box ends it
        elif item.piece.link and _headline_like(item) and started:
            item.reason = Reason.RELATED
            in_box = True
        else:
            in_box = False
            run = _headline_run(live, k) if started else 0
            if run >= BOX_RUN:
                for other in live[k:k + run]:
                    other.reason = Reason.RELATED
                k += run
                continue
        if not started and _sentence(text):
            started = True
        k += 1


def _headline_run(live: list[_Item], k: int) -> int:
    """How many pieces from k on are short headline-like lines in a row (unlabelled related links)."""
    n = 0
    while k + n < len(live):
        item = live[k + n]
        words = len(item.text.split())
        if item.piece.hint == Hint.HEADING or not (_headline_like(item) and 4 <= words <= 30) or \
                credits.name_byline(item.text):
            break
        n += 1
    return n


# --- 3. the head: title, section labels, strays -----------------------------------------

def _matches(declared: str, text: str) -> bool:
    a = declared.casefold().rstrip(".… ").rstrip()
    b = text.casefold()
    return bool(a) and (b == declared.casefold() or b.startswith(a) or (len(b) > 20 and a.startswith(b)))


def _head(items: list[_Item], source: Source, article: Article) -> _Item | None:
    """Choose the title; drop what stands before it. Returns the title item (maybe a new one)."""
    live = [i for i in items if i.live]
    first = next((n for n, i in enumerate(live) if _sentence(i.text) or credits.lead_tag(i.text)
                  or i.piece.hint == Hint.CAPTION and n > 0), len(live))
    head = live[:first]
    declared = source.title or source.link_title
    at = None
    if declared:
        at = next((n for n, i in enumerate(live[:first + 1]) if _matches(declared, i.text)), None)
    if at is None and not source.title_wins:
        h1 = [n for n, i in enumerate(head) if i.piece.hint == Hint.HEADING and i.piece.level == 1]
        candidates = [n for n, i in enumerate(head) if _title_candidate(i)]
        at = h1[-1] if h1 else (candidates[-1] if candidates else None)
        if at is not None and source.title and not h1 and not _matches(source.title, live[at].text):
            at = None  # the page declares another headline: trust it over a guess
    title = None
    if at is not None:
        title = live[at]
        title.kind = Kind.TITLE
        before = head[:at]
        after = live[at + 1:first]
    else:
        before, after = head, []
        if declared and (source.title_wins or source.title):
            line = source.title_line or (head[0].piece.line if head else 1)
            title = _Item(Piece(line, declared), declared)
    for n, item in enumerate(before):
        if item.kept:
            continue
        if title is not None and title.kind is None and n == len(before) - 1 and _headline_like(item):
            item.reason = Reason.HEADLINE
        elif len(item.text.split()) <= 5:
            item.reason = Reason.SECTION
        else:
            item.reason = Reason.STRAY
    for item in after:  # between the title and the lead: a byline, or a sub-title kept as text
        if not item.kept and (credits.name_byline(item.text) or credits.labelled_byline(item.text)):
            item.reason = Reason.BYLINE
    article.title = title.text if title is not None else ""
    return title


def _title_candidate(item: _Item) -> bool:
    return (_headline_like(item) and not credits.name_byline(item.text) and not credits.labelled_byline(item.text)
            and not credits.attribution(item.text) and not ALT_ARTEFACT.search(item.text))


# --- 4. lead tag and bylines --------------------------------------------------------------

def _lead(items: list[_Item], article: Article) -> None:
    lead = next((i for i in items if i.live and i.kind is None and i.piece.hint != Hint.CAPTION), None)
    if lead is None or lead.kept:
        return
    found = credits.lead_tag(lead.text)
    if found is None:
        return
    outlet, rest = found
    article.outlet = article.outlet or outlet
    article.dropped.append(Dropped(lead.piece.line, lead.text[:len(lead.text) - len(rest)].strip(),
                                   Reason.LEAD_TAG))
    lead.text = rest


def _bylines(items: list[_Item]) -> list[str]:
    """Signatures among the last pieces, and labelled bylines anywhere; in source order."""
    live = [i for i in items if i.live and i.kind is None and not i.kept]
    for n, item in enumerate(live):
        text = item.text
        near_end = n >= len(live) - BYLINE_ZONE
        photo_only = credits.photo_credit(text) == 0
        if photo_only and n > 0 and _caption_before(live[n - 1]):
            continue  # "Ảnh: Hải Linh" under a caption is its credit (see _captions)
        if (near_end and (credits.attribution(text) or credits.name_byline(text) or credits.labelled_byline(text))) \
                or (not photo_only and credits.labelled_byline(text) and n > 0):
            item.reason = Reason.BYLINE
    return [i.text for i in items if i.reason == Reason.BYLINE]  # with those under the title, in order


# --- 5. captions and kinds ------------------------------------------------------------------

def _captions(items: list[_Item], article: Article) -> None:
    live = [i for i in items if i.live and i.kind is None]
    k = 0
    while k < len(live):
        item = live[k]
        nxt = live[k + 1] if k + 1 < len(live) else None
        text = item.text
        if ALT_ARTEFACT.search(text) and nxt is not None and nxt.piece.joined and not item.kept:
            item.reason = Reason.ALT  # "<title> -0", then the caption on the next line
            nxt.kind = Kind.CAPTION
            k += 2
            continue
        if ALT_ARTEFACT.search(text) and text[:-3].strip() == article.title and not item.kept:
            item.reason = Reason.ALT
        elif nxt is not None and nxt.text == text:
            item.kind = Kind.CAPTION  # the same paragraph twice in a row: an image's alt text and caption
            item.repeats.append(nxt.piece.line)
            nxt.reason = ""  # folded into this block, not dropped
            k += 2
            continue
        elif (at := credits.photo_credit(text)) is not None:
            if at == 0 and k > 0 and _caption_before(live[k - 1]):
                prev = live[k - 1]
                prev.text = f"{prev.text} {text}"
                prev.kind = Kind.CAPTION
                item.reason = ""  # joined to the caption above it
            elif at == 0 and not item.kept:
                item.reason = Reason.CREDIT
            else:
                item.kind = Kind.CAPTION
        elif item.piece.hint == Hint.CAPTION:
            item.kind = Kind.CAPTION
        k += 1
    # A caption and its credit shown twice (alt text, then caption): one block, both places.
    shown = [i for i in live if i.reason is None]
    for prev, item in zip(shown, shown[1:]):
        if prev.kind == Kind.CAPTION and item.text == prev.text and prev.reason is None:
            prev.repeats.append(item.piece.line)
            item.reason = ""
    for item in items:
        if item.reason == "":  # folded into another block: its line is referenced there
            item.reason = None
            item.kind = None
            item.text = ""


CAPTION_MAX_WORDS = 40


def _caption_before(prev: _Item) -> bool:
    """Whether a credit line standing alone belongs to the piece above it: a caption, or
    a short piece of one or two sentences (a paragraph of prose takes no photo credit)."""
    if prev.kind not in (None, Kind.CAPTION):
        return False
    if prev.kind == Kind.CAPTION or prev.piece.hint == Hint.CAPTION:
        return True
    return len(prev.text.split()) <= CAPTION_MAX_WORDS and len(split_sentences(prev.text)) <= 2


def _kinds(items: list[_Item], rules: IngestRules) -> None:
    live = [i for i in items if i.live and i.text and i.kind is None]
    for n, item in enumerate(live):
        hint = item.piece.hint
        if hint == Hint.HEADING:
            item.kind = Kind.SUBHEADING if _headline_like(item) else Kind.BODY
        elif hint == Hint.ITEM:
            item.kind = Kind.ITEM
        elif hint == Hint.TABLE:
            item.kind = Kind.ITEM
        elif hint == Hint.CAPTION:
            item.kind = Kind.CAPTION
        elif (hint == Hint.PARAGRAPH and 0 < n < len(live) - 1 and _headline_like(item)
              and QUESTION.search(item.text) is None and len(item.text.split()) <= SUBHEADING_MAX_WORDS
              and not item.piece.joined and _sentence(live[n - 1].text)):
            item.kind = Kind.SUBHEADING  # a crosshead: a short unfinished line between paragraphs
        else:
            item.kind = Kind.BODY


# --- 6. metadata and warnings ----------------------------------------------------------------

def _metadata(article: Article, source: Source, dates: list[tuple[int, str]], bylines: list[str],
              title: _Item | None) -> None:
    article.date = source.date  # front matter, or the page's publication date
    if not article.date:
        known = [(k, d) for k, d in dates if d]
        at = next((k for k, i in enumerate(source.pieces) if title is not None and i is title.piece), None)
        after = [d for k, d in known if at is not None and k > at]
        before = [d for k, d in known if at is None or k < at]
        # A page header carries today's date; the article's own dateline follows the title, or
        # is the last one before it.
        article.date = after[0] if after else before[-1] if before else None
    if source.byline_wins:
        article.byline = source.byline
    else:
        article.byline = "; ".join(bylines) or source.byline


def _warnings(article: Article, source: Source) -> None:
    def warn(message: str) -> None:
        article.warnings.append(Diagnostic(Severity.WARNING, message, "ingest", article.source))

    if not any(b.kind == Kind.TITLE for b in article.blocks):
        warn("no headline found; put `title: …` in front matter at the top of the seed")
    elif chrome.time_line(article.title) is not None or chrome.first_date(article.title):
        warn(f"the title looks like a date ({article.title!r}); put `title: …` in front matter")
    kept = sum(len(b.text) for b in article.blocks)
    reader = {Reason.FRONT_MATTER, Reason.MARKUP, Reason.LINK, Reason.IMAGE, Reason.OUTSIDE}
    dropped = sum(len(d.text) for d in article.dropped if d.reason not in reader)
    if kept and dropped > kept:
        share = round(100 * dropped / (dropped + kept))
        warn(f"{share}% of the text was dropped as boilerplate; see `xlate show {article.stem}`")
    if len(article.blocks) < 3 and sum(len(split_sentences(b.text)) for b in article.blocks) < 2:
        warn("fewer than two units to translate; see `xlate show " + article.stem + "`")
