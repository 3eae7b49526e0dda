"""Full-text structures that Django's schema editor cannot express, per database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

ENTRY = "toasoan_search_searchentry"
FTS = "toasoan_search_fts"
# SQLite, since migration 0004: titles, and titles with sapos, in FTS5 tables of their own. FTS5 keeps one doclist per
# term for all columns of a table, so "the title has every syllable" asked of the main table walks every body match
# of "tinh" and "o" to look at their columns (18 ms at 100,000 articles, against 1.5 ms on the title table).
FTS_TITLE = "toasoan_search_fts_title"
FTS_HEAD = "toasoan_search_fts_head"
CONFIG = "toasoan_vi"

POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)",
    # unaccent folds every Vietnamese letter, đ/Đ included; simple lower-cases and keeps every syllable
    # (no stop words: "của", "đã" are part of names and phrases).
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR word, numword, hword, hword_part, hword_numpart "
    "WITH unaccent, simple",
    f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS document tsvector, ADD COLUMN IF NOT EXISTS title_doc tsvector, "
    "ADD COLUMN IF NOT EXISTS exact tsvector",
]
# Added by migration 0002: title and sapo syllables (no positions): "every syllable in title or sapo" without
# reading rows.
POSTGRES_HEAD = [f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS head tsvector"]
# Added by migration 0005: adjacent folded syllables of title, sapo and body as one lexeme each ("dai_hoi"), no
# positions: a phrase is then an AND of keys far rarer than its syllables ("trinh duc phuc": 'trinh_duc' &
# 'duc_phuc'), answered by the GIN index without reading rows (see backends.PAIRS). NULL on rows indexed before
# the column existed: searches use pairs only once no row is NULL (the partial index below finds one at once).
POSTGRES_PAIRS = [f"ALTER TABLE {ENTRY} ADD COLUMN IF NOT EXISTS pairs tsvector"]
# Made by the server from the keys Python computes (backends._VECTORS), in this order.
VECTOR_COLUMNS = ("document", "title_doc", "head", "exact", "pairs")
# Migrations 0001 and 0002 made one GIN index per vector (kept as they were, so old migrations replay the same).
_GIN_V1 = {"document": "toasoan_search_document_gin", "title_doc": "toasoan_search_title_gin",
           "head": "toasoan_search_head_gin", "exact": "toasoan_search_exact_gin"}
POSTGRES_INDEXES_V1 = [f"CREATE INDEX IF NOT EXISTS {name} ON {ENTRY} USING gin ({column})"
                       for column, name in _GIN_V1.items()]
# Since migration 0003 each vector's GIN index also holds published_at (btree_gin): a search window
# ("published_at >= bound") is applied inside the index scan, so only matches inside the window reach the heap. With
# separate indexes the planner, which estimates co-occurring syllables ("khai thac cat trai phep": 76,000 rows) at a
# handful, never ANDed the window's B-tree range in and checked the dates of every match row by row.
_GIN = {"document": "toasoan_search_document_pub_gin", "title_doc": "toasoan_search_title_pub_gin",
        "head": "toasoan_search_head_pub_gin", "exact": "toasoan_search_exact_pub_gin"}
POSTGRES_EXTENSIONS = ["CREATE EXTENSION IF NOT EXISTS btree_gin"]
_GIN_V3 = [f"CREATE INDEX IF NOT EXISTS {name} ON {ENTRY} USING gin ({column}, published_at)"
           for column, name in _GIN.items()]
PAIRS_GIN = "toasoan_search_pairs_pub_gin"
PAIRS_MISSING = "toasoan_search_pairs_missing"  # rows still without pairs (empty once reindexed)
POSTGRES_PAIRS_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {PAIRS_GIN} ON {ENTRY} USING gin (pairs, published_at)",
    f"CREATE INDEX IF NOT EXISTS {PAIRS_MISSING} ON {ENTRY} (article_id) WHERE pairs IS NULL",
]
POSTGRES_INDEXES = _GIN_V3 + POSTGRES_PAIRS_INDEXES
POSTGRES_DROP_INDEXES = [f"DROP INDEX IF EXISTS {name}"
                         for name in [*_GIN_V1.values(), *_GIN.values(), PAIRS_GIN, PAIRS_MISSING]]
SQLITE_CREATE = [
    # Text is folded by Python before it gets here (FTS5's remove_diacritics leaves đ alone), so the tokenizer
    # only splits on non-alphanumerics.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_f, sapo_f, body_f, title_x, sapo_x, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_CREATE_TITLE_HEAD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TITLE} USING fts5(title_f, tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_HEAD} USING fts5(title_f, sapo_f, "
    "tokenize = 'unicode61 remove_diacritics 0')",
]


def create(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in POSTGRES_CREATE + POSTGRES_HEAD + POSTGRES_INDEXES_V1:
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for sql in SQLITE_CREATE:
                cursor.execute(sql)


def drop(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
        elif connection.vendor == "sqlite":
            for table in (FTS, FTS_TITLE, FTS_HEAD):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


def add_head(connection) -> None:
    """Migration 0002: the ``head`` vector, filled for rows indexed before it existed (``toasoan reindex`` redoes
    them exactly)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in POSTGRES_HEAD:
            cursor.execute(sql)
        cursor.execute(f"UPDATE {ENTRY} SET head = array_to_tsvector(string_to_array("  # noqa: S608
                       "concat_ws(' ', NULLIF(title_f, ''), NULLIF(sapo_f, '')), ' ')) WHERE head IS NULL")
        for sql in POSTGRES_INDEXES_V1:
            cursor.execute(sql)


def window_indexes(connection) -> None:
    """Migration 0003: each vector's GIN index replaced by one over (vector, published_at)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in POSTGRES_EXTENSIONS:
            cursor.execute(sql)
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for sql in _GIN_V3:
            cursor.execute(sql)
        for name in _GIN_V1.values():
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute("RESET maintenance_work_mem")


def add_pairs(connection) -> None:
    """Migration 0005: the ``pairs`` vector and its indexes. Existing rows keep NULL (computing the pairs needs the
    body, which only the articles hold): searches go on as before until ``toasoan reindex`` has filled every row;
    articles published or edited meanwhile get their pairs at once."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in POSTGRES_PAIRS:
            cursor.execute(sql)
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for sql in POSTGRES_PAIRS_INDEXES:
            cursor.execute(sql)
        cursor.execute("RESET maintenance_work_mem")


def time_keyed_fts(connection) -> None:
    """Migration 0004 (SQLite): FTS5 rows re-keyed from the article id to the time key (:func:`time_key`), so
    that FTS5 walks matches newest first, and the title and head tables made from them. PostgreSQL: nothing."""
    if connection.vendor != "sqlite":
        return
    columns = "title_f, sapo_f, body_f, title_x, sapo_x"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(rowid) FROM {FTS}")  # noqa: S608
        highest = cursor.fetchone()[0]
        if highest is not None and highest <= KEY_ID_MASK:  # still keyed by article id
            cursor.execute(f"SELECT article_id, published_at FROM {ENTRY}")  # noqa: S608
            keys = [(pk, time_key(as_datetime(published), pk)) for pk, published in cursor.fetchall()]
            cursor.execute("CREATE TEMPORARY TABLE toasoan_search_keymap (article_id INTEGER PRIMARY KEY, key INTEGER)")
            cursor.executemany("INSERT INTO toasoan_search_keymap VALUES (%s, %s)", keys)
            cursor.execute(SQLITE_CREATE[0].replace(FTS, f"{FTS}_keyed"))
            cursor.execute(f"INSERT INTO {FTS}_keyed (rowid, {columns}) SELECT m.key, {columns} "  # noqa: S608
                           f"FROM {FTS} f JOIN toasoan_search_keymap m ON m.article_id = f.rowid")
            cursor.execute(f"DROP TABLE {FTS}")
            cursor.execute(f"ALTER TABLE {FTS}_keyed RENAME TO {FTS}")
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("DROP TABLE toasoan_search_keymap")
        for sql in SQLITE_CREATE_TITLE_HEAD:
            cursor.execute(sql)
        for table, copied in ((FTS_TITLE, "title_f"), (FTS_HEAD, "title_f, sapo_f")):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            cursor.execute(f"INSERT INTO {table} (rowid, {copied}) SELECT rowid, {copied} FROM {FTS}")  # noqa: S608
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


# SQLite: the FTS5 rowid is a time key, not the article id, so that FTS5 walks matches newest first and stops after
# the wanted few ("ORDER BY rowid DESC LIMIT n" is answered from the index, without sorting every match). The key is
# the minute of publication above the article id: ordering by it is ordering by (minute, id); ties inside one minute
# are put in exact (published_at, id) order by backends.SQLiteBackend, which reads the whole minute at the boundary.
KEY_ID_BITS = 32
KEY_ID_MASK = (1 << KEY_ID_BITS) - 1
_KEY_MINUTES = 1 << 31  # minutes of publication stored: about 4,000 years either side of 1970, clamped beyond
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def key_minute(moment: datetime) -> int:
    """The minute of ``moment`` as stored in a time key (a naive datetime is UTC, as Django stores it in SQLite)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    minute = (moment - _EPOCH) // timedelta(minutes=1)
    return max(-_KEY_MINUTES, min(_KEY_MINUTES - 1, minute))


def time_key(published_at: datetime, article_id: int) -> int:
    """The FTS5 rowid of an article on SQLite: ordered like (minute of publication, article id)."""
    if not 0 < article_id <= KEY_ID_MASK:
        raise ValueError(f"article id {article_id} does not fit a search time key")
    return (key_minute(published_at) << KEY_ID_BITS) | article_id


def as_datetime(value) -> datetime:
    """A published_at read by a raw SQLite cursor (a datetime, or its text if no converter ran)."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
