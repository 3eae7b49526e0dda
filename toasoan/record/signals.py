"""Every publication, and every other change of what readers receive at a live page's address, asks for a
deposit record (one insert in the publishing transaction; the capture runs after the commit)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from toasoan.core.signals import reader_page_changed
from toasoan.record import conf, services
from toasoan.record.models import DepositReason
from toasoan.record.tasks import request_and_enqueue


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if not conf.enabled() or not services.is_deposited_type(instance):
        return
    if not instance.live:
        # Approved for a go-live time still to come: Wagtail signals the publication now, while readers still
        # get "not found" there. Its record is made when the scheduler puts it live (that publication signals
        # again), as its first publication.
        return
    override = services.reason_override()
    reason, actor_id, note = override or (services.reason_for_publish(page=instance), None, "")
    request_and_enqueue(page=instance, reason=reason, actor_id=actor_id, note=note,
                        revision_id=getattr(revision, "pk", None) or instance.live_revision_id)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    if conf.enabled() and services.is_deposited_type(instance):
        reason, actor_id, note = services.reason_override() or (DepositReason.UNPUBLISH, None, "")
        request_and_enqueue(page=instance, reason=reason, actor_id=actor_id, note=note)


KNOWN_REASONS = {choice.value for choice in DepositReason}


def on_reader_page_changed(sender, page, reason: str = "", user=None, **kwargs) -> None:
    """Sent after the commit by whoever changed the page another way (live updates, corrections, takedowns)."""
    if not conf.enabled():
        return
    request_and_enqueue(
        page=page, reason=reason if reason in KNOWN_REASONS else DepositReason.OTHER,
        revision_id=page.live_revision_id, actor_id=getattr(user, "pk", None),
    )


def on_front_slot_changed(sender, instance, raw=False, **kwargs) -> None:
    """A curated slot of the home page or a section front changed: that front as readers now get it."""
    if raw or not conf.enabled():
        return
    front = instance.front.specific if instance.front_id else None
    if front is not None and front.live:
        request_and_enqueue(page=front, reason=DepositReason.FRONT, revision_id=front.live_revision_id)


def on_group_created(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A newsroom role's group gets its record permissions when it is created (``setup_newsroom`` also runs
    ``ensure_record_roles`` for groups made before this app)."""
    if created and not raw:
        from toasoan.record.roles import grant_role_permissions

        grant_role_permissions(instance)


def connect() -> None:
    from django.contrib.auth.models import Group

    from toasoan.home.models import FrontSlot

    page_published.connect(on_page_published, dispatch_uid="toasoan_record_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="toasoan_record_unpublished")
    reader_page_changed.connect(on_reader_page_changed, dispatch_uid="toasoan_record_reader_changed")
    post_save.connect(on_front_slot_changed, sender=FrontSlot, dispatch_uid="toasoan_record_front_saved")
    post_delete.connect(on_front_slot_changed, sender=FrontSlot, dispatch_uid="toasoan_record_front_deleted")
    post_save.connect(on_group_created, sender=Group, dispatch_uid="toasoan_record_group_created")
