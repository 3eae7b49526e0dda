"""Writing live coverage. Every change tells the reader side once the transaction commits
(``core.signals.reader_page_changed``: the caches of the story and its update feed are purged)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.core.signals import reader_page_changed
from toasoan.live import rules
from toasoan.live.models import LiveCoverage, LiveUpdate, UpdateKind
from toasoan.live.selectors import IMAGE_SPEC
from toasoan.seo.uploads import validate_embed_url

REASON = "live_update"


def _changed(*, article, user) -> None:
    # The story's cache tag is purged (caching.signals), which also gives its feed a new cache key.
    transaction.on_commit(lambda: reader_page_changed.send(sender=LiveUpdate, page=article, reason=REASON, user=user))


def start_coverage(*, article, user) -> LiveCoverage:
    if not rules.can_manage(user=user, article=article):
        raise PermissionDenied(_("Bạn không có quyền mở tường thuật trực tiếp cho bài này."))
    with transaction.atomic():
        coverage, created = LiveCoverage.objects.get_or_create(
            article=article, defaults={"started_at": timezone.now(), "started_by": user}
        )
        if not created and coverage.ended_at is not None:
            coverage.ended_at = None  # resumed: the same coverage goes on
            coverage.save(update_fields=["ended_at"])
        _changed(article=article, user=user)
    return coverage


def end_coverage(*, coverage: LiveCoverage, user) -> LiveCoverage:
    if not rules.can_manage(user=user, article=coverage.article):
        raise PermissionDenied(_("Bạn không có quyền kết thúc tường thuật này."))
    with transaction.atomic():
        coverage.ended_at = timezone.now()
        coverage.save(update_fields=["ended_at"])
        _changed(article=coverage.article, user=user)
    return coverage


def _check_content(*, kind: str, text: str, image, embed_url: str) -> None:
    if kind == UpdateKind.IMAGE and image is None:
        raise ValidationError({"image": _("Cập nhật loại «Ảnh» cần một ảnh.")})
    if kind == UpdateKind.EMBED:
        if not embed_url:
            raise ValidationError({"embed_url": _("Cập nhật loại «Nhúng» cần địa chỉ nhúng.")})
        try:
            validate_embed_url(embed_url)
        except ValidationError as error:
            raise ValidationError({"embed_url": error.messages}) from None
    if not text.strip():
        raise ValidationError({"text": _("Cập nhật chưa có nội dung.")})


def post_update(*, coverage: LiveCoverage, user, kind: str = UpdateKind.TEXT, text: str, image=None,
                quote_source: str = "", embed_url: str = "", pinned: bool = False) -> LiveUpdate:
    article = coverage.article
    if not rules.can_post(user=user, article=article):
        raise PermissionDenied(_("Bạn không có quyền đăng cập nhật cho bài này."))
    if not coverage.is_running:
        raise ValidationError(_("Tường thuật đã kết thúc: mở lại trước khi đăng cập nhật."))
    _check_content(kind=kind, text=text, image=image, embed_url=embed_url)
    if pinned and not rules.can_manage(user=user, article=article):
        pinned = False  # pinning is the editors' call
    update = LiveUpdate(coverage=coverage, kind=kind, text=text.strip(), image=image, quote_source=quote_source,
                        embed_url=embed_url, pinned=pinned, created_at=timezone.now(), author=user)
    update.full_clean(exclude=["coverage", "author", "image"])
    if image is not None:
        image.get_rendition(IMAGE_SPEC)  # made now, in the editor's request: no reader ever waits for it
    with transaction.atomic():
        update.save()
        _changed(article=article, user=user)
    return update


def change_update(*, update: LiveUpdate, user, text: str, kind: str | None = None, image=None,
                  quote_source: str | None = None, embed_url: str | None = None) -> LiveUpdate:
    article = update.coverage.article
    if not rules.can_change_update(user=user, article=article, update=update):
        raise PermissionDenied(_("Bạn không có quyền sửa cập nhật này."))
    update.kind = kind or update.kind
    update.text = text.strip()
    update.image = image if image is not None else update.image
    update.quote_source = update.quote_source if quote_source is None else quote_source
    update.embed_url = update.embed_url if embed_url is None else embed_url
    _check_content(kind=update.kind, text=update.text, image=update.image, embed_url=update.embed_url)
    update.edited_at = timezone.now()
    update.full_clean(exclude=["coverage", "author", "image"])
    with transaction.atomic():
        update.save()
        _changed(article=article, user=user)
    return update


def set_pinned(*, update: LiveUpdate, user, pinned: bool) -> LiveUpdate:
    article = update.coverage.article
    if not rules.can_manage(user=user, article=article):
        raise PermissionDenied(_("Chỉ biên tập viên được ghim cập nhật."))
    with transaction.atomic():
        if pinned:  # one pinned update at a time: the newest pin wins
            LiveUpdate.objects.filter(coverage=update.coverage_id, pinned=True).update(pinned=False)
        update.pinned = pinned
        update.save(update_fields=["pinned"])
        _changed(article=article, user=user)
    return update


def delete_update(*, update: LiveUpdate, user) -> None:
    article = update.coverage.article
    if not rules.can_change_update(user=user, article=article, update=update):
        raise PermissionDenied(_("Bạn không có quyền xóa cập nhật này."))
    with transaction.atomic():
        update.delete()
        _changed(article=article, user=user)
