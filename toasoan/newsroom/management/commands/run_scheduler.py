"""``toasoan run_scheduler``: publish and take down stories on time (started by ``toasoan serve``)."""

from __future__ import annotations

import logging
import signal

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from toasoan.newsroom.scheduler import SchedulerRun, run_due, run_forever
from toasoan.ops.services import beat

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = _("Đăng bài đã duyệt đúng giờ lên trang và gỡ bài hết hạn (chạy liên tục, mỗi vài giây kiểm tra một lần).")

    def add_arguments(self, parser):
        parser.add_argument("--interval", metavar="GIÂY",
                            type=float, default=15.0, help=_("Số giây giữa hai lần kiểm tra (mặc định 15)."))
        parser.add_argument("--once", action="store_true", help=_("Chỉ kiểm tra một lần rồi thoát."))

    def handle(self, *args, interval: float, once: bool, **options):
        if once:
            self._report(run_due())
            return
        stopping = {"now": False}

        def stop(*_args):
            stopping["now"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(_("Lịch đăng bài: kiểm tra mỗi %(seconds)s giây.") % {"seconds": f"{interval:g}"})
        self._started = timezone.now()
        run_forever(interval=interval, should_stop=lambda: stopping["now"], on_run=self._report)

    def _report(self, run: SchedulerRun) -> None:
        started = getattr(self, "_started", None)
        if started is not None:  # the loop: /readyz reads how recently the scheduler ran
            try:
                beat(name="scheduler", kind="scheduler", started_at=started)
            except Exception:
                logger.warning("Không ghi được nhịp tim của lịch đăng bài", exc_info=True)
        if run.published:
            pages = ", ".join(map(str, run.published))
            self.stdout.write(_("Đã đăng theo lịch: %(count)d bài (trang %(pages)s)")
                              % {"count": len(run.published), "pages": pages})
        if run.expired:
            pages = ", ".join(map(str, run.expired))
            self.stdout.write(_("Đã gỡ bài hết hạn: %(count)d bài (trang %(pages)s)")
                              % {"count": len(run.expired), "pages": pages})
