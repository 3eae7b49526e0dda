"""Seeded synthetic Vietnamese archive: article ``i`` of seed ``s`` is always the same article.

Data shape (see docs/search.md, "Synthetic archive"): ten years of news ending at :data:`END` (published times
grow with the index, with jitter of a few hours), ten sections, twenty running stories (≈ 15 % of articles
belong to one), a format mix of 85 % standard, 5 % photo, 4 % media, 3 % magazine, 3 % infographic; each
article has a title of 8-16 syllables, a two-sentence sapo, 5-9 paragraphs of 2-4 sentences (≈ 350-700
words), one to three named people and a byline from a pool of 60 authors.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from toasoan.synth import vocab

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2025, 12, 31, 18, 0, tzinfo=VN)
YEARS = 10
SPAN = timedelta(days=365 * YEARS)
FORMATS = [("standard", 85), ("photo", 5), ("media", 4), ("magazine", 3), ("infographic", 3)]
AUTHOR_COUNT = 60
EVENT_SHARE = 0.15
NAMESPACE = uuid.UUID("6f0b7c1e-3d0a-4b55-9a43-7c1b1e5d2a10")


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
    event: str | None = None  # event title (see vocab.EVENTS)

    def key(self, seed: int) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{seed}:{self.index}")


def person_name(rng: random.Random) -> str:
    middle = rng.choice(vocab.MIDDLE)
    return f"{rng.choice(vocab.SURNAMES)} {middle} {rng.choice(vocab.GIVEN)}"


@functools.lru_cache(maxsize=8)
def author_names(seed: int) -> list[str]:
    rng = random.Random(seed * 7919 + 1)  # noqa: S311 - reproducible data, not secrets
    names: list[str] = []
    while len(names) < AUTHOR_COUNT:
        name = person_name(rng)
        if name not in names:
            names.append(name)
    return names


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


def make_article(*, seed: int, index: int, count: int) -> SynthArticle:
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - reproducible data, not secrets
    section = rng.choice(list(vocab.SECTIONS))
    fraction = (index + rng.random()) / max(count, 1)
    published = END - SPAN + SPAN * fraction
    people = [person_name(rng) for _ in range(rng.randint(1, 3))]
    fill = _Filler(rng, section, people, published)
    title = _cap(rng.choice(vocab.TITLE_PATTERNS).format_map(fill))
    sapo = rng.choice(vocab.SAPO_PATTERNS).format_map(fill)
    paragraphs = [
        " ".join(rng.choice(vocab.SENTENCE_PATTERNS).format_map(fill) for _ in range(rng.randint(2, 4)))
        for _ in range(rng.randint(5, 9))
    ]
    event = rng.choice(vocab.EVENTS) if rng.random() < EVENT_SHARE else None
    authors = author_names(seed)
    return SynthArticle(index=index, title=title, sapo=sapo, paragraphs=paragraphs, section=section,
                        format=_weighted(rng, FORMATS), published_at=published, people=people,
                        author=authors[rng.randrange(len(authors))], event=event)


def generate(*, seed: int, count: int, start: int = 0) -> Iterator[SynthArticle]:
    for index in range(start, count):
        yield make_article(seed=seed, index=index, count=count)
