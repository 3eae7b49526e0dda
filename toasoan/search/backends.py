"""Writing and querying the index on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Both backends answer the same small questions ("ids whose title has every syllable, newest first", "ids with the
phrase, best first", ...); the final ranking is computed once, in Python, by :mod:`toasoan.search.ranking`, so
the two databases order results the same way. Queries only ever contain syllables made of letters and digits
(:func:`toasoan.search.text.parse_query`), and they are still passed as parameters.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from itertools import pairwise

from django.db import connection, transaction
from django.utils import timezone

from toasoan.search.ddl import (
    ENTRY,
    FTS,
    FTS_HEAD,
    FTS_TITLE,
    KEY_ID_BITS,
    KEY_ID_MASK,
    POSTGRES_DROP_INDEXES,
    POSTGRES_INDEXES,
    VECTOR_COLUMNS,
    as_datetime,
    key_minute,
    time_key,
)
from toasoan.search.text import compound_keys, index_tokens

# Body phrases are checked (PostgreSQL reads positions from the row) among at most this many of the newest
# articles having every syllable: bounded work for "dang hoi" on a million rows.
PHRASE_WINDOW = 300
PHRASE_WINDOW_MORE = 1200
PHRASE_ENOUGH = 10
SEARCH_WORK_MEM = "64MB"  # PostgreSQL, while a search asks its questions (see PostgresBackend._planned)
# The questions every backend answers, each "ids of the newest matching articles":
TITLE = "title"  # the title has every syllable
TITLE_PHRASE = "title_phrase"  # the title has the syllables in order
HEAD = "head"  # title and sapo together have every syllable
HEAD_ANY = "head_any"  # title or sapo has some syllable (the loose fallback)
PHRASE = "phrase"  # title, sapo or body has the syllables in order (within PHRASE_WINDOW on PostgreSQL)
EXACT = "exact"  # title or sapo has every marked syllable with its diacritics, and the text every syllable
ALL = "all"  # title, sapo or body has every syllable
QUESTIONS = (TITLE, TITLE_PHRASE, HEAD, HEAD_ANY, PHRASE, EXACT, ALL)
# PostgreSQL's own question behind PHRASE once every row has its pairs: the text has every adjacent pair of the
# syllables ("dai_hoi" & "hoi_dang"), and, for three syllables or more, the phrase itself (checked on those rows).
PAIRS = "pairs"
_FLAGS = (TITLE, TITLE_PHRASE, HEAD, EXACT)  # subsets of ALL that PostgreSQL can flag on the phrase pool's rows


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

    def sql(self, alias: str = "e", *, opaque_upper: bool = False) -> tuple[str, list]:
        """SQL conditions and their parameters. ``opaque_upper`` (PostgreSQL) writes the upper time bounds as an
        expression no index can use: an open-ended range ("published_at <= now") scanned inside a btree_gin index
        would visit every entry; checked on the rows the full-text match leaves, it costs nothing."""
        from toasoan.news.models import ArticleAuthor, ArticlePage

        upper = f"{alias}.published_at + interval '0 s'" if opaque_upper else f"{alias}.published_at"
        clauses = [f"{upper} <= %s"]
        params: list = [_utc(self.now or timezone.now())]
        if self.section_ids:
            clauses.append(f"{alias}.section_id IN ({','.join(['%s'] * len(self.section_ids))})")
            params.extend(self.section_ids)
        if self.format:
            clauses.append(f"{alias}.format = %s")
            params.append(self.format)
        if self.date_from:
            clauses.append(f"{alias}.published_at >= %s")
            params.append(_utc(self.date_from))
        if self.date_to:
            clauses.append(f"{upper} < %s")
            params.append(_utc(self.date_to))
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


def _utc(moment: datetime) -> datetime:
    """Times are stored and compared in UTC: SQLite compares them as text, where "09:00+07:00" > "03:00+00:00"."""
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


@dataclass(frozen=True)
class Prepared:
    """An :class:`IndexRow` turned into the strings both backends store (folded and exact keys, space-separated)."""

    row: IndexRow
    title_f: str
    sapo_f: str
    body_f: str
    title_x: str
    sapo_x: str
    compounds: frozenset[str] = frozenset()  # "@covid_19": tokens written with inner punctuation (text.compound_keys)

    @classmethod
    def of(cls, row: IndexRow) -> Prepared:
        title, sapo, body = index_tokens(row.title), index_tokens(row.sapo), index_tokens(row.body)
        return cls(
            row=row,
            title_f=" ".join([t.folded for t in title]),
            sapo_f=" ".join([t.folded for t in sapo]),
            body_f=" ".join([t.folded for t in body]),
            title_x=" ".join([t.exact for t in title]),
            sapo_x=" ".join([t.exact for t in sapo]),
            compounds=frozenset(compound_keys(row.title) | compound_keys(row.sapo) | compound_keys(row.body)),
        )

    def terms(self, *, pairs: bool = False) -> set[str]:
        """The folded syllables (the vocabulary), with ``pairs`` their adjacent pairs too (PostgreSQL sizes the
        windows of pair questions from their frequencies)."""
        terms = {t for text in (self.title_f, self.sapo_f, self.body_f) for t in text.split() if len(t) <= 64}
        terms.update(self.compounds)
        if pairs:
            terms.update(p for p in self.pairs if len(p) <= 64)
        return terms

    @cached_property
    def pairs(self) -> set[str]:
        """Adjacent syllables of each field as one key ("dai hoi dang" → dai_hoi, hoi_dang), never across fields."""
        return {key for text in (self.title_f, self.sapo_f, self.body_f) for key in pair_keys(text.split())}

    @property
    def pairs_f(self) -> str:
        return " ".join(sorted(self.pairs))


def pair_keys(tokens: Sequence[str]) -> list[str]:
    """Keys of adjacent folded syllables: "a_b" (folded syllables are letters and digits, never "_")."""
    return [f"{a}_{b}" for a, b in pairwise(tokens)]


# Windows: on a large archive a question is first asked of the newest N articles only (a B-tree range ANDed with
# the GIN bitmap, so only matches inside the window are read); if fewer than the wanted number answer, the
# window grows. Newest-first answers from a window are exact whenever the window holds enough of them.
WINDOW_MIN_ARCHIVE = 50_000  # smaller archives are asked directly
WINDOW_MIN = 5_000
WINDOW_WIDE = 0.25  # share of the archive beyond which a window costs more than asking the whole archive
WINDOW_MARGIN = 1.3  # the next window holds this many times the answers the last one's density promises
WINDOW_GROWTH = 3  # ... but is at most this many times wider than the last


_ESTIMATE = object()  # _windowed: choose the first window from the syllables' frequencies
WHOLE_ARCHIVE_ROWS = 2_000  # newest_many: a question expected to match fewer is asked of the whole archive
WINDOW_EVIDENCE = 5  # matches a window must have shown before its density is trusted for the whole archive


def _window_step(size: float) -> int:
    """Window sizes are rounded up to WINDOW_MIN × √2ⁿ, so that few bounds are looked up and cached."""
    step = WINDOW_MIN
    while step < size:
        step = int(step * 1.4142135623730951) + 1
    return step

_CACHE_SECONDS = 600.0
_bounds: dict[tuple[str, int], tuple[float, datetime | None]] = {}
_archive_sizes: dict[str, tuple[float, int]] = {}
_histograms: dict[str, tuple[float, list[datetime]]] = {}
_pairs_states: dict[str, tuple[float, bool]] = {}
# How often a question matches, relative to the rarest syllable's share of articles (df / archive).
_SHARE = {TITLE: 0.05, TITLE_PHRASE: 0.03, HEAD: 0.15, HEAD_ANY: 0.3, PHRASE: 0.3, EXACT: 0.1, ALL: 1.0,
          PAIRS: 1.0}  # PAIRS: relative to the rarest pair's share



_ENTRY_COLUMNS = (
    "article_id, published_at, section_id, format, title, sapo, title_f, sapo_f, title_x, sapo_x, indexed_at"
)
_ENTRY_MARKS = ",".join(["%s"] * 11)
_ENTRY_UPDATE = ", ".join(f"{c} = excluded.{c}" for c in _ENTRY_COLUMNS.split(", ")[1:])


def _entry_params(p: Prepared, now: datetime) -> list:
    r = p.row
    return [r.article_id, _utc(r.published_at), r.section_id, r.format, r.title, r.sapo, p.title_f, p.sapo_f,
            p.title_x, p.sapo_x, now]


class Backend:
    vendor = ""
    pair_terms = False  # does the vocabulary count adjacent pairs too (PostgreSQL: window sizes of PAIRS)?

    def __init__(self) -> None:
        self._df: dict[str, int] = {}
        self.last_window: int | None = None  # the window that gave _windowed's last answer (None: whole archive)

    # --- writing
    def write(self, rows: Iterable[IndexRow], *, count_terms: bool = True) -> int:
        """Index or re-index a few articles (publish, edit): an upsert, vocabulary counts added."""
        prepared = [Prepared.of(r) for r in rows]
        if not prepared:
            return 0
        with transaction.atomic(), connection.cursor() as cursor:
            self._upsert(cursor, prepared)
            if count_terms:
                self._add_terms(cursor, _term_counts(prepared, pairs=self.pair_terms))
        return len(prepared)

    def write_new(self, rows: Iterable[IndexRow], *, ready: Iterable[Prepared | None] | None = None) -> int:
        """Index articles the index does not hold yet (a bulk import's new stories): the rebuild's bulk insert
        (PostgreSQL: COPY and one INSERT … SELECT for the batch) instead of one upsert per article, vocabulary
        counts added. Stores what :meth:`write` stores.

        ``ready``: one per row, the row's texts already turned into keys (:meth:`Prepared.of` of the same title,
        sapo and body, made by a bulk import's reading process) or None to make them here."""
        rows = list(rows)
        ready = list(ready) if ready is not None else [None] * len(rows)
        prepared = [Prepared.of(r) if done is None else replace(done, row=r)
                    for r, done in zip(rows, ready, strict=True)]
        if not prepared:
            return 0
        with transaction.atomic(), connection.cursor() as cursor:
            self._bulk_insert(cursor, prepared)
            self._add_terms(cursor, _term_counts(prepared, pairs=self.pair_terms))
        return len(prepared)

    def rebuild(self, batches: Iterable[Sequence[IndexRow]], *,
                progress: Callable[[int], None] | None = None) -> int:
        """Empty the index and fill it from ``batches``: the bulk path (no upserts, full-text indexes built last).

        It stores exactly what :meth:`write` stores for the same articles (tests compare the two).
        """
        self.begin_rebuild()
        counts: Counter[str] = Counter()
        done = 0
        try:
            for rows in batches:
                counts.update(self.load_batch(rows))
                done += len(rows)
                if progress:
                    progress(done)
        finally:
            self.end_rebuild(counts)
        return done

    def begin_rebuild(self) -> None:
        self.clear()
        self._bulk_begin()

    def load_batch(self, rows: Sequence[IndexRow]) -> Counter[str]:
        """Bulk-insert rows into an index being rebuilt; returns their vocabulary counts (for end_rebuild)."""
        prepared = [Prepared.of(r) for r in rows]
        if prepared:
            with transaction.atomic(), connection.cursor() as cursor:
                self._bulk_insert(cursor, prepared)
        return _term_counts(prepared, pairs=self.pair_terms)

    def end_rebuild(self, counts: Counter[str]) -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                self._add_terms(cursor, counts)
        finally:
            self._bulk_end()

    def _add_terms(self, cursor, counts: Counter[str]) -> None:
        cursor.executemany(
            "INSERT INTO toasoan_search_searchterm (term, df) VALUES (%s, %s) "
            "ON CONFLICT (term) DO UPDATE SET df = toasoan_search_searchterm.df + excluded.df",
            sorted(counts.items()),
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

    def _upsert(self, cursor, prepared: Sequence[Prepared]) -> None:
        raise NotImplementedError

    def _bulk_insert(self, cursor, prepared: Sequence[Prepared]) -> None:
        raise NotImplementedError

    def _delete_fulltext(self, cursor, ids, marks) -> None:
        pass

    def _clear_fulltext(self, cursor) -> None:
        pass

    def _bulk_begin(self) -> None:
        """Before a full rebuild (PostgreSQL drops its GIN indexes)."""

    def _bulk_end(self) -> None:
        """After a full rebuild (indexes come back, statistics are refreshed)."""

    # --- reading
    def newest(self, question: str, tokens: Sequence[str], filters: Filters, limit: int, *, offset: int = 0,
               exact: Sequence[str] = ()) -> list[int]:
        """Ids of the newest articles answering ``question`` (one of :data:`QUESTIONS`), newest first."""
        return self._windowed(question, tokens, exact, filters, limit, offset)

    def newest_many(self, questions: Sequence[str], tokens: Sequence[str], filters: Filters, limit: int, *,
                    exact: Sequence[str] = ()) -> dict[str, list[int]]:
        """:meth:`newest` for several questions about the same syllables (a backend may share work between them)."""
        return {q: self.newest(q, tokens, filters, limit, exact=exact) for q in questions}

    def _ask(self, question: str, tokens: Sequence[str], exact: Sequence[str], filters: Filters, limit: int,
             offset: int, bound: datetime | None) -> list[int]:
        """One question, restricted to articles published from ``bound`` if given."""
        raise NotImplementedError

    def _count_entries(self) -> int:
        raise NotImplementedError

    def _windowed(self, question, tokens, exact, filters, limit, offset, columns=(), first: object = _ESTIMATE) -> list:
        """Ask the newest N articles first (N from how common the syllables are), more if they answer too few.

        Newest-first answers from a window are exact whenever it holds ``limit`` of them: everything outside
        is older. The next window is sized from the density of matches the last one showed. A window is a range of
        ``published_at`` keys in the GIN index, which visits every key in it (the head question for "duong minh ha":
        2.5 ms for the whole archive, 54 ms over the newest 5.5 years): a window wider than WINDOW_WIDE of the
        archive costs more than it saves, so the whole archive is asked instead (few matches, since the window would
        be that wide). On a small archive, or for rare syllables, the whole archive is asked at once.
        """
        wanted = limit + offset
        widest = _window_step(self._archive_size() * WINDOW_WIDE)
        size = self._first_window(question, tokens, wanted) if first is _ESTIMATE else first
        while size is not None and size <= widest:
            bound = self._bound(size, filters)
            if bound is None:
                break
            ids = self._ask(question, tokens, exact, filters, limit, offset, bound, *columns)
            if len(ids) >= limit:
                self.last_window = size
                return ids
            # Matches are often bunched in time ("2017"): none in the newest N means skip straight to the whole
            # archive rather than asking ever larger windows.
            found = len(ids) + offset if ids else 0
            if not found or size == widest:
                break
            needed = size * wanted * WINDOW_MARGIN / found
            few_in_all = found >= WINDOW_EVIDENCE and found * self._archive_size() / size <= WHOLE_ARCHIVE_ROWS
            if needed > widest or few_in_all:
                # At this density the whole archive holds few matches: one question over all of it reads just those,
                # where windows growing toward a quarter of the archive visit every key of each (2–3 windows of
                # 10–45 ms, then the whole archive in 3–10 ms, at a million). A density from a handful of matches
                # in a small window says little ("tp ha tinh": 2 in the newest 5,000, thousands in all): it only
                # grows the window.
                break
            # The density of matches often grows further back (a story, a name): at most three times wider.
            size = _window_step(min(needed, size * WINDOW_GROWTH))
        self.last_window = None
        return self._ask(question, tokens, exact, filters, limit, offset, None, *columns)

    def _first_window(self, question: str, tokens: Sequence[str], wanted: int) -> int | None:
        """The first window asked (None: the whole archive), holding about three times ``wanted`` answers if the
        question matches as often as its rarest syllable's share of articles suggests."""
        size = self._archive_size()
        if size < WINDOW_MIN_ARCHIVE:
            return None
        keys = pair_keys(tokens) if question == PAIRS else tokens
        df = self.frequencies(keys)
        rarest = (sum(df.get(t, 0) for t in keys) if question == HEAD_ANY
                  else min(df.get(t, 0) for t in keys))
        if question == PAIRS and rarest <= WHOLE_ARCHIVE_ROWS:
            return None  # at most that many articles have the rarest pair: asking them all is cheap
        share = min(1.0, _SHARE[question] * rarest / size)
        if share <= 0:
            return None
        return _window_step(wanted * 3 / share)

    def frequencies(self, tokens: Sequence[str]) -> dict[str, int]:
        """How many articles hold each of ``tokens`` (0 for unknown ones), read once per search: the query's own
        syllables are asked by the query rewriting (services.decompound, correct) and again by the windows."""
        missing = sorted({t for t in tokens if t not in self._df})
        if missing:
            found = dict.fromkeys(missing, 0)
            with connection.cursor() as cursor:
                cursor.execute("SELECT term, df FROM toasoan_search_searchterm "  # noqa: S608
                               f"WHERE term IN ({','.join(['%s'] * len(missing))})", missing)
                found.update(cursor.fetchall())
            self._df.update(found)
        return self._df

    def _archive_size(self) -> int:
        now = time.monotonic()
        cached = _archive_sizes.get(self.vendor)
        if cached and cached[0] > now:
            return cached[1]
        size = self._count_entries()
        _archive_sizes[self.vendor] = (now + _CACHE_SECONDS, size)
        return size

    def _bound(self, size: int, filters: Filters) -> datetime | None:
        """Publication time of the ``size``-th newest article (cached: a stale bound only makes a window larger or
        smaller, never an answer wrong)."""
        now = time.monotonic()
        key = (self.vendor, size)
        cached = _bounds.get(key)
        if cached and cached[0] > now:
            return cached[1]
        bound = self._estimate_bound(size)
        if bound is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT published_at FROM {ENTRY} WHERE published_at <= %s "  # noqa: S608
                               "ORDER BY published_at DESC LIMIT 1 OFFSET %s",
                               [filters.now or timezone.now(), size - 1])
                row = cursor.fetchone()
                bound = row[0] if row else None
        _bounds[key] = (now + _CACHE_SECONDS, bound)
        return bound

    def _estimate_bound(self, size: int) -> datetime | None:
        """A window's bound without walking the index, if the database keeps a histogram of publication times."""
        return None

    def _fetch(self, sql: str, params: list) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


def _term_counts(prepared: Sequence[Prepared], *, pairs: bool = False) -> Counter[str]:
    counts: Counter[str] = Counter()
    for p in prepared:
        counts.update(p.terms(pairs=pairs))
    return counts


_ORDER = "ORDER BY e.published_at DESC, e.article_id DESC"


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def _upsert(self, cursor, prepared):
        self._delete_fts(cursor, [p.row.article_id for p in prepared])
        now = timezone.now()
        cursor.executemany(
            f"INSERT INTO {ENTRY} ({_ENTRY_COLUMNS}) VALUES ({_ENTRY_MARKS}) "  # noqa: S608
            f"ON CONFLICT (article_id) DO UPDATE SET {_ENTRY_UPDATE}",
            [_entry_params(p, now) for p in prepared],
        )
        self._insert_fts(cursor, prepared)

    def _bulk_insert(self, cursor, prepared):
        now = timezone.now()
        cursor.executemany(f"INSERT INTO {ENTRY} ({_ENTRY_COLUMNS}) VALUES ({_ENTRY_MARKS})",  # noqa: S608
                           [_entry_params(p, now) for p in prepared])
        self._insert_fts(cursor, prepared)

    @staticmethod
    def _insert_fts(cursor, prepared):
        keys = [time_key(p.row.published_at, p.row.article_id) for p in prepared]
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title_f, sapo_f, body_f, title_x, sapo_x) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
            [(key, p.title_f, p.sapo_f, p.body_f, p.title_x, p.sapo_x) for key, p in zip(keys, prepared, strict=True)],
        )
        cursor.executemany(f"INSERT INTO {FTS_TITLE} (rowid, title_f) VALUES (%s, %s)",  # noqa: S608
                           [(key, p.title_f) for key, p in zip(keys, prepared, strict=True)])
        cursor.executemany(f"INSERT INTO {FTS_HEAD} (rowid, title_f, sapo_f) VALUES (%s, %s, %s)",  # noqa: S608
                           [(key, p.title_f, p.sapo_f) for key, p in zip(keys, prepared, strict=True)])

    @staticmethod
    def _delete_fts(cursor, ids: Sequence[int]) -> None:
        """Drop the FTS5 rows of these articles, found by the time keys of their entries (read before they change)."""
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            cursor.execute(f"SELECT article_id, published_at FROM {ENTRY} "  # noqa: S608
                           f"WHERE article_id IN ({','.join(['%s'] * len(chunk))})", chunk)
            keys = [time_key(as_datetime(published), pk) for pk, published in cursor.fetchall()]
            for table in (FTS, FTS_TITLE, FTS_HEAD) if keys else ():
                cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({','.join(['%s'] * len(keys))})", keys)  # noqa: S608

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            self._delete_fts(cursor, ids)
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                cursor.execute(f"DELETE FROM {ENTRY} WHERE article_id IN ({','.join(['%s'] * len(chunk))})",  # noqa: S608
                               chunk)

    def _clear_fulltext(self, cursor):
        for table in (FTS, FTS_TITLE, FTS_HEAD):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608

    def _bulk_end(self) -> None:
        with connection.cursor() as cursor:
            for table in (FTS, FTS_TITLE, FTS_HEAD):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
            cursor.execute(f"ANALYZE {ENTRY}")

    @staticmethod
    def _match(question: str, tokens: Sequence[str], exact: Sequence[str]) -> tuple[str, str]:
        """The FTS5 table asked and its MATCH expression."""
        def every(words: Sequence[str], columns: str) -> str:
            return "{%s} : (%s)" % (columns, " AND ".join(f'"{t}"' for t in words))  # noqa: UP031

        text = "title_f sapo_f body_f"
        if question == TITLE:
            return FTS_TITLE, every(tokens, "title_f")
        if question == TITLE_PHRASE:
            return FTS_TITLE, '{title_f} : "%s"' % " ".join(tokens)  # noqa: UP031
        if question == HEAD:
            return FTS_HEAD, every(tokens, "title_f sapo_f")
        if question == HEAD_ANY:
            return FTS_HEAD, "{title_f sapo_f} : (%s)" % " OR ".join(f'"{t}"' for t in tokens)  # noqa: UP031
        if question == PHRASE:
            return FTS, '{%s} : "%s"' % (text, " ".join(tokens))  # noqa: UP031
        if question == EXACT:
            return FTS, f"({every(exact, 'title_x sapo_x')}) AND ({every(tokens, text)})"
        return FTS, every(tokens, text)

    def newest(self, question, tokens, filters, limit, *, offset=0, exact=()):
        """FTS5 walks the time keys downwards and stops after ``limit + offset`` matches (no windows needed)."""
        wanted = limit + offset
        where, params = filters.sql()
        low = key_minute(filters.date_from) << KEY_ID_BITS if filters.date_from else -(1 << 63)
        upper = filters.now or timezone.now()
        if filters.date_to:
            upper = min(upper, filters.date_to)
        high = (key_minute(upper) << KEY_ID_BITS) | KEY_ID_MASK
        table, match = self._match(question, tokens, exact)
        sql = (f"SELECT f.rowid, e.published_at FROM {table} f "  # noqa: S608
               f"JOIN {ENTRY} e ON e.article_id = (f.rowid & {KEY_ID_MASK}) "
               f"WHERE {table} MATCH %s AND f.rowid >= %s AND f.rowid <= %s AND {where} "
               f"ORDER BY f.rowid DESC LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, low, high, *params, wanted + 1])
            rows = cursor.fetchall()
            if len(rows) > wanted and rows[wanted][0] >> KEY_ID_BITS == rows[wanted - 1][0] >> KEY_ID_BITS:
                # The boundary falls inside one minute: read all of that minute's matches to order them exactly.
                minute = rows[wanted - 1][0] >> KEY_ID_BITS
                cursor.execute(sql, [match, max(low, minute << KEY_ID_BITS),
                                     min(high, (minute << KEY_ID_BITS) | KEY_ID_MASK), *params, 2**62])
                rows = [r for r in rows if r[0] >> KEY_ID_BITS != minute] + cursor.fetchall()
            else:
                rows = rows[:wanted]
        rows.sort(key=lambda r: (as_datetime(r[1]), r[0] & KEY_ID_MASK), reverse=True)
        return [key & KEY_ID_MASK for key, _ in rows[offset:wanted]]

    def _count_entries(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {ENTRY}")  # noqa: S608
            return int(cursor.fetchone()[0])


def _positions(*columns: str) -> str:
    """SQL: a tsvector with positions over key columns of ``k`` (keys are already folded or exact: the ``simple``
    configuration only splits them on spaces). A separator word between fields is counted then deleted, so a phrase
    never runs from the title into the sapo (as in FTS5, where fields are separate columns)."""
    if len(columns) == 1:
        return f"to_tsvector('simple', k.{columns[0]})"
    joined = f" || ' {_SEPARATOR} ' || ".join(f"k.{c}" for c in columns)
    return f"ts_delete(to_tsvector('simple', {joined}), '{_SEPARATOR}'::text)"


def _lexemes(*columns: str) -> str:
    """SQL: a tsvector without positions (only ever asked "has every/some syllable"): no text parser involved."""
    parts = ", ".join(f"NULLIF(k.{c}, '')" for c in columns)
    return f"array_to_tsvector(string_to_array(concat_ws(' ', {parts}), ' '))"


# Newest first, written so that the planner cannot walk the published_at index backwards filtering every row
# through the (TOASTed) vectors: matches are often old ("2016"), so it would read most of the table. It combines
# the GIN bitmap with the window's range instead.
_PG_ORDER = "ORDER BY e.published_at + interval '0 s' DESC, e.article_id DESC"
_SEPARATOR = "toasoanfieldend"
_KEY_TYPES = {"article_id": "bigint", "published_at": "timestamptz", "section_id": "bigint", "format": "text",
              "title": "text", "sapo": "text", "title_f": "text", "sapo_f": "text", "title_x": "text",
              "sapo_x": "text", "indexed_at": "timestamptz", "body_f": "text", "pairs_f": "text"}
_KEY_COLUMNS = tuple(_KEY_TYPES)
# In the order of ddl.VECTOR_COLUMNS: document and title_doc answer phrases, head, exact and pairs only AND/OR.
_VECTORS = ", ".join([_positions("title_f", "sapo_f", "body_f"), _positions("title_f"),
                      _lexemes("title_f", "sapo_f"), _lexemes("title_x", "sapo_x"), _lexemes("pairs_f")])


def tsquery_literal(tokens: Sequence[str], op: str) -> str:
    """``'dai' & 'hoi'``: the keys quoted as lexemes, so PostgreSQL's parser never re-reads them."""
    return f" {op} ".join("'%s'" % t.replace("\\", "\\\\").replace("'", "''") for t in tokens)  # noqa: UP031


class PostgresBackend(Backend):
    vendor = "postgresql"
    pair_terms = True

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0  # nesting of _planned

    def _add_terms(self, cursor, counts):
        terms = sorted(counts)
        cursor.execute(
            "INSERT INTO toasoan_search_searchterm (term, df) SELECT * FROM unnest(%s::text[], %s::int[]) "
            "ON CONFLICT (term) DO UPDATE SET df = toasoan_search_searchterm.df + excluded.df",
            [terms, [counts[t] for t in terms]],
        )

    def _upsert(self, cursor, prepared):
        now = timezone.now()
        vectors = ", ".join(f"{c} = excluded.{c}" for c in VECTOR_COLUMNS)
        keys = [f"%s::{t} AS {c}" for c, t in _KEY_TYPES.items()]
        cursor.executemany(
            f"INSERT INTO {ENTRY} ({_ENTRY_COLUMNS}, {', '.join(VECTOR_COLUMNS)}) "  # noqa: S608
            f"SELECT {_ENTRY_COLUMNS}, {_VECTORS} FROM (SELECT {', '.join(keys)}) k "
            f"ON CONFLICT (article_id) DO UPDATE SET {_ENTRY_UPDATE}, {vectors}",
            [[*_entry_params(p, now), p.body_f, p.pairs_f] for p in prepared],
        )

    def _bulk_insert(self, cursor, prepared):
        # COPY the keys into a temporary table, then let the server make the vectors with the very expression
        # _upsert uses (in C, in its own process, while Python prepares the next batch's keys).
        now = timezone.now()
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS toasoan_search_keys "
                       f"({', '.join(f'{c} {t}' for c, t in _KEY_TYPES.items())}) ON COMMIT DELETE ROWS")
        cursor.execute("TRUNCATE toasoan_search_keys")
        with cursor.cursor.copy(f"COPY toasoan_search_keys ({', '.join(_KEY_COLUMNS)}) FROM STDIN") as copy:
            for p in prepared:
                copy.write_row([*_entry_params(p, now), p.body_f, p.pairs_f])
        cursor.execute(f"INSERT INTO {ENTRY} ({_ENTRY_COLUMNS}, {', '.join(VECTOR_COLUMNS)}) "  # noqa: S608
                       f"SELECT {_ENTRY_COLUMNS}, {_VECTORS} FROM toasoan_search_keys k")

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {ENTRY}, toasoan_search_searchterm")

    def _bulk_begin(self) -> None:
        with connection.cursor() as cursor:
            for sql in POSTGRES_DROP_INDEXES:
                cursor.execute(sql)

    def _bulk_end(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for sql in POSTGRES_INDEXES:
                cursor.execute(sql)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute(f"VACUUM ANALYZE {ENTRY}" if not connection.in_atomic_block else f"ANALYZE {ENTRY}")
            cursor.execute("ANALYZE toasoan_search_searchterm")
        _bounds.clear()
        _archive_sizes.clear()
        _histograms.clear()
        _pairs_states.clear()

    # --- reading
    def _condition(self, question: str, tokens: Sequence[str], exact: Sequence[str]) -> tuple[str, list]:
        every = tsquery_literal(tokens, "&")
        if question == TITLE:
            return "e.title_doc @@ %s::tsquery", [every]
        if question == TITLE_PHRASE:
            return "e.title_doc @@ %s::tsquery", [tsquery_literal(tokens, "<->")]
        if question == HEAD:
            return "e.head @@ %s::tsquery", [every]
        if question == HEAD_ANY:
            return "e.head @@ %s::tsquery", [tsquery_literal(tokens, "|")]
        if question == EXACT:
            return "e.exact @@ %s::tsquery AND e.document @@ %s::tsquery", [tsquery_literal(exact, "&"), every]
        if question == PAIRS:
            # Every pair is in the text: the phrase itself for two syllables; for more ("a b x b c" has a_b and b_c)
            # the positions are checked on these rows only, few since pairs are rare together.
            pairs = [tsquery_literal(pair_keys(tokens), "&")]
            if len(tokens) == 2:
                return "e.pairs @@ %s::tsquery", pairs
            return "e.pairs @@ %s::tsquery AND ts_match_vq(e.document, %s::tsquery)", [
                *pairs, tsquery_literal(tokens, "<->")]
        return "e.document @@ %s::tsquery", [every]

    def _pairs_ready(self) -> bool:
        """Has every row its pairs (migration 0005 leaves NULL on rows indexed before it, until ``toasoan reindex``)?
        Cached like the window bounds: a stale answer only means the slower phrase pool, never a wrong answer."""
        clock = time.monotonic()
        cached = _pairs_states.get(self.vendor)
        if cached and cached[0] > clock:
            return cached[1]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {ENTRY} WHERE pairs IS NULL)")  # noqa: S608
            ready = bool(cursor.fetchone()[0])
        _pairs_states[self.vendor] = (clock + _CACHE_SECONDS, ready)
        return ready

    @contextmanager
    def _planned(self):
        """The settings of a search session, set once around all the questions of one call and reset after:

        - only bitmap scans: the planner, which cannot see that a match reads a TOASTed vector, otherwise walks the
          published_at B-tree over a window and matches every row in it (626 ms for the newest 1,500 with "thai hai
          luc" against 53 ms from the GIN index);
        - no JIT: compiling took 13 ms of queries that run in 50;
        - 64 MB of work_mem: bitmaps of common syllables on a million rows overflow the default 4 MB and turn lossy,
          and every row of a lossy page is then re-checked against its TOASTed vector (1 s instead of 0.37 s)."""
        self._depth += 1
        try:
            if self._depth == 1:
                with connection.cursor() as cursor:
                    cursor.execute(f"SET enable_indexscan = off; SET jit = off; SET work_mem = '{SEARCH_WORK_MEM}'")
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                with connection.cursor() as cursor:
                    cursor.execute("RESET enable_indexscan; RESET jit; RESET work_mem")

    def newest(self, question, tokens, filters, limit, *, offset=0, exact=()):
        with self._planned():
            if question != PHRASE:
                return self._windowed(question, tokens, exact, filters, limit, offset)
            if len(tokens) > 1 and self._pairs_ready():
                return self._windowed(PAIRS, tokens, exact, filters, limit, offset)
            pool = self._windowed(ALL, tokens, exact, filters, PHRASE_WINDOW + PHRASE_WINDOW_MORE, 0)
            return self._phrases(pool, tokens, limit, offset)

    def newest_many(self, questions, tokens, filters, limit, *, exact=()):
        with self._planned():
            return self._newest_many(questions, tokens, filters, limit, exact)

    def _newest_many(self, questions, tokens, filters, limit, exact):
        """With a phrase, the phrase question's pool (the newest articles having every syllable) is read with a flag
        per other question; each of them is answered from the pool when that is exact: the pool holds every article
        having every syllable (it is not full), or at least ``limit`` flagged ones (each question asks for a subset
        of the pool's condition, so none outside the pool is newer). The others are asked in the same way along
        head ⊇ title ⊇ title phrase: a question that the whole archive answers with fewer than ``limit`` articles
        has given every article of its subsets, flagged."""
        answers: dict[str, list[int]] = {}
        hints: dict[str, object] = {}
        if PHRASE in questions and len(tokens) > 1 and self._pairs_ready():
            # The phrase from its pairs, newest first over the whole archive, flagged with the title phrase (a
            # subset): exact when the whole archive was asked (fewer rows than wanted) or every row is flagged.
            flagged = [q for q in questions if q == TITLE_PHRASE]
            rows = self._windowed(PAIRS, tokens, exact, filters, limit, 0, self._flags(flagged, tokens, exact))
            answers[PHRASE] = [row[0] for row in rows]
            hits = [row[0] for row in rows if row[-1]]
            if flagged and (len(rows) < limit or len(hits) >= limit):
                answers[TITLE_PHRASE] = hits[:limit]
        elif PHRASE in questions:
            size = PHRASE_WINDOW + PHRASE_WINDOW_MORE
            flagged = [q for q in questions if q in _FLAGS]
            rows = self._windowed(ALL, tokens, exact, filters, size, 0, self._flags(flagged, tokens, exact))
            window = self.last_window
            answers[PHRASE] = self._phrases([row[0] for row in rows], tokens, limit, 0)
            rarest = min(self.frequencies(tokens).get(t, 0) for t in tokens)
            for i, question in enumerate(flagged, start=1):
                hits = [row[0] for row in rows if row[i]]
                if len(rows) < size or len(hits) >= limit:
                    answers[question] = hits[:limit]
                # The pool shows how often this question matches among articles having every syllable (at most as
                # many as have the rarest one): rare enough, the whole archive is asked at once; otherwise the
                # window that should hold ``limit`` answers at the pool's density (a first window from the
                # syllables' frequencies alone cost 4-6 ms of GIN range to find nothing for a name's title).
                elif len(hits) * rarest <= WHOLE_ARCHIVE_ROWS * len(rows):
                    hints[question] = None
                elif window is not None:
                    hints[question] = _window_step(window * limit * WINDOW_MARGIN / len(hits))
        chain = [q for q in (HEAD, TITLE, TITLE_PHRASE) if q in questions and q not in answers]
        while chain:
            question, subsets = chain[0], chain[1:]
            rows = self._windowed(question, tokens, exact, filters, limit, 0, self._flags(subsets, tokens, exact),
                                  first=hints.get(question, _ESTIMATE))
            answers[question] = [row[0] for row in rows]
            if len(rows) < limit:  # the whole archive was asked: every article of the subsets is here
                for i, subset in enumerate(subsets, start=1):
                    answers[subset] = [row[0] for row in rows if row[i]]
                break
            # A subset matches no more often: it needs at least the window that answered this question, and the
            # whole archive if that is what answered it (growing windows again cost 3 × 10–45 ms at a million).
            for subset in subsets:
                hints.setdefault(subset, self.last_window)
            chain = subsets
        for question in questions:
            if question not in answers:
                answers[question] = self._windowed(question, tokens, exact, filters, limit, 0,
                                                   first=hints.get(question, _ESTIMATE))
        return answers

    def _flags(self, questions: Sequence[str], tokens: Sequence[str], exact: Sequence[str]) -> tuple[str, list]:
        """Columns (SQL and parameters) flagging, on rows already known to have every syllable, which of these
        questions they answer."""
        columns, values = ["true"], []  # at least one column: rows are then always tuples
        for question in questions:
            condition, params = self._condition(question, tokens, exact)
            columns.append(condition.split(" AND ")[0])  # EXACT: the row already has every syllable
            values.append(params[0])
        return ", ".join(columns[1:] or columns), values

    def _phrases(self, pool: list[int], tokens: Sequence[str], limit: int, offset: int) -> list[int]:
        # Phrase positions are read from the row (the GIN index has none): check them on the newest articles
        # having every syllable, which the index finds without reading rows; PHRASE_WINDOW of them, then
        # PHRASE_WINDOW_MORE more when that found fewer than max(PHRASE_ENOUGH, answers wanted) (names are rare).
        # The match is written as the function behind @@ so the planner cannot use the GIN index for it: that index
        # has no positions, so it would re-check every article having the syllables (76,000 for "khai thac cat
        # trai phep", 1.8 s) instead of the pool's few hundred rows found by primary key.
        found: list[int] = []
        for start, stop in ((0, PHRASE_WINDOW), (PHRASE_WINDOW, PHRASE_WINDOW + PHRASE_WINDOW_MORE)):
            if pool[start:stop]:
                found += self._fetch(
                    f"SELECT e.article_id FROM {ENTRY} e WHERE e.article_id = ANY(%s) "  # noqa: S608
                    f"AND ts_match_vq(e.document, %s::tsquery) {_ORDER} LIMIT %s",
                    [pool[start:stop], tsquery_literal(tokens, "<->"), limit + offset],
                )
            if len(found) >= max(PHRASE_ENOUGH, limit + offset):
                break
        return found[offset : offset + limit]

    def _ask(self, question, tokens, exact, filters, limit, offset, bound, columns="", values=()):
        """``columns`` (SQL, with parameters ``values``): more to return than the id, as whole rows."""
        condition, conditions = self._condition(question, tokens, exact)
        where, params = filters.sql(opaque_upper=True)
        window = ""
        if bound:
            window = " AND e.published_at >= %s"
            params = [*params, bound]
        selected = f"e.article_id{', ' + columns if columns else ''}"
        if question == PAIRS and len(tokens) > 2:
            # The rows having every pair, newest first, then their positions checked in that order until enough
            # answer: the (TOASTed) document vector is read only for the rows looked at. Checked in the WHERE of
            # the same query, every candidate's vector was read before the sort ("tp ha tinh dien": 7,656
            # candidates, 796 phrases, 100 ms; this way 297 read, 39 ms). OFFSET 0 keeps the check out of the
            # subquery; the subquery's order is the outer one, so it is not sorted again.
            pairs_condition, phrase = condition.split(" AND ")[0], conditions[1]
            sql = (f"SELECT {selected} FROM (SELECT e.*, e.published_at + interval '0 s' AS sort_at "  # noqa: S608
                   f"FROM {ENTRY} e WHERE {pairs_condition} AND {where}{window} "
                   "ORDER BY sort_at DESC, e.article_id DESC OFFSET 0) e "
                   "WHERE ts_match_vq(e.document, %s::tsquery) ORDER BY e.sort_at DESC, e.article_id DESC "
                   "LIMIT %s OFFSET %s")
            arguments = [*values, conditions[0], *params, phrase, limit, offset]
        else:
            sql = (f"SELECT {selected} FROM {ENTRY} e "  # noqa: S608
                   f"WHERE {condition} AND {where}{window} {_PG_ORDER} LIMIT %s OFFSET %s")
            arguments = [*values, *conditions, *params, limit, offset]
        with self._planned(), connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        return rows if columns else [row[0] for row in rows]

    def _estimate_bound(self, size):
        # The planner's histogram of published_at (100 buckets of 1 % of the rows after ANALYZE), interpolated: an
        # approximate bound only makes a window a little larger or smaller. Walking the B-tree to the 320,000th
        # newest entry took 74 ms.
        cached = _histograms.get(self.vendor)
        clock = time.monotonic()
        if not cached or cached[0] <= clock:
            with connection.cursor() as cursor:
                cursor.execute("SELECT histogram_bounds::text::timestamptz[] FROM pg_stats "
                               "WHERE tablename = %s AND attname = 'published_at'", [ENTRY])
                row = cursor.fetchone()
            cached = _histograms[self.vendor] = (clock + _CACHE_SECONDS, (row[0] or []) if row else [])
        bounds, archive = cached[1], self._archive_size()
        if len(bounds) < 2 or not archive:
            return None
        if size >= archive:
            return bounds[0]
        position = (len(bounds) - 1) * (1 - size / archive)
        low = int(position)
        high = min(low + 1, len(bounds) - 1)
        return bounds[low] + (bounds[high] - bounds[low]) * (position - low)

    def _count_entries(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [ENTRY])
            row = cursor.fetchone()
        return max(0, int(row[0])) if row else 0


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise RuntimeError(f"Tìm kiếm chưa hỗ trợ cơ sở dữ liệu {connection.vendor}")
