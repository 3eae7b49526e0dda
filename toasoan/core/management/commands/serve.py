"""``toasoan serve``: the web server, the background task workers, the view-count reader and the scheduler,
supervised together.

Any of them that dies is started again (``toasoan.ops.supervisor``): killing the scheduler or a worker
never takes the site down. Ctrl+C or SIGTERM stops them all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from toasoan.analytics import appspool, counters
from toasoan.ops.supervisor import Program, Supervisor, run_supervised


def serve_programs(*, host: str, port: int, workers: int, worker: bool = True, scheduler: bool = True,
                   scheduler_interval: float = 15.0, log_static: bool = False) -> list[Program]:
    python = sys.executable
    web = [python, "-m", "gunicorn", "toasoan.wsgi:application", "--bind", f"{host}:{port}",
           "--workers", str(workers), "--threads", "4", "--access-logfile", "-", "--graceful-timeout", "10"]
    if not log_static:  # one line per page, not one per image (toasoan/core/gunicorn_logging.py)
        web += ["--logger-class", "toasoan.core.gunicorn_logging.QuietStaticLogger"]
    programs = [Program("web", web)]
    if worker:
        # Every queue, most urgent first; and one worker for publication work only, so a story just published
        # never waits behind a long bulk task (toasoan/core/queue.py).
        programs.append(Program("worker", [python, "-m", "toasoan.cli", "db_worker", "--queue-name", "*",
                                           "--interval", "1", "--no-startup-delay"]))
        programs.append(Program("publisher", [python, "-m", "toasoan.cli", "db_worker", "--queue-name",
                                              "publication", "--interval", "0.5", "--no-startup-delay"]))
    # View beacons the app answered: from its spool to the database every second (toasoan/analytics/appspool.py);
    # with the spool off, from Redis (when there is one) every 5 s.
    spool_dir = appspool.directory()
    if spool_dir is not None:
        programs.append(Program("spool", [python, "-m", "toasoan.cli", "spool_views", "--dir", str(spool_dir),
                                          "--every", "1"]))
    elif counters.redis_url():
        programs.append(Program("flusher", [python, "-m", "toasoan.cli", "flush_views", "--every", "5"]))
    if scheduler:
        # Publishes approved stories at their go-live time and takes expired ones down (no cron needed);
        # its first pass at start honours, once, what fell due while the site was down.
        programs.append(Program("scheduler", [python, "-m", "toasoan.cli", "run_scheduler", "--interval",
                                              f"{scheduler_interval:g}"]))
    return programs


class Command(BaseCommand):
    help = _("Chạy trang báo: máy chủ web (gunicorn) cùng tiến trình xử lý tác vụ nền và lịch đăng bài, "
              "tự khởi động lại khi một tiến trình dừng.")

    def add_arguments(self, parser):
        parser.add_argument("--host", metavar="ĐỊA_CHỈ",
                            default="127.0.0.1", help=_("Địa chỉ lắng nghe (mặc định 127.0.0.1)."))
        parser.add_argument("--port", metavar="CỔNG",
                            type=int, default=int(os.environ.get("PORT", "8000")), help=_("Cổng."))
        parser.add_argument("--workers", metavar="SỐ", type=int, default=2, help=_("Số tiến trình web."))
        parser.add_argument("--no-worker", action="store_true", help=_("Không chạy tiến trình tác vụ nền."))
        parser.add_argument("--no-scheduler", action="store_true",
                            help=_("Không chạy lịch đăng bài (đăng và gỡ bài đúng giờ)."))
        parser.add_argument("--log-static", action="store_true",
                            help=_("Ghi cả các yêu cầu tệp tĩnh và ảnh vào nhật ký (mặc định bỏ qua cho gọn)."))
        parser.add_argument("--scheduler-interval", metavar="GIÂY", type=float, default=15.0,
                            help=_("Số giây giữa hai lần kiểm tra lịch đăng bài (mặc định 15)."))
        parser.add_argument("--pid-dir", metavar="THƯ_MỤC",
                            help=_("Thư mục ghi <tên>.pid của từng tiến trình (web, worker, spool, scheduler)."))

    def handle(self, *args, host: str, port: int, workers: int, no_worker: bool, no_scheduler: bool = False,
               scheduler_interval: float = 15.0, pid_dir: str | None = None, log_static: bool = False,
               **options):
        # WhiteNoise warns in every worker when the collected-static folder is missing (dev serves from apps).
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")}
        programs = serve_programs(host=host, port=port, workers=workers, worker=not no_worker,
                                  scheduler=not no_scheduler, scheduler_interval=scheduler_interval,
                                  log_static=log_static)
        self.stdout.write(
            _("Trang báo: %(site)s   Quản trị: %(admin)s   (Ctrl+C để dừng)")
            % {"site": f"http://{host}:{port}/", "admin": f"http://{host}:{port}/admin/"}
        )
        run_supervised(Supervisor(programs, env=env, pid_dir=Path(pid_dir) if pid_dir else None))
