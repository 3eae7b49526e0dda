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
    first = needle[0]
    return any(haystack[i] == first and list(haystack[i : i + n]) == list(needle)
               for i in range(len(haystack) - n + 1))


def score(candidate: Candidate, *, folded: Sequence[str], exact: Sequence[str]) -> float:
    wanted = set(folded)
    wanted_exact = set(exact)
    total = 0.0
    phrase_seen = candidate.body_phrase
    for f_text, x_text, weight in ((candidate.title_f, candidate.title_x, TITLE_WEIGHT),
                                   (candidate.sapo_f, candidate.sapo_x, SAPO_WEIGHT)):
        tokens = f_text.split()
        if wanted:
            total += weight * len(wanted.intersection(tokens)) / len(wanted)
        if len(folded) > 1 and contains_sequence(tokens, folded):
            total += weight * PHRASE_BONUS
            phrase_seen = True
        if wanted_exact:
            total += weight * EXACT_BONUS * len(wanted_exact.intersection(x_text.split())) / len(wanted_exact)
    if phrase_seen and len(folded) > 1:
        total += PHRASE_ANYWHERE_BONUS
    return round(total, 6)


def rank(candidates: Sequence[Candidate], *, folded: Sequence[str], exact: Sequence[str]) -> list[Candidate]:
    return sorted(
        candidates,
        key=lambda c: (-score(c, folded=folded, exact=exact), -c.published_at.timestamp(), -c.article_id),
    )
