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

FORMAT_BAND_SIZE = 4
LATEST_SIZE = 8  # Mới nhất beside the lead


def home_front(*, home) -> HomeFront:
    """The home page's front, read when the template first uses it (not at all when its fragments are warm)."""
    return SimpleLazyObject(lambda: _home_front(home=home))


def _home_front(*, home) -> HomeFront:
    """Each story once on the whole front: the lead, featured stories, Mới nhất, Tin nóng, the section blocks and
    the format bands each leave out what an earlier part shows (in that order of precedence)."""
    latest = latest_articles(size=LATEST_SIZE + 1 + FEATURED_SIZE + 6).items
    curated = curated_front(front=home, candidates=latest, hot=tin_nong(home=home, limit=6))
    shown = [a for a in (curated.lead, *curated.featured, *curated.hot) if a is not None]
    latest = _unshown(latest, shown, LATEST_SIZE)
    sections = []
    for section in home.get_children().live().in_menu().type(SectionPage).specific():
        # Enough that HOME_SECTION_SIZE are left whatever the parts above took from this section.
        fetched = section_articles(section=section, size=HOME_SECTION_SIZE + len(shown)).items
        articles = _unshown(fetched, shown, HOME_SECTION_SIZE)
        if articles:
            sections.append(SectionBlock(section=section, articles=articles))
    formats = {}
    for key, fmt in LISTING_FORMATS.items():
        # The newest of the format not shown above: at most as many of them are shown as were counted here.
        taken = sum(1 for a in shown if a.format == fmt)
        formats[key] = _unshown(format_articles(fmt=fmt, size=FORMAT_BAND_SIZE + taken).items, shown,
                                FORMAT_BAND_SIZE)
    return HomeFront(lead=curated.lead, featured=curated.featured, hot=curated.hot, latest=latest,
                     sections=sections, formats=formats)


def _unshown(candidates: list, shown: list, size: int) -> list:
    """The first ``size`` of ``candidates`` not in ``shown``; they are added to ``shown``."""
    seen = {a.pk for a in shown}
    picked = [a for a in candidates if a.pk not in seen][:size]
    shown.extend(picked)
    return picked
