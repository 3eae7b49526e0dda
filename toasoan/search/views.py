"""``/tim-kiem/``: the reader's search page. Any input gives a normal page (never an error)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.caching.tags import add_cache_tags
from toasoan.search.backends import Filters
from toasoan.search.services import search

PAGE_SIZE = 20
SORTS = {"lien-quan": "relevance", "moi-nhat": "newest"}


def parse_date(value: str | None) -> date | None:
    value = (value or "").strip()[:20]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _clean(value: str | None, max_length: int) -> str:
    """A slug-like parameter: printable characters only (PostgreSQL refuses NUL), bounded length."""
    return "".join(ch for ch in (value or "")[:max_length] if ch.isprintable()).strip()


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def build_filters(params) -> tuple[Filters, dict]:
    from toasoan.events.models import EventPage
    from toasoan.news.models import ArticleFormat
    from toasoan.people.models import Author
    from toasoan.sections.models import SectionPage

    filters = Filters()
    chosen: dict = {}
    section_slug = _clean(params.get("chuyen-muc"), 100)
    if section_slug:
        section = SectionPage.objects.live().filter(slug=section_slug).first()
        if section is not None:
            filters.section_ids = [section.pk, *section.get_children().type(SectionPage).values_list("pk", flat=True)]
            chosen["section"] = section
    fmt = (params.get("the-loai") or "").strip()
    if fmt in ArticleFormat.values:
        filters.format = fmt
        chosen["format"] = ArticleFormat(fmt).label
    event_id = _int(params.get("su-kien"))
    if event_id:
        event = EventPage.objects.live().filter(pk=event_id).first()
        if event is not None:
            filters.event_id = event.pk
            chosen["event"] = event
    author_slug = _clean(params.get("tac-gia"), 160)
    if author_slug:
        author = Author.objects.filter(slug=author_slug).first()
        if author is not None:
            filters.author_id = author.pk
            chosen["author"] = author
    date_from, date_to = parse_date(params.get("tu")), parse_date(params.get("den"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    if date_from:
        filters.date_from = _day_start(date_from)
        chosen["date_from"] = date_from
    if date_to:
        filters.date_to = _day_start(date_to + timedelta(days=1))
        chosen["date_to"] = date_to
    return filters, chosen


def search_view(request: HttpRequest) -> HttpResponse:
    from toasoan.news.models import ArticleFormat
    from toasoan.sections.models import SectionPage

    query = request.GET.get("q", "")
    filters, chosen = build_filters(request.GET)
    sort_key = request.GET.get("sap-xep", "lien-quan")
    sort = SORTS.get(sort_key, "relevance")
    page = _int(request.GET.get("trang")) or 1
    results = search(query=query, filters=filters, sort=sort, page=page, size=PAGE_SIZE)
    # A cached result page is dropped whenever an article is published, edited or taken down.
    add_cache_tags(request, "search")

    kept = {k: v for k, v in request.GET.items() if k in {"q", "chuyen-muc", "the-loai", "su-kien", "tac-gia",
                                                           "tu", "den", "sap-xep"} and v}

    def link(**changes) -> str:
        params = {**kept, **{k: v for k, v in changes.items() if v is not None}}
        return "?" + urlencode({k: v for k, v in params.items() if v})

    context = {
        "page_title": _("Tìm kiếm") + (f": {results.query.raw}" if results.query.raw else ""),
        "query": results.query.raw,
        "results": results,
        "chosen": chosen,
        "sort_key": sort_key if sort_key in SORTS else "lien-quan",
        "sections": SectionPage.objects.live().filter(depth__lte=4).order_by("path"),
        "formats": ArticleFormat.choices,
        "params": kept,
        "next_url": link(trang=str(results.page + 1)) if results.has_next else "",
        "previous_url": link(trang=str(results.page - 1)) if results.has_previous else "",
        "sort_urls": {"relevance": link(**{"sap-xep": "lien-quan", "trang": ""}),
                      "newest": link(**{"sap-xep": "moi-nhat", "trang": ""})},
        "chosen_format": filters.format,
        "corrected_url": link(q=results.corrected_query, trang="") if results.corrected_query else "",
    }
    return render(request, "search/search.html", context)
