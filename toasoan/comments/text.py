"""The word filter: which comments wait for a moderator because of a listed word or a link.

Spammers and trolls write around a list: "đ.m", "đ m", "đmmm", a Cyrillic "а" in a Latin word, a zero-width space
in the middle, full-width letters, digits for letters. Text and listed phrases are both brought to one skeleton
before matching (:func:`skeleton`): NFKC, no invisible characters, look-alike letters of other scripts and digits
mapped to the Latin letter they imitate, Vietnamese diacritics and đ folded, lower case. A phrase then matches
whatever has its letters in order with any punctuation or spaces between them and any letter repeated, but not
inside a longer word ("dm" does not match "admin").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from toasoan.comments.models import HeldBecause

# Letters of other scripts that look like Latin ones, and the digits and signs written for letters.
_LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ӏ": "l", "ԛ": "q",
    "ԝ": "w", "һ": "h", "ь": "b", "п": "n", "г": "r",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "c",
    # Latin look-alikes that NFKD does not take apart
    "đ": "d", "ð": "d", "ɗ": "d", "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "ɡ": "g",
    # digits and signs for letters
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
})
_GAP = r"[\W_]*"
_LINK = re.compile(
    r"https?\s*:\s*/\s*/|www\s*\.|\b[a-z0-9-]{2,}\s*(?:\.|\[\.\]|\(\.\)|\s(?:dot|cham)\s)\s*"
    r"(?:com|net|org|vn|info|biz|xyz|top|io|me|co|ly|gg|site|online|store|shop|club|live|app|link|tk)\b"
)


def skeleton(text: str) -> str:
    """What the filter compares: "Ðụ.M" and "đụ m" and "dụ.м" give the same letters (see the module's doc)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch != "\u034f")
    text = text.lower().translate(_LOOKALIKES)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _phrase_letters(phrase: str) -> str:
    return "".join(ch for ch in skeleton(phrase) if ch.isalnum())


@lru_cache(maxsize=32)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    alternatives = []
    for phrase in phrases:
        letters = _phrase_letters(phrase)
        if letters:
            alternatives.append(_GAP.join(re.escape(ch) + "+" for ch in letters))
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


@dataclass(frozen=True)
class Verdict:
    held: bool
    because: str = HeldBecause.NONE
    detail: str = ""


def has_link(text: str) -> bool:
    return bool(_LINK.search(skeleton(text)))


def check(text: str, *, phrases: tuple[str, ...]) -> Verdict:
    """Hold ``text`` when a listed phrase (in any disguise) or a link is in it."""
    flat = skeleton(text)
    pattern = _pattern(tuple(sorted(set(phrases))))
    if pattern is not None:
        found = pattern.search(flat)
        if found is not None:
            return Verdict(held=True, because=HeldBecause.WORD, detail=found.group(0)[:200])
    link = _LINK.search(flat)
    if link is not None:
        return Verdict(held=True, because=HeldBecause.LINK, detail=link.group(0)[:200])
    return Verdict(held=False)
