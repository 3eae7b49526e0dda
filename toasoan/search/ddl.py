"""Full-text structures that Django's schema editor cannot express, per database."""

from __future__ import annotations

ENTRY = "toasoan_search_searchentry"
FTS = "toasoan_search_fts"
CONFIG = "toasoan_vi"

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)",
    # unaccent folds every Vietnamese letter, đ/Đ included; simple lower-cases and keeps every syllable
    # (no stop words: "của", "đã" are part of names and phrases).
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR word, numword, hword, hword_part, hword_numpart "
    "WITH unaccent, simple",
    f"ALTER TABLE {ENTRY} ADD COLUMN document tsvector, ADD COLUMN title_doc tsvector, ADD COLUMN exact tsvector",
]
POSTGRES_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS toasoan_search_document_gin ON {ENTRY} USING gin (document)",
    f"CREATE INDEX IF NOT EXISTS toasoan_search_title_gin ON {ENTRY} USING gin (title_doc)",
    f"CREATE INDEX IF NOT EXISTS toasoan_search_exact_gin ON {ENTRY} USING gin (exact)",
]
POSTGRES_DROP_INDEXES = [
    "DROP INDEX IF EXISTS toasoan_search_document_gin",
    "DROP INDEX IF EXISTS toasoan_search_title_gin",
    "DROP INDEX IF EXISTS toasoan_search_exact_gin",
]
SQLITE_CREATE = [
    # Text is folded by Python before it gets here (FTS5's remove_diacritics leaves đ alone), so the tokenizer
    # only splits on non-alphanumerics.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_f, sapo_f, body_f, title_x, sapo_x, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]


def create(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in POSTGRES_CREATE + POSTGRES_INDEXES:
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for sql in SQLITE_CREATE:
                cursor.execute(sql)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {FTS}")
