"""Tin nóng (trending) and Đọc nhiều (most read), computed from hourly counts and cached for a minute.

Trending score of an article, at the current hour H (documented in docs/performance.md)::

    score = Σ over the last 48 hourly buckets h of  views(h) × 0.5 ** ((H − h) / 6 hours)

so a view counts fully this hour, half six hours ago, a quarter twelve hours ago, and nothing after 48 hours.
Đọc nhiều is the plain sum of views over the last 24 hours. Both read only the hourly table for the window
(indexed by hour, and by section and hour), never the article table as a whole.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Case, F, FloatField, Sum, Value, When
from django.db.models.functions import Cast

from toasoan.analytics.counters import hour_of
from toasoan.analytics.models import ArticleViewHour

TRENDING_WINDOW_HOURS = 48
TRENDING_HALF_LIFE_HOURS = 6.0
MOST_READ_HOURS = 24
REFRESH_SECONDS = 60
MOST_READ_SIZE = 10


def _now() -> datetime:
    return datetime.now(UTC)


def trending_scores(*, limit: int, section_ids: list[int] | None = None, now: datetime | None = None
                    ) -> list[tuple[int, float]]:
    """(article id, score) of the best-scoring articles, highest first."""
    current = hour_of(now or _now())
    hours = [current - timedelta(hours=i) for i in range(TRENDING_WINDOW_HOURS)]
    weight = Case(
        *[When(hour=h, then=Value(0.5 ** (i / TRENDING_HALF_LIFE_HOURS))) for i, h in enumerate(hours)],
        default=Value(0.0),
        output_field=FloatField(),
    )
    rows = ArticleViewHour.objects.filter(hour__gt=current - timedelta(hours=TRENDING_WINDOW_HOURS),
                                          hour__lte=current)
    if section_ids is not None:
        rows = rows.filter(section_id__in=section_ids)
    ranked = (
        rows.values("article_id")
        .annotate(score=Sum(Cast(F("views"), FloatField()) * weight))
        .order_by("-score", "-article_id")[:limit]
    )
    return [(r["article_id"], float(r["score"])) for r in ranked]


def most_read_counts(*, limit: int, section_ids: list[int] | None = None, now: datetime | None = None
                     ) -> list[tuple[int, int]]:
    """(article id, views in the last 24 hours), most read first."""
    current = hour_of(now or _now())
    rows = ArticleViewHour.objects.filter(hour__gt=current - timedelta(hours=MOST_READ_HOURS), hour__lte=current)
    if section_ids is not None:
        rows = rows.filter(section_id__in=section_ids)
    ranked = rows.values("article_id").annotate(total=Sum("views")).order_by("-total", "-article_id")[:limit]
    return [(r["article_id"], int(r["total"])) for r in ranked]


def _section_ids(section) -> list[int] | None:
    if section is None:
        return None
    from toasoan.sections.models import SectionPage

    return [section.pk, *SectionPage.objects.child_of(section).values_list("pk", flat=True)]


def _cached_ids(key: str, compute) -> list[int]:
    ids = cache.get(key)
    if ids is None:
        ids = compute()
        cache.set(key, ids, REFRESH_SECONDS)
    return ids


def _articles(ids: list[int]) -> list:
    from toasoan.news.selectors import published_articles

    by_id = {a.pk: a for a in published_articles().filter(pk__in=ids)} if ids else {}
    return [by_id[i] for i in ids if i in by_id]


def trending_articles(*, limit: int = 10, exclude: set[int] | frozenset[int] = frozenset()) -> list:
    """Trending live articles, site-wide (refreshed at most a minute late)."""
    ids = _cached_ids("toasoan:an:trending", lambda: [a for a, _s in trending_scores(limit=60)])
    return _articles([i for i in ids if i not in exclude][:limit])


def most_read_articles(*, section=None, limit: int = MOST_READ_SIZE) -> list:
    """Đọc nhiều: the most read live articles of the last 24 hours, site-wide or for a section."""
    key = f"toasoan:an:most-read:{section.pk if section is not None else 'site'}"
    ids = _cached_ids(key, lambda: [a for a, _n in most_read_counts(limit=30, section_ids=_section_ids(section))])
    return _articles(ids)[:limit]


def forget_cached_rankings() -> None:
    cache.delete("toasoan:an:trending")


def tin_nong(*, home, limit: int = 10) -> list:
    """Tin nóng: the editors' pins first, then trending stories (see the score above) to fill ``limit``."""
    from toasoan.news.selectors import hot_articles

    pinned = hot_articles(home=home, limit=limit)
    if len(pinned) >= limit:
        return pinned
    return [*pinned, *trending_articles(limit=limit - len(pinned), exclude={a.pk for a in pinned})]
