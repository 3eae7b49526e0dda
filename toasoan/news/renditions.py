"""Image renditions of an article, made by the task worker when it is published, not by a reader's request.

Making a rendition opens the original (a 1600 px photo is ~8 MB decoded) and encodes it again; AVIF takes
about half a second for a 1200 px photo here. Done in a reader's request that is latency for the reader
and, on four threads at once, ~100 MB more resident memory in the app worker. So publishing enqueues
:func:`warm_article_renditions`, which makes every rendition the article's reader pages ask for — its
teaser, share image, hero, and each figure, gallery photo, infographic, chapter image and video poster —
with **the same filter specs, written the same way, as the templates' tags** (Wagtail stores a rendition
under its spec string: ``width-480|format-avif`` and ``format-avif|width-480`` are two files).
Events (cover: card, header, share image) and people (photo) are warmed the same way when published or
saved, and an uploaded or edited image (new file, new focal point) gets its teaser, share and figure
renditions at once. ``tests/news/test_renditions.py`` renders every kind of block, an event and a person after the
warm-up and checks that no page made a rendition.

``TOASOAN_AVIF = False`` (the test settings) serves WebP only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from django_tasks import task
from wagtail.images.models import Filter

from toasoan.core.queue import placement
from toasoan.news.rendition_specs import (
    CHAPTER_SPECS,
    EVENT_CARD_SPEC,
    EVENT_HEADER_SPECS,
    HERO_FORMATS,
    HERO_SPECS,
    INFOGRAPHIC_SPECS,
    LOGO_SPEC,
    PERSON_SPECS,
    PHOTO_SHARE_SPEC,
    POSTER_SPECS,
    TEASER_SPECS,
    figure_filter_specs,
)

logger = logging.getLogger(__name__)

def _expand(*patterns: str) -> list[str]:
    return [spec for pattern in patterns for spec in Filter.expand_spec(pattern)]


def block_figures(block) -> list[dict]:
    """The figure values a body block shows: a figure's own, each photo of a gallery, none otherwise."""
    if block.block_type == "figure":
        return [block.value]
    if block.block_type == "gallery":
        return list(block.value["photos"])
    return []


Plan = dict[int, tuple[object, list[str]]]  # {image id: (image, specs)}


def _want(plan: Plan, image, specs: Iterable[str]) -> None:
    """Add ``specs`` of ``image`` to ``plan``, each once (no image: nothing)."""
    if image is None:
        return
    entry = plan.setdefault(image.pk, (image, []))
    entry[1].extend(s for s in specs if s not in entry[1])


def article_rendition_plan(article) -> Plan:
    """Every rendition a reader page of ``article`` asks for."""
    from toasoan.seo.images import SHARE_SPEC

    plan: Plan = {}
    cover = article.listing_image
    _want(plan, cover, [*TEASER_SPECS, SHARE_SPEC])
    if article.format in HERO_FORMATS:
        _want(plan, cover, _expand(HERO_SPECS))
    figure_specs = figure_filter_specs()
    for block in article.body:
        for value in block_figures(block):
            _want(plan, value.get("image"), figure_specs)
            if article.format == "photo":
                _want(plan, value.get("image"), [PHOTO_SHARE_SPEC])
        if block.block_type == "infographic":
            _want(plan, block.value.get("image"), _expand(INFOGRAPHIC_SPECS))
        elif block.block_type == "chapter":
            _want(plan, block.value.get("image"), _expand(CHAPTER_SPECS))
        elif block.block_type == "media":
            _want(plan, block.value.get("poster"), [*POSTER_SPECS, SHARE_SPEC])  # JSON-LD thumbnail too
    return plan


def event_rendition_plan(event) -> Plan:
    from toasoan.seo.images import SHARE_SPEC

    image = event.cover_image
    return {} if image is None else {image.pk: (image, [EVENT_CARD_SPEC, *_expand(EVENT_HEADER_SPECS), SHARE_SPEC])}


def person_rendition_plan(person) -> Plan:
    image = person.photo
    return {} if image is None else {image.pk: (image, list(PERSON_SPECS))}


def _make(plan: Plan) -> int:
    for image, specs in plan.values():
        try:
            image.get_renditions(*specs)
        except Exception:  # a broken file must not stop the others; the reader's request will retry it
            logger.exception("Không tạo được ảnh thu nhỏ cho ảnh %s", image.pk)
    return len(plan)


def make_article_renditions(article) -> int:
    """Make (or find) every rendition of :func:`article_rendition_plan`; returns how many images were handled."""
    return _make(article_rendition_plan(article))


@task()
def warm_article_renditions(article_id: int) -> int:
    """The background task of a publish: :func:`make_article_renditions` of the live article."""
    from toasoan.news.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    return make_article_renditions(article)


@task()
def warm_event_renditions(event_id: int) -> int:
    from toasoan.events.models import EventPage

    event = EventPage.objects.filter(pk=event_id).select_related("cover_image").first()
    return 0 if event is None else _make(event_rendition_plan(event))


@task()
def warm_person_renditions(person_id: int) -> int:
    from toasoan.entities.models import Person

    person = Person.objects.filter(pk=person_id).select_related("photo").first()
    return 0 if person is None else _make(person_rendition_plan(person))


def _enqueue_on_commit(warm, *, urgent: bool = False, **kwargs) -> None:
    queue, priority = placement(urgent=urgent)  # decided now: the commit may come after a bulk block ends

    def enqueue() -> None:
        try:
            warm.using(queue_name=queue, priority=priority).enqueue(**kwargs)
        except Exception:
            logger.exception("Không xếp được tác vụ tạo ảnh thu nhỏ %s", kwargs)

    transaction.on_commit(enqueue)


@task()
def warm_image_renditions(image_id: int) -> int:
    """An uploaded or edited image (new file, new focal point): its teaser, share and figure renditions, the
    ones any article showing it will ask for first; the rest follow when an article using it is published."""
    from toasoan.images.models import NewsImage
    from toasoan.seo.images import SHARE_SPEC

    image = NewsImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return _make({image.pk: (image, [*TEASER_SPECS, SHARE_SPEC, *figure_filter_specs()])})


def on_image_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.pk and instance.file:
        _enqueue_on_commit(warm_image_renditions, image_id=instance.pk)


def on_event_published(sender, instance, **kwargs) -> None:
    if getattr(instance, "cover_image_id", None):
        _enqueue_on_commit(warm_event_renditions, event_id=instance.pk)


def on_person_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "photo_id", None):
        _enqueue_on_commit(warm_person_renditions, person_id=instance.pk)


@task()
def warm_logo_rendition(image_id: int) -> int:
    """The masthead logo chosen in the imprint settings (home.models.Imprint)."""
    from toasoan.images.models import NewsImage

    image = NewsImage.objects.filter(pk=image_id).first()
    return 0 if image is None else _make({image.pk: (image, [LOGO_SPEC])})


def on_imprint_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "logo_id", None):
        _enqueue_on_commit(warm_logo_rendition, image_id=instance.logo_id)


def on_article_published(sender, instance, **kwargs) -> None:
    _enqueue_on_commit(warm_article_renditions, article_id=instance.pk, urgent=True)


def make_live_renditions(*, threads: int = 2) -> int:
    """Make the renditions of every live article, live event and person now (``toasoan setup``).

    Returns how many articles were handled.

    The plans of all articles are merged (an image shown by two articles is made once), then the images
    are handled by ``threads`` threads: decoding and encoding release the GIL, so a small machine's two cores
    both work; each thread writes its rendition rows in short transactions (on SQLite: WAL, a 20-s busy
    timeout, see settings).
    """
    from django.db import connection, connections

    from toasoan.entities.models import Person
    from toasoan.events.models import EventPage
    from toasoan.home.models import Imprint
    from toasoan.news.models import ArticlePage

    articles = list(ArticlePage.objects.live().select_related("cover_image"))
    plans = [article_rendition_plan(a) for a in articles]
    plans += [event_rendition_plan(e) for e in EventPage.objects.live().exclude(cover_image=None)
              .select_related("cover_image")]
    plans += [person_rendition_plan(p) for p in Person.objects.exclude(photo=None).select_related("photo")]
    plans += [{i.logo.pk: (i.logo, [LOGO_SPEC])} for i in Imprint.objects.exclude(logo=None).select_related("logo")]
    merged: Plan = {}
    for plan in plans:
        for image, specs in plan.values():
            _want(merged, image, specs)

    if threads <= 1 or connection.in_atomic_block:
        # Inside a transaction other threads' connections would not see what it has not committed yet.
        _make(merged)
        return len(articles)

    def make(pk: int) -> None:
        try:
            _make({pk: merged[pk]})
        finally:
            connections.close_all()  # this thread's connections, not the caller's

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(make, merged))
    return len(articles)
