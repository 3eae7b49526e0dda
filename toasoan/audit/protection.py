"""Every log entry gets its origin when it is written, and none is changed or deleted afterwards.

The refusal here covers the ORM paths (saving an existing entry, deleting one or a queryset of them); on
PostgreSQL a trigger (migration 0001) refuses every UPDATE and DELETE on the log tables, whatever issues it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry

from toasoan.audit import origin
from toasoan.audit.models import AuditLogProtectedError

LOG_MODELS = (ModelLogEntry, PageLogEntry)


def stamp_origin(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if not instance._state.adding:
        raise AuditLogProtectedError(_("Mục nhật ký thao tác không thể bị sửa."))
    data = instance.data if isinstance(instance.data, dict) else {}
    if origin.ORIGIN_KEY not in data:
        instance.data = {**data, origin.ORIGIN_KEY: origin.current()}


def refuse_delete(sender, instance, **kwargs) -> None:
    raise AuditLogProtectedError(_("Mục nhật ký thao tác không thể bị xóa."))


def connect() -> None:
    from django.db.models.signals import pre_delete, pre_save

    for model in LOG_MODELS:
        pre_save.connect(stamp_origin, sender=model, dispatch_uid=f"toasoan_audit_stamp_{model.__name__}")
        pre_delete.connect(refuse_delete, sender=model, dispatch_uid=f"toasoan_audit_refuse_{model.__name__}")
