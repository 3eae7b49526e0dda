"""Search services: keep the index in step with articles, answer queries, highlight results."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Max, Min
from django.utils.safestring import SafeString, mark_safe

from toasoan.search.backends import (
    ALL,
    EXACT,
    HEAD,
    HEAD_ANY,
    PHRASE,
    TITLE,
    TITLE_PHRASE,
    Backend,
    Filters,
    IndexRow,
    get_backend,
)
from toasoan.search.models import SearchEntry, SearchTerm
from toasoan.search.ranking import Candidate, rank
from toasoan.search.text import (
    COMPOUND_PREFIX,
    MAX_QUERY_TOKENS,
    ParsedQuery,
    Token,
    compound_pieces,
    fold_aligned,
    parse_query,
    split_keys,
)

CANDIDATES_PER_SOURCE = 60
MAX_RESULTS = 200
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


# --- indexing -------------------------------------------------------------------------------------------------
def body_text(article) -> str:
    from toasoan.news.models import ArticlePage

    field_ = ArticlePage._meta.get_field("body")
    try:
        parts = field_.get_searchable_content(article.body)
    except Exception:  # a broken block must not stop the article from being found by title and sapo
        parts = []
    return "\n".join(str(p) for p in parts if p)


def is_indexable(article) -> bool:
    """Live with a publication time. Embargoed (future) articles are indexed but filtered out when searching."""
    return bool(article.live and not getattr(article, "expired", False) and article.published_at)


def row_for(article, *, body: str | None = None) -> IndexRow:
    """The article's index row (``body``: its :func:`body_text`, when already known)."""
    return IndexRow(
        article_id=article.pk,
        published_at=article.published_at,
        section_id=article.section_id,
        format=article.format,
        title=article.title,
        sapo=article.sapo or "",
        body=body_text(article) if body is None else body,
    )


def index_article(*, article_id: int) -> bool:
    """Bring one article's entry up to date; returns whether it is now in the index."""
    from toasoan.news.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    backend = get_backend()
    if article is None or not is_indexable(article):
        backend.delete([article_id])
        return False
    backend.write([row_for(article)])
    return True


def remove_article(*, article_id: int) -> None:
    get_backend().delete([article_id])


_TAG = re.compile(r"<[^>]+>")
# Keys of block values that never hold reader-visible text.
_NOT_TEXT = {"id", "type", "image", "file", "document", "poster", "embed", "url", "kind", "duration", "pull",
             "original_source", "credit"}


def text_from_stream(raw) -> str:
    """Reader-visible text of a StreamField's stored JSON (paragraph HTML stripped, captions, quotes...)."""
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            if value:
                out.append(html.unescape(_TAG.sub(" ", value)) if "<" in value or "&" in value else value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                walk(value["value"])
                return
            for key, item in value.items():
                if key not in _NOT_TEXT:
                    walk(item)

    walk(raw)
    return "\n".join(out)


def _raw_stream(body) -> list:
    """The stored JSON of a StreamField value as plain lists and dicts, whatever form the ORM handed back."""
    if body is None:
        return []
    if isinstance(body, str):
        try:
            return json.loads(body)
        except ValueError:
            return [body]
    raw = getattr(body, "raw_data", body)
    return [dict(item) if isinstance(item, dict) else item for item in raw]


def _indexable_articles():
    from toasoan.news.models import ArticlePage

    return ArticlePage.objects.filter(live=True, expired=False, published_at__isnull=False)


def iter_rows(*, batch_size: int = 2000, start: int = 0, stop: int | None = None) -> Iterator[list[IndexRow]]:
    """Index rows read straight from the tables (stored JSON, no page objects), ids in ``(start, stop]``."""
    from toasoan.news.models import ArticlePage

    article = ArticlePage._meta.db_table
    sql = (f"SELECT p.id, a.published_at, a.section_id, a.format, p.title, a.sapo, a.body "  # noqa: S608
           f"FROM {article} a JOIN wagtailcore_page p ON p.id = a.page_ptr_id "
           "WHERE p.live AND NOT p.expired AND a.published_at IS NOT NULL AND p.id > %s AND p.id <= %s "
           "ORDER BY p.id LIMIT %s")
    last = start
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, stop if stop is not None else 2**62, batch_size])
            batch = cursor.fetchall()
        if not batch:
            return
        last = batch[-1][0]
        yield [
            IndexRow(article_id=pk, published_at=published, section_id=section, format=fmt, title=title,
                     sapo=sapo or "", body=text_from_stream(_raw_stream(body)))
            for pk, published, section, fmt, title, sapo, body in batch
        ]


def rebuild(*, batch_size: int = 2000, workers: int = 1,
            progress: Callable[[int, int], None] | None = None) -> int:
    """Empty the index and fill it again from every live article; ``progress(done, total)`` after each batch.

    The bulk path: rows read straight from the tables, keys computed in Python, PostgreSQL gets ``COPY`` into a
    table without full-text indexes, which are built once at the end. With ``workers`` > 1 (PostgreSQL only, not
    inside a transaction) ranges of ids are indexed by that many processes, each with its own connection.
    """
    total = _indexable_articles().count()
    report = (lambda done: progress(done, total)) if progress else None
    backend = get_backend()
    if workers <= 1 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return backend.rebuild(iter_rows(batch_size=batch_size), progress=report)
    import multiprocessing

    from django.db import connections

    bounds = _indexable_articles().aggregate(low=Min("pk"), high=Max("pk"))
    step = batch_size * 5
    ranges = [(low, min(low + step, bounds["high"]), batch_size)
              for low in range((bounds["low"] or 1) - 1, bounds["high"] or 0, step)]
    backend.begin_rebuild()
    counts: Counter[str] = Counter()
    done = 0
    try:
        connections.close_all()  # each process opens its own
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for indexed, terms in pool.imap_unordered(_rebuild_range, ranges):
                counts.update(terms)
                done += indexed
                if report:
                    report(done)
    finally:
        backend.end_rebuild(counts)
    return done


def _rebuild_range(task: tuple[int, int, int]) -> tuple[int, Counter[str]]:
    start, stop, batch_size = task
    backend = get_backend()
    counts: Counter[str] = Counter()
    done = 0
    try:
        for rows in iter_rows(batch_size=batch_size, start=start, stop=stop):
            counts.update(backend.load_batch(rows))
            done += len(rows)
    finally:
        connection.close()
    return done, counts


# --- querying ---------------------------------------------------------------------------------------------------
def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return (deletes | transposes | replaces | inserts) - {word, ""}


def term_frequencies(terms: Sequence[str], *, backend: Backend | None = None) -> dict[str, int]:
    """The known ones of ``terms`` with the number of articles holding each; through ``backend``, whose cache
    lives as long as one search, a syllable already asked is not asked again."""
    if backend is None:
        return dict(SearchTerm.objects.filter(term__in=list(set(terms))).values_list("term", "df"))
    df = backend.frequencies(terms)
    return {t: df[t] for t in terms if df.get(t)}


CORRECTION_CHOICES = 6
# A query syllable the archive uses in this many articles or more is a word, never read as a joined token.
DECOMPOUND_BELOW = 1000


def decompound(query: ParsedQuery, *, backend: Backend | None = None) -> ParsedQuery:
    """Meet the archive on how it writes a token with punctuation, whichever way the reader typed it.

    * A joined syllable is read as the token written with punctuation that the archive knows better: "covid19" →
      "covid 19" (from "Covid-19"), "vleague" → "v league", "sarscov2" → "sars cov 2". A syllable is replaced
      only when one of its splits is a compound key (``text.compound_keys``) counted in more articles than the
      syllable itself: "2020" stays a year although "20/20" is written somewhere.
    * Pieces typed apart ("u 23", "U-23") are joined when the archive writes them as one token ("U23") more often
      than with the punctuation; only runs with a number in them are joined, so "ha noi" never becomes "hanoi"
      and "gia o" (giá ở) never "giao".
    """
    backend = backend or get_backend()
    known = term_frequencies(query.folded, backend=backend)
    splits = {i: keys for i, token in enumerate(query.folded)
              if known.get(token, 0) < DECOMPOUND_BELOW and (keys := split_keys(token))}
    runs = {(i, n): query.folded[i : i + n] for n in (3, 2) for i in range(len(query.folded) - n + 1)
            if any(t.isdigit() for t in query.folded[i : i + n])}
    if not splits and not runs:
        return query
    wanted = [key for keys in splits.values() for key in keys]
    for pieces in runs.values():
        wanted += ["".join(pieces), COMPOUND_PREFIX + "_".join(pieces)]
    found = term_frequencies(wanted, backend=backend)
    tokens: list[Token] = []
    i = 0
    while i < len(query.tokens):
        token = query.tokens[i]
        joined = next((n for n in (3, 2) if (pieces := runs.get((i, n)))
                       and found.get("".join(pieces), 0) > found.get(COMPOUND_PREFIX + "_".join(pieces), 0)), 0)
        if joined:
            folded = "".join(query.folded[i : i + joined])
            tokens.append(Token(surface=folded, folded=folded, exact=folded))
            i += joined
            continue
        best = max(((found[key], key) for key in splits.get(i, ()) if key in found), default=None)
        if best and best[0] > known.get(token.folded, 0):
            tokens.extend(parse_query(compound_pieces(best[1])).tokens)
        else:
            tokens.append(token)
        i += 1
    return ParsedQuery(raw=query.raw, tokens=tuple(tokens[:MAX_QUERY_TOKENS]))


def correct(query: ParsedQuery, *, backend: Backend | None = None) -> ParsedQuery:
    """Replace syllables the archive has never seen with a known one a single edit away.

    Of the most common few, the first (by frequency) that makes the query a phrase of some title wins: readers
    mostly look for headlines, and "hanh chih" means "hành chính" although "chi" is more common.
    """
    backend = backend or get_backend()
    known = term_frequencies(query.folded, backend=backend)
    corrected = query
    for i, token in enumerate(query.folded):
        if known.get(token) or len(token) > 20 or token.isdigit():
            continue
        options = term_frequencies(sorted(edits1(token)), backend=backend)
        if not options:
            continue
        ranked = sorted(options, key=lambda t: (-options[t], t))
        choice = ranked[0]
        question = TITLE_PHRASE if len(query.folded) > 1 else TITLE
        for option in ranked[:CORRECTION_CHOICES]:
            if backend.newest(question, corrected.replace(i, option).folded, Filters(), 1):
                choice = option
                break
        corrected = corrected.replace(i, choice)
    return corrected


@dataclass
class Ranking:
    ids: list[int]
    query: ParsedQuery
    corrected: bool = False
    loose: bool = False


def ranked_ids(query: ParsedQuery, *, filters: Filters | None = None, backend: Backend | None = None) -> Ranking:
    """Every matching article id worth showing, best first (at most :data:`MAX_RESULTS`)."""
    filters = filters or Filters()
    backend = backend or get_backend()
    if query.is_empty:
        return Ranking(ids=[], query=query)
    query = decompound(query, backend=backend)
    result = _ranked(query, filters, backend)
    if result.ids:
        return result
    fixed = correct(query, backend=backend)
    if fixed.folded != query.folded:
        result = _ranked(fixed, filters, backend)
        result.corrected = True
        if result.ids:
            return result
    loose = _ranked(fixed, filters, backend, loose=True)
    loose.corrected = fixed.folded != query.folded
    return loose


def _ranked(query: ParsedQuery, filters: Filters, backend: Backend, *, loose: bool = False) -> Ranking:
    folded, exact = query.folded, query.exact
    k = CANDIDATES_PER_SOURCE
    phrase: list[int] = []
    if loose:
        pool = backend.newest(HEAD_ANY, folded, filters, k * 2)
    else:
        questions = [TITLE, HEAD] + ([TITLE_PHRASE, PHRASE] if len(folded) > 1 else []) + ([EXACT] if exact else [])
        answers = backend.newest_many(questions, folded, filters, k, exact=exact)
        phrase = answers.get(PHRASE, [])
        pool = [pk for question in questions for pk in answers[question]]
        if not pool:  # every syllable only in bodies, scattered
            pool = backend.newest(ALL, folded, filters, k)
    phrase_set = set(phrase)
    rows = SearchEntry.objects.filter(pk__in=set(pool)).values_list(
        "article_id", "published_at", "title_f", "sapo_f", "title_x", "sapo_x"
    )
    candidates = [Candidate(*row, body_phrase=row[0] in phrase_set) for row in rows]
    ordered = rank(candidates, folded=folded, exact=exact)[:MAX_RESULTS]
    return Ranking(ids=[c.article_id for c in ordered], query=query, loose=loose)


@dataclass
class Hit:
    article: object
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    has_next: bool = False
    total: int = 0
    corrected_query: str = ""
    loose: bool = False
    sort: str = "relevance"

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def search(*, query: str, filters: Filters | None = None, sort: str = "relevance", page: int = 1,
           size: int = 20) -> SearchResults:
    from toasoan.news.selectors import published_articles

    parsed = parse_query(query)
    filters = filters or Filters()
    page = max(1, min(page, MAX_RESULTS // size + 1))
    results = SearchResults(query=parsed, page=page, sort=sort)
    if parsed.is_empty:
        return results
    backend = get_backend()
    if sort == "newest":
        parsed = decompound(parsed, backend=backend)
        ids = backend.newest(ALL, parsed.folded, filters, size + 1, offset=(page - 1) * size)
        ranking = Ranking(ids=ids, query=parsed)
        if not ids and page == 1:
            fixed = correct(parsed, backend=backend)
            if fixed.folded != parsed.folded:
                ranking = Ranking(ids=backend.newest(ALL, fixed.folded, filters, size + 1), query=fixed,
                                  corrected=True)
        page_ids = ranking.ids[:size]
        results.has_next = len(ranking.ids) > size
        results.total = (page - 1) * size + len(page_ids)
    else:
        ranking = ranked_ids(parsed, filters=filters, backend=backend)
        start = (page - 1) * size
        page_ids = ranking.ids[start : start + size]
        results.has_next = len(ranking.ids) > start + size
        results.total = len(ranking.ids)
    results.loose = ranking.loose
    if ranking.corrected:
        results.corrected_query = " ".join(ranking.query.folded)
    by_id = {a.pk: a for a in published_articles().filter(pk__in=page_ids)}
    articles = [by_id[i] for i in page_ids if i in by_id]
    terms = ranking.query.folded
    bodies = _bodies([a.pk for a in articles if not _has_match(a.sapo or "", terms)])
    for article in articles:
        source = article.sapo or ""
        if not _has_match(source, terms) and bodies.get(article.pk):
            source = bodies[article.pk]
        results.hits.append(Hit(article=article, title_html=highlight(article.title, terms),
                                snippet_html=highlight(source, terms, max_chars=260)))
    return results


def _bodies(ids: list[int]) -> dict[int, str]:
    from toasoan.news.models import ArticlePage

    if not ids:
        return {}
    # The text of the stored JSON, read as the bulk rebuild reads it: no page objects, no blocks (7 ms less a
    # search), and no StreamValue either (walking its raw data view cost 5 ms more).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_ptr_id, body FROM {ArticlePage._meta.db_table} "  # noqa: S608
                       f"WHERE page_ptr_id IN ({','.join(['%s'] * len(ids))})", list(ids))
        return {pk: text_from_stream(_raw_stream(body)) for pk, body in cursor.fetchall()}


def _pattern(terms: Sequence[str]) -> re.Pattern | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![^\W_])(" + "|".join(map(re.escape, words)) + r")(?![^\W_])")


def _has_match(text: str, terms: Sequence[str]) -> bool:
    pattern = _pattern(terms)
    return bool(pattern and pattern.search(fold_aligned(text)))


def highlight(text: str, terms: Sequence[str], *, max_chars: int | None = None) -> SafeString:
    """``text`` escaped, with every syllable whose folded form is a query term in ``<mark>``."""
    text = text or ""
    folded = fold_aligned(text)
    pattern = _pattern(terms)
    matches = list(pattern.finditer(folded)) if pattern else []
    start, end = 0, len(text)
    if max_chars and len(text) > max_chars:
        first = matches[0].start() if matches else 0
        start = max(0, first - max_chars // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + max_chars)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
    out = ["… " if start else ""]
    position = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    out.append(html.escape(text[position:end]))
    if end < len(text):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def vendor() -> str:
    return connection.vendor
