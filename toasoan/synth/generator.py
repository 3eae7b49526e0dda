"""Seeded synthetic Vietnamese archive: article ``i`` of seed ``s`` is always the same article.

Data shape (see docs/search.md, "Synthetic archive"): ten years of news ending at :data:`END` (published times
grow with the index, with jitter of a few hours), ten sections, twenty running stories (≈ 15 % of articles
belong to one), a format mix of 85 % standard, 5 % photo, 4 % media, 3 % magazine, 3 % infographic; each
article has a title of 8-16 syllables, a two-sentence sapo, 5-9 paragraphs of 2-4 sentences (≈ 350-700
words), one to three named people and a byline from a pool of 60 authors.

That is the default (:data:`CLASSIC`) shape, unchanged since the search evaluation was built on it. The
:data:`MILLION` shape used for the scale work keeps the same text machinery and adds: 50 sections (the ten
plus 40 sub-sections under eight of them; 60 % of those eight sections' articles go to a sub-section), 2,000
events (a running story, a province and a year; an article joins one of its own year, see ``Shape.for_count``
for smaller archives), and 20,000 people:
1,000 bylines (``people.Author``) and 19,000 newsmakers (``entities.Person``) whom the articles name.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from toasoan.core.text import fold
from toasoan.synth import vocab

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2025, 12, 31, 18, 0, tzinfo=VN)
YEARS = 10
SPAN = timedelta(days=365 * YEARS)
FORMATS = [("standard", 85), ("photo", 5), ("media", 4), ("magazine", 3), ("infographic", 3)]
AUTHOR_COUNT = 60
EVENT_SHARE = 0.15
NAMESPACE = uuid.UUID("6f0b7c1e-3d0a-4b55-9a43-7c1b1e5d2a10")


@dataclass(frozen=True)
class Shape:
    """How the archive around the articles looks; ``CLASSIC`` is what every earlier caller gets."""

    name: str = "classic"
    authors: int = AUTHOR_COUNT
    events: int = len(vocab.EVENTS)
    persons: int = 0  # 0: names are drawn freely and no entities.Person rows are made
    subsections: bool = False
    subsection_share: float = 0.6
    scale_events: bool = False  # ``events`` is the count for a million articles (see ``for_count``)

    @property
    def people(self) -> int:
        return self.authors + self.persons

    def for_count(self, count: int) -> Shape:
        """The shape of an archive of ``count`` articles.

        With ``scale_events`` an archive smaller than a million has proportionally fewer events (at least one), so
        a running story gathers about as many articles at every size (≈ 75): a 1,000-article archive with 2,000
        events would have no event page with more than a couple of articles, and one with an event a year (≈ 15
        each) no event page as full as a million's, to compare with. Where the archive has fewer events than years,
        an article joins an event of the nearest year that has one (:func:`_reshape`).
        """
        if not self.scale_events or count >= 1_000_000:
            return self
        return replace(self, events=max(1, round(self.events * count / 1_000_000)))

    @property
    def section_count(self) -> int:
        return len(vocab.SECTIONS) + (sum(len(s) for s in vocab.SUBSECTIONS.values()) if self.subsections else 0)


CLASSIC = Shape()
MILLION = Shape(name="million", authors=1_000, events=2_000, persons=19_000, subsections=True, scale_events=True)
SHAPES = {shape.name: shape for shape in (CLASSIC, MILLION)}


@dataclass
class SynthArticle:
    index: int
    title: str
    sapo: str
    paragraphs: list[str]
    section: str  # section slug (see vocab.SECTIONS)
    format: str
    published_at: datetime
    people: list[str] = field(default_factory=list)
    author: str = ""
    event: str | None = None  # event title (see vocab.EVENTS, or event_titles() in the million shape)
    subsection: str | None = None  # sub-section slug under ``section`` (million shape only)

    def key(self, seed: int) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{seed}:{self.index}")


def person_name(rng: random.Random) -> str:
    middle = rng.choice(vocab.MIDDLE)
    return f"{rng.choice(vocab.SURNAMES)} {middle} {rng.choice(vocab.GIVEN)}"


def _distinct_names(rng: random.Random, count: int, key: Callable[[str], str] = str) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = person_name(rng)
        if key(name) not in seen:
            seen.add(key(name))
            names.append(name)
    return names


@functools.lru_cache(maxsize=8)
def author_names(seed: int, count: int = AUTHOR_COUNT) -> list[str]:
    """The byline pool; a larger ``count`` extends the same list (its first 60 names never change)."""
    return _distinct_names(random.Random(seed * 7919 + 1), count)  # noqa: S311 - reproducible data, not secrets


@functools.lru_cache(maxsize=4)
def newsmaker_names(seed: int, count: int) -> list[str]:
    """The people the million-shape articles name (entities.Person), distinct once folded, fixed by the seed."""
    return _distinct_names(random.Random(seed * 104_729 + 3), count, key=fold)  # noqa: S311 - reproducible data


@functools.lru_cache(maxsize=4)
def event_titles(seed: int, count: int) -> list[tuple[str, int]]:
    """``count`` distinct (title, year) running stories: a story of vocab.EVENTS, a province and a year."""
    rng = random.Random(seed * 15_485_863 + 5)  # noqa: S311 - reproducible data, not secrets
    first_year = END.year - YEARS + 1
    combos = len(vocab.EVENTS) * len(vocab.PROVINCES) * YEARS
    if count > combos:
        raise ValueError(f"at most {combos} synthetic events")
    out = []
    for n in sorted(rng.sample(range(combos), count)):
        n, year = divmod(n, YEARS)
        base, province = divmod(n, len(vocab.PROVINCES))
        pattern = vocab.EVENT_PLACE_PATTERNS[(base + province) % len(vocab.EVENT_PLACE_PATTERNS)]
        title = pattern.format(base=vocab.EVENTS[base], province=vocab.PROVINCES[province], year=first_year + year)
        out.append((title, first_year + year))
    return out


@functools.lru_cache(maxsize=4)
def _events_by_year(seed: int, count: int) -> dict[int, list[str]]:
    """The events an article of each year joins: those of its year, or, in a year without one, those of the
    nearest year that has one (the earlier of two as near)."""
    own: dict[int, list[str]] = {}
    for title, year in event_titles(seed, count):
        own.setdefault(year, []).append(title)
    first_year = END.year - YEARS + 1
    return {year: own[min(own, key=lambda y: (abs(y - year), y))]
            for year in range(first_year, END.year + 1)} if own else {}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Filler(dict):
    def __init__(self, rng: random.Random, section: str, people: list[str], published: datetime) -> None:
        super().__init__()
        subjects, verbs = vocab.TOPICS[section]
        self.rng, self.subjects, self.verbs, self.people, self.published = rng, subjects, verbs, people, published

    def __missing__(self, key: str) -> str:
        rng = self.rng
        lower = key[:1].lower() + key[1:]
        value: str
        if lower == "subject":
            value = rng.choice(self.subjects)
        elif lower == "verb":
            value = rng.choice(self.verbs)
        elif lower == "verb2":
            value = rng.choice(vocab.VERBS2)
        elif lower == "place":
            value = rng.choice([f"huyện {rng.choice(vocab.DISTRICTS)}", f"tỉnh {rng.choice(vocab.PROVINCES)}",
                                f"TP {rng.choice(vocab.CITIES)}", rng.choice(vocab.PROVINCES)])
        elif lower == "district":
            value = rng.choice(vocab.DISTRICTS)
        elif lower == "province":
            value = rng.choice(vocab.PROVINCES)
        elif lower == "org":
            value = rng.choice(vocab.ORGS)
        elif lower == "person":
            value = rng.choice(self.people)
        elif lower == "person_position":
            value = rng.choice(vocab.POSITIONS)
        elif lower == "n":
            value = str(rng.choice([3, 5, 6, 12, 15, 20, 35, 48, 120, 250, 1200]))
        elif lower == "year":
            value = str(self.published.year + rng.choice([-1, 0, 0, 1]))
        elif lower == "time":
            day = self.published - timedelta(days=rng.randint(0, 3))
            value = rng.choice(vocab.TIMES).format(d=day.day, m=day.month)
        elif lower == "sentence":
            value = rng.choice(vocab.SENTENCE_PATTERNS).format_map(self)
        else:
            raise KeyError(key)
        return _cap(value) if key[:1].isupper() else value


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def make_article(*, seed: int, index: int, count: int, shape: Shape = CLASSIC) -> SynthArticle:
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - reproducible data, not secrets
    section = rng.choice(list(vocab.SECTIONS))
    fraction = (index + rng.random()) / max(count, 1)
    published = END - SPAN + SPAN * fraction
    if shape.persons:
        pool = newsmaker_names(seed, shape.persons)
        people = list(dict.fromkeys(pool[rng.randrange(len(pool))] for _ in range(rng.randint(1, 3))))
    else:
        people = [person_name(rng) for _ in range(rng.randint(1, 3))]
    fill = _Filler(rng, section, people, published)
    title = _cap(rng.choice(vocab.TITLE_PATTERNS).format_map(fill))
    sapo = rng.choice(vocab.SAPO_PATTERNS).format_map(fill)
    paragraphs = [
        " ".join(rng.choice(vocab.SENTENCE_PATTERNS).format_map(fill) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(5, 9))
    ]
    event = rng.choice(vocab.EVENTS) if rng.random() < EVENT_SHARE else None
    authors = author_names(seed, shape.authors)
    article = SynthArticle(index=index, title=title, sapo=sapo, paragraphs=paragraphs, section=section,
                           format=_weighted(rng, FORMATS), published_at=published, people=people,
                           author=authors[rng.randrange(len(authors))], event=event)
    if shape is not CLASSIC:
        _reshape(article, rng=rng, seed=seed, shape=shape)
    return article


def _reshape(article: SynthArticle, *, rng: random.Random, seed: int, shape: Shape) -> None:
    """What the larger shapes add, drawn after everything the classic shape draws."""
    if article.event is not None and shape.scale_events:
        near = _events_by_year(seed, shape.events).get(article.published_at.year)
        article.event = rng.choice(near) if near else None
    children = vocab.SUBSECTIONS.get(article.section) if shape.subsections else None
    if children and rng.random() < shape.subsection_share:
        article.subsection = rng.choice(children)[0]


def generate(*, seed: int, count: int, start: int = 0, shape: Shape = CLASSIC) -> Iterator[SynthArticle]:
    for index in range(start, count):
        yield make_article(seed=seed, index=index, count=count, shape=shape)
