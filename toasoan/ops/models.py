"""What the long-running processes report about themselves (``/readyz``, stuck-task reclaim)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """One row per running task worker (``worker:<id>``) and one for the scheduler, refreshed every few seconds."""

    class Kind(models.TextChoices):
        WORKER = "worker", _("Tiến trình tác vụ nền")
        SCHEDULER = "scheduler", _("Lịch đăng bài")

    name = models.CharField(_("tên"), max_length=128, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, db_index=True)
    host = models.CharField(_("máy"), max_length=255, blank=True)
    pid = models.IntegerField(_("mã tiến trình"), null=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    seen_at = models.DateTimeField(_("báo lần cuối lúc"), db_index=True)
    current_task = models.CharField(_("tác vụ đang chạy"), max_length=64, blank=True)
    queues = models.CharField(_("hàng đợi"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhịp tim tiến trình")
        verbose_name_plural = _("nhịp tim tiến trình")

    def __str__(self) -> str:
        return self.name
