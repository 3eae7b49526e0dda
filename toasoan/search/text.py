"""Search text: syllable tokens, folding, tone-independent exact keys and newsroom equivalences.

Every syllable is indexed twice:

* **folded** (``fold``: "Đảng" → "dang"), the recall key: a reader who types no diacritics still matches;
* **exact** (a Telex-like key with the tone moved to the end of the syllable: "Đảng" → "ddangr"), the precision
  key. Because the tone is written last, tone-placement variants share one key ("hoà"/"hòa" → "hoaf",
  "thuỷ"/"thủy" → "thuyr"), and "đảng", "đang", "đăng", "dạng" stay four different keys.

Equivalences (XIII ↔ 13, UBND ↔ Ủy ban nhân dân, ...) are applied the same way to indexed text and queries, so
both sides meet on the long form and phrase queries keep working across them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import combinations, pairwise

from toasoan.core.text import _INVISIBLE, fold, normalize_line

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 12
_INVISIBLE_CHARS = [chr(c) for c in _INVISIBLE]

_TOKEN = re.compile(r"[^\W_]+")
_TONE_KEYS = {"\u0300": "f", "\u0301": "s", "\u0303": "x", "\u0309": "r", "\u0323": "j"}
_SHAPE_KEYS = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles the vowel; breve/horn add w

# Abbreviations newsrooms use, with the long form both sides are rewritten to.
_ABBREVIATIONS = {
    "TW": "Trung ương",
    "BTV": "Ban Thường vụ",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TP": "thành phố",
    "Tp": "thành phố",
    "HCM": "Hồ Chí Minh",
    "TPHCM": "thành phố Hồ Chí Minh",
    "GDĐT": "Giáo dục và Đào tạo",
}
# In indexed text only the capitalised forms are abbreviations ("tp" in running text is not "thành phố").
# (The look-ahead on the first letter lets the regex engine skip ahead: these run over every body indexed.)
_INDEX_ABBR = re.compile("(?=[%s])" % "".join(sorted({a[0] for a in _ABBREVIATIONS}))  # noqa: UP031
                         + r"(?<![^\W_])(" + "|".join(_ABBREVIATIONS) + r")(?![^\W_])")
_QUERY_ABBR = re.compile(r"(?<![^\W_])(tw|btv|ubnd|hđnd|hdnd|tphcm|tp|hcm|gdđt|gddt)(?![^\W_])", re.IGNORECASE)
# "GD&ĐT", "GD-ĐT", "GD/ĐT", "GD - ĐT": written with a sign between the halves (the joined "GDĐT" is above).
_INDEX_JOINED_ABBR = re.compile(r"(?<![^\W_])GD ?[&/\-–] ?ĐT(?![^\W_])")
_QUERY_JOINED_ABBR = re.compile(r"(?<![^\W_])gd[\s&/\-–.]*[đd]t(?![^\W_])", re.IGNORECASE)
_COMRADE = re.compile(r"(?<![^\W_])[đĐdD]/[cC](?![^\W_])")
_QUERY_ABBREVIATIONS = {
    "tw": "Trung ương", "btv": "Ban Thường vụ", "ubnd": "Ủy ban nhân dân", "hđnd": "Hội đồng nhân dân",
    "hdnd": "Hội đồng nhân dân", "tp": "thành phố", "tphcm": "thành phố Hồ Chí Minh", "hcm": "Hồ Chí Minh",
    "gdđt": "giáo dục và đào tạo", "gddt": "giáo dục và đào tạo",
}
# Roman numerals of congresses and terms (Khóa XIII, Đại hội XIV): I, V and X only, two letters or more.
_ROMAN = re.compile(r"(?=[IVX])(?<![^\W_])([IVX]{2,6})(?![^\W_])")
_ROMAN_ANY_CASE = re.compile(r"(?<![^\W_])([IVXivx]{2,6})(?![^\W_])")
_ROMAN_VALID = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Lower-case words made of i, v, x that are Vietnamese syllables, not numbers.
_NOT_ROMAN = {"vi", "xi"}


def roman_to_int(text: str) -> int | None:
    text = text.upper()
    if not text or not _ROMAN_VALID.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None


def _roman_sub(match: re.Match) -> str:
    token = match.group(1)
    if token.lower() in _NOT_ROMAN and not token.isupper():
        return token
    value = roman_to_int(token)
    return str(value) if value else token


def expand_for_index(text: str) -> str:
    """Rewrite abbreviations and roman numerals in stored text to the forms queries are rewritten to."""
    if "/" in text:
        text = _COMRADE.sub("đồng chí", text)
    if "ĐT" in text:
        text = _INDEX_JOINED_ABBR.sub("Giáo dục và Đào tạo", text)
    text = _INDEX_ABBR.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    return _ROMAN.sub(_roman_sub, text)


def expand_for_query(text: str) -> str:
    """Like :func:`expand_for_index` but case-insensitive: readers type "ubnd", "khoa xiii"."""
    text = _COMRADE.sub("đồng chí", text)
    text = _QUERY_JOINED_ABBR.sub("giáo dục và đào tạo", text)
    text = _QUERY_ABBR.sub(lambda m: _QUERY_ABBREVIATIONS[m.group(1).lower()], text)
    return _ROMAN_ANY_CASE.sub(_roman_sub, text)


def exact_key(token: str) -> str:
    """Tone-last Telex key of a lower-case syllable: "đảng" → "ddangr", "hoà" and "hòa" → "hoaf"."""
    out: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", token):
        if ch == "đ":
            out.append("dd")
        elif ch in _TONE_KEYS:
            tone = _TONE_KEYS[ch]
        elif ch in _SHAPE_KEYS:
            if out:
                out.append(_SHAPE_KEYS[ch] or out[-1][-1])
        elif unicodedata.combining(ch):
            continue
        else:
            out.append(ch)
    return "".join(out) + tone


def has_marks(token: str) -> bool:
    return fold(token) != token


@dataclass(frozen=True)
class Token:
    surface: str  # lower-case, NFC, with whatever diacritics were written
    folded: str
    exact: str

    @property
    def marked(self) -> bool:
        """Did the writer put diacritics on this syllable (so the exact key means something)?"""
        return self.folded != self.surface


def _make_token(surface: str) -> Token | None:
    folded = fold(surface)
    if not folded or not _TOKEN.fullmatch(folded):
        folded = "".join(_TOKEN.findall(folded))
        if not folded:
            return None
    return Token(surface=surface, folded=folded, exact=exact_key(surface))


# A few thousand syllables make up nearly all Vietnamese text: tokens are made once per distinct surface form
# (folding and the exact key were 90 % of the time of indexing a million articles). Bounded: emptied when full.
_TOKEN_CACHE: dict[str, Token | None] = {}
_TOKEN_CACHE_SIZE = 200_000


def _tokens(text: str) -> list[Token]:
    cache = _TOKEN_CACHE
    out = []
    for surface in _TOKEN.findall(text.lower()):
        try:
            token = cache[surface]
        except KeyError:
            if len(cache) >= _TOKEN_CACHE_SIZE:
                cache.clear()
            token = cache[surface] = _make_token(surface)
        if token is not None:
            out.append(token)
    return out


def index_tokens(text: str) -> list[Token]:
    # normalize_line without its space handling: tokens only see letters and digits, spaces are separators anyway.
    # (str.replace, not str.translate: translate with a table is slow on non-ASCII text.)
    text = unicodedata.normalize("NFC", text or "")
    for invisible in _INVISIBLE_CHARS:
        if invisible in text:
            text = text.replace(invisible, "")
    return _tokens(expand_for_index(text))


def folded_text(text: str) -> str:
    return " ".join(t.folded for t in index_tokens(text))


def exact_text(text: str) -> str:
    return " ".join(t.exact for t in index_tokens(text))


def surface_text(text: str) -> str:
    """Lower-case syllables with diacritics and equivalences applied (fed to PostgreSQL's unaccent config)."""
    return " ".join(t.surface for t in index_tokens(text))


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    tokens: tuple[Token, ...]

    @property
    def folded(self) -> list[str]:
        return [t.folded for t in self.tokens]

    @property
    def exact(self) -> list[str]:
        """Exact keys of the syllables the reader wrote with diacritics."""
        return [t.exact for t in self.tokens if t.marked]

    @property
    def is_empty(self) -> bool:
        return not self.tokens

    def replace(self, index: int, folded: str) -> ParsedQuery:
        tokens = list(self.tokens)
        tokens[index] = Token(surface=folded, folded=folded, exact=folded)
        return ParsedQuery(raw=self.raw, tokens=tuple(tokens))


def parse_query(raw: str | None) -> ParsedQuery:
    """Any input at all → syllable tokens; operators, quotes and symbols of FTS/SQL syntax are just separators."""
    text = (raw or "")[: MAX_QUERY_CHARS * 4]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = normalize_line(text)[:MAX_QUERY_CHARS]
    tokens = _tokens(expand_for_query(text))
    return ParsedQuery(raw=text, tokens=tuple(tokens[:MAX_QUERY_TOKENS]))


class _AlignedFoldTable(dict):
    """``str.translate`` table that folds one character to exactly one character, filled on first use."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold(chr(codepoint))
        value = folded if len(folded) == 1 else (folded[:1] or " ")
        self[codepoint] = value
        return value


_ALIGNED = _AlignedFoldTable()


def fold_aligned(text: str) -> str:
    """``fold`` character by character, so that offsets in the result are offsets in ``text`` (for highlighting)."""
    return text.translate(_ALIGNED)


# --- tokens written with inner punctuation ----------------------------------------------------------------------
# "Covid-19", "TP.HCM", "V-League", "SARS-CoV-2", "GD&ĐT", "24/4" are indexed as their pieces ("covid 19"), so a
# reader who types them as written or split finds them. Readers also type them joined ("covid19", "vleague"): the
# vocabulary counts each such token as a compound key ("@covid_19", the folded pieces), and a query syllable that
# the archive knows less often than one of its splits into pieces is read as those pieces
# (services.decompound).
COMPOUND_PREFIX = "@"
MAX_COMPOUND_PIECES = 4
MAX_COMPOUND_CHARS = 16
_COMPOUND = re.compile(r"[^\W_]+(?:[.&/\-–][^\W_]+)+")
_COMPOUND_SIGNS = re.compile(r"[.&/\-–]")


def compound_keys(text: str) -> set[str]:
    """Compound keys of the tokens of ``text`` written with inner . - & / ("SARS-CoV-2" → "@sars_cov_2")."""
    keys: set[str] = set()
    for match in _COMPOUND.finditer(text):
        pieces = [fold(piece) for piece in _COMPOUND_SIGNS.split(match.group().lower())]
        if len(pieces) <= MAX_COMPOUND_PIECES and sum(map(len, pieces)) <= MAX_COMPOUND_CHARS \
                and all(_TOKEN.fullmatch(piece) for piece in pieces):
            keys.add(COMPOUND_PREFIX + "_".join(pieces))
    return keys


def split_keys(word: str) -> list[str]:
    """Every compound key a joined syllable could stand for: "vleague" → "@v_league", "@vl_eague", ..."""
    if not 3 <= len(word) <= MAX_COMPOUND_CHARS:
        return []
    keys = []
    for cuts in range(1, MAX_COMPOUND_PIECES):
        for at in combinations(range(1, len(word)), cuts):
            bounds = (0, *at, len(word))
            keys.append(COMPOUND_PREFIX + "_".join(word[a:b] for a, b in pairwise(bounds)))
    return keys


def compound_pieces(key: str) -> str:
    """The pieces of a compound key as query text: "@covid_19" → "covid 19"."""
    return key.removeprefix(COMPOUND_PREFIX).replace("_", " ")
