"""One relevance formula for every backend, computed over a few hundred candidates.

Signals, strongest first: the whole phrase in the title, then in the sapo; the syllables written with diacritics
matching exactly (Đảng is not đang); how many query syllables the title and sapo contain; the phrase anywhere
(title, sapo or body) above syllables scattered. Ties go to the newer article, then the higher id, so results
are stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

TITLE_WEIGHT = 3.0
SAPO_WEIGHT = 1.5
PHRASE_BONUS = 2.0
EXACT_BONUS = 1.5
PHRASE_ANYWHERE_BONUS = 4.0  # more than every syllable scattered over the title


@dataclass(frozen=True)
class Candidate:
    article_id: int
    published_at: datetime
    title_f: str
    sapo_f: str
    title_x: str
    sapo_x: str
    body_phrase: bool = False


def contains_sequence(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if not n or n > len(haystack):
        return False
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "  # syllables never hold a space


def score(candidate: Candidate, *, folded: Sequence[str], exact: Sequence[str]) -> float:
    return _scorer(folded, exact)(candidate)


def _scorer(folded: Sequence[str], exact: Sequence[str]):
    """:func:`score` with what depends on the query alone computed once (it runs on a few hundred candidates)."""
    wanted = set(folded)
    wanted_exact = set(exact)
    phrase = f" {' '.join(folded)} " if len(folded) > 1 else ""

    def scored(candidate: Candidate) -> float:
        total = 0.0
        phrase_seen = candidate.body_phrase
        for f_text, x_text, weight in ((candidate.title_f, candidate.title_x, TITLE_WEIGHT),
                                       (candidate.sapo_f, candidate.sapo_x, SAPO_WEIGHT)):
            tokens = f_text.split()
            if wanted:
                total += weight * len(wanted.intersection(tokens)) / len(wanted)
            if phrase and phrase in f" {' '.join(tokens)} ":
                total += weight * PHRASE_BONUS
                phrase_seen = True
            if wanted_exact:
                total += weight * EXACT_BONUS * len(wanted_exact.intersection(x_text.split())) / len(wanted_exact)
        if phrase_seen and phrase:
            total += PHRASE_ANYWHERE_BONUS
        return round(total, 6)

    return scored


def rank(candidates: Sequence[Candidate], *, folded: Sequence[str], exact: Sequence[str]) -> list[Candidate]:
    scored = _scorer(folded, exact)
    return sorted(candidates, key=lambda c: (-scored(c), -c.published_at.timestamp(), -c.article_id))
