"""Protocol order of positions: how Vietnamese papers list an official's offices, highest first.

"Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng ban Tổ chức Trung ương": the Politburo before the
Secretariat before the Central Committee before offices of the state and of bodies. Ranks compare
positions on a person page; ties keep the order the article wrote them in.
"""

from __future__ import annotations

from toasoan.core.text import fold

# (rank, folded phrases that open or make up the title). First match wins; lower ranks come first.
_RANKS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0, ("tong bi thu", "chu tich nuoc", "thu tuong", "chu tich quoc hoi", "tong thong")),
    (1, ("uy vien bo chinh tri",)),
    (2, ("thuong truc ban bi thu", "bi thu trung uong dang", "uy vien ban bi thu")),
    (3, ("uy vien trung uong dang", "uy vien ban chap hanh trung uong", "uy vien du khuyet trung uong")),
    (4, ("pho chu tich nuoc", "pho thu tuong", "pho chu tich quoc hoi")),
    (5, ("truong ban", "bo truong", "chanh an", "vien truong", "tong kiem toan", "chanh van phong", "thong doc")),
    (6, ("bi thu tinh uy", "bi thu thanh uy", "chu tich ubnd", "chu tich uy ban nhan dan", "chu tich hdnd")),
    (7, ("pho truong ban", "thu truong", "pho bi thu", "pho chu tich", "uy vien ban thuong vu")),
    (8, ("dai bieu quoc hoi", "dbqh")),
)
_OTHER = 9


def protocol_rank(title: str) -> int:
    """0 for the highest offices ... 9 for anything the list does not know."""
    folded = " ".join(fold(title).split())
    for rank, phrases in _RANKS:
        if any(folded.startswith(phrase) or folded == phrase for phrase in phrases):
            return rank
    return _OTHER
