"""Read side of sections."""

from __future__ import annotations

import time

SECTION_MEMO_SECONDS = 60
_sections: dict[int, tuple[float, object | None]] = {}


def section_by_id(*, pk: int):
    """The section page ``pk`` (or None), remembered in this process for ``SECTION_MEMO_SECONDS``.

    Every article page shows its section (breadcrumb, "Tin khác trong …", the SEO head); there are a few
    dozen sections and editors rename them a few times a year, so each process reads one once a minute
    instead of once per article render. A rename reaches every page within the same minute as the menu
    (cached as long) and the fragments that show it.
    """
    from toasoan.sections.models import SectionPage

    now = time.monotonic()
    memo = _sections.get(pk)
    if memo is not None and memo[0] > now:
        return memo[1]
    section = SectionPage.objects.filter(pk=pk).first()
    _sections[pk] = (now + SECTION_MEMO_SECONDS, section)
    return section


def section_url(*, section, request=None) -> str:
    """The address of ``section`` as Wagtail's ``pageurl`` gives it, without a cache round trip: a section under
    the root of the request's site (which ``news.views.site_for_request`` keeps) is ``/`` + its path below
    that root; anything else is asked of Wagtail (which reads every site's root path from the cache)."""
    site = getattr(request, "_wagtail_site", None) if request is not None else None
    root = getattr(site, "root_page", None)
    if root is not None and section.url_path.startswith(root.url_path):
        return "/" + section.url_path[len(root.url_path):]
    return section.get_url(request=request)


def forget_sections() -> None:
    """Empty this process's memo (tests; a process that must see a change at once)."""
    _sections.clear()


def listing_articles(*, kind: str, cursor: str | None, home):
    """A page of one of the fixed listings (Mới nhất, Tin nóng, Media, Magazine, Infographic, Tin ảnh)."""
    from toasoan.analytics.selectors import tin_nong
    from toasoan.core.pagination import KeysetPage
    from toasoan.news.selectors import LISTING_FORMATS, format_articles, latest_articles

    if kind == "latest":
        return latest_articles(cursor=cursor)
    if kind == "hot":
        return KeysetPage(items=tin_nong(home=home, limit=50), next_cursor=None)
    return format_articles(fmt=LISTING_FORMATS[kind], cursor=cursor)
