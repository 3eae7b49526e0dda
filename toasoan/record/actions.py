"""Corrections (cải chính), takedowns (gỡ bài) and their reversal: the newsroom's legal actions on a published
story. Each is logged in Wagtail's history (the audit trail of the page), purges what readers see, and leaves
a deposit record of what readers get afterwards."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from toasoan.caching.purge import purge_article, purge_tags
from toasoan.core.signals import reader_page_changed
from toasoan.record.models import Correction, DepositReason, Takedown
from toasoan.record.services import deposit_reason

CORRECTIONS_TAG = "l:corrections"  # the /cai-chinh/ listing and its feed
MAX_TEXT = 5000


class ActionError(ValueError):
    """A legal action that cannot be done (message in Vietnamese, for the person who asked)."""


def corrections_cache_key(page_id: int) -> str:
    return f"toasoan:record:corrections:{page_id}"


def _section_title(page) -> str:
    section = getattr(page, "section", None)
    return section.title if section is not None else ""


def attach_correction(*, page: Page, user, wrong: str, right: str, apology: str = "") -> Correction:
    """Attach a correction to a live story: the note on the story, the notice at /cai-chinh/, a new deposit."""
    from django.utils.translation import gettext as _

    page = page.specific
    if not page.live:
        raise ActionError(_("Chỉ cải chính được bài đang đăng."))
    with transaction.atomic():
        correction = Correction.objects.create(
            page=page, page_id_kept=page.pk, title=page.title[:500], section=_section_title(page)[:255],
            story_published_at=getattr(page, "published_at", None) or page.first_published_at,
            url=page.url or "", wrong=wrong[:MAX_TEXT], right=right[:MAX_TEXT], apology=apology[:MAX_TEXT],
            created_by=user,
        )
        log(instance=page, action="toasoan.correction", user=user,
            data={"correction": correction.pk, "wrong": correction.wrong, "right": correction.right})
        purge_article(page.pk)
        purge_tags({CORRECTIONS_TAG})

        def after_commit() -> None:
            cache.delete(corrections_cache_key(page.pk))
            reader_page_changed.send(sender=Correction, page=page, reason=DepositReason.CORRECTION, user=user)

        transaction.on_commit(after_commit)
    return correction


def take_down(*, page: Page, user, reason: str) -> Takedown:
    """Take a live story down: readers lose it everywhere at once (Wagtail's unpublish, which purges caches,
    listings, feeds, sitemaps and the search index) and get a notice at its address; the story and its deposit
    records stay."""
    from django.utils.translation import gettext as _

    page = page.specific
    if Takedown.objects.filter(page_id_kept=page.pk, restored_at__isnull=True).exists():
        raise ActionError(_("Bài này đã bị gỡ."))
    if not page.live:
        raise ActionError(_("Chỉ gỡ được bài đang đăng."))
    with transaction.atomic():
        takedown = Takedown.objects.create(page=page, page_id_kept=page.pk, title=page.title[:500],
                                           revision_id=page.live_revision_id, reason=reason[:MAX_TEXT],
                                           taken_by=user)
        with deposit_reason(DepositReason.TAKEDOWN, actor_id=getattr(user, "pk", None), note=takedown.reason):
            page.unpublish(user=user, log_action="toasoan.takedown")
    return takedown


def restore(*, takedown: Takedown, user) -> Takedown:
    """Put a taken-down story back as it was when taken down."""
    from django.utils.translation import gettext as _

    if takedown.restored_at is not None:
        raise ActionError(_("Bài này đã được khôi phục."))
    page = Page.objects.filter(pk=takedown.page_id_kept).first()
    if page is None:
        raise ActionError(_("Bài này không còn trong hệ thống."))
    page = page.specific
    revision = Revision.objects.filter(pk=takedown.revision_id).first() or page.get_latest_revision()
    with transaction.atomic():
        takedown.restored_at = timezone.now()
        takedown.restored_by = user
        takedown.save(update_fields=["restored_at", "restored_by"])
        with deposit_reason(DepositReason.RESTORE, actor_id=getattr(user, "pk", None)):
            revision.publish(user=user, skip_permission_checks=True, log_action="toasoan.restore")
    return takedown
