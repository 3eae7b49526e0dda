from __future__ import annotations

import time

from django.db import InterfaceError, OperationalError, connection, connections, router
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.views import serve_chain

from toasoan.caching import fragments
from toasoan.caching.fragments import Fragment
from toasoan.caching.tags import CHROME, add_cache_tags
from toasoan.core.db import RowReader, reader_cursor
from toasoan.news import selectors
from toasoan.news.models import ArticlePage, NewsTag
from toasoan.news.selectors import relations_columns
from toasoan.sections.selectors import section_by_id

MOST_READ_FRAGMENT_SECONDS = 30
CHROME_TAGS = frozenset({CHROME})  # the masthead's logo and the footer's imprint (home.models.Imprint)


def declare_article_fragments(request: HttpRequest, *, article: ArticlePage, event_ids: list[int]) -> None:
    """The cached parts of an article page (docs/rendering.md): each keyed by what it shows.

    ``head`` and ``main`` show only the article (tag ``a:<id>``); ``events`` its events' latest other
    stories (``e:<id>`` of each); ``related`` its section's latest others (``s:<id>``); ``latest`` the site's
    newest others (``l:latest``); ``most_read`` the
    section's Đọc nhiều, which no publish changes (it follows the view counts): a short lifetime only. The
    masthead and footer show the menu (itself cached a minute) and no entry of it is current on an article
    page. ``events``, ``related`` and ``latest`` never show the article itself, so they exclude it: its own edit, which
    bumps its section's and events' tags for every other page, leaves them valid (caching/fragments.py);
    their keys name the section and the events, so moving the article or changing its events is a new entry.
    """
    own = f"a:{article.pk}"
    site = f"{request.scheme}://{request.get_host()}"
    key = f"{site}|a{article.pk}"
    section = f"s:{article.section_id}" if article.section_id else ""
    events = ",".join(str(pk) for pk in sorted(event_ids))
    fragments.declare(request, {
        "masthead": Fragment(key=f"{site}|chrome:masthead:article", tags=CHROME_TAGS),
        "footer": Fragment(key=f"{site}|chrome:footer", tags=CHROME_TAGS),
        "head": Fragment(key=f"{key}:head", tags=frozenset({own})),
        "main": Fragment(key=f"{key}:main", tags=frozenset({own})),
        "events": Fragment(key=f"{key}:events:{events}", tags=frozenset(f"e:{pk}" for pk in event_ids),
                           excludes=article.pk),
        "related": Fragment(key=f"{key}:related:{article.section_id or ''}",
                            tags=frozenset({section} if section else ()), excludes=article.pk),
        "latest": Fragment(key=f"{key}:latest", tags=frozenset({"l:latest"}), excludes=article.pk),
        "most_read": Fragment(key=f"{site}|most-read:{article.section_id or 'site'}",
                              seconds=MOST_READ_FRAGMENT_SECONDS),
    })


def declare_home_fragments(request: HttpRequest, *, home) -> None:
    """The cached parts of the home page: its front shows every listing, so they carry ``home`` (bumped
    by every article change) and ``l:hot`` (Tin nóng pins); Đọc nhiều and the footer are shared with
    the article pages."""
    site = f"{request.scheme}://{request.get_host()}"
    front = frozenset({"home", "l:hot"})
    fragments.declare(request, {
        "head": Fragment(key=f"{site}|home{home.pk}:head", tags=frozenset({"home"})),
        "masthead": Fragment(key=f"{site}|home{home.pk}:masthead", tags=frozenset({"home", CHROME})),
        "top": Fragment(key=f"{site}|home{home.pk}:top", tags=front),
        "rest": Fragment(key=f"{site}|home{home.pk}:rest", tags=front),
        "most_read": Fragment(key=f"{site}|most-read:site", seconds=MOST_READ_FRAGMENT_SECONDS),
        "footer": Fragment(key=f"{site}|chrome:footer", tags=CHROME_TAGS),
    })


SITE_MEMO_SECONDS = 60
_sites: dict[tuple[str, str], tuple[float, Site | None]] = {}


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's ``Site.find_for_request``, remembered per host in this process for a minute.

    Wagtail's lookup runs one query per request; sites (host names, root pages) change a few times in a
    site's life, and a change reaches every worker within ``SITE_MEMO_SECONDS``. The site is also set on
    the request, where Wagtail's own helpers (``pageurl``, the menu) look for it.
    """
    key = (request.get_host(), request.get_port())
    now = time.monotonic()
    memo = _sites.get(key)
    if memo is not None and memo[0] > now:
        site = memo[1]
    else:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - loaded once here, not per request
        _sites[key] = (now + SITE_MEMO_SECONDS, site)
    request._wagtail_site = site
    return site


ARTICLE_ROWS = RowReader(ArticlePage)
_article_sql: dict[str, tuple[str, list]] = {}


def _live_article_sql(connection=connection) -> tuple[str, list]:
    """The article lookup (see :func:`live_article`), built once per database vendor."""
    if connection.vendor in _article_sql:
        return _article_sql[connection.vendor]
    quote = connection.ops.quote_name
    page = quote(Page._meta.db_table)
    article = quote(ArticlePage._meta.db_table)
    restriction = quote(PageViewRestriction._meta.db_table)
    links = quote(ArticlePage.events.through._meta.db_table)
    if connection.vendor == "postgresql":
        event_ids = f"ARRAY(SELECT eventpage_id FROM {links} WHERE articlepage_id = {page}.id)"  # noqa: S608
    else:
        event_ids = f"(SELECT group_concat(eventpage_id) FROM {links} WHERE articlepage_id = {page}.id)"  # noqa: S608
    restricted = (
        f"EXISTS (SELECT 1 FROM {restriction} r INNER JOIN {page} rp ON rp.id = r.page_id "  # noqa: S608
        f"WHERE {page}.path LIKE rp.path || '%%' OR EXISTS (SELECT 1 FROM {page} a "
        f"WHERE a.alias_of_id = r.page_id AND {page}.path LIKE a.path || '%%'))"
    )
    relations, params = relations_columns(article=article, page=page)
    sql = (f"SELECT {ARTICLE_ROWS.select(connection)}, {relations}, {event_ids}, {restricted} "  # noqa: S608
           f"FROM {article} INNER JOIN {page} ON {page}.id = {article}.page_ptr_id "
           f"WHERE {page}.id = %s AND {page}.live AND {page}.path LIKE %s")
    _article_sql[connection.vendor] = (sql, params)
    return _article_sql[connection.vendor]


def live_article(*, pk: int, root_path: str) -> ArticlePage | None:
    """The live article ``pk`` under the site's root page, carrying the ids of its events
    (``live_event_ids``) and, for the render after a publish, its bylines, tags, people and cover
    (``news.selectors.relations_columns``), read with one hand-written query — it runs on every article
    request, where the ORM spent more time building the query than the database spent answering it. On
    PostgreSQL the statement is prepared once per connection (``core.db.reader_cursor``): planning it cost
    three times its execution.

    The same query says whether any view restriction applies (on the page or an ancestor — tree path
    prefixes — or on the source page of any of those that is an alias, as ``get_view_restrictions``
    finds them). When none does, the article's ``get_view_restrictions`` answers "none" without a query
    of its own; Wagtail's check in the ``on_serve_page`` chain still runs on every request, and a
    restricted article is checked by it exactly as before. Tree paths are made of digits and capital
    letters, so LIKE needs no escaping.
    """
    # The primary, or the read replica for a reader's request (toasoan.replica: Django's router decides).
    reading = connections[router.db_for_read(ArticlePage)]
    sql, extra = _live_article_sql(reading)
    params = [*extra, pk, f"{root_path}%"]

    def fetch():
        with reader_cursor(reading) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    try:
        row = fetch()
    except (OperationalError, InterfaceError):
        # Reader requests skip the connection health check (core.middleware.ReaderConnectionMiddleware):
        # a connection the database closed fails here, on the request's first query. Once, on a new one.
        if reading.in_atomic_block:
            raise
        reading.close()
        row = fetch()
    if row is None:
        return None
    found_article = ARTICLE_ROWS.read(row, reading)
    found_article.relations_json, found_article.cover_json, ids, restricted = row[-4:]
    if isinstance(ids, str):
        ids = [int(value) for value in ids.split(",")]
    found_article.live_event_ids = sorted(ids or [])
    if not restricted:
        found_article.get_view_restrictions = PageViewRestriction.objects.none
    return found_article


def serve_through_hooks(page: Page, request: HttpRequest) -> HttpResponse:
    """Serve ``page`` the way ``wagtail.views.serve`` does once it has routed: ``before_serve_page``
    hooks, then the ``on_serve_page`` chain, which is where Wagtail checks view restrictions
    (login, groups, password) — serving the page directly would skip them."""
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})


def article_by_id(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Serve ``/<slug>-<id>.html``: found by id; an old or wrong slug redirects to the current one."""
    site = site_for_request(request)
    article = live_article(pk=pk, root_path=site.root_page.path if site is not None else "")
    if article is None:
        # Tagged with the article, so a cache may keep this answer: the article's publish (an embargo ending,
        # a story put back online) purges it like any page of the article, and an unpublish purge replaces
        # the story's copy in the front with this 404 (caching/middleware.py).
        add_cache_tags(request, f"a:{pk}")
        raise Http404(_("Không tìm thấy bài viết."))
    if slug != article.slug:
        return HttpResponsePermanentRedirect(article.canonical_path())
    if article.section_id:
        section = section_by_id(pk=article.section_id)
        if section is not None:
            article.section = section  # read once a minute per process, not per render
    declare_article_fragments(request, article=article, event_ids=article.live_event_ids)
    response = serve_through_hooks(article, request)
    parts = fragments.for_request(request)
    if parts is not None and hasattr(response, "add_post_render_callback"):
        parts.defer_writes()
        response.add_post_render_callback(lambda _response: parts.flush())
    return response


def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(NewsTag, slug=slug)
    page = selectors.tag_articles(tag_slug=slug, cursor=request.GET.get("sau"))
    if not page.items and not request.GET.get("sau"):
        raise Http404(_("Không có bài viết nào gắn từ khóa này."))
    fragment = request.GET.get("fragment") == "1"
    template = "news/includes/article_list_fragment.html" if fragment else "news/tag_page.html"
    return render(request, template, {"tag": tag, "page_of_articles": page, "page_title": f"#{tag.name}"})
