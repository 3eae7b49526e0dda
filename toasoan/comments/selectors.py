"""Reading comments: what a story's readers see, the moderators' queue, and the rules in force for a story."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from toasoan.comments import conf
from toasoan.comments.models import Ban, BlockedWord, Comment, CommentPolicy, Mode, Status

PAGE_SIZE = 50  # top-level comments shown at once (newest first); "Xem thêm" asks for the next ones
QUEUE_SIZE = 100


def mode_for(*, article) -> str:
    """The nearest policy up the page tree (the story's own, then its section's, then above), else the default."""
    steps = article.steplen if hasattr(article, "steplen") else 4
    paths = [article.path[:end] for end in range(steps, len(article.path) + 1, steps)]
    policy = (CommentPolicy.objects.filter(page__path__in=paths).order_by("-page__depth")
              .values_list("mode", flat=True).first())
    mode = policy or conf.default_mode()
    return mode if mode in Mode.values else Mode.PRE


def phrases() -> tuple[str, ...]:
    return tuple(BlockedWord.objects.values_list("phrase", flat=True))


def banned(*, email_hash: str, ip_hash: str) -> Ban | None:
    now = timezone.now()
    wanted = Q(kind=Ban.Kind.EMAIL, value_hash=email_hash) | Q(kind=Ban.Kind.IP, value_hash=ip_hash)
    return (Ban.objects.filter(wanted).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .order_by("-created_at").first())


def visible(*, article_id: int, before_id: int | None = None, limit: int = PAGE_SIZE) -> tuple[list[Comment], bool]:
    """Approved top-level comments of a story, newest first, each with its approved replies (oldest first) in
    ``shown_replies``; and whether older ones remain."""
    top = Comment.objects.filter(article_id=article_id, status=Status.APPROVED, parent__isnull=True)
    if before_id is not None:
        top = top.filter(pk__lt=before_id)
    rows = list(top.order_by("-created_at", "-pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    replies: dict[int, list[Comment]] = {c.pk: [] for c in rows}
    for reply in Comment.objects.filter(parent_id__in=list(replies), status=Status.APPROVED).order_by("created_at",
                                                                                                     "pk"):
        replies[reply.parent_id].append(reply)
    for comment in rows:
        comment.shown_replies = replies[comment.pk]
    return rows, more


def approved_count(*, article_id: int) -> int:
    return Comment.objects.filter(article_id=article_id, status=Status.APPROVED).count()


LISTING_KEY = "toasoan:comments:list:{}:{}:{}"
VERSION_KEY = "toasoan:comments:version:{}"
LISTING_LIFETIME = 300


def version(*, article_id: int) -> int:
    """Changes whenever the story's shown comments change (``forget``): the ETag of its public listing."""
    return cache.get(VERSION_KEY.format(article_id), 0)


def listing(*, article_id: int, before_id: int | None, build) -> dict:
    """What every reader of a story gets from its comment feed (``build()`` makes it), kept in the cache until a
    change to the story's comments (``forget``): thousands of readers opening the story cost one query set."""
    version = cache.get(VERSION_KEY.format(article_id), 0)
    key = LISTING_KEY.format(article_id, version, before_id or 0)
    data = cache.get(key)
    if data is None:
        data = build()
        cache.set(key, data, LISTING_LIFETIME)
    return data


def forget(*article_ids: int) -> None:
    """The shown comments of these stories changed (approved, rejected, edited, liked, erased...)."""
    for article_id in set(article_ids):
        cache.set(VERSION_KEY.format(article_id), time.time_ns(), None)


def statuses(*, article_id: int, ids: list[int]) -> dict[int, str]:
    """The status of a reader's own comments (the page remembers their ids): no text, nothing personal."""
    return dict(Comment.objects.filter(article_id=article_id, pk__in=ids[:50]).values_list("pk", "status"))


def queue(*, article_id: int | None = None) -> QuerySet[Comment]:
    """What waits for a moderator, oldest first: comments held for approval, and shown ones readers reported."""
    waiting = Comment.objects.filter(Q(status=Status.PENDING) | Q(status=Status.APPROVED, flagged=True))
    if article_id is not None:
        waiting = waiting.filter(article_id=article_id)
    return waiting.select_related("article", "parent").order_by("created_at", "pk")


def recent_of(*, comment: Comment, limit: int = 5) -> list[Comment]:
    """Other comments of the same email address or client, for the moderator's judgement."""
    same = Q()
    if comment.email_hash:
        same |= Q(email_hash=comment.email_hash)
    if comment.ip_hash:
        same |= Q(ip_hash=comment.ip_hash)
    if not same:
        return []
    return list(Comment.objects.filter(same).exclude(pk=comment.pk).order_by("-created_at")[:limit])


def of_reader(*, reader_id: int, article_id: int | None = None, limit: int = 200) -> list[Comment]:
    """A reader account's own comments, newest first, whatever their status (for the reader alone)."""
    mine = Comment.objects.filter(reader_id=reader_id)
    if article_id is not None:
        mine = mine.filter(article_id=article_id)
    return list(mine.select_related("article").order_by("-created_at", "-pk")[:limit])
