"""Who is who in Vietnamese news text: people with their positions, organisations and places.

Rules over a token stream, not a statistical model: the offline NER models miss most officials and
read positions as places. The rules know

* the two ways papers write people: "Name - Position, Position; Name - Position" (also
  "Name (Position)" and "Name, Position,") and "Position Name" ("Trưởng ban Tổ chức Trung ương
  Phạm Minh Chính"), with honorifics ("đồng chí", "đ/c", "ông", "bà"...) stripped;
* where a capitalised run splits between an organisation or place and a name, from a surname list
  and the province/country gazetteer ("Bí thư Tỉnh ủy Nghệ An Nguyễn Đắc Vinh");
* which lower-case syllables belong to a capitalised word ("Tổ chức", "Trung ương"), from the word
  list shipped with underthesea.

A bare capitalised run counts as a person only when it looks like a full Vietnamese name (surname
plus two or three syllables) and nothing before it says it is a street, school or place; a name
already found elsewhere in the text is recognised again wherever it is written. Everything is a
single left-to-right pass per rule with bounded look-ups, so time grows linearly with the text.

Offsets in the result refer to ``Extraction.text``: the input after
:func:`toasoan.core.text.normalize_text`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from toasoan.core.text import fold, normalize_text
from toasoan.entities import lexicon
from toasoan.entities.extraction_types import Extraction, Mention, Organisation, Person, Place, Position
from toasoan.entities.identity import resolve_people
from toasoan.entities.lexicon import PhraseSet, key_of
from toasoan.entities.syllables import FOREIGN_LETTERS as _FOREIGN_LETTERS
from toasoan.entities.syllables import VN_SYLLABLE as _VN_SYLLABLE
from toasoan.entities.syllables import looks_vietnamese

__all__ = [
    "Extraction",
    "Mention",
    "Organisation",
    "Person",
    "Place",
    "Position",
    "extract_entities",
    "looks_vietnamese",
]

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
_MAX_LOWER_RUN = 6
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash)-[A-ZĐ]")
# The term of a body is not part of its name: "Quốc hội khóa XIV", "HĐND tỉnh khoá XVII".
_TERM = re.compile(r"\s+(?:kh[oó]a|khoá|nhiệm kỳ)(?:\s+[\w-]+)?$", re.IGNORECASE)
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{1,5}$")
# "Moon Jae - in" (a segmenter's spacing of "Moon Jae-in"): a Latin name part, a spaced hyphen, a short
# lower-case part. Joined before parsing, so the name is one word as it is in print.
_SPACED_HYPHEN = re.compile(
    r"\b(Jae|Jong|Yong|Soo|Tae|Geun|Min|Hyun|Sung|Jin|Young|Kyung|Dong|Chul|Myung|Seok|Sang|Hye|Eun|Ji|Kwang"
    r"|Byung|Hee|Joon|Jung|Ki|Moo|Nak|Se|Seung|Won|Woo|Yeon|Yoon|Il|In|Chang|Kang|Song) - ([a-z]{1,5})\b"
    r"|\b(al|el) - ([A-Z][a-z]{2,})\b"
)
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

    def __init__(self, text: str, start: int, *, folded: bool) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.newline = text == "\n"
        self.word = text[0].isalnum()
        self.folded = folded
        self.key = (fold(text) if folded else key_of(text)) if self.word else text
        letters = [ch for ch in text if ch.isalpha()]
        self.abbr = self.word and len(text) >= 2 and bool(letters) and all(ch.isupper() for ch in letters)
        self.cap = self.word and text[0].isupper() and not self.abbr and not text[0].isdigit()
        if self.word and not self.cap and _ARABIC_ARTICLE.match(text):
            self.cap = True  # "Bashar al-Assad"


def _capitalised(name: str) -> str:
    """"bộ Nội vụ" written after a title is the organisation "Bộ Nội vụ"."""
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _is_foreign(token: _Token) -> bool:
    text = token.text
    if any(ch.isupper() for ch in text[1:]) and not token.abbr:
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


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self._matches: dict[tuple[int, int], tuple[int, object] | None] = {}
        self.tokens, self.work = self._tokenize(text)
        n = len(self.tokens)
        self.n = n
        self.used = [False] * n  # tokens inside a person's name
        self.in_position = [False] * n
        self._run_end = [0] * (n + 1)
        self._run_start = [0] * n
        for i in range(n - 1, -1, -1):
            self._run_end[i] = self._run_end[i + 1] if self._name_like(i) and self._name_like(i + 1) else i + 1
        for i in range(n):
            self._run_start[i] = self._run_start[i - 1] if i and self._name_like(i) and self._name_like(i - 1) else i
        self._runs: dict[int, _RunInfo] = {}
        self.sentence_spans = self._sentences()
        self._sentence_starts = [s for s, _ in self.sentence_spans]
        self.people: dict[str, Person] = {}
        self._positions: list[Position] = []
        self.organisations: dict[str, Organisation] = {}
        self.places: dict[str, Place] = {}
        surnames_exact, surnames_folded = lexicon.surnames()
        self._surnames = (surnames_exact, surnames_folded)

    # --- tokens ---------------------------------------------------------------------------------
    @staticmethod
    def _tokenize(text: str) -> tuple[list[_Token], str]:
        """Tokens, and the text they were read from: ALL CAPS lines are read in title case."""
        tokens: list[_Token] = []
        lines: list[str] = []
        offset = 0
        for line in text.split("\n"):
            letters = [ch for ch in line if ch.isalpha()]
            folded = not any(ord(ch) > 127 for ch in letters)
            work = line
            upper = sum(1 for ch in letters if ch.isupper())
            if len(letters) >= 12 and upper >= 0.9 * len(letters):
                titled = _recase_all_caps(line)
                if len(titled) == len(line):
                    work = titled
            lines.append(work)
            for match in _TOKEN.finditer(work):
                tokens.append(_Token(match.group(0), offset + match.start(), folded=folded))
            offset += len(line)
            tokens.append(_Token("\n", offset, folded=folded))
            offset += 1
        if tokens:
            tokens.pop()
        return tokens, "\n".join(lines)

    def _name_like(self, i: int) -> bool:
        return i < self.n and self.tokens[i].cap

    def _is_surname(self, i: int) -> bool:
        token = self.tokens[i]
        return token.key in self._surnames[1 if token.folded else 0]

    def _span(self, a: int, b: int) -> str:
        return self.work[self.tokens[a].start : self.tokens[b - 1].end]

    def _match(self, phrases: PhraseSet, i: int) -> tuple[int, object] | None:
        """Longest phrase of ``phrases`` starting at token ``i``: (end token, value). Memoised per text."""
        if i >= self.n:
            return None
        token = self.tokens[i]
        if not token.word or token.key not in (phrases.first_folded if token.folded else phrases.first_exact):
            return None
        cache_key = (id(phrases), i)
        if cache_key in self._matches:
            return self._matches[cache_key]
        tokens = self.tokens
        table = phrases.folded if token.folded else phrases.exact
        keys: list[str] = []
        for j in range(i, min(self.n, i + phrases.max_len)):
            if tokens[j].newline:
                break
            keys.append(tokens[j].key)
        found = None
        for length in range(len(keys), 0, -1):
            value = table.get(tuple(keys[:length]))
            if value is not None:
                found = (i + length, value)
                break
        self._matches[cache_key] = found
        return found

    def _sentences(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        tokens = self.tokens
        start: int | None = None
        for i, token in enumerate(tokens):
            if token.newline:
                if start is not None:
                    spans.append((start, tokens[i - 1].end))
                start = None
                continue
            if start is None:
                start = token.start
            if token.text in _SENTENCE_END and i + 1 < self.n:
                following = tokens[i + 1]
                if following.cap or following.abbr or following.text in _OPEN_QUOTES:
                    spans.append((start, token.end))
                    start = None
        if start is not None and tokens:
            spans.append((start, tokens[-1].end))
        return spans or [(0, len(self.text))]

    def _mention(self, a: int, b: int) -> Mention:
        start, end = self.tokens[a].start, self.tokens[b - 1].end
        sentence = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        return Mention(start=start, end=end, sentence=sentence)

    # --- capitalised runs: where does a name start? ---------------------------------------------
    def _run(self, i: int) -> _RunInfo:
        start = self._run_start[i]
        info = self._runs.get(start)
        if info is None:
            info = self._analyse_run(start, self._run_end[start])
            self._runs[start] = info
        return info

    def _analyse_run(self, start: int, end: int) -> _RunInfo:
        places: list[tuple[int, int]] = []
        blocked: set[int] = set()
        k = start
        gazetteer = lexicon.title_places()
        while k < end:
            found = self._match(gazetteer, k)
            if found and found[0] <= end:
                places.append((k, found[0]))
                blocked.update(range(k, found[0]))
                k = found[0]
            else:
                k += 1
        best: tuple[int, int] | None = None
        best_score = -1
        for p in range(max(start, end - _MAX_NAME), end - 1):
            if p in blocked or not self._is_surname(p):
                continue
            if any(ch.isdigit() for ch in self._span(p, end)):
                continue
            length = end - p
            score = {3: 3, 4: 2, 2: 1}.get(length, 0)
            if score >= best_score:
                best, best_score = (p, end), score
        foreign: tuple[int, int] | None = None
        tail_start = places[-1][1] if places else start
        k = tail_start
        while k < end:  # a foreign name never starts inside an organisation's name ("Điện Kremlin Dmitry Peskov")
            head = self._match(lexicon.org_heads(), k)
            if head and head[1] == "complete" and head[0] <= end:
                tail_start = k = head[0]
            else:
                k += 1
        if tail_start < end:
            given = next((t for t in range(tail_start, end - 1) if self._is_given_name(t)), None)
            if given is not None and end - given <= 4:
                foreign = (given, end)
            elif any(_is_foreign(self.tokens[t]) for t in range(tail_start, end)):
                foreign = (max(tail_start, end - 3), end)
        return _RunInfo(vietnamese=best, foreign=foreign, places=places)

    def _is_given_name(self, k: int) -> bool:
        """A foreign given name that opens a name ("Dave Majumdar"), or a Korean surname before a
        hyphenated given name ("Kim Jong-un")."""
        token = self.tokens[k]
        if token.text.lower() in lexicon.foreign_given_names():
            return True
        following = self.tokens[k + 1].text if k + 1 < self.n else ""
        return fold(token.text) in lexicon.KOREAN_SURNAMES and bool(_KOREAN_GIVEN.match(following))

    def _name_starts(self, k: int, *, foreign: bool) -> bool:
        if not self._name_like(k):
            return False
        info = self._run(k)
        if info.vietnamese and info.vietnamese[0] == k:
            return True
        return bool(foreign and info.vietnamese is None and info.foreign and info.foreign[0] == k)

    # --- positions ------------------------------------------------------------------------------
    def _title_at(self, i: int) -> int | None:
        found = self._match(lexicon.titles(), i)
        return found[0] if found else None

    def _word_end(self, k: int) -> int:
        """End of the dictionary word at ``k`` ("Tổ chức"), never a lower-case syllable after further
        capitalised ones ("Việt Nam | thống nhất")."""
        found = self._match(lexicon.word_list(), k)
        if not found or found[0] <= k + 1:
            return k + 1
        end = found[0]
        while end > k + 1 and not self.tokens[end - 1].cap and any(t.cap for t in self.tokens[k + 1 : end - 1]):
            end -= 1
        return end

    def _only_places(self, a: int, b: int) -> bool:
        """Whether tokens ``a``..``b`` are nothing but place names ("Campuchia" in "Thủ tướng Campuchia")."""
        k = a
        while k < b:
            found = self._match(lexicon.title_places(), k)
            if not found or found[0] > b:
                return False
            k = found[0]
        return True

    def _tail(
        self, k0: int, *, foreign: bool, unit: bool = False, bridge_first: bool = False, generic_head: bool = False
    ) -> int:
        """End of the organisation/place words that follow a title or an organisation head.

        Capitalised words, abbreviations, the lower-case words of ``org_lower`` ("tỉnh", "nhân dân"),
        a lower-case head before a capitalised name ("bộ Nội vụ"), a place after its type word
        ("TP Uông Bí"), "tại" + a place ("Đại sứ Mỹ tại Việt Nam"), and lower-case words that
        finish a name before punctuation or a capitalised word ("Cục Quản lý chất lượng,"); never a
        verb or function word from ``lexicon.org_stop_words``.
        """
        tokens = self.tokens
        k = k0
        # Lower-case words continue only a name that still needs them ("Sở Giao thông | vận tải"): after a
        # generic head or a unit title, not after "Quốc hội" or a person's name ("Tổng thống Moon | thị sát").
        generic = unit or bridge_first or generic_head
        while k < self.n:
            token = tokens[k]
            if token.newline or self.used[k]:
                break
            if not token.word:
                nxt = k + 1
                if (
                    token.text in _DASHES
                    and k > k0
                    and nxt < self.n
                    and tokens[k - 1].word
                    and tokens[nxt].cap
                    and self._title_at(nxt) is None
                    and not self._name_starts(nxt, foreign=True)
                    and tokens[nxt].start - tokens[k - 1].end <= 3
                    and (self._match(lexicon.word_list(), nxt) is not None or self._place_across_dash(k))
                ):
                    k = nxt
                    continue
                if (
                    generic
                    and token.text in _DASHES
                    and k > k0
                    and nxt < self.n
                    and tokens[nxt].word
                    and not tokens[nxt].cap
                    and not tokens[nxt].abbr
                ):
                    bridged = self._lower_bridge(nxt, foreign=foreign)
                    if bridged > nxt:  # "Bộ Tài nguyên - môi trường"
                        k = bridged
                        continue
                if token.text == "&" and k > k0 and nxt < self.n and tokens[k - 1].abbr and tokens[nxt].abbr:
                    k = nxt
                    continue
                if (
                    token.text == "."
                    and k > k0
                    and tokens[k - 1].key == "tp"
                    and nxt < self.n
                    and (self._name_like(nxt) or tokens[nxt].abbr)
                ):
                    k = nxt
                    continue
                break
            if k > k0 and self._match(lexicon.place_types(), k - 1) and (token.cap or token.abbr):
                place = self._match(lexicon.local_places(), k)
                info = self._run(k) if token.cap else None
                if info and info.vietnamese and info.vietnamese[0] == k and info.vietnamese[1] - k >= 3:
                    place = None  # "Chánh án TAND tỉnh | Hồ Ngọc Vinh": a name, not a ward called "Hồ"
                if place:
                    k = place[0]
                    continue
            if token.cap or token.abbr:
                if foreign and token.cap and self._only_places(k0, k) and self._titled_name(k):
                    break
                if k > k0 and token.cap and self._is_given_name(k) and not self._match(lexicon.org_heads(), k):
                    break  # "Hạ viện | Nancy Pelosi"
                if (
                    k > k0
                    and self._title_at(k) is not None
                    and not self._match(lexicon.org_heads(), k)
                    and not self._match(lexicon.org_heads(), k - 1)
                ):
                    break  # a new position starts: "Đội | HLV Đức Trí"
                if token.abbr and k > k0 and self._place_ends_at(k0, k):
                    break  # "Cục Điều tra Liên bang Mỹ | FBI"
                if (
                    token.cap
                    and self._name_starts(k, foreign=foreign)
                    and not (
                        k > k0 and tokens[k - 1].key in _EPONYM_BEFORE and (tokens[k - 1].cap or tokens[k - 1].abbr)
                    )
                    and not (k > k0 and self._match(lexicon.eponyms(), k))
                ):
                    break
                head = self._match(lexicon.org_heads(), k)
                if head and head[1] == "generic":
                    generic = True
                k = max(self._word_end(k) if token.cap else k + 1, head[0] if head else k + 1)
                continue
            if token.text.isdigit() and k > k0 and tokens[k - 1].key in _NUMBERED_UNITS:
                k += 1
                continue
            found = self._match(lexicon.org_lower(), k)
            if found:
                k = found[0]
                continue
            lower_head = None
            if k == k0 or tokens[k - 1].text == ",":
                lower_head = self._match(lexicon.org_heads(), k) or self._match(lexicon.place_types(), k)
            if (
                lower_head
                and lower_head[0] < self.n
                and (self._name_like(lower_head[0]) or tokens[lower_head[0]].abbr)
                and not self._name_starts(lower_head[0], foreign=True)
            ):
                k = lower_head[0]
                continue
            if (
                token.key in ("tại", "tai")
                and k > k0
                and self._only_places(k0, k)
                and self._match(lexicon.title_places(), k + 1)
            ):
                k += 1
                continue
            if (
                token.key in ("và", "va")
                and k > k0
                and self._name_like(k + 1)
                and self._title_at(k + 1) is None
                and not self._name_starts(k + 1, foreign=True)
            ):
                k += 1
                continue
            if generic and (k > k0 or unit or bridge_first):
                bridged = self._lower_bridge(k, foreign=foreign)
                if bridged > k:
                    k = bridged
                    continue
            break
        return k

    def _place_ends_at(self, k0: int, k: int) -> bool:
        """Whether a country or province name ends right before token ``k`` (after ``k0``)."""
        for start in range(max(k0, k - 3), k):
            found = self._match(lexicon.title_places(), start)
            if found and found[0] == k:
                return True
        return False

    def _place_across_dash(self, dash: int) -> bool:
        """ "Thừa Thiên - Huế", "Bà Rịa - Vũng Tàu": a place name written around a dash."""
        a = dash - 1
        while a > 0 and self.tokens[a - 1].cap and a > dash - 3:
            a -= 1
        for start in range(a, dash):
            found = self._match(lexicon.bare_places(), start)
            if found and found[0] > dash:
                return True
        return False

    def _lower_bridge(self, k: int, *, foreign: bool) -> int:
        """Where lower-case words that continue a name end, or ``k`` when they do not.

        They continue it when they are not verbs or function words and what follows them ends a
        name: a comma, bracket or dash, a capitalised word or abbreviation, or — when they are all
        field words ("vận tải", "chất lượng") — the end of the sentence or a verb.
        """
        tokens = self.tokens
        stop = lexicon.org_stop_words()
        j = k
        while j < self.n and j - k < _MAX_LOWER_RUN:
            token = tokens[j]
            if not token.word or token.cap or token.abbr or token.newline:
                break
            if self._match(stop, j) or token.text.isdigit():
                break
            j += 1
        while j > k and tokens[j - 1].key in ("và", "va"):
            j -= 1
        if j == k:
            return k
        if j == k + 1 and tokens[k].key in ("và", "va") and j < self.n and self._match(lexicon.org_heads(), j):
            return k  # two organisations: "Cục Thuế tỉnh Gia Lai | và CTCP Hoàng Anh Gia Lai"
        domain = all(tokens[t].key in lexicon.domain_words() or tokens[t].key in ("và", "va") for t in range(k, j))
        if j >= self.n or tokens[j].newline or tokens[j].text in (".", "?", "!", ";", ":", "\"", "”"):
            return j if domain else k  # "… Nghi Lộc | phát biểu." is a verb at the end of a sentence
        after = tokens[j]
        if after.text in (",", ")", "(") or after.text in _DASHES:
            return j
        if (after.cap or after.abbr) and self._title_at(j) is None:
            return j
        if self._match(stop, j) and domain:
            return j  # "Sở Giao thông vận tải | làm chủ đầu tư": fields of administration only
        return k

    def _position(self, i: int, *, foreign: bool) -> tuple[int, Position, bool] | None:
        # foreign=False: the position follows a name ("Name, position,"), where it runs to punctuation.
        """A position starting at ``i``: (end, position, whether a name follows right after)."""
        title_end = self._title_at(i)
        if title_end is None:
            return None
        last = self.tokens[title_end - 1].key
        tail_end = self._tail(
            title_end, foreign=foreign, unit=last in lexicon.UNIT_TITLE_ENDINGS, bridge_first=not foreign
        )
        organisation = self._organisation_of(i, title_end, tail_end)
        position = Position(
            text=self._span(i, tail_end),
            title=self._span(i, title_end),
            organisation=organisation,
            mention=self._mention(i, tail_end),
        )
        for k in range(i, tail_end):
            self.in_position[k] = True
        self._positions.append(position)
        named = self._name_starts(tail_end, foreign=foreign) or bool(
            foreign and self._only_places(title_end, tail_end) and self._titled_name(tail_end)
        )
        return tail_end, position, named

    def _organisation_of(self, i: int, title_end: int, tail_end: int) -> str | None:
        if tail_end <= title_end:
            return None
        # Places named inside the position ("Tổng thống Mỹ", "Chủ tịch UBND tỉnh Nghệ An").
        k = title_end
        only_places = True
        while k < tail_end:
            found = self._match(lexicon.title_places(), k)
            if (
                found
                and found[0] <= tail_end
                and self.tokens[k].cap
                and not (
                    self._name_like(found[0])
                    and not self._name_starts(found[0], foreign=True)
                    and not self._titled_name(found[0])
                )
                and not (k > title_end and self._match(lexicon.place_types(), k - 1))
            ):
                self._add_place(k, found[0], str(found[1]))
                k = found[0]
            elif self.tokens[k].key in ("tại", "tai") and k > title_end:
                k += 1
            else:
                only_places = False
                k += 1
        if only_places:
            return None
        tail = self._span(title_end, tail_end)
        if self._match(lexicon.org_heads(), title_end) is None:
            last_two = " ".join(key_of(t.text) for t in self.tokens[max(i, title_end - 2) : title_end])
            unit = lexicon.UNIT_TITLE_ENDINGS.get(last_two) or lexicon.UNIT_TITLE_ENDINGS.get(
                key_of(self.tokens[title_end - 1].text)
            )
            if unit:
                return f"{unit} {tail}"
        return tail

    def _chain(self, k: int, *, foreign: bool) -> tuple[int, list[Position], bool]:
        """Positions joined by ",", "kiêm", "và": (end, positions, whether a name follows)."""
        positions: list[Position] = []
        while True:
            parsed = self._position(k, foreign=foreign)
            if parsed is None:
                return k, positions, False
            end, position, named = parsed
            positions.append(position)
            if named:
                return end, positions, True
            k = end
            step = self._joiner(k)
            if step is None:
                return k, positions, False
            k = step

    def _joiner(self, k: int) -> int | None:
        """If a further position is joined at ``k``, the index where it starts."""
        tokens = self.tokens
        j = k
        if j < self.n and tokens[j].text == ",":
            j += 1
        if j < self.n and tokens[j].key in ("kiêm", "kiem", "và", "va"):
            j += 1
        elif (
            j + 2 < self.n
            and tokens[j].key in ("đồng", "dong")
            and (tokens[j + 1].key, tokens[j + 2].key) in (("thời", "là"), ("thoi", "la"))
        ):
            j += 3
        if j == k:
            return None
        return j if self._title_at(j) is not None else None

    def _positions_after(self, r: int) -> tuple[int, list[Position]]:
        """Positions written after a name: "- P, P", "(P)", ", P,"."""
        if r >= self.n:
            return r, []
        token = self.tokens[r]
        if token.text in _DASHES or token.text in ("(", ",", ":"):
            start = r + 1
            if self._title_at(start) is None:
                return r, []
            end, positions, named = self._chain(start, foreign=False)
            # The last position belongs to the name that follows it ("..., Chủ tịch UBND
            # tỉnh Lê Văn C"), unless it is the only one after a dash or bracket.
            if named and positions and (len(positions) > 1 or token.text == ","):
                last = positions.pop()
                for k in range(self._index_at(last.mention.start), end):
                    self.in_position[k] = False
                end = self._index_at(last.mention.start)
                while end > start and self.tokens[end - 1].text in (",", "và", "kiêm"):
                    end -= 1
            if end < self.n and token.text == "(" and self.tokens[end].text == ")":
                end += 1
            return end, positions
        return r, []

    def _index_at(self, offset: int) -> int:
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    # --- people ---------------------------------------------------------------------------------
    def _add_person(self, a: int, b: int, positions: list[Position]) -> None:
        for k in range(a, b):
            self.used[k] = True
        name = self._span(a, b)
        key = fold(name)
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = Person(name=name)
        person.mentions.append(self._mention(a, b))
        seen = {fold(p.text) for p in person.positions}
        for position in positions:
            if fold(position.text) not in seen:
                seen.add(fold(position.text))
                person.positions.append(position)

    def _name_after_honorific(self, h_end: int) -> tuple[int, int] | None:
        if not self._name_like(h_end):
            return None
        if self._title_at(h_end) is not None or self._match(lexicon.org_heads(), h_end):
            return None
        end = self._run_end[h_end]
        length = end - h_end
        info = self._run(h_end)
        if info.vietnamese and info.vietnamese[0] == h_end:
            return info.vietnamese
        if self._is_surname(h_end) and length <= _MAX_NAME:
            return h_end, end
        if info.places and info.places[0][0] == h_end:
            return None
        if length == 1:
            return (h_end, end) if _is_foreign(self.tokens[h_end]) else None
        if length <= 3:
            return h_end, end
        return None

    def _scan_people(self) -> None:
        i = 0
        tokens = self.tokens
        while i < self.n:
            token = tokens[i]
            if not token.word or self.used[i]:
                i += 1
                continue
            # "Position Name" (possibly several positions, possibly "..., ông Name").
            if (
                self._title_at(i) is not None
                and not self._blocked_before(i, lexicon.not_person_before())
                and not self._inside_org_head(i)
            ):
                end, positions, named = self._chain(i, foreign=True)
                if named:
                    name = self._name_at(end, foreign=True)
                    if name:
                        more_end, more = self._positions_after(name[1])
                        self._add_person(name[0], name[1], positions + more)
                        i = max(more_end, name[1])
                        continue
                if end < self.n:
                    honorific = self._match(lexicon.honorifics(), end + 1 if tokens[end].text == "," else end)
                    if honorific:
                        name = self._name_after_honorific(honorific[0])
                        if name:
                            more_end, more = self._positions_after(name[1])
                            self._add_person(name[0], name[1], positions + more)
                            i = max(more_end, name[1])
                            continue
                i = max(end, i + 1)
                continue
            # "ông Name", "đồng chí Name - Position".
            honorific = self._match(lexicon.honorifics(), i)
            if honorific:
                name = self._name_after_honorific(honorific[0])
                if name:
                    more_end, more = self._positions_after(name[1])
                    self._add_person(name[0], name[1], more)
                    i = max(more_end, name[1])
                    continue
                i = honorific[0]
                continue
            # "Name - Position", "Name (Position)", "Name, Position,".
            if token.cap and self._run_start[i] == i:
                r = self._run_end[i]
                name = self._listed_name(i, r)
                if name:
                    more_end, more = self._positions_after(r)
                    if more:
                        self._add_person(name[0], name[1], more)
                        i = more_end
                        continue
            i += 1

    def _inside_org_head(self, i: int) -> bool:
        """"Tư lệnh" in "Bộ Tư lệnh": a title word that is part of an organisation's head."""
        for a in range(max(0, i - 2), i):
            head = self._match(lexicon.org_heads(), a)
            if head and head[0] > i and self.tokens[a].cap:
                return True
        return False

    def _name_at(self, k: int, *, foreign: bool) -> tuple[int, int] | None:
        info = self._run(k)
        if info.vietnamese and info.vietnamese[0] == k:
            return info.vietnamese
        if foreign and info.foreign and info.foreign[0] == k:
            return info.foreign
        if foreign:
            return self._titled_name(k)
        return None

    def _titled_name(self, k: int) -> tuple[int, int] | None:
        """Right after a title, two or three capitalised words that are no place, organisation or
        Vietnamese word are a name too ("Thủ tướng Hun Sen")."""
        end = self._run_end[k]
        if not 2 <= end - k <= 3 or not self._name_like(k):
            return None
        for t in range(k, end):
            if self._match(lexicon.title_places(), t) or self._match(lexicon.org_heads(), t):
                return None
        word = self._match(lexicon.word_list(), k)
        if word and word[0] > k + 1:
            return None
        local = self._match(lexicon.local_places(), k)
        if local and local[0] >= end:
            return None  # "Bí thư Huyện ủy | Kỳ Sơn": a district, not a name
        if fold(self.tokens[end - 1].text) in lexicon.ENGLISH_ORG_WORDS:
            return None
        return k, end

    def _listed_name(self, i: int, r: int) -> tuple[int, int] | None:
        if r >= self.n:
            return None
        after = self.tokens[r].text
        if not (after in _DASHES or after in ("(", ",")) or self._title_at(r + 1) is None:
            return None
        info = self._run(i)
        if info.vietnamese:
            return info.vietnamese
        if info.foreign and r - info.foreign[0] <= 3 and (after != "," or self._is_given_name(info.foreign[0])):
            return info.foreign
        return None

    def _scan_bare_people(self) -> None:
        blockers = lexicon.not_person_before()
        i = 0
        while i < self.n:
            if not self._name_like(i) or self._run_start[i] != i or self.used[i] or self.in_position[i]:
                i += 1
                continue
            r = self._run_end[i]
            info = self._run(i)
            taken = any(self.used[k] for k in range(i, r))
            if not taken and info.vietnamese and info.vietnamese[0] == i and not info.places:
                length = r - i
                age = length == 2 and r + 1 < self.n and self.tokens[r].text == "("
                age = age and self.tokens[r + 1].text.isdigit()
                if (length >= 3 or age) and not self._blocked_before(i, blockers):
                    self._add_person(i, r, [])
            elif (
                not taken
                and info.vietnamese is None
                and info.foreign
                and self._is_given_name(info.foreign[0])
                and not self._blocked_before(info.foreign[0], blockers)
            ):
                self._add_person(info.foreign[0], info.foreign[1], [])
            i = r

    def _blocked_before(self, i: int, blockers: PhraseSet) -> bool:
        for length in range(1, 4):
            a = i - length
            if a < 0:
                break
            table = blockers.table(folded=self.tokens[a].folded)
            if tuple(t.key for t in self.tokens[a:i]) in table:
                return True
        return i > 0 and self.tokens[i - 1].abbr

    def _scan_known_people(self) -> None:
        if not self.people:
            return
        known: dict[tuple[str, ...], int] = {}
        for person in list(self.people.values()):
            keys = tuple(fold(word) for word in person.name.split())
            known[keys] = len(keys)
            if len(keys) >= 3:
                # The given names alone ("Công Phượng" for "Nguyễn Công Phượng"): the same person, resolved later.
                known.setdefault(keys[-2:], 2)
        i = 0
        while i < self.n:
            if self._name_like(i) and self._run_start[i] == i:
                r = self._run_end[i]
                if not any(self.used[k] for k in range(i, r)):
                    keys = tuple(fold(t.text) for t in self.tokens[i:r])
                    if keys in known:
                        self._add_person(i, r, [])
                i = r
            else:
                i += 1

    # --- organisations and places ---------------------------------------------------------------
    def _scan_organisations(self) -> None:
        heads = lexicon.org_heads()
        places = lexicon.bare_places()
        inside_place = self._place_cover(places)
        i = 0
        while i < self.n:
            token = self.tokens[i]
            if not (token.cap or token.abbr) or self.used[i] or self.in_position[i] or inside_place[i]:
                i += 1
                continue
            if self._match(places, i):
                i += 1
                continue
            found = self._match(heads, i)
            if found is None:
                i += 1
                continue
            head_end, kind = found
            if token.key in ("trường", "truong") and not (
                head_end < self.n and self.tokens[head_end].key in _SCHOOL_WORDS
            ):
                i = head_end
                continue
            info = self._run(i) if token.cap else None
            if info and info.vietnamese and info.vietnamese[0] == i and info.vietnamese[1] - i >= 3:
                i += 1
                continue
            end = self._tail(head_end, foreign=False, generic_head=kind == "generic")
            if not self._complete_organisation(i, head_end, end, kind=str(kind)):
                i = max(end, head_end)
                continue
            self._add_organisation(self._span(i, end), i, end)
            for k in range(i, end):
                self.in_position[k] = True
            i = end

    def _place_cover(self, places: PhraseSet) -> list[bool]:
        """Tokens inside a capitalised place name ("Ban" in "Tây Ban Nha"), where no organisation starts."""
        cover = [False] * self.n
        i = 0
        while i < self.n:
            found = self._match(places, i) if self.tokens[i].cap else None
            if found and found[0] > i + 1:
                for k in range(i + 1, found[0]):
                    cover[k] = True
                i = found[0]
            else:
                i += 1
        return cover

    def _complete_organisation(self, a: int, head_end: int, end: int, *, kind: str) -> bool:
        """A generic head needs a name: "UBND TP", "Công an huyện", "Công ty CP" alone are not organisations."""
        if kind != "generic" and self.tokens[a].key not in _NEEDS_PLACE:
            return True
        if self._title_at(head_end) is not None:
            return False  # "Đội HLV Đức Trí", "Ban Giám đốc": a position after a head, not a name
        meaningful = 0
        for k in range(head_end, end):
            token = self.tokens[k]
            if not token.word or token.key in _GENERIC_FILLERS:
                continue
            if self._match(lexicon.place_types(), k) and (k + 1 >= end or not self.tokens[k + 1].word):
                continue
            meaningful += 1
        return meaningful > 0

    def _add_organisation(self, name: str, a: int, b: int) -> None:
        name = _capitalised(_TERM.sub("", name))
        key = fold(name)
        organisation = self.organisations.get(key)
        if organisation is None:
            organisation = self.organisations[key] = Organisation(name=name)
        organisation.mentions.append(self._mention(a, b))

    def _add_place(self, a: int, b: int, kind: str) -> None:
        name = self._span(a, b)
        key = fold(name)
        place = self.places.get(key)
        if place is None:
            place = self.places[key] = Place(name=name, kind=kind)
        place.mentions.append(self._mention(a, b))

    def _scan_places(self) -> None:
        types = lexicon.place_types()
        bare = lexicon.bare_places()
        local = lexicon.local_places()
        honorifics = lexicon.honorifics()
        i = 0
        while i < self.n:
            if self.used[i] or not self.tokens[i].word:
                i += 1
                continue
            typed = self._match(types, i)
            if typed and i > 0 and self.tokens[i - 1].key in ("ông", "bà", "ong", "ba"):
                typed = None  # "ông xã Hari Won": a husband, not a commune
            if typed:
                j = typed[0]
                if j < self.n and self.tokens[j].text == ".":
                    j += 1
                if self._name_like(j) and not self.used[j]:
                    found = self._match(local, j)
                    info = self._run(j)
                    if found:
                        end = found[0]
                    elif info.vietnamese and info.vietnamese[0] == j and info.vietnamese[1] - j >= 3:
                        i = j  # "tỉnh Nguyễn Như Khôi": a name the position rules missed, not a place
                        continue
                    else:
                        end = self._run_end[j]
                        if info.vietnamese and info.vietnamese[0] > j:
                            end = info.vietnamese[0]
                        end = min(end, j + 3)
                    if not any(self.used[k] for k in range(j, end)):
                        self._add_place(j, end, str(typed[1]))
                        i = end
                        continue
                i = typed[0]
                continue
            if self.tokens[i].cap:
                found = self._match(bare, i)
                if (
                    found
                    and not (found[0] == i + 1 and self._continues_word(found[0]))
                    and not self._after_honorific(i, honorifics)
                    and not any(self.used[k] for k in range(i, found[0]))
                    and not (self._name_like(found[0]) and not self.used[found[0]])
                ):
                    self._add_place(i, found[0], str(found[1]))
                    i = found[0]
                    continue
            i += 1

    def _continues_word(self, end: int) -> bool:
        """True when the token at ``end`` is a lower-case syllable finishing a word ("Ý kiến")."""
        if end >= self.n or not self.tokens[end].word or self.tokens[end].cap:
            return False
        found = self._match(lexicon.word_list(), end - 1)
        return bool(found and found[0] > end)

    def _after_honorific(self, i: int, honorifics: PhraseSet) -> bool:
        for length in (1, 2):
            a = i - length
            if a >= 0:
                found = self._match(honorifics, a)
                if found and found[0] == i:
                    return True
        return False

    # --- all together ---------------------------------------------------------------------------
    def run(self) -> Extraction:
        self._scan_people()
        self._scan_organisations()
        self._scan_places()
        self._scan_bare_people()
        self._scan_known_people()
        for person in self.people.values():
            person.mentions.sort(key=lambda m: m.start)
        seen: set[Mention] = set()
        for position in self._positions:
            if position.organisation and position.mention not in seen:
                seen.add(position.mention)
                self._add_org_mention(position.organisation, position.mention, position.mention.start)
        return Extraction(
            text=self.text,
            sentence_spans=self.sentence_spans,
            people=sorted(self.people.values(), key=lambda p: p.mentions[0].start),
            organisations=sorted(self.organisations.values(), key=lambda o: o.mentions[0].start),
            places=sorted(self.places.values(), key=lambda p: p.mentions[0].start),
        )

    def _add_org_mention(self, name: str, mention: Mention, start: int) -> None:
        name = _capitalised(_TERM.sub("", name))
        key = fold(name)
        organisation = self.organisations.get(key)
        if organisation is None:
            organisation = self.organisations[key] = Organisation(name=name)
        organisation.mentions.append(mention)


def extract_entities(text: str) -> Extraction:
    """People (with positions), organisations and places named in ``text``.

    The text is normalised first (NFC, invisible characters removed, spaces collapsed); offsets in
    the result refer to the normalised text, which is returned as ``Extraction.text``.
    """
    normalised = _SPACED_HYPHEN.sub(lambda m: m.group(0).replace(" - ", "-"), normalize_text(text or ""))
    if not normalised:
        return Extraction(text="", sentence_spans=[], people=[], organisations=[], places=[])
    return resolve_people(_Parser(normalised).run())
