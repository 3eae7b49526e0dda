"""Writing and querying the index on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Both backends answer the same small questions ("ids whose title has every syllable, newest first", "ids with the
phrase, best first", ...); the final ranking is computed once, in Python, by :mod:`toasoan.search.ranking`, so
the two databases order results the same way. Queries only ever contain syllables made of letters and digits
(:func:`toasoan.search.text.parse_query`), and they are still passed as parameters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from toasoan.search.ddl import CONFIG, ENTRY, FTS
from toasoan.search.text import index_tokens

# Ranked candidate queries look at no more than this many matches (bounded work for "dang" on a million rows).
RANK_WINDOW = 4000
PHRASE_WINDOW = 1500


@dataclass(frozen=True)
class IndexRow:
    article_id: int
    published_at: datetime
    section_id: int | None
    format: str
    title: str
    sapo: str
    body: str


@dataclass
class Filters:
    section_ids: list[int] = field(default_factory=list)
    format: str = ""
    event_id: int | None = None
    author_id: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    now: datetime | None = None

    def sql(self, alias: str = "e") -> tuple[str, list]:
        from toasoan.news.models import ArticleAuthor, ArticlePage

        clauses = [f"{alias}.published_at <= %s"]
        params: list = [self.now or timezone.now()]
        if self.section_ids:
            clauses.append(f"{alias}.section_id IN ({','.join(['%s'] * len(self.section_ids))})")
            params.extend(self.section_ids)
        if self.format:
            clauses.append(f"{alias}.format = %s")
            params.append(self.format)
        if self.date_from:
            clauses.append(f"{alias}.published_at >= %s")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{alias}.published_at < %s")
            params.append(self.date_to)
        if self.event_id:
            through = ArticlePage.events.through._meta
            clauses.append(f"{alias}.article_id IN (SELECT articlepage_id FROM {through.db_table} "  # noqa: S608
                           "WHERE eventpage_id = %s)")
            params.append(self.event_id)
        if self.author_id:
            clauses.append(f"{alias}.article_id IN (SELECT article_id FROM {ArticleAuthor._meta.db_table} "  # noqa: S608
                           "WHERE author_id = %s)")
            params.append(self.author_id)
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class Prepared:
    """An :class:`IndexRow` turned into the strings both backends store."""

    row: IndexRow
    title_f: str
    sapo_f: str
    body_f: str
    title_x: str
    sapo_x: str
    title_s: str
    sapo_s: str
    body_s: str

    @classmethod
    def of(cls, row: IndexRow) -> Prepared:
        title, sapo, body = index_tokens(row.title), index_tokens(row.sapo), index_tokens(row.body)
        return cls(
            row=row,
            title_f=" ".join(t.folded for t in title),
            sapo_f=" ".join(t.folded for t in sapo),
            body_f=" ".join(t.folded for t in body),
            title_x=" ".join(t.exact for t in title),
            sapo_x=" ".join(t.exact for t in sapo),
            title_s=" ".join(t.surface for t in title),
            sapo_s=" ".join(t.surface for t in sapo),
            body_s=" ".join(t.surface for t in body),
        )

    def terms(self) -> set[str]:
        return {t for text in (self.title_f, self.sapo_f, self.body_f) for t in text.split() if len(t) <= 64}


_ENTRY_COLUMNS = (
    "article_id, published_at, section_id, format, title, sapo, title_f, sapo_f, title_x, sapo_x, indexed_at"
)
_ENTRY_UPDATE = ", ".join(f"{c} = excluded.{c}" for c in _ENTRY_COLUMNS.split(", ")[1:])


def _entry_params(p: Prepared, now: datetime) -> list:
    r = p.row
    return [r.article_id, r.published_at, r.section_id, r.format, r.title, r.sapo, p.title_f, p.sapo_f,
            p.title_x, p.sapo_x, now]


class Backend:
    vendor = ""

    # --- writing
    def write(self, rows: Iterable[IndexRow], *, count_terms: bool = True) -> int:
        prepared = [Prepared.of(r) for r in rows]
        if not prepared:
            return 0
        with transaction.atomic(), connection.cursor() as cursor:
            self._write(cursor, prepared)
            if count_terms:
                self._count_terms(cursor, prepared)
        return len(prepared)

    def _count_terms(self, cursor, prepared: Sequence[Prepared]) -> None:
        counts: Counter[str] = Counter()
        for p in prepared:
            counts.update(p.terms())
        cursor.executemany(
            "INSERT INTO toasoan_search_searchterm (term, df) VALUES (%s, %s) "
            "ON CONFLICT (term) DO UPDATE SET df = toasoan_search_searchterm.df + excluded.df",
            list(counts.items()),
        )

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        marks = ",".join(["%s"] * len(ids))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY} WHERE article_id IN ({marks})", list(ids))  # noqa: S608
            self._delete_fulltext(cursor, ids, marks)

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY}")  # noqa: S608
            cursor.execute("DELETE FROM toasoan_search_searchterm")
            self._clear_fulltext(cursor)

    def _write(self, cursor, prepared: Sequence[Prepared]) -> None:
        raise NotImplementedError

    def _delete_fulltext(self, cursor, ids, marks) -> None:
        pass

    def _clear_fulltext(self, cursor) -> None:
        pass

    def before_bulk(self) -> None:
        """Called by a full rebuild before writing (PostgreSQL drops its GIN indexes)."""

    def after_bulk(self) -> None:
        """Called after a full rebuild (indexes come back, statistics are refreshed)."""

    # --- reading: each returns article ids, best first
    def title_all(self, tokens: Sequence[str], filters: Filters, limit: int) -> list[int]:
        raise NotImplementedError

    def ranked(self, tokens: Sequence[str], filters: Filters, limit: int, *, phrase: bool = False,
               any_token: bool = False) -> list[int]:
        raise NotImplementedError

    def exact_all(self, exact: Sequence[str], tokens: Sequence[str], filters: Filters, limit: int) -> list[int]:
        raise NotImplementedError

    def newest(self, tokens: Sequence[str], filters: Filters, limit: int, offset: int) -> list[int]:
        raise NotImplementedError

    def _fetch(self, sql: str, params: list) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def _write(self, cursor, prepared):
        now = timezone.now()
        cursor.executemany(
            f"INSERT INTO {ENTRY} ({_ENTRY_COLUMNS}) VALUES ({','.join(['%s'] * 11)}) "  # noqa: S608
            f"ON CONFLICT (article_id) DO UPDATE SET {_ENTRY_UPDATE}",
            [_entry_params(p, now) for p in prepared],
        )
        ids = [p.row.article_id for p in prepared]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({','.join(['%s'] * len(chunk))})", chunk)  # noqa: S608
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title_f, sapo_f, body_f, title_x, sapo_x) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
            [(p.row.article_id, p.title_f, p.sapo_f, p.body_f, p.title_x, p.sapo_x) for p in prepared],
        )

    def _delete_fulltext(self, cursor, ids, marks):
        cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", list(ids))  # noqa: S608

    def _clear_fulltext(self, cursor):
        cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608

    def after_bulk(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")  # noqa: S608

    @staticmethod
    def _all(tokens: Sequence[str], columns: str) -> str:
        return "{%s} : (%s)" % (columns, " AND ".join(f'"{t}"' for t in tokens))  # noqa: UP031

    def title_all(self, tokens, filters, limit):
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {FTS} JOIN {ENTRY} e ON e.article_id = {FTS}.rowid "  # noqa: S608
            f"WHERE {FTS} MATCH %s AND {where} ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s",
            [self._all(tokens, "title_f"), *params, limit],
        )

    def ranked(self, tokens, filters, limit, *, phrase=False, any_token=False):
        columns = "title_f sapo_f body_f"
        if phrase:
            match = '{%s} : "%s"' % (columns, " ".join(tokens))  # noqa: UP031
        elif any_token:
            match = "{%s} : (%s)" % (columns, " OR ".join(f'"{t}"' for t in tokens))  # noqa: UP031
        else:
            match = self._all(tokens, columns)
        where, params = filters.sql()
        return self._fetch(
            f"SELECT article_id FROM (SELECT e.article_id, e.published_at, "  # noqa: S608
            f"bm25({FTS}, 10.0, 4.0, 1.0, 0.0, 0.0) AS r FROM {FTS} JOIN {ENTRY} e "
            f"ON e.article_id = {FTS}.rowid WHERE {FTS} MATCH %s AND {where} LIMIT %s) "
            "ORDER BY r, published_at DESC, article_id DESC LIMIT %s",
            [match, *params, RANK_WINDOW, limit],
        )

    def exact_all(self, exact, tokens, filters, limit):
        match = f"({self._all(exact, 'title_x sapo_x')}) AND ({self._all(tokens, 'title_f sapo_f body_f')})"
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {FTS} JOIN {ENTRY} e ON e.article_id = {FTS}.rowid "  # noqa: S608
            f"WHERE {FTS} MATCH %s AND {where} ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s",
            [match, *params, limit],
        )

    def newest(self, tokens, filters, limit, offset):
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {FTS} JOIN {ENTRY} e ON e.article_id = {FTS}.rowid "  # noqa: S608
            f"WHERE {FTS} MATCH %s AND {where} ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s OFFSET %s",
            [self._all(tokens, "title_f sapo_f body_f"), *params, limit, offset],
        )


def _tsquery(tokens: Sequence[str], op: str) -> str:
    return f" {op} ".join(tokens)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def _count_terms(self, cursor, prepared):
        counts: Counter[str] = Counter()
        for p in prepared:
            counts.update(p.terms())
        terms = sorted(counts)
        cursor.execute(
            "INSERT INTO toasoan_search_searchterm (term, df) SELECT * FROM unnest(%s::text[], %s::int[]) "
            "ON CONFLICT (term) DO UPDATE SET df = toasoan_search_searchterm.df + excluded.df",
            [terms, [counts[t] for t in terms]],
        )

    def _write(self, cursor, prepared):
        now = timezone.now()
        columns = f"{_ENTRY_COLUMNS}, document, title_doc, exact"
        values = ",".join(["%s"] * 11) + (
            f", setweight(to_tsvector('{CONFIG}', %s), 'A') || setweight(to_tsvector('{CONFIG}', %s), 'B')"
            f" || setweight(to_tsvector('{CONFIG}', %s), 'D'), to_tsvector('{CONFIG}', %s),"
            " setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        )
        update = (_ENTRY_UPDATE
                  + ", document = excluded.document, title_doc = excluded.title_doc, exact = excluded.exact")
        cursor.executemany(
            f"INSERT INTO {ENTRY} ({columns}) VALUES ({values}) ON CONFLICT (article_id) DO UPDATE SET {update}",  # noqa: S608
            [
                # PostgreSQL folds with unaccent itself: it gets the syllables with their diacritics.
                [*_entry_params(p, now), p.title_s, p.sapo_s, p.body_s, p.title_s, p.title_x, p.sapo_x]
                for p in prepared
            ],
        )

    def before_bulk(self) -> None:
        from toasoan.search.ddl import POSTGRES_DROP_INDEXES

        with connection.cursor() as cursor:
            for sql in POSTGRES_DROP_INDEXES:
                cursor.execute(sql)

    def after_bulk(self) -> None:
        from toasoan.search.ddl import POSTGRES_INDEXES

        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for sql in POSTGRES_INDEXES:
                cursor.execute(sql)
            cursor.execute(f"ANALYZE {ENTRY}")

    def title_all(self, tokens, filters, limit):
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {ENTRY} e WHERE e.title_doc @@ to_tsquery('{CONFIG}', %s) AND {where} "  # noqa: S608
            "ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s",
            [_tsquery(tokens, "&"), *params, limit],
        )

    def ranked(self, tokens, filters, limit, *, phrase=False, any_token=False):
        where, params = filters.sql()
        if any_token:
            query = _tsquery(tokens, "|")  # the loose fallback
            return self._fetch(
                f"SELECT article_id FROM (SELECT e.article_id, e.published_at, e.document FROM {ENTRY} e "  # noqa: S608
                f"WHERE e.document @@ to_tsquery('{CONFIG}', %s) AND {where} LIMIT %s) s "
                f"ORDER BY ts_rank('{{0.1, 0.2, 0.4, 1.0}}', document, to_tsquery('{CONFIG}', %s)) DESC, "
                "published_at DESC, article_id DESC LIMIT %s",
                [query, *params, RANK_WINDOW, query, limit],
            )
        if phrase:
            # Phrase checks read positions from the heap: look at the newest PHRASE_WINDOW articles that have
            # every syllable (the GIN index answers that without reading rows), not at all of them.
            return self._fetch(
                f"SELECT article_id FROM (SELECT e.article_id, e.published_at, e.document FROM {ENTRY} e "  # noqa: S608
                f"WHERE e.document @@ to_tsquery('{CONFIG}', %s) AND {where} "
                "ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s) s "
                f"WHERE document @@ to_tsquery('{CONFIG}', %s) ORDER BY published_at DESC, article_id DESC LIMIT %s",
                [_tsquery(tokens, "&"), *params, PHRASE_WINDOW, _tsquery(tokens, "<->"), limit],
            )
        query = _tsquery(tokens, "&")
        return self._fetch(
            f"SELECT article_id FROM (SELECT e.article_id, e.published_at, e.document FROM {ENTRY} e "  # noqa: S608
            f"WHERE e.document @@ to_tsquery('{CONFIG}', %s) AND {where} LIMIT %s) s "
            f"ORDER BY ts_rank('{{0.1, 0.2, 0.4, 1.0}}', document, to_tsquery('{CONFIG}', %s)) DESC, "
            "published_at DESC, article_id DESC LIMIT %s",
            [query, *params, RANK_WINDOW, query, limit],
        )

    def exact_all(self, exact, tokens, filters, limit):
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {ENTRY} e WHERE e.exact @@ to_tsquery('simple', %s) "  # noqa: S608
            f"AND e.document @@ to_tsquery('{CONFIG}', %s) AND {where} "
            "ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s",
            [_tsquery(exact, "&"), _tsquery(tokens, "&"), *params, limit],
        )

    def newest(self, tokens, filters, limit, offset):
        where, params = filters.sql()
        return self._fetch(
            f"SELECT e.article_id FROM {ENTRY} e WHERE e.document @@ to_tsquery('{CONFIG}', %s) AND {where} "  # noqa: S608
            "ORDER BY e.published_at DESC, e.article_id DESC LIMIT %s OFFSET %s",
            [_tsquery(tokens, "&"), *params, limit, offset],
        )


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise RuntimeError(f"Tìm kiếm chưa hỗ trợ cơ sở dữ liệu {connection.vendor}")
