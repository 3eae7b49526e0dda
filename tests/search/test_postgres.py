from __future__ import annotations

import pytest
from django.db import connection

from toasoan.core.text import fold

pytestmark = pytest.mark.django_db

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def test_postgres_unaccent_configuration_folds_like_fold():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://...)")
    import unicodedata

    letters = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"}
    letters |= {ch.upper() for ch in letters}
    letters = {ch for ch in letters if not ch.isascii()}
    words = sorted(f"x{ch}x" for ch in letters)
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector('toasoan_vi', %s)) ORDER BY lexeme", [" ".join(words)])
        lexemes = [row[0] for row in cursor.fetchall()]
    assert len(letters) == 134
    assert lexemes == sorted({fold(w) for w in words})
