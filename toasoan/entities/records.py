"""What a stored place is called, and when a position's "organisation" is a place.

A place record is a whole name: a name of the gazetteer ("Pháp", "Huế", "Vinh"), or a name of one word kept with
its type word ("thôn Bợm", "huyện Lắk"), which alone is a syllable anyone could be called, and a name ending on a
number ("ấp Khu 1"), which alone says nothing; "Mỹ Đình 2" is whole. An administrative unit
written without a body ("Chủ tịch xã Tràng Sơn": the commune) is a place, not an organisation.
"""

from __future__ import annotations

from toasoan.entities import lexicon
from toasoan.entities.lexicon import keys_of

__all__ = ["administrative_unit", "place_record_name"]

# Type words of administrative units and villages, as written (exact: "quân" of "Quân khu" is not "quận").
_UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường", "thôn", "xóm", "ấp",
               "bản", "làng")
# Words after a type word that make it a body: "Huyện ủy", "Tỉnh đoàn", "Thành ủy".
_BODY_AFTER = frozenset({"ủy", "uỷ", "đoàn"})
_PROVINCE_KINDS = frozenset({"tỉnh", "thành phố", "tỉnh/thành phố"})


def place_record_name(*, name: str, kind: str) -> str:
    """The name to store for a place found as ``name`` of ``kind`` (the type word written before it)."""
    if kind not in lexicon.PLACE_TYPES.values():
        return name
    words = name.split()
    if len(words) == 2 and words[1].isdigit():
        return f"{kind} {name}"  # "ấp Khu 1", "xã Lộ 25": one word and a number say nothing without the type
    if len(words) != 1:
        return name
    exact = keys_of(name, folded=False)
    if exact in lexicon.title_places().exact or (kind in _PROVINCE_KINDS and exact in lexicon.local_places().exact):
        return name  # a country, a province, a city the gazetteer knows
    return f"{kind} {name}"


def administrative_unit(name: str) -> tuple[str, str] | None:
    """(name, kind) when ``name`` is an administrative unit with its type word and no body ("xã Tràng Sơn",
    "tỉnh Thanh Hoá"); None for a body ("Huyện ủy Thuận Thành", "UBND xã Tràng Sơn", "Công an tỉnh")."""
    words = name.split()
    lowered = [word.lower() for word in words]
    for kind in _UNIT_WORDS:
        size = len(kind.split())
        if lowered[:size] == kind.split() and len(words) > size and lowered[size] not in _BODY_AFTER:
            rest = " ".join(words[size:])
            return (rest, kind) if rest[:1].isupper() else None
    return None
