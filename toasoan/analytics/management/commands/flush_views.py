"""``toasoan flush-views``: move view counts from Redis to the database (once, or every N seconds)."""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from toasoan.analytics import counters


class Command(BaseCommand):
    help = "Ghi lượt đọc từ Redis vào CSDL (một lần, hoặc lặp lại mỗi N giây với --every)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="Lặp lại mỗi N giây (tối đa 10).")

    def handle(self, *args, every: float, **options):
        if every <= 0:
            self.stdout.write(f"{counters.flush()}")
            return
        every = min(every, 10.0)
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            try:
                counters.flush()
            except Exception:  # keep flushing; the batch stays in Redis and is retried
                counters.logger.exception("Lỗi khi ghi lượt đọc")
            finally:
                close_old_connections()
            deadline = time.monotonic() + every
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
        counters.flush()  # a graceful stop writes what is pending
