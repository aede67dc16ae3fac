"""The ingest development corpus (tests/corpus/ingest/): seeds with gold answers, and how a run is scored.

Each seed `NAME.<txt|md|html|htm>` has `NAME.gold` beside it:

    # a comment
    title: the article's title, as printed
    date: 2025-05-19                (ISO; "-" when the article prints none)
    byline: Quỳnh Trang             ("-" when it prints none)
    junk: Tin liên quan             (text that must never be inside a unit; any number of lines)
    ---
    title<TAB>Hà Nội khởi công …    (every unit an editor would translate, in order: kind, tab, text)
    body<TAB>Sáng 19-5, …

dev/ is what the rules were written against; heldout/ was written at the same
time and only scored at the end, to see whether the rules generalise.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from xlate.text.normalize import normalize

CORPUS = Path(__file__).resolve().parent / "corpus" / "ingest"
SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Never inside a unit, whatever the article: markup, entities, chrome words.
JUNK = ["&nbsp", "&quot", "&amp", "&#", "<p", "<br", "</", "<h", "](", "**", "http", "GMT+7", "\t",
        "Tin liên quan", "Xem thêm", "Đọc thêm", "Chia sẻ", "lượt xem", "Tags:", "Từ khóa", "Theo dõi",
        "Cỡ chữ", "cookie", "Bình luận (", "TTO -", "(Chinhphu.vn) -", "VOV.VN -", "(Dân trí) -"]


@dataclass
class Gold:
    path: Path  # the seed
    title: str
    date: str | None
    byline: str | None
    units: list[tuple[str, str]]  # (kind, text)
    junk: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_page(self) -> bool:
        return self.path.suffix.lower() in (".html", ".htm")


def load(folder: Path) -> list[Gold]:
    golds = []
    for seed in sorted(p for p in folder.iterdir() if p.suffix.lower() in SEED_SUFFIXES):
        golds.append(read_gold(seed, seed.with_suffix(".gold")))
    return golds


def read_gold(seed: Path, path: Path) -> Gold:
    meta, units, junk = {}, [], []
    head = True
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if head:
            if line.strip() == "---":
                head = False
                continue
            key, _, value = line.partition(":")
            if key.strip() == "junk":
                junk.append(value.strip())
            else:
                meta[key.strip()] = value.strip()
            continue
        kind, tab, text = line.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: a unit is `kind<TAB>text`")
        units.append((kind.strip(), normalize(text)))
    none = lambda v: None if v in (None, "", "-") else v  # noqa: E731
    return Gold(seed, normalize(meta.get("title", "")), none(meta.get("date")), none(meta.get("byline")), units, junk)


@dataclass
class Score:
    name: str
    gold: int
    found: int
    matched: int
    junk: list[str]
    title_ok: bool
    date_ok: bool
    byline_ok: bool
    kinds_ok: int  # matched units whose kind is the gold kind

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0


def score(gold: Gold, article, units) -> Score:
    """How the units ingest and segmentation made compare with the gold ones (as multisets of text)."""
    want = Counter(text for _, text in gold.units)
    got = Counter(u.text for u in units)
    matched = sum((want & got).values())
    gold_kinds = Counter(gold.units)
    got_kinds = Counter((str(u.kind), u.text) for u in units)
    kinds_ok = sum((gold_kinds & got_kinds).values())
    junk = [f"{j!r} in {u.text[:60]!r}" for u in units for j in JUNK + gold.junk if j in u.text]
    return Score(gold.name, sum(want.values()), sum(got.values()), matched, junk,
                 article.title == gold.title, article.date == gold.date, article.byline == gold.byline, kinds_ok)
