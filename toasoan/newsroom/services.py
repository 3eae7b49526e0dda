"""Write side of the newsroom: changing the time of an approved story."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision

RESCHEDULE_ACTION = "toasoan.reschedule"


def scheduled_revision(*, page: Page) -> Revision | None:
    """The approved revision waiting for its go-live time, if any."""
    return page.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at", "-pk").first()


@transaction.atomic
def reschedule(*, page: Page, go_live_at: datetime, user) -> Revision:
    """Move the go-live time of an approved story; the scheduler publishes it at the new time.

    Refused (``PermissionDenied``) for users without the ``schedule`` page permission, and
    (``ValidationError``) when the story has no approved revision waiting.
    """
    page = page.specific
    if not page.permissions_for_user(user).can_schedule():
        raise PermissionDenied(_("Bạn không có quyền đổi giờ lên trang của bài này."))
    revision = scheduled_revision(page=page)
    if revision is None:
        raise ValidationError({"go_live_at": _("Bài chưa được duyệt đăng nên chưa có giờ lên trang để đổi.")})
    previous = revision.approved_go_live_at
    revision.approved_go_live_at = go_live_at
    content = dict(revision.content)
    content["go_live_at"] = go_live_at.isoformat()
    revision.content = content
    revision.save(update_fields=["approved_go_live_at", "content"])
    Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
    log(instance=page, action=RESCHEDULE_ACTION, user=user, revision=revision,
        data={"from": previous.isoformat() if previous else None, "to": go_live_at.isoformat()})
    return revision
