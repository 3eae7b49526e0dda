"""Bulk loading of synthetic articles straight into the page tables (no per-page Wagtail saves).

Rows are written with explicit ids and tree paths (treebeard materialised paths, four base-36 characters per
level) under the section pages; PostgreSQL gets ``COPY``, SQLite ``executemany``. Articles come out live and
published with no revisions, exactly like pages an importer would create, and readable by every listing.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.html import escape

from toasoan.core.text import slugify_vi
from toasoan.synth import vocab
from toasoan.synth.generator import SynthArticle, author_names

STEP_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
# Measured on PostgreSQL 15 with the search index: ≈ 4 KB of page rows, 3 KB of body, 4 KB of search index and
# GIN per article; doubled for WAL, temporary files and index builds.
BYTES_PER_ARTICLE = 24_000
SAFETY_MARGIN = 2 * 1024**3

PAGE_COLUMNS = ["id", "path", "depth", "numchild", "translation_key", "locale_id", "live",
                "has_unpublished_changes", "first_published_at", "last_published_at", "expired", "locked",
                "title", "draft_title", "slug", "content_type_id", "url_path", "show_in_menus", "seo_title",
                "search_description"]
ARTICLE_COLUMNS = ["page_ptr_id", "format", "sapo", "body", "section_id", "published_at"]


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
    sections: dict[str, object]
    events: dict[str, int]
    authors: dict[str, int]


def ensure_structure(*, seed: int) -> Structure:
    from toasoan.events.models import EventPage
    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.people.models import Author

    site = ensure_site_structure()
    sections = {slug: ensure_section(title=title, slug=slug) for slug, title in vocab.SECTIONS.items()}
    events: dict[str, int] = {}
    for title in vocab.EVENTS:
        slug = slugify_vi(title)
        event = EventPage.objects.child_of(site.events_index).filter(slug=slug).first()
        if event is None:
            event = site.events_index.add_child(instance=EventPage(title=title, slug=slug,
                                                                   description=f"Dòng sự kiện: {title}."))
            event.save_revision().publish()
        events[title] = event.pk
    authors: dict[str, int] = {}
    for name in author_names(seed):
        author = Author.objects.filter(name=name).first() or Author.objects.create(name=name)
        authors[name] = author.pk
    return Structure(sections=sections, events=events, authors=authors)


def _body(article: SynthArticle, seed: int) -> str:
    blocks = [{"type": "paragraph", "value": f"<p>{escape(text)}</p>",
               "id": str(uuid.uuid5(article.key(seed), str(i)))} for i, text in enumerate(article.paragraphs)]
    return json.dumps(blocks, ensure_ascii=False)


def load(articles: Iterable[SynthArticle], *, seed: int, batch_size: int = 2000,
         progress: Callable[[int], None] | None = None) -> list[int]:
    """Insert ``articles``; returns their page ids in order."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    from toasoan.news.models import ArticleAuthor, ArticlePage

    structure = ensure_structure(seed=seed)
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    locale = Locale.get_default().pk
    parents = {slug: Page.objects.get(pk=s.pk) for slug, s in structure.sections.items()}
    next_child = {slug: p.numchild for slug, p in parents.items()}
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM wagtailcore_page")
        next_id = cursor.fetchone()[0] + 1
    events_table = ArticlePage.events.through._meta.db_table
    authors_table = ArticleAuthor._meta.db_table
    ids: list[int] = []
    batch: list[SynthArticle] = []

    def flush() -> None:
        nonlocal next_id
        pages, rows, event_rows, author_rows = [], [], [], []
        for article in batch:
            parent = parents[article.section]
            next_child[article.section] += 1
            slug = f"{slugify_vi(article.title, max_length=80)}-{article.index}"
            pk = next_id
            next_id += 1
            pages.append([pk, parent.path + step(next_child[article.section]), parent.depth + 1, 0,
                          str(article.key(seed)), locale, True, False, article.published_at, article.published_at,
                          False, False, article.title, article.title, slug, content_type,
                          f"{parent.url_path}{slug}/", False, "", ""])
            rows.append([pk, article.format, article.sapo, _body(article, seed), parent.pk, article.published_at])
            if article.event:
                event_rows.append([pk, structure.events[article.event]])
            author_rows.append([0, pk, structure.authors[article.author]])
            ids.append(pk)
        with transaction.atomic():
            _insert("wagtailcore_page", PAGE_COLUMNS, pages)
            _insert("news_articlepage", ARTICLE_COLUMNS, rows)
            _insert(events_table, ["articlepage_id", "eventpage_id"], event_rows)
            _insert(authors_table, ["sort_order", "article_id", "author_id"], author_rows)
        if progress:
            progress(len(ids))
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    with transaction.atomic(), connection.cursor() as cursor:
        for slug, parent in parents.items():
            cursor.execute("UPDATE wagtailcore_page SET numchild = %s WHERE id = %s", [next_child[slug], parent.pk])
        if connection.vendor == "postgresql":
            for table in ("wagtailcore_page", events_table, authors_table):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                               f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
    return ids


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
