"""Heartbeats of the task workers and the scheduler."""

from __future__ import annotations

import os
import socket
from datetime import datetime

from django.utils import timezone

from toasoan.ops.models import Heartbeat


def beat(*, name: str, kind: str, started_at: datetime, current_task: str = "", queues: str = "") -> None:
    """Record that the process ``name`` is alive now (one upsert)."""
    now = timezone.now()
    updated = Heartbeat.objects.filter(name=name).update(seen_at=now, current_task=current_task, queues=queues,
                                                          pid=os.getpid())
    if not updated:
        Heartbeat.objects.update_or_create(name=name, defaults={
            "kind": kind, "host": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at,
            "seen_at": now, "current_task": current_task, "queues": queues[:255]})


def forget(*, name: str) -> None:
    Heartbeat.objects.filter(name=name).delete()
