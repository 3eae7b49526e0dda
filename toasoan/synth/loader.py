"""Bulk loading of synthetic articles straight into the page tables (no per-page Wagtail saves).

Rows are written with explicit ids and tree paths (treebeard materialised paths, four base-36 characters per
level) under the section pages; PostgreSQL gets ``COPY``, SQLite ``executemany``. Every article (and every
synthetic event page) comes out live and published with one ``wagtailcore_revision`` holding the same content
Wagtail itself would serialise, set as its latest and live revision, so the admin's history, preview, compare
and edit views work on it. Parents' ``numchild`` and the id sequences are fixed at the end.

On PostgreSQL the load runs with ``synchronous_commit = off`` and, when the connection may (superuser), with
``session_replication_role = replica`` so foreign-key triggers do not fire per row: every id written is made
here, from rows that exist. No index is dropped (measured: rebuilding them costs more than it saves at 1M).
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.html import escape

from toasoan.core.text import slugify_vi
from toasoan.synth import vocab
from toasoan.synth.generator import CLASSIC, END, SPAN, Shape, SynthArticle, author_names, event_titles, newsmaker_names

STEP_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
# Measured on PostgreSQL 15 (docs/scale.md): ≈ 11 KB per article with its revision, links and indexes, and ≈ 4 KB
# of search index and GIN on top when the index is built; doubled for WAL, temporary files and index builds.
BYTES_PER_ARTICLE = 32_000
SAFETY_MARGIN = 2 * 1024**3

PAGE_COLUMNS = ["id", "path", "depth", "numchild", "translation_key", "locale_id", "live",
                "has_unpublished_changes", "first_published_at", "last_published_at", "expired", "locked",
                "title", "draft_title", "slug", "content_type_id", "url_path", "show_in_menus", "seo_title",
                "search_description", "latest_revision_id", "live_revision_id", "latest_revision_created_at"]
REVISION_COLUMNS = ["id", "created_at", "content", "object_id", "content_type_id", "base_content_type_id",
                    "object_str"]
ARTICLE_COLUMNS = ["page_ptr_id", "format", "sapo", "body", "section_id", "published_at", "source_attribution"]
EVENT_COLUMNS = ["page_ptr_id", "description"]
ENTITY_COLUMNS = ["article_id", "kind", "person_id", "source", "state", "context", "created_at", "updated_at"]


class NotEnoughDiskError(RuntimeError):
    pass


def data_directory() -> Path:
    if connection.vendor == "postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW data_directory")
                return Path(cursor.fetchone()[0])
        except Exception:  # not a superuser: the database may live elsewhere; check our own disk at least
            return Path(settings.VAR_DIR)
    name = connection.settings_dict.get("NAME")
    return Path(name).parent if name and str(name) != ":memory:" else Path(settings.VAR_DIR)


def check_disk(count: int, *, path: Path | None = None) -> tuple[int, int]:
    """(needed, free) bytes; raises :class:`NotEnoughDiskError` with a clear message when it would not fit."""
    path = path or data_directory()
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    needed = count * BYTES_PER_ARTICLE + SAFETY_MARGIN
    if needed > free:
        raise NotEnoughDiskError(
            f"Không đủ dung lượng đĩa tại {probe}: cần khoảng {needed / 1024**3:.1f} GB cho {count:,} bài "
            f"nhưng chỉ còn {free / 1024**3:.1f} GB. Hãy giảm --count hoặc giải phóng đĩa."
        )
    return needed, free


def step(n: int) -> str:
    out = ""
    for _ in range(STEPLEN):
        n, r = divmod(n, 36)
        out = STEP_ALPHABET[r] + out
    return out


@dataclass
class Structure:
    sections: dict[str, object]  # slug -> SectionPage, top-level sections and sub-sections alike
    events: dict[str, int]  # title -> EventPage id
    authors: dict[str, int]  # name -> people.Author id
    persons: dict[str, int] = field(default_factory=dict)  # name -> entities.Person id (million shape)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class _Ids:
    """The next free id of a table, read once and handed out in order."""

    def __init__(self, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - our own table names
            self.next = cursor.fetchone()[0] + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


class _Tree:
    """Allocates page ids, revision ids and child paths, and writes page + revision rows like Wagtail would."""

    def __init__(self) -> None:
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Locale, Page

        self.page_ids = _Ids("wagtailcore_page")
        self.revision_ids = _Ids("wagtailcore_revision")
        self.locale = Locale.get_default().pk
        self.base_content_type = ContentType.objects.get_for_model(Page).pk
        self.parents: dict[int, Page] = {}
        self.children: dict[int, int] = {}

    def parent(self, pk: int):
        from wagtail.models import Page

        if pk not in self.parents:
            self.parents[pk] = Page.objects.get(pk=pk)
            self.children[pk] = self.parents[pk].numchild
        return self.parents[pk]

    def add(self, *, parent_pk: int, content_type: int, title: str, slug: str, published: datetime,
            translation_key: str, pages: list, revisions: list, extra: Callable[[int, int], dict]) -> int:
        """Queue one live page under ``parent_pk``; ``extra(pk, revision_id)`` gives its own fields for the revision."""
        parent = self.parent(parent_pk)
        self.children[parent_pk] += 1
        pk, revision = self.page_ids.take(), self.revision_ids.take()
        path = parent.path + step(self.children[parent_pk])
        url_path = f"{parent.url_path}{slug}/"
        when = _iso(published)
        content = {
            "pk": pk, "path": path, "depth": parent.depth + 1, "numchild": 0, "translation_key": translation_key,
            "locale": self.locale, "latest_revision": None, "live": True, "has_unpublished_changes": False,
            "first_published_at": when, "last_published_at": when, "live_revision": None, "go_live_at": None,
            "expire_at": None, "expired": False, "locked": False, "locked_at": None, "locked_by": None,
            "title": title, "draft_title": title, "slug": slug, "content_type": content_type, "url_path": url_path,
            "owner": None, "latest_revision_created_at": None, "alias_of": None, "show_in_menus": False,
            "seo_title": "", "search_description": "", "wagtail_admin_comments": [], **extra(pk, revision),
        }
        revisions.append([revision, published, json.dumps(content, ensure_ascii=False), str(pk), content_type,
                          self.base_content_type, title])
        pages.append([pk, path, parent.depth + 1, 0, translation_key, self.locale, True, False, published, published,
                      False, False, title, title, slug, content_type, url_path, False, "", "", revision, revision,
                      published])
        return pk

    def finish(self, cursor) -> None:
        for pk, count in self.children.items():
            cursor.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id = %s", [count, pk])


@contextmanager
def _bulk_session() -> Iterator[None]:
    """PostgreSQL session settings for the load, put back afterwards."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        superuser = bool(row and row[0])
        cursor.execute("SET synchronous_commit = off")
        if superuser:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            if superuser:
                cursor.execute("RESET session_replication_role")


def _unique_slugs(names: list[str], taken: set[str], fallback: str) -> dict[str, str]:
    out = {}
    for name in names:
        base = slugify_vi(name, max_length=150) or fallback
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[name] = slug
    return out


def _ensure_authors(names: list[str]) -> dict[str, int]:
    from toasoan.people.models import Author

    existing = dict(Author.objects.filter(name__in=names).values_list("name", "pk"))
    missing = [n for n in dict.fromkeys(names) if n not in existing]
    if missing:
        slugs = _unique_slugs(missing, set(Author.objects.values_list("slug", flat=True)), "tac-gia")
        Author.objects.bulk_create([Author(name=n, slug=slugs[n]) for n in missing], batch_size=1000)
        existing = dict(Author.objects.filter(name__in=names).values_list("name", "pk"))
    return existing


def _ensure_persons(names: list[str]) -> dict[str, int]:
    from toasoan.entities.models import Person

    keys = {n: Person.key_for(n) for n in names}
    by_key = dict(Person.objects.filter(key__in=keys.values()).values_list("key", "pk"))
    missing = [n for n in names if keys[n] not in by_key]
    if missing:
        slugs = _unique_slugs(missing, set(Person.objects.values_list("slug", flat=True)), "nhan-vat")
        Person.objects.bulk_create([Person(name=n, key=keys[n], slug=slugs[n]) for n in missing], batch_size=2000)
        by_key = dict(Person.objects.filter(key__in=keys.values()).values_list("key", "pk"))
    return {n: by_key[keys[n]] for n in names}


def _event_specs(*, seed: int, shape: Shape) -> list[tuple[str, datetime]]:
    """(title, first published) of every event of the shape, oldest first."""
    if shape.events == len(vocab.EVENTS):
        start = END - SPAN
        return [(title, start + timedelta(days=i)) for i, title in enumerate(vocab.EVENTS)]
    specs = []
    for n, (title, year) in enumerate(event_titles(seed, shape.events)):
        specs.append((title, datetime(year, 1, 1, 7, tzinfo=END.tzinfo) + timedelta(hours=(n * 37) % 4000)))
    return sorted(specs, key=lambda s: s[1])


def _ensure_events(*, seed: int, shape: Shape, events_index, tree: _Tree) -> dict[str, int]:
    from django.contrib.contenttypes.models import ContentType

    from toasoan.events.models import EventPage

    specs = _event_specs(seed=seed, shape=shape)
    existing = dict(EventPage.objects.child_of(events_index).values_list("title", "pk"))
    missing = [(t, when) for t, when in specs if t not in existing]
    if missing:
        content_type = ContentType.objects.get_for_model(EventPage).pk
        slugs = _unique_slugs([t for t, _ in missing],
                              set(EventPage.objects.child_of(events_index).values_list("slug", flat=True)), "su-kien")
        pages: list = []
        revisions: list = []
        rows: list = []
        for title, when in missing:
            description = f"Dòng sự kiện: {title}."
            pk = tree.add(parent_pk=events_index.pk, content_type=content_type, title=title, slug=slugs[title],
                          published=when, translation_key=str(uuid.uuid5(uuid.NAMESPACE_URL, f"synth-event:{title}")),
                          pages=pages, revisions=revisions,
                          extra=lambda _pk, _rev, d=description: {"description": d, "cover_image": None})
            rows.append([pk, description])
            existing[title] = pk
        with transaction.atomic():
            _insert("wagtailcore_revision", REVISION_COLUMNS, revisions)
            _insert("wagtailcore_page", PAGE_COLUMNS, pages)
            _insert("events_eventpage", EVENT_COLUMNS, rows)
            with connection.cursor() as cursor:
                tree.finish(cursor)
    return existing


def ensure_structure(*, seed: int, shape: Shape = CLASSIC) -> Structure:
    from toasoan.home.services import ensure_section, ensure_site_structure

    site = ensure_site_structure()
    sections: dict[str, object] = {}
    for slug, title in vocab.SECTIONS.items():
        sections[slug] = ensure_section(title=title, slug=slug)
        for child_slug, child_title in vocab.SUBSECTIONS.get(slug, []) if shape.subsections else []:
            sections[child_slug] = ensure_section(title=child_title, slug=child_slug, parent=sections[slug])
    with _bulk_session():
        events = _ensure_events(seed=seed, shape=shape, events_index=site.events_index, tree=_Tree())
    authors = _ensure_authors(author_names(seed, shape.authors))
    persons = _ensure_persons(newsmaker_names(seed, shape.persons)) if shape.persons else {}
    return Structure(sections=sections, events=events, authors=authors, persons=persons)


def _body(article: SynthArticle, seed: int) -> str:
    key = article.key(seed)
    blocks = [{"type": "paragraph", "value": f"<p>{escape(text)}</p>", "id": str(uuid.uuid5(key, str(i)))}
              for i, text in enumerate(article.paragraphs)]
    return json.dumps(blocks, ensure_ascii=False)


def load(articles: Iterable[SynthArticle], *, seed: int, batch_size: int = 2000,
         progress: Callable[[int], None] | None = None, shape: Shape = CLASSIC) -> list[int]:
    """Insert ``articles`` (made with ``shape``) with their revisions; returns their page ids in order."""
    from django.contrib.contenttypes.models import ContentType

    from toasoan.news.models import ArticleAuthor, ArticlePage

    structure = ensure_structure(seed=seed, shape=shape)
    tree = _Tree()  # ids after the structure just written
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    events_table = ArticlePage.events.through._meta.db_table
    authors_table = ArticleAuthor._meta.db_table
    link_ids = _Ids(authors_table)
    now = datetime.now(UTC)
    ids: list[int] = []
    batch: list[SynthArticle] = []

    def flush() -> None:
        pages: list = []
        revisions: list = []
        rows: list = []
        event_rows: list = []
        author_rows: list = []
        entity_rows: list = []
        for article in batch:
            section = structure.sections[article.subsection or article.section]
            slug = f"{slugify_vi(article.title, max_length=80)}-{article.index}"
            body = _body(article, seed)
            link = link_ids.take()
            author = structure.authors[article.author]
            event = structure.events[article.event] if article.event else None

            def fields(pk: int, _revision: int, *, article=article, body=body, section=section, link=link,
                       author=author, event=event) -> dict:
                return {"format": article.format, "sapo": article.sapo, "body": body, "cover_image": None,
                        "section": section.pk, "published_at": _iso(article.published_at), "source_key": None,
                        "source_attribution": "",
                        "tagged_items": [], "secondary_sections": [], "events": [event] if event else [],
                        "article_authors": [{"pk": link, "sort_order": 0, "article": pk, "author": author}]}

            pk = tree.add(parent_pk=section.pk, content_type=content_type, title=article.title, slug=slug,
                          published=article.published_at, translation_key=str(article.key(seed)), pages=pages,
                          revisions=revisions, extra=fields)
            rows.append([pk, article.format, article.sapo, body, section.pk, article.published_at, ""])
            if event:
                event_rows.append([pk, event])
            author_rows.append([link, 0, pk, author])
            for name in article.people:
                person = structure.persons.get(name)
                if person:
                    entity_rows.append([pk, "person", person, "extracted", "confirmed", "", now, now])
            ids.append(pk)
        with transaction.atomic():
            _insert("wagtailcore_revision", REVISION_COLUMNS, revisions)
            _insert("wagtailcore_page", PAGE_COLUMNS, pages)
            _insert("news_articlepage", ARTICLE_COLUMNS, rows)
            _insert(events_table, ["articlepage_id", "eventpage_id"], event_rows)
            _insert(authors_table, ["id", "sort_order", "article_id", "author_id"], author_rows)
            _insert("entities_articleentity", ENTITY_COLUMNS, entity_rows)
        if progress:
            progress(len(ids))
        batch.clear()

    with _bulk_session():
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        with transaction.atomic(), connection.cursor() as cursor:
            tree.finish(cursor)
            if connection.vendor == "postgresql":
                for table in ("wagtailcore_page", "wagtailcore_revision", events_table, authors_table,
                              "entities_articleentity"):
                    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                   f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
    return ids


LOADED_TABLES = ["wagtailcore_page", "wagtailcore_revision", "news_articlepage", "news_articlepage_events",
                 "news_articleauthor", "entities_articleentity", "events_eventpage"]


def vacuum_analyze() -> None:
    """After a bulk load on PostgreSQL: fresh planner statistics and visibility map (index-only scans, counts).

    Then ANALYZE everything else too: a table of 50 sections may never reach autovacuum's threshold, and without
    statistics the planner guesses 1,269 rows and joins it the slow way against a million pages.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(LOADED_TABLES)}")
        cursor.execute("ANALYZE")


def _insert(table: str, columns: list[str], rows: list[list]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3: COPY is several times faster than INSERT for millions of rows
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608
