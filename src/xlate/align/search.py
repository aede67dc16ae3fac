"""The search for the best beads: a Gale–Church dynamic programme with the anchors of signals.py,
then a second pass for paragraphs the English moved.

A bead's cost is, as in Gale & Church (1993), −log of its shape's prior plus
−log of how well its two lengths agree (the English length is normally
distributed around c·(Vietnamese length) with variance s²·length); from it is
taken the anchors the two sides share (`Evidence.similarity`, times ANCHOR) and
to it is added the strong anchors one side holds that belong elsewhere
(`Evidence.conflict`, times CONFLICT). The parameters were set on the
development pairs (tests/corpus/align/dev), never on the held-out ones.

1. Monotone pass: the programme over both editions in order. Long pairs are
   searched in a band around the path the surest anchors draw (a unique shared
   anchor of weight ≥ 2, kept in order by a longest increasing run), so the cost
   grows with the length, not its square.
2. Moved paragraphs: a run of Vietnamese sentences left out and a run of
   English sentences added that share anchors are aligned with each other by the
   same programme, when that costs less than leaving both alone (a quote
   promoted to the second paragraph, a paragraph put first).
3. Scores: each linking bead gets 0–1 from its anchors and its length fit; a
   1-0 or 0-1 bead, from how little its sentence shares with anything else.
"""

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from xlate.align.model import SHAPES, Bead, Sentence
from xlate.align.signals import Evidence
from xlate.model import Kind


@dataclass(frozen=True)
class Params:
    """The cost model (set on the development pairs; see the module docstring)."""

    ratio: float = 1.0  # c: English characters per Vietnamese character in a 1-1 bead
    variance: float = 12.0  # s²: the spread of English lengths (editions condense: wider than translations)
    priors: tuple = ((1, 1, 0.62), (2, 1, 0.08), (1, 2, 0.05), (1, 0, 0.17), (0, 1, 0.08))
    anchor: float = 2.2  # cost taken off per unit of shared anchor weight
    conflict: float = 1.1  # cost added per unit of misplaced strong anchor weight
    novel_vi: float = 0.6  # per fact of a Vietnamese sentence the English states nowhere (it was left out)
    novel_en: float = 1.2  # per figure of an English sentence the Vietnamese states nowhere (it was added)
    cross_block: float = 2.0  # a 2-1 or 1-2 whose sentences stand in two paragraphs
    band: int = 14  # sentences either side of the anchor path searched in a long pair
    full_search: int = 2500  # n·m up to which the whole table is searched
    moved_min: float = 2.0  # least shared anchor weight for aligning a moved run


DEFAULT_PARAMS = Params()


def align(vi: list[Sentence], en: list[Sentence], evidence: Evidence, params: Params = DEFAULT_PARAMS) -> list[Bead]:
    """The beads of a pair in Vietnamese order, each 0-1 where it falls in the English, scored.
    Titles pair with titles whatever the rest does (an English headline is the headline)."""
    vi_order = [i for i in range(len(vi)) if vi[i].kind != Kind.TITLE]
    en_order = [j for j in range(len(en)) if en[j].kind != Kind.TITLE]
    model = _Model(vi, en, evidence, params)
    beads = model.search(vi_order, en_order)
    beads = model.moved(beads)
    vi_titles = [i for i in range(len(vi)) if vi[i].kind == Kind.TITLE]
    en_titles = [j for j in range(len(en)) if en[j].kind == Kind.TITLE]
    for i, j in zip(vi_titles, en_titles):
        beads.append(Bead((i,), (j,)))
    beads += [Bead((i,), ()) for i in vi_titles[len(en_titles):]]
    beads += [Bead((), (j,)) for j in en_titles[len(vi_titles):]]
    return order([model.scored(b) for b in beads])


def order(beads: list[Bead]) -> list[Bead]:
    """Vietnamese order; a 0-1 bead right after the bead holding the English sentence before it."""
    linked = sorted((b for b in beads if b.vi), key=lambda b: b.vi[0])
    added = sorted((b for b in beads if not b.vi), key=lambda b: b.en[0])
    where = {}  # English sentence → position of its bead in `linked`
    for k, b in enumerate(linked):
        for j in b.en:
            where[j] = k
    after: dict[int, list[Bead]] = {}
    for b in added:
        # the nearest English sentence before it that a Vietnamese bead holds
        prior = max((j for j in where if j < b.en[0]), default=None)
        after.setdefault(where[prior] if prior is not None else -1, []).append(b)
    out = list(after.get(-1, []))
    for k, b in enumerate(linked):
        out.append(b)
        out += after.get(k, [])
    return out


class _Model:
    def __init__(self, vi: list[Sentence], en: list[Sentence], evidence: Evidence, params: Params):
        self.vi, self.en, self.ev, self.p = vi, en, evidence, params
        self.vi_len = [max(1, len(s.text)) for s in vi]
        self.en_len = [max(1, len(s.text)) for s in en]
        self.prior = {(a, b): -math.log(p) for a, b, p in params.priors}

    # --- costs --------------------------------------------------------------------------------

    def length_cost(self, vi: Sequence[int], en: Sequence[int]) -> float:
        return -math.log(max(self.length_fit(vi, en), 1e-12))

    def length_fit(self, vi: Sequence[int], en: Sequence[int]) -> float:
        """Gale–Church: the two-sided probability of a length difference at least this large."""
        lv = sum(self.vi_len[i] for i in vi)
        le = sum(self.en_len[j] for j in en)
        c, s2 = self.p.ratio, self.p.variance
        mean = (lv + le / c) / 2
        delta = (c * lv - le) / math.sqrt(mean * s2)
        return math.erfc(abs(delta) / math.sqrt(2))

    def cost(self, vi: Sequence[int], en: Sequence[int]) -> float:
        shape = (len(vi), len(en))
        if not vi or not en:
            return self.prior[shape]
        cost = self.prior[shape] + self.length_cost(vi, en)
        cost -= self.p.anchor * self.ev.similarity(vi, en)
        cost += self.p.conflict * self.ev.conflict(vi, en)
        cost += self.p.novel_vi * sum(self.ev.novel_vi[i] for i in vi)
        cost += self.p.novel_en * sum(self.ev.novel_en[j] for j in en)
        if len(vi) == 2 and self.vi[vi[0]].block != self.vi[vi[1]].block:
            cost += self.p.cross_block
        if len(en) == 2 and self.en[en[0]].block != self.en[en[1]].block:
            cost += self.p.cross_block
        return cost

    # --- 1. the monotone programme -------------------------------------------------------------

    def search(self, vi: list[int], en: list[int]) -> list[Bead]:
        """The cheapest sequence of beads over vi and en (indices, in order)."""
        n, m = len(vi), len(en)
        window = self._window(vi, en)
        best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
        for x in range(n + 1):
            lo, hi = window(x)
            for y in range(lo, hi + 1):
                if (x, y) == (0, 0):
                    continue
                cheapest = None
                for a, b in SHAPES:
                    before = best.get((x - a, y - b))
                    if before is None:
                        continue
                    total = before[0] + self.cost(vi[x - a:x], en[y - b:y])
                    if cheapest is None or total < cheapest[0]:
                        cheapest = (total, (a, b))
                if cheapest is not None:
                    best[(x, y)] = cheapest
        beads, at = [], (n, m)
        while at != (0, 0):
            a, b = best[at][1]
            x, y = at
            beads.append(Bead(tuple(vi[x - a:x]), tuple(en[y - b:y])))
            at = (x - a, y - b)
        return beads[::-1]

    def _window(self, vi: list[int], en: list[int]):
        """For each Vietnamese position, the English positions searched: all of them for a short
        pair, a band around the anchor path for a long one (always reaching both corners)."""
        n, m = len(vi), len(en)
        if n * m <= self.p.full_search:
            return lambda x: (0, m)
        points = [(0, 0)] + self._anchor_path(vi, en) + [(n, m)]
        xs = [p[0] for p in points]
        band = self.p.band

        def window(x: int) -> tuple[int, int]:
            k = min(max(bisect_left(xs, x), 1), len(points) - 1)
            (x0, y0), (x1, y1) = points[k - 1], points[k]
            y = y0 + (y1 - y0) * (x - x0) / max(1, x1 - x0)
            return max(0, int(y) - band), min(m, int(y) + band + 1)

        return window

    def _anchor_path(self, vi: list[int], en: list[int]) -> list[tuple[int, int]]:
        """Sure pairs (x, y): a strong anchor that only these two sentences share, kept in order."""
        where_vi: dict = {}
        where_en: dict = {}
        for x, i in enumerate(vi):
            for k in self.ev.vi[i]:
                where_vi.setdefault(k, []).append(x)
        for y, j in enumerate(en):
            for k in self.ev.en[j]:
                where_en.setdefault(k, []).append(y)
        pairs = sorted({(xs[0], where_en[k][0]) for k, xs in where_vi.items()
                        if len(xs) == 1 and len(where_en.get(k, ())) == 1 and self.ev.weight[k] >= 2.0},
                       key=lambda p: (p[0], -p[1]))  # one pair per Vietnamese sentence in the run
        return _increasing(pairs)

    # --- 2. moved paragraphs -------------------------------------------------------------------

    def moved(self, beads: list[Bead]) -> list[Bead]:
        """Align runs left out of the English with runs added to it where they share anchors; then
        give a sentence left alone the English (or Vietnamese) of a 1-1 bead that suits it better."""
        while True:
            change = self._best_run(beads) or self._best_swap(beads)
            if change is None:
                return beads
            drop, add = change
            beads = [b for b in beads if b not in drop] + add

    def _best_run(self, beads: list[Bead]):
        gone = _runs([b.vi[0] for b in beads if not b.en])
        added = _runs(sorted(b.en[0] for b in beads if not b.vi))
        best = None
        for run_vi in gone:
            for run_en in added:
                if self.ev.similarity(run_vi, run_en) < self.p.moved_min:
                    continue
                inner = self.search(run_vi, run_en)
                alone = sum(self.cost((i,), ()) for i in run_vi) + sum(self.cost((), (j,)) for j in run_en)
                gain = alone - sum(self.cost(b.vi, b.en) for b in inner)
                if gain > 0 and any(b.links for b in inner) and (best is None or gain > best[0]):
                    drop = [b for b in beads if (not b.en and b.vi[0] in run_vi) or (not b.vi and b.en[0] in run_en)]
                    best = (gain, drop, inner)
        return best[1:] if best else None

    def _best_swap(self, beads: list[Bead]):
        """A sentence alone and a 1-1 bead whose other side it shares more with: relink, if cheaper."""
        best = None
        pairs = [b for b in beads if len(b.vi) == 1 and len(b.en) == 1]
        for alone in (b for b in beads if not b.links):
            for pair in pairs:
                if alone.vi:
                    new, freed = Bead(alone.vi, pair.en), Bead(pair.vi, ())
                else:
                    new, freed = Bead(pair.vi, alone.en), Bead((), pair.en)
                if self.ev.similarity(new.vi, new.en) < self.p.moved_min:
                    continue
                gain = (self.cost(alone.vi, alone.en) + self.cost(pair.vi, pair.en)
                        - self.cost(new.vi, new.en) - self.cost(freed.vi, freed.en))
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, [alone, pair], [new, freed])
        return best[1:] if best else None

    # --- 3. scores -----------------------------------------------------------------------------

    def scored(self, bead: Bead) -> Bead:
        if bead.links:
            evidence = self.ev.similarity(bead.vi, bead.en) - 0.5 * self.ev.conflict(bead.vi, bead.en)
            fit = self.length_fit(bead.vi, bead.en)
            # Anchors make a bead sure; length alone makes it at best a fair guess.
            score = 0.5 * fit + 0.5 * (1 - math.exp(-max(evidence, 0.0) / 1.5))
            if len(bead.vi) + len(bead.en) > 2:
                score *= 0.95  # a merge or split is less often exactly right
        else:
            side = [(i, j) for i in bead.vi for j in range(len(self.en))] or \
                   [(i, j) for j in bead.en for i in range(len(self.vi))]
            strongest = max((self.ev.similarity((i,), (j,)) for i, j in side), default=0.0)
            score = math.exp(-strongest / 2)
        return Bead(bead.vi, bead.en, round(min(max(score, 0.0), 1.0), 2))


def _runs(indices: list[int]) -> list[list[int]]:
    """Consecutive indices grouped: [3, 4, 5, 9] → [[3, 4, 5], [9]]."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs increasing in both coordinates (patience sorting)."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, y) in enumerate(pairs):
        pos = bisect_left(tails, y)
        if pos == len(tails):
            tails.append(y)
            tail_at.append(k)
        else:
            tails[pos] = y
            tail_at[pos] = k
        parent[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]
