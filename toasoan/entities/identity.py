"""Who is who within one article: short forms resolved to the full name given in the text.

"ông Biden", "Zakharova", "ông Tập", "bà Hằng", "Công Phượng" are the same person as "Joe Biden",
"Maria Zakharova", "Tập Cận Bình", "Nguyễn Thị Hằng", "Nguyễn Công Phượng" named elsewhere in the
article: their mentions and positions go to that person. What is left is cleaned: one Vietnamese
syllable or an initial ("Nguyễn Văn C.") is never a person on its own, a name the text also writes
after "đường"/"phố" is a street, and a name that is a place is a place.
"""

from __future__ import annotations

import re

from toasoan.core.text import fold
from toasoan.entities import lexicon
from toasoan.entities.extraction_types import Extraction, Mention, Person, Place
from toasoan.entities.syllables import looks_vietnamese

__all__ = ["is_initial", "resolve_people"]

_VOWELS = frozenset("aeiouy")
# Surnames written first in East Asian names, which papers use alone ("ông Tập", "ông Kim", "ông Moon").
_SURNAME_FIRST = frozenset(
    {
        "tap",
        "kim",
        "moon",
        "park",
        "lee",
        "ri",
        "choi",
        "baik",
        "yoon",
        "chung",
        "ho",
        "vuong",
        "ly",
        "ong",
        "tap can binh",
        "xi",
        "li",
        "wang",
        "zhang",
        "abe",
    }
)
_COMPANY_TITLE = re.compile(
    r"^(?:(?:nguyen|cuu|tan|quyen)\s+)?(?:pho\s+)?(?:chu tich(?: hdqt| hoi dong quan tri| hdtv)?|(?:tong )?giam doc"
    r"(?: dieu hanh)?|ceo|nha sang lap|dong sang lap|nguoi sang lap)$"
)
_STREET_BEFORE = re.compile(
    r"(?:\bđường|(?<!thành )\bphố|đại lộ|\bngõ|\bhẻm|\bsố\s+\d+[/\d]*|\bngã (?:ba|tư|năm|sáu)|vòng xoay|nút giao"
    # "đường Hùng Vương - Hoàng Văn Thụ": the second street of a crossing; "nhà đất 24 Đào Duy Từ", "60A/12 …"
    r"|(?:\bđường|(?<!thành )\bphố|\bngã (?:ba|tư|năm|sáu))\s+[^\W\d_][^,.;()\n]{1,30}\s[-–]"
    r"|(?:tại|ở|đất|nhà|chỉ)\s+\d+[A-Za-z]?"
    r"|\b\d+[A-Za-z]?(?:/\d+[A-Za-z]?)+)\s+$",
    re.IGNORECASE,
)


_NAME_SUFFIXES = frozenset({"jr", "sr"})


def is_initial(word: str) -> bool:
    """ "C", "C.", "Th", "Kh.": a letter or a consonant cluster that stands for a name."""
    letters = fold(word.rstrip("."))
    if not letters.isalpha() or letters in _NAME_SUFFIXES:
        return False  # ("Jr", "Sr": "Frank Montoya Jr" is a whole name)
    return len(letters) == 1 or (len(letters) <= 3 and not _VOWELS.intersection(letters))


def _words(name: str) -> list[str]:
    return fold(name).split()


def _is_vietnamese_syllable(word: str) -> bool:
    return looks_vietnamese(word)


def _candidates(short: list[str], people: list[Person]) -> list[Person]:
    out = []
    for person in people:
        full = _words(person.name)
        if len(full) <= len(short):
            continue
        surname_first = len(short) == 1 and full[0] == short[0] and short[0] in _SURNAME_FIRST
        if full[-len(short) :] == short or surname_first:
            out.append(person)
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added or dropped (and are long enough for that to be a
    spelling, not another name)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _spelling_variant(words: list[str], people: list[Person]) -> Person | None:
    """A foreign full name the article already gave in another transliteration, one letter apart in one word."""
    if len(words) < 2:
        return None
    joined = "".join(words).replace("-", "")
    for person in people:
        other = _words(person.name)
        if "".join(other).replace("-", "") == joined:
            return person  # "Moon Jae In" of "Moon Jae-in", "Kim Jong Un" of "Kim Jong-un"
        if len(other) == len(words) and other != words and sum(x == y for x, y in zip(other, words, strict=True)) == (
            len(words) - 1
        ) and all(_one_edit(x, y) for x, y in zip(other, words, strict=True)):
            return person
    return None


def _nearest(person: Person, candidates: list[Person]) -> Person:
    first = person.mentions[0].start

    def distance(candidate: Person) -> tuple[int, int]:
        before = [m.start for m in candidate.mentions if m.start <= first]
        if before:
            return (0, first - max(before))
        return (1, min(m.start for m in candidate.mentions) - first)

    return min(candidates, key=distance)


def _merge(into: Person, other: Person) -> None:
    into.mentions = sorted({*into.mentions, *other.mentions}, key=lambda m: m.start)
    for alias in (other.name, *other.aliases):
        if alias not in into.aliases and fold(alias) != fold(into.name):
            into.aliases.append(alias)
    seen = {fold(p.text) for p in into.positions}
    for position in other.positions:
        if fold(position.text) not in seen:
            seen.add(fold(position.text))
            into.positions.append(position)


def _is_street(text: str, mention: Mention) -> bool:
    return bool(_STREET_BEFORE.search(text[max(0, mention.start - 48) : mention.start]))


def _leading_place(words: list[str]) -> int:
    """How many leading words of a name are a country or province ("Macedonia", "Hi Lạp")."""
    table = lexicon.title_places().table(folded=False)
    for size in (3, 2, 1):
        if len(words) > size and table.get(tuple(lexicon.key_of(w) for w in words[:size])):
            return size
    return 0


def _leading_org(words: list[str]) -> int:
    """How many leading words of a name are a company or agency the press names bare ("Google", "Reuters")."""
    spellings = lexicon.known_org_spellings()
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[:size]) in spellings and not all(
            map(_is_vietnamese_syllable, words[size:])
        ):
            return size  # (but "Vietcombank Tây Đô" is a branch, not a person "Tây Đô")
    return 0


def _keep_alone(person: Person) -> bool:
    """Whether a short name that resolved to nobody is still a person."""
    words = person.name.split()
    if any(is_initial(word) for word in words[-1:]) or all(is_initial(word) for word in words):
        return False
    if len(words) > 1:
        return True
    # One word: a foreign name the text gives a title to ("Tổng thống Duterte"), never one Vietnamese syllable, and
    # not a company after a company's titles ("Tổng giám đốc Agribank", "nhà sáng lập Alibaba").
    return bool(person.positions) and not _is_vietnamese_syllable(words[0]) and not _company(person)


def _company(person: Person) -> bool:
    return bool(person.positions) and all(_COMPANY_TITLE.match(fold(p.title)) for p in person.positions)


def resolve_people(result: Extraction) -> Extraction:
    """Merge short forms into the full names of the same article and drop what is not a person."""
    people = sorted(result.people, key=lambda p: (-len(p.name.split()), p.mentions[0].start))
    kept: list[Person] = []
    streets: list[Person] = []
    places = lexicon.bare_places()
    for person in people:
        if any(_is_street(result.text, mention) for mention in person.mentions):
            streets.append(person)
            continue
        words = person.name.split()
        if places.table(folded=False).get(tuple(lexicon.key_of(w) for w in words)):
            continue
        lead = _leading_place(words) or _leading_org(words)
        if lead and len(words) - lead >= 2:  # "Macedonia Nikola Dimitrov", "(đồng sáng lập) Google Sergey Brin"
            person.name = " ".join(words[lead:])
        if fold(person.name.split()[-1]) in lexicon.ENGLISH_ORG_WORDS:
            continue  # "Phnom Penh Post"
        if len(words) == 1 and fold(words[0]).endswith("bank"):
            continue  # "Trưởng Ban kiểm soát OceanBank": a bank
        if len(words) >= 4 and words[0] == "Trường" and all(map(_is_vietnamese_syllable, words)):
            continue  # "vào Trường Trần Đại Nghĩa": a school named after someone
        short = _words(person.name)
        variant = _spelling_variant(short, kept) if not all(map(_is_vietnamese_syllable, words)) else None
        if variant is not None:
            _merge(variant, person)  # "Sergey Skripal" of "Sergei Skripal", "Roman Filippov" of "Roman Filipov"
            continue
        candidates = _candidates(short, kept) if len(short) <= 2 else []
        if candidates:
            _merge(_nearest(person, candidates), person)
            continue
        if _keep_alone(person):
            kept.append(person)
        elif (len(short) == 1 and not _is_vietnamese_syllable(person.name) and not is_initial(person.name)
              and not _company(person)):
            person.alone = True
            kept.append(person)
    known_places = {fold(p.name) for p in result.places}
    extra_places = [
        Place(name=p.name, kind="đường", mentions=list(p.mentions)) for p in streets
        if fold(p.name) not in known_places and len(p.name.split()) > 1  # ("S.", "Vũ": a word, not a street's name)
    ]
    return Extraction(
        text=result.text,
        sentence_spans=result.sentence_spans,
        people=sorted(kept, key=lambda p: p.mentions[0].start),
        organisations=result.organisations,
        places=sorted([*result.places, *extra_places], key=lambda p: p.mentions[0].start),
    )
