"""Tokens of the extractor: constants, the token class, ALL CAPS lines read in title case."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from toasoan.core.text import fold
from toasoan.entities.lexicon import bare_places, key_of, keys_of, title_places
from toasoan.entities.syllables import FOREIGN_LETTERS as _FOREIGN_LETTERS
from toasoan.entities.syllables import VN_SYLLABLE as _VN_SYLLABLE
from toasoan.entities.syllables import looks_vietnamese

_TOKEN = re.compile(r"[^\W_]+(?:[-'’./&][^\W_]+)*|\n|\S")
_DASHES = frozenset("-–—‐‑−")
_MAX_NAME = 4
_SENTENCE_END = frozenset(".!?")
_NUMBERED_UNITS = frozenset(
    {"khóa", "khoá", "khoa", "khu", "đoàn", "doan", "phường", "phuong", "quận", "quan", "xóm", "xom", "thôn", "thon"}
)
# After these a full name is part of the organisation or place: "Trường THPT Phan Bội Châu".
_EPONYM_BEFORE = frozenset({"thpt", "thcs", "ptth", "pt", "trường", "truong", "đường", "duong", "phố", "pho"})
_OPEN_QUOTES = frozenset("\"'“‘«(")
_MAX_LOWER_RUN = 12
# Lower-case words inside foreign names ("Thomas de Maizière", "Salman bin Abdulaziz").
_NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "van", "von", "der", "den", "de", "del", "della", "da", "dos", "das",
                             "du", "di", "la", "le", "y"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash)-[A-ZĐ]")
# The term of a body is not part of its name: "Quốc hội khóa XIV", "HĐND tỉnh khoá XVII".
# "khoa" without a mark is a word of the name: "Bệnh viện Đa khoa".
_TERM = re.compile(r"\s+(?:khóa|khoá|nhiệm kỳ)(?:\s+[\w-]+)?$", re.IGNORECASE)
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{1,5}$")
# "Moon Jae - in" (a segmenter's spacing of "Moon Jae-in"): a Latin name part, a spaced hyphen, a short
# lower-case part. Joined before parsing, so the name is one word as it is in print.
_SPACED_HYPHEN = re.compile(
    r"\b(Jae|Jong|Yong|Soo|Tae|Geun|Min|Hyun|Sung|Jin|Young|Kyung|Dong|Chul|Myung|Seok|Sang|Hye|Eun|Ji|Kwang"
    r"|Byung|Hee|Joon|Jung|Ki|Moo|Nak|Se|Seung|Won|Woo|Yeon|Yoon|Il|In|Chang|Kang|Song) - ([a-z]{1,5})\b"
    r"|\b(al|el) - ([A-Z][a-z]{2,})\b"
    # "Ri Hong - yo": any given syllable after a Korean family name; "Jean - Yves": French double given names.
    r"|\b(?:Kim|Ri|Pak|Park|Moon|Lee|Choi|Choe|Kang|Jang|Yoon|Han|Cho|Ban|Chung|Jung|Kwon|Hwang|Ahn|Seo|Shin|Lim|Yoo)"
    r" [A-Z][a-z]{1,5} - [a-z]{1,5}\b"
    r"|\b(?:Jean|Marie|Pierre|Anne|Paul|Louis|Jean-Marie) - [A-Z][a-z]{2,}\b"
)
# "Ebba Witt - Brattström", "Jordan Vogt - Roberts": a double surname spaced by the segmenter, after a foreign given
# name and surname; "Jean–Baptiste": a foreign double name written with an en dash. Joined like _SPACED_HYPHEN.
_SPACED_SURNAME = re.compile(
    r"(?<![\w-])([A-Z][a-zäöüåéèøç]{2,}) ([A-Z][a-zäöüåéèøç]{2,}) - ([A-Z][a-zäöüåéèøç]{2,})\b"
)
_DASHED_GIVEN = re.compile(r"(?<![\w-])([A-Z][a-z]+)[–‐‑]([A-Z][a-z]+)\b")


def join_foreign_dashes(text: str) -> str:
    """Double foreign names spaced or dashed apart, written with one hyphen as in print. The second surname is joined
    only when neither side is a Vietnamese syllable, the first word is no title ("Miss World - …"), and the text
    never uses that surname alone (then "Barack Obama - Putin" pairs two people)."""

    def surname(m: re.Match) -> str:
        given, first, second = m.group(1), m.group(2), m.group(3)
        after = text[m.end() : m.end() + 2].lstrip(" ")
        if given in _NOT_GIVEN or any(looks_vietnamese(w) for w in (first, second)) or (
            after[:1].isupper() or after[:1].isdigit()
        ):
            return m.group(0)  # "Croatia Kolinda Grabar", "Hillary Clinton - Donald Trump": no name to join
        if any(keys_of(second, folded=False) in places().exact for places in (bare_places, title_places)):
            return m.group(0)  # "Margaret Atwood - Canada": a person and her country
        if re.search(rf"(?<!- )\b{second}\b", text[: m.start(3)] + " " + text[m.end(3) :]):
            return m.group(0)
        joined.add(f"{first} - {second}")
        return f"{given} {first}-{second}"

    joined: set[str] = set()
    if " - " in text:
        text = _SPACED_SURNAME.sub(surname, text)
        for pair in joined:  # "tổng thống Grabar - Kitarovic" once "Kolinda Grabar - Kitarovic" is joined
            text = text.replace(pair, pair.replace(" - ", "-"))
    return _DASHED_GIVEN.sub(lambda m: f"{m.group(1)}-{m.group(2)}", text)


_NOT_GIVEN = frozenset({"Miss", "Mister", "Mr", "Mrs", "Ms", "Sir", "Lady", "Lord", "Saint", "San", "Santa"})
# Heads that exist in every province and need its name: "UBND tỉnh" alone names no one body.
_NEEDS_PLACE = frozenset({"ubnd", "hđnd", "ủy", "hdnd"})
# Words after a generic head that do not name anything on their own ("Công ty CP", "UBND TP").
_GENERIC_FILLERS = frozenset(
    {
        "tp",
        "tỉnh",
        "tinh",
        "huyện",
        "huyen",
        "quận",
        "quan",
        "xã",
        "xa",
        "phường",
        "phuong",
        "thị",
        "thi",
        "trấn",
        "tran",
        "cp",
        "tnhh",
        "mtv",
        "cổ",
        "co",
        "phần",
        "phan",
        "hđqt",
        "hdqt",
        "thành",
        "thanh",
        "phố",
        "pho",
    }
)
# Heads that need a school word after them to be a school: "Trường Sa" is a place, "Trường Chinh" a street.
_SCHOOL_WORDS = frozenset(
    {"thpt", "thcs", "tiểu", "mầm", "đh", "dh", "cđ", "cd", "đại", "cao", "trung", "ptdtnt", "ptth", "pt", "quốc",
     "chuyên", "phổ", "dân", "nghề", "năng", "bồi", "hữu", "sĩ", "sư", "đảng", "chính", "kinh", "võ", "quân", "công"}
)


class _Token:
    __slots__ = ("abbr", "cap", "end", "folded", "key", "newline", "start", "text", "word")

    def __init__(self, text: str, start: int, folded: bool) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.newline = text == "\n"
        self.folded = folded
        self.word, self.key, self.abbr, self.cap = _token_properties(text, folded)


@functools.lru_cache(maxsize=65536)
def _token_properties(text: str, folded: bool) -> tuple[bool, str, bool, bool]:
    """Whether a token is a word, its lexicon key, whether it is an abbreviation, whether it is capitalised: the
    same words come back in every article, so they are worked out once."""
    word = text[0].isalnum()
    key = (fold(text) if folded else key_of(text)) if word else text
    letters = [ch for ch in text if ch.isalpha()]
    abbr = word and len(text) >= 2 and bool(letters) and all(ch.isupper() for ch in letters)
    cap = word and text[0].isupper() and not abbr and not text[0].isdigit()
    if word and not cap and _ARABIC_ARTICLE.match(text):
        cap = True  # "Bashar al-Assad"
    return word, key, abbr, cap


def _capitalised(name: str) -> str:
    """"bộ Nội vụ" written after a title is the organisation "Bộ Nội vụ"."""
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _is_foreign(token: _Token) -> bool:
    return _foreign_word(token.text, token.abbr)


@functools.lru_cache(maxsize=65536)
def _foreign_word(text: str, abbr: bool) -> bool:
    """:func:`_is_foreign` of a token's text (the same words come back in every article: worked out once)."""
    if any(ch.isupper() for ch in text[1:]) and not abbr:
        return True  # McDonald, DeSantis
    for part in fold(text).replace("'", "-").split("-"):
        if not part:
            continue
        if _FOREIGN_LETTERS.intersection(part) or not _VN_SYLLABLE.match(part):
            return True
    return "-" in text


# Parts of speech that are never part of a name or an organisation: verbs, prepositions,
# conjunctions, determiners, adverbs. In an ALL CAPS line these words are read in lower case.
_LOWER_TAGS = frozenset({"V", "E", "C", "CC", "L", "R", "T"})
_MAX_TAGGED_LINE = 300


def _recase_all_caps(line: str) -> str:
    """Read an ALL CAPS line in title case, with verbs and function words (per underthesea's POS
    tagger) in lower case, so that "CHỦ TỊCH UBND XÃ X PHÁT BIỂU" ends the position before "phát"."""
    titled = re.sub(r"[^\W_]+", lambda m: m.group(0).capitalize(), line)
    if len(line) > _MAX_TAGGED_LINE:  # the tagger is slow (~1k words/s); long shouting stays title case
        return titled
    try:
        from underthesea import pos_tag

        tagged = pos_tag(line.lower())
    except Exception:  # the tagger is a help, not a requirement
        return titled
    chars = list(titled)
    position = 0
    lower = line.lower()
    for word, tag in tagged:
        start = lower.find(word, position)
        if start < 0:
            continue
        end = start + len(word)
        position = end
        if tag in _LOWER_TAGS:
            chars[start:end] = list(lower[start:end])
    return "".join(chars)


@dataclass
class _RunInfo:
    vietnamese: tuple[int, int] | None  # best Vietnamese name inside the run
    foreign: tuple[int, int] | None  # a foreign-looking name at the end of the run
    places: list[tuple[int, int]]
