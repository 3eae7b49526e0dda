"""Readiness checks behind ``/readyz``: database, cache, task worker heartbeat, scheduler lag, and — reported, never
failing readiness — the read replica's state and lag when one is configured (readers fall back to the primary)
and whether the beacon spool this process writes is being read."""

from __future__ import annotations

import math
import uuid
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.ops import conf
from toasoan.ops.models import Heartbeat


@dataclass
class Check:
    ok: bool
    detail: str
    data: dict = field(default_factory=dict)
    required: bool = True  # False: reported in the body, but the node is ready without it


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "not ready", never a 500
        return Check(False, _("CSDL không trả lời: %s") % type(exc).__name__)
    return Check(True, _("CSDL trả lời"))


def check_cache() -> Check:
    key, value = f"ops:readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value  # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down
        cache.delete(key)
    except Exception as exc:
        return Check(False, _("Bộ nhớ đệm lỗi: %s") % type(exc).__name__)
    return Check(True, _("Bộ nhớ đệm đọc ghi được")) if ok else Check(False, _("Bộ nhớ đệm không lưu được"))


def check_worker() -> Check:
    now = timezone.now()
    since = now - timedelta(seconds=conf.stale_seconds())
    fresh = Heartbeat.objects.filter(kind=Heartbeat.Kind.WORKER, seen_at__gte=since)
    workers = list(fresh.values_list("name", "seen_at"))
    data = {"workers": len(workers),
            "last_seen_seconds": round(min(((now - seen).total_seconds() for _n, seen in workers), default=-1), 1)}
    if not workers:
        return Check(False, _("Không có tiến trình tác vụ nền nào báo còn chạy"), data)
    return Check(True, _("%d tiến trình tác vụ nền đang chạy") % len(workers), data)


def check_scheduler() -> Check:
    from wagtail.models import Revision

    now = timezone.now()
    beat = Heartbeat.objects.filter(kind=Heartbeat.Kind.SCHEDULER).order_by("-seen_at").first()
    oldest_due = (Revision.objects.filter(approved_go_live_at__isnull=False, approved_go_live_at__lte=now)
                  .order_by("approved_go_live_at").values_list("approved_go_live_at", flat=True).first())
    lag = (now - oldest_due).total_seconds() if oldest_due else 0.0
    data = {"lag_seconds": round(lag, 1),
            "last_seen_seconds": round((now - beat.seen_at).total_seconds(), 1) if beat else None}
    if beat is None or (now - beat.seen_at).total_seconds() > conf.stale_seconds():
        return Check(False, _("Lịch đăng bài không chạy"), data)
    if lag > conf.scheduler_max_lag():
        return Check(False, _("Lịch đăng bài chậm %d giây") % lag, data)
    return Check(True, _("Lịch đăng bài đúng giờ"), data)


def check_replica() -> Check | None:
    """The read replica (``DATABASE_REPLICA_URL``): answering, and how far its replay is behind. Not required: while
    it is away or too far behind, readers' pages read from the primary (toasoan/replica/health.py)."""
    from toasoan.replica import health as replica

    if not replica.configured():
        return None
    lag, limit = replica.lag_seconds(), replica.max_lag_seconds()
    used = lag is not None and lag <= limit
    if lag is not None:  # tenths, rounded up: a replica 4.03 s behind a 4-second limit reads 4.1, not 4.0
        lag = math.ceil(lag * 10) / 10
    data = {"lag_seconds": lag, "max_lag_seconds": limit,
            "readers_on_replica": used}
    if lag is None:
        detail = _("Bản sao đọc không trả lời: độc giả đang đọc từ CSDL chính")
    elif not used:
        detail = _("Bản sao đọc chậm %(lag).1f giây (giới hạn %(limit).1f): độc giả đang đọc từ CSDL chính") % {
            "lag": lag, "limit": limit}
    else:
        detail = _("Bản sao đọc theo kịp (chậm %.1f giây): độc giả đọc từ bản sao") % lag
    return Check(used, detail, data, required=False)


BEACON_SPOOL_LATE_SECONDS = 600


def check_beacon_spool() -> Check | None:
    """The app's beacon spool (``BEACON_SPOOL_DIR``) is read: no file of a window that ended long ago is left.
    Not required: the views are kept and counted once a reader reads the folder; a file left means no
    ``toasoan spool_views`` reads the folder this process writes (or it cannot reach the database)."""
    import time

    from toasoan.analytics import appspool

    folder = appspool.directory()
    if folder is None:
        return None
    try:
        windows = [int(m["window"]) for p in folder.iterdir() if (m := appspool.FILE_NAME.fullmatch(p.name))]
    except FileNotFoundError:
        windows = []
    waiting = (time.time() - (min(windows) + 1) * appspool.WINDOW_SECONDS) if windows else 0.0
    data = {"folder": str(folder), "files": len(windows), "oldest_seconds": round(max(waiting, 0.0))}
    if waiting > BEACON_SPOOL_LATE_SECONDS:
        return Check(False, _("Lượt đọc trong %(folder)s chờ đếm đã %(minutes)d phút: kiểm tra tiến trình "
                              "spool_views có đọc thư mục này") % {"folder": folder, "minutes": waiting // 60},
                     data, required=False)
    return Check(True, _("Lượt đọc trong tệp đệm được đếm kịp"), data, required=False)


def readiness() -> tuple[bool, dict[str, dict]]:
    checks = {"database": check_database(), "cache": check_cache()}
    if checks["database"].ok:
        checks["worker"] = check_worker()
        checks["scheduler"] = check_scheduler()
    else:
        skipped = Check(False, _("Không kiểm tra được khi CSDL không trả lời"))
        checks["worker"] = checks["scheduler"] = skipped
    replica = check_replica()
    if replica is not None:
        checks["replica"] = replica
    spool = check_beacon_spool()
    if spool is not None:
        checks["beacons"] = spool
    ready = all(c.ok for c in checks.values() if c.required)
    return ready, {name: asdict(c) for name, c in checks.items()}
