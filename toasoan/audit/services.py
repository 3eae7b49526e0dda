"""Writing to the audit trail (Wagtail's action log) for the events Wagtail does not log itself.

Every entry gets its origin (address and browser, or command and machine) from :mod:`toasoan.audit.origin`.
An audit write never stops the action it records: a failure is logged to the server log instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from toasoan.audit import origin

logger = logging.getLogger(__name__)

MAX_USERNAME = 150
MAX_SOURCES_LISTED = 20
UNKNOWN_ACCOUNT_ID = "0"  # the object of a log entry about a name that is no account


def unwrap(value):
    """The object behind ``request.user``'s lazy wrappers (django-otp wraps Django's lazy user in another), which
    Wagtail's log registry would not recognise."""
    while isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    return value


def record(*, instance, action: str, user=None, data: Mapping | None = None, title: str | None = None):
    """Log ``action`` on ``instance``; never raises, never breaks the transaction it is written in."""
    instance, user = unwrap(instance), unwrap(user)
    try:
        kwargs = {"data": dict(data or {})}
        if title:
            kwargs["title"] = title
        with transaction.atomic():  # a failed write must not break the caller's transaction (PostgreSQL)
            return log(instance=instance, action=action, user=user, **kwargs)
    except Exception:
        logger.exception("Không ghi được nhật ký thao tác %s", action)
        return None


def on_new_entry(attach, *, failure: str):
    """A ``pre_save`` receiver for the log models that lets ``attach(entry)`` add to a new entry's data before it
    is written (the log is never updated afterwards). ``attach`` runs in a savepoint and never raises: a failed
    query must not break the transaction of the action being logged (PostgreSQL), nor stop the entry."""

    def receiver(sender, instance, raw=False, **kwargs) -> None:
        if raw or not instance._state.adding:
            return
        try:
            with transaction.atomic():
                attach(instance)
        except Exception:
            logger.exception(failure)

    return receiver


def record_change(*, model: type, object_id, label: str, action: str, user=None, data: Mapping | None = None):
    """Log ``action`` on the object ``object_id`` of ``model``, which may no longer exist (a deleted item); never
    raises, never breaks the transaction it is written in."""
    user = unwrap(user)
    try:
        with transaction.atomic():
            return ModelLogEntry.objects.create(
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
                object_id=str(object_id), label=str(label)[:255], action=action, timestamp=timezone.now(),
                user=user if getattr(user, "is_authenticated", False) else None, data=dict(data or {}),
                content_changed=True, deleted=action == "wagtail.delete")
    except Exception:
        logger.exception("Không ghi được nhật ký thao tác %s", action)
        return None


def record_unknown_account(*, action: str, username: str, data: Mapping | None = None, label: str = ""):
    """Log ``action`` about a user name no account has (a failed sign-in with a mistyped or guessed name);
    ``label`` names it otherwise in the log."""
    from django.utils.translation import gettext as _

    try:
        return ModelLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(get_user_model()), object_id=UNKNOWN_ACCOUNT_ID,
            label=label or _("«%(name)s» (không có tài khoản này)") % {"name": username[:MAX_USERNAME]},
            action=action, timestamp=timezone.now(), data=dict(data or {}),
        )
    except Exception:
        logger.exception("Không ghi được nhật ký thao tác %s", action)
        return None


def record_import_run(*, runner, command: str, sources: Iterable[str], counts: Mapping[str, int],
                      options: Mapping | None = None):
    """One entry per run of an import command: who ran it (the named account or the import system account),
    from which machine, what it read and how many items ended how."""
    from django.utils.translation import gettext as _

    listed = [str(source)[:500] for source in sources]
    title = _("Nhập bài: %(sources)s") % {"sources": ", ".join(listed[:3]) + (" …" if len(listed) > 3 else "")}
    data = {"sources": listed[:MAX_SOURCES_LISTED], "source_count": len(listed),
            "counts": {str(key): int(value) for key, value in counts.items()}, "options": dict(options or {})}
    with origin.acting_from(origin.for_command(command)):
        return record(instance=runner, action="toasoan.import", user=runner, data=data, title=title[:1000])
