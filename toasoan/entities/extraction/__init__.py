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

from toasoan.core.text import fold, normalize_text
from toasoan.entities import lexicon
from toasoan.entities.extraction.organisations import _Organisations
from toasoan.entities.extraction.tokens import (
    _SPACED_HYPHEN,
    _TERM,
    _capitalised,
    join_foreign_dashes,
)
from toasoan.entities.extraction_types import Extraction, Mention, Organisation
from toasoan.entities.identity import resolve_people
from toasoan.entities.lexicon import keys_of
from toasoan.entities.org_words import NOT_ORG_STARTS
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


def _names_something(key: str, name: str) -> bool:
    """An organisation's folded name names one body: not a generic head alone ("Văn phòng", "Hợp tác xã", "HĐQT",
    "Công ty CP"), and not a place written with its type ("tỉnh Kiên Giang" is the province). Bodies that exist in
    every province ("Tỉnh ủy", "Công an tỉnh") are kept: services.qualified_organisation ties them to a province."""
    words = key.split()
    if not words:
        return False
    exact = keys_of(name, folded=False)
    if exact in lexicon.bare_places().exact:
        return False  # "Trung Quốc" is a country (compared with diacritics: "Nhà Trắng" is not Nha Trang)
    if len(words) > 1 and exact[-1] in _BARE_LOCAL_WORDS:
        return False  # "UBND xã", "Phòng Nông nghiệp huyện": which commune or district the text does not say
    titles = lexicon.titles().exact
    for size in range(min(len(exact), 6), 0, -1):
        if exact[:size] in titles:
            if size == len(exact) or exact[size:] in lexicon.title_places().exact:
                return False  # "Tổng thống Philippines" (of "phát ngôn viên Tổng thống Philippines"): an office
            break
    place = lexicon.title_places().exact
    for size in (3, 2, 1):
        if len(exact) > size and exact[:size] in place and name.split(maxsplit=size)[size].islower():
            return False  # "Trung Quốc công (du)", "Thái không": a country and lower-case words that follow it
    if exact[0] == "quận" and len(words) > 1 and words[1] not in ("uy", "doan"):
        return False  # "Quận Hoàn Kiếm" is the district ("Quân khu", "Quận ủy" are bodies)
    if words[0] in _PLACE_TYPE_WORDS and (len(words) == 1 or words[1] not in ("uy", "doan")):
        return False  # "tỉnh Kiên Giang", "Chủ tịch xã" (the commune), but "Tỉnh ủy", "Huyện đoàn" are bodies
    if " ".join(words[:2]) in NOT_ORG_STARTS or words[0] in NOT_ORG_STARTS:
        return False  # "Bộ luật Hình sự", "Hội nghị Trung ương": a law, a meeting
    for size in (1, 2):
        if " ".join(words[:size]) in _FIRM_HEADS and len(words) > size and keys_of(
            name.split(maxsplit=size)[size], folded=False
        ) in lexicon.title_places().exact:
            return False  # "Báo Mỹ nói…", "một công ty Trung Quốc": the papers or firms of a country, no one body
    last = name.split()[-1]
    if len(words) > 1 and len(last) == 1 and last.isascii() and last.isupper():
        return False  # "Công an Q", "Công ty Biological E": cut at an initial
    if len(words) == 1 and looks_vietnamese(name) and not name.isupper():
        return False  # one Vietnamese syllable ("Trung", "Nghị") is a piece of something else, never a body
    heads, fillers = lexicon.generic_org_parts()
    for size in range(min(4, len(words)), 0, -1):
        if " ".join(words[:size]) in heads:
            return not all(word in fillers for word in words[size:])
    return True


# A body ending on a place type below the province names no one body (services.qualified_organisation drops it too).
_BARE_LOCAL_WORDS = frozenset({"huyện", "xã", "quận", "phường", "trấn"})
# Heads of papers and firms, which a country alone does not name ("Báo Mỹ", "Công ty Trung Quốc").
_FIRM_HEADS = frozenset({"bao", "to", "dai", "hang", "cong ty", "tap doan", "doanh nghiep"})
# Folded keys ("quan" is also "Quân khu"); "thi" is "thị trấn"/"thị xã" ("Thị ủy" is a body).
_PLACE_TYPE_WORDS = frozenset({"tinh", "huyen", "phuong", "xa", "thi", "thon", "xom", "tp"})


class _Parser(_Organisations):
    # --- all together ---------------------------------------------------------------------------
    def run(self) -> Extraction:
        self._scan_people()
        self._scan_organisations()
        self._scan_known_orgs()
        self._scan_places()
        self._scan_bare_people()
        self._scan_enumerated_people()
        self._scan_defined_people()
        self._scan_couples()
        self._scan_listed_people()
        self._scan_repeated_names()
        self._scan_known_people()
        for person in self.people.values():
            person.mentions.sort(key=lambda m: m.start)
        seen: set[Mention] = set()
        for position in self._positions:
            if position.organisation and position.mention not in seen and not position.organisation.islower():
                # (an office written all in lower case, "văn phòng tổng thống", "tỉnh uỷ", describes, it names no body)
                seen.add(position.mention)
                self._add_org_mention(position.organisation, position.mention, position.mention.start)
        return Extraction(
            text=self.text,
            sentence_spans=self.sentence_spans,
            people=sorted(self.people.values(), key=lambda p: p.mentions[0].start),
            organisations=sorted((o for key, o in self.organisations.items()
                                  if _names_something(key, o.name) and key not in self._person_words()),
                                 key=lambda o: o.mentions[0].start),
            places=sorted(self.places.values(), key=lambda p: p.mentions[0].start),
        )

    def _person_words(self) -> set[str]:
        """Folded names of the people found, and each of their words: "Moon" (of Moon Jae-in), "Lang Yanbo" are not
        organisations."""
        words = set(self.people)
        for key in self.people:
            words.update(key.split())
        return words

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
    normalised = normalize_text(text or "")
    if " - " in normalised:  # every spacing the pattern joins has one; a long text without any skips its scan
        normalised = _SPACED_HYPHEN.sub(lambda m: m.group(0).replace(" - ", "-"), normalised)
    if "–" in normalised or " - " in normalised or "‐" in normalised or "‑" in normalised:
        normalised = join_foreign_dashes(normalised)
    if not normalised:
        return Extraction(text="", sentence_spans=[], people=[], organisations=[], places=[])
    return resolve_people(_Parser(normalised).run())
