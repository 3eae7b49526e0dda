"""Vietnamese text utilities: normalisation, folding, slugs.

Everything that turns user or scraped text into something stored, compared or put in a URL goes
through here, so that NFC/NFD input, odd spaces and the letter Đ behave the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii
from django.utils.text import slugify

# Zero-width and byte-order characters that scraped pages carry and readers never see.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")  # removes them quicker than translate
# Every run of horizontal space (NBSP, thin, ideographic, tabs...) becomes one plain space: the runs that are
# not one plain space already (matching those too would rewrite every space of every text, for nothing).
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# Spaces around a line end (after _SPACES: at most one plain space on each side); a bare "\n" is left alone.
_BLANK_AROUND_NEWLINE = re.compile(r" \n ?|\n ")

# Tone-placement variants: the "old" style puts the mark on the first vowel of oa/oe/uy
# ("hoà", "thuỷ", "khoá"); the "new" style on the second ("hòa", "thủy", "khóa").
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def normalize_text(text: str) -> str:
    """NFC, no invisible characters, single spaces, no trailing space on a line."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    text = _BLANK_AROUND_NEWLINE.sub("\n", text)
    return text.strip()


def normalize_line(text: str) -> str:
    """Like :func:`normalize_text` but for a single line: newlines become spaces."""
    return normalize_text(text.replace("\n", " ").replace("\r", " "))


class _FoldTable(dict):
    """``str.translate`` table: each character to its NFD form without combining marks, made when first met.

    Decomposition is per character and the canonical reordering only moves combining marks, which are all
    dropped, so translating character by character gives what decomposing the whole text gives."""

    def __missing__(self, code: int) -> str:
        char = chr(code).replace("đ", "d").replace("Đ", "D")
        value = "".join(ch for ch in unicodedata.normalize("NFD", char) if not unicodedata.combining(ch))
        if len(self) < 100_000:  # bounded: a hostile text of every code point does not grow it for ever
            self[code] = value
        return value


_FOLD = _FoldTable()


# The combining diacritics of Latin letters (U+034F, the grapheme joiner, is not a combining mark).
_COMMON_MARKS = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Lower-case ASCII fold: "Đại hội Đảng" -> "dai hoi dang" (đ/Đ become d)."""
    if text.isascii():
        return text.lower()
    if len(text) <= 24:  # a word or a name: a character table is quickest
        return text.translate(_FOLD).lower()
    bare = _COMMON_MARKS.sub("", unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")))
    if any(unicodedata.combining(ch) for ch in _NOT_ASCII.findall(bare)):  # marks of other scripts
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return bare.lower()


# What a slug keeps before transliteration: letters, combining marks, digits, spaces and
# punctuation. Symbols (emoji, arrows, math and currency signs) and format characters (joiners,
# variation selectors) would come out of anyascii as ":red_circle:"-style words: they are dropped.
_SLUG_DROPPED_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Cf", "Co", "Cn", "Cs"})
_SLUG_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def slugify_vi(text: str, *, max_length: int = 200) -> str:
    """ASCII slug ``[a-z0-9-]`` that keeps Đ as d: "Đại hội Đảng các cấp" -> "dai-hoi-dang-cac-cap".

    Every input gives a slug the article URL pattern accepts: emoji and symbols are dropped
    ("🔴 Trực tiếp" -> "truc-tiep"), underscores and other punctuation become hyphens, other
    scripts are transliterated ("北京" -> "beijing"). The result may be empty (a title of emoji only):
    callers supply their fallback.
    """
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(" " if unicodedata.category(ch) in _SLUG_DROPPED_CATEGORIES else ch for ch in text)
    slug = _SLUG_NOT_ALLOWED.sub("-", slugify(anyascii(text)).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")
