"""The image renditions reader templates ask for, as data: each filter spec written as the template tag writes it.

Wagtail stores a rendition under its spec string (``width-480|format-avif`` and ``format-avif|width-480`` are two
files), so the worker that makes renditions ahead of readers (``news.renditions``) and the blocks that render them
read the specs from here. Plain data and settings only: no models, so any layer may import it.
"""

from __future__ import annotations

from django.conf import settings
from wagtail.images.models import Filter

# Each pattern as the template tag writes it (Wagtail joins the tag's space-separated parts with "|").
TEASER_SPECS = ("fill-480x300", "fill-960x600")  # news/includes/article_teaser.html (row, lead)
HERO_SPECS = "width-{800,1400,2000}"  # article_page_magazine.html, article_page_photo.html
HERO_FORMATS = frozenset({"magazine", "photo"})
FIGURE_PICTURE = "format-{avif,webp}|width-{480,800,1200}"  # news/blocks/figure.html, AVIF on
FIGURE_SRCSET = "width-{480,800,1200}|format-webp"  # news/blocks/figure.html, AVIF off
PHOTO_SHARE_SPEC = "width-1200|format-webp"  # seo/head.py: photos of a "Tin ảnh" article in JSON-LD
INFOGRAPHIC_SPECS = "width-{1000,2000}"  # news/blocks/infographic.html
CHAPTER_SPECS = "width-{800,1400,2000}"  # news/blocks/chapter.html
POSTER_SPECS = ("fill-800x450", "fill-1280x720")  # news/blocks/media.html
EVENT_CARD_SPEC = "fill-480x300"  # events/includes/event_card.html
EVENT_HEADER_SPECS = "fill-{800x360,1400x500}"  # events/event_page.html
PERSON_SPECS = ("fill-160x160", "fill-600x600-c100")  # entities/person_page.html, its share image (seo/head.py)


def figure_formats() -> tuple[str, ...]:
    return ("avif", "webp") if getattr(settings, "TOASOAN_AVIF", True) else ("webp",)


def figure_filter_specs() -> list[str]:
    """The specs the figure template asks for (``{% picture %}`` with AVIF, ``{% srcset_image %}`` without)."""
    return Filter.expand_spec(FIGURE_PICTURE if "avif" in figure_formats() else FIGURE_SRCSET)
