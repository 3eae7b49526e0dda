"""Read side of the home page: its front (lead, featured, Tin nóng, Mới nhất, one block per section, formats)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from toasoan.analytics.selectors import tin_nong
from toasoan.news.selectors import (
    FEATURED_SIZE,
    HOME_SECTION_SIZE,
    LISTING_FORMATS,
    HomeFront,
    SectionBlock,
    curated_front,
    format_articles,
    latest_articles,
    section_articles,
)
from toasoan.sections.models import SectionPage


def home_front(*, home) -> HomeFront:
    """The home page's front, read when the template first uses it (not at all when its fragments are warm)."""
    return SimpleLazyObject(lambda: _home_front(home=home))


def _home_front(*, home) -> HomeFront:
    latest = latest_articles(size=13 + 1 + FEATURED_SIZE + 6).items
    curated = curated_front(front=home, candidates=latest, hot=tin_nong(home=home, limit=6))
    shown = set(curated.shown)
    latest = [a for a in latest if a.pk not in shown][:13]
    shown.update(a.pk for a in latest)
    sections = []
    for section in home.get_children().live().in_menu().type(SectionPage).specific():
        fetched = section_articles(section=section, size=HOME_SECTION_SIZE + len(shown)).items
        articles = [a for a in fetched if a.pk not in shown][:HOME_SECTION_SIZE]
        if articles:
            sections.append(SectionBlock(section=section, articles=articles))
    formats = {key: format_articles(fmt=fmt, size=4).items for key, fmt in LISTING_FORMATS.items()}
    return HomeFront(lead=curated.lead, featured=curated.featured, hot=curated.hot, latest=latest,
                     sections=sections, formats=formats)
