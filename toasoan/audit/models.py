"""The audit trail is Wagtail's own action log (``ModelLogEntry`` and ``PageLogEntry``): this app adds where each
action came from, the events Wagtail does not log, the protection of the entries and the report. Its one model
holds no rows: it carries the permission to read and export the whole log (the editor-in-chief and the system
administrator have it, see :mod:`toasoan.audit.roles`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogProtectedError(Exception):
    """An audit log entry may not be changed or deleted."""


class AuditTrail(models.Model):
    class Meta:
        managed = False
        db_table = "audit_trail_permission_only"
        default_permissions = ()
        permissions = [("view_audit_trail", _("Xem, lọc và tải nhật ký thao tác"))]
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
