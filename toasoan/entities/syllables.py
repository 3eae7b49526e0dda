"""Whether a word is one Vietnamese syllable ("Hà", "Tập") or a foreign word ("Putin", "Moon-jae")."""

from __future__ import annotations

import re

from toasoan.core.text import fold

__all__ = ["FOREIGN_LETTERS", "VN_SYLLABLE", "looks_vietnamese"]

FOREIGN_LETTERS = frozenset("fjwz")
VN_SYLLABLE = re.compile(
    r"^(?:ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdghklmnprstvx])?"
    r"(?:uye|uya|uyu|oai|oay|oeo|uay|uoi|uou|ieu|yeu|uoi|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue"
    r"|ui|uo|uu|uy|ya|ye|yu|a|e|i|o|u|y)"
    r"(?:ch|nh|ng|[cmnpt])?$"
)


def looks_vietnamese(word: str) -> bool:
    """Whether a word is one Vietnamese syllable ("Hà", "Tập"), not a foreign name ("Putin")."""
    part = fold(word)
    return bool(part) and not FOREIGN_LETTERS.intersection(part) and bool(VN_SYLLABLE.match(part))
