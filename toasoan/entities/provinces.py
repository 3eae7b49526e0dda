"""Vietnam's provinces after the 2025 merger: 34 units, each with the old provinces it took in.

Source of truth: Nghị quyết số 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh
(12 June 2025, in force 1 July 2025): 63 provinces and centrally governed cities became 34 — 11
unchanged, 23 formed by merging two or three. The list is written here by hand from that resolution;
``tests/entities/test_provinces.py`` checks it against the independent copy shipped in underthesea's
address data (34 new names, 63 old names).

Names are the short forms papers write after "tỉnh"/"thành phố" ("Đắk Lắk", "Hồ Chí Minh"), with the
spellings in use as aliases ("Thanh Hoá", "TP.HCM").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from toasoan.core.text import fold


@dataclass(frozen=True)
class Province:
    name: str  # the unit since 1 July 2025
    kind: str  # "tỉnh" or "thành phố"
    merged: tuple[str, ...]  # old provinces taken in (besides the one that kept the name)
    aliases: tuple[str, ...] = ()  # other spellings and names of the unit itself


# The unit that kept its name is listed first; the old provinces it absorbed follow.
PROVINCES: tuple[Province, ...] = (
    # Unchanged (11).
    Province("Hà Nội", "thành phố", ()),
    Province("Huế", "thành phố", (), ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế")),
    Province("Lai Châu", "tỉnh", ()),
    Province("Điện Biên", "tỉnh", ()),
    Province("Sơn La", "tỉnh", ()),
    Province("Lạng Sơn", "tỉnh", ()),
    Province("Quảng Ninh", "tỉnh", ()),
    Province("Thanh Hóa", "tỉnh", (), ("Thanh Hoá",)),
    Province("Nghệ An", "tỉnh", ()),
    Province("Hà Tĩnh", "tỉnh", ()),
    Province("Cao Bằng", "tỉnh", ()),
    # Merged (23).
    Province("Tuyên Quang", "tỉnh", ("Hà Giang",)),
    Province("Lào Cai", "tỉnh", ("Yên Bái",)),
    Province("Thái Nguyên", "tỉnh", ("Bắc Kạn", "Bắc Cạn")),
    Province("Phú Thọ", "tỉnh", ("Vĩnh Phúc", "Hòa Bình", "Hoà Bình")),
    Province("Bắc Ninh", "tỉnh", ("Bắc Giang",)),
    Province("Hưng Yên", "tỉnh", ("Thái Bình",)),
    Province("Hải Phòng", "thành phố", ("Hải Dương",)),
    Province("Ninh Bình", "tỉnh", ("Hà Nam", "Nam Định")),
    Province("Quảng Trị", "tỉnh", ("Quảng Bình",)),
    Province("Đà Nẵng", "thành phố", ("Quảng Nam",)),
    Province("Quảng Ngãi", "tỉnh", ("Kon Tum",)),
    Province("Gia Lai", "tỉnh", ("Bình Định",)),
    Province("Khánh Hòa", "tỉnh", ("Ninh Thuận",), ("Khánh Hoà",)),
    Province("Lâm Đồng", "tỉnh", ("Đắk Nông", "Đăk Nông", "Bình Thuận")),
    Province("Đắk Lắk", "tỉnh", ("Phú Yên",), ("Đắc Lắc", "Đắk Lăk", "Đăk Lăk")),
    Province(
        "Hồ Chí Minh",
        "thành phố",
        ("Bình Dương", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu"),
        ("TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "Sài Gòn"),
    ),
    Province("Đồng Nai", "tỉnh", ("Bình Phước",)),
    Province("Tây Ninh", "tỉnh", ("Long An",)),
    Province("Cần Thơ", "thành phố", ("Sóc Trăng", "Hậu Giang")),
    Province("Vĩnh Long", "tỉnh", ("Bến Tre", "Trà Vinh")),
    Province("Đồng Tháp", "tỉnh", ("Tiền Giang",)),
    Province("Cà Mau", "tỉnh", ("Bạc Liêu",)),
    Province("An Giang", "tỉnh", ("Kiên Giang",)),
)

# Spellings of merged old provinces that are variants of one another, for the count of 63.
_VARIANTS = {"Bắc Cạn", "Hoà Bình", "Đăk Nông", "Bà Rịa – Vũng Tàu", "Bà Rịa-Vũng Tàu"}


@dataclass(frozen=True)
class ProvinceName:
    written: str  # as looked up
    current: str  # the province since 1 July 2025
    old: bool  # True for a province merged into ``current``


@functools.cache
def _index() -> dict[str, ProvinceName]:
    table: dict[str, ProvinceName] = {}
    for province in PROVINCES:
        for name in (province.name, *province.aliases):
            table.setdefault(" ".join(_words(name)), ProvinceName(name, province.name, False))
        for name in province.merged:
            table.setdefault(" ".join(_words(name)), ProvinceName(name, province.name, True))
    return table


def _words(text: str) -> list[str]:
    """Folded words, every dash a word of its own: "Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu" and "Bà Rịa-Vũng Tàu"
    are one name (and "Hà Nội-Hải Phòng" still names both cities)."""
    return _DASHES.sub(" - ", fold(text)).split()


_DASHES = re.compile(r"\s*[-–—‐‑]\s*")


def lookup(name: str) -> ProvinceName | None:
    """What a written province name is today: ``lookup("Phú Yên").current == "Đắk Lắk"``."""
    return _index().get(" ".join(_words(name)))


@functools.lru_cache(maxsize=1 << 14)
def named_in(text: str) -> frozenset[str]:
    """The provinces (today's names) that ``text`` names, by any spelling: every run of one to five words
    looked up as :func:`lookup` would (the same texts, positions and titles, come back story after story)."""
    words = _words(text)
    index = _index()
    found: set[str] = set()
    for size in (5, 4, 3, 2, 1):  # ("Bà Rịa - Vũng Tàu" is five words)
        for start in range(0, len(words) - size + 1):
            hit = index.get(" ".join(words[start : start + size]))
            if hit is not None:
                found.add(hit.current)
    return frozenset(found)


def current_names() -> list[str]:
    return [province.name for province in PROVINCES]


def old_names() -> list[str]:
    """The 63 provinces before the merger (one spelling each)."""
    names: list[str] = []
    for province in PROVINCES:
        names.append(province.name)
        names.extend(name for name in province.merged if name not in _VARIANTS)
    return names


def all_spellings() -> list[tuple[str, str]]:
    """(spelling, kind) for every name of every province, old and new, for the gazetteer."""
    out: list[tuple[str, str]] = []
    for province in PROVINCES:
        for name in (province.name, *province.aliases, *province.merged):
            out.append((name, "tỉnh/thành phố"))
    return out
