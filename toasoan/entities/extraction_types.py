"""The result of entity extraction: people with positions, organisations, places, and where each was named."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toasoan.core.text import fold

__all__ = ["Extraction", "Mention", "Organisation", "Person", "Place", "Position"]


@dataclass(frozen=True)
class Mention:
    """Where something was named: character offsets into ``Extraction.text`` and its sentence."""

    start: int
    end: int
    sentence: int


@dataclass
class Position:
    text: str  # as written: "Phó Trưởng ban Thường trực Ban Tổ chức Trung ương"
    title: str  # the title part: "Phó Trưởng ban Thường trực"
    organisation: str | None  # "Ban Tổ chức Trung ương", or None when no organisation is named
    mention: Mention


@dataclass
class Person:
    name: str
    positions: list[Position] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # short forms the article also uses ("Biden")
    # A foreign surname met alone ("ông Biden") with no full name in the article: stored only when it is
    # the alias of a person already known (services.find_person), never as a record of its own.
    alone: bool = False

    @property
    def position_texts(self) -> list[str]:
        return [position.text for position in self.positions]


@dataclass
class Organisation:
    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    name: str
    kind: str  # "tỉnh/thành phố", "quốc gia", "huyện", "xã"...
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Extraction:
    text: str
    sentence_spans: list[tuple[int, int]]
    people: list[Person]
    organisations: list[Organisation]
    places: list[Place]

    def sentence(self, index: int) -> str:
        start, end = self.sentence_spans[index]
        return self.text[start:end]

    def person(self, name: str) -> Person | None:
        wanted = fold(name)
        return next((p for p in self.people if fold(p.name) == wanted), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": [
                {
                    "name": p.name,
                    "positions": [
                        {"text": pos.text, "title": pos.title, "organisation": pos.organisation} for pos in p.positions
                    ],
                }
                for p in self.people
            ],
            "organisations": [o.name for o in self.organisations],
            "places": [{"name": p.name, "kind": p.kind} for p in self.places],
        }
