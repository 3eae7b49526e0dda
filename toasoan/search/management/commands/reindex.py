"""``toasoan reindex``: rebuild the search index from every live article, with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from toasoan.search import services


class ProgressBar:
    def __init__(self, stream, *, width: int = 40) -> None:
        self.stream = stream
        self.width = width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        total = max(total, done, 1)
        filled = int(self.width * done / total)
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} bài "
                          f"({rate:,.0f} bài/giây)")
        self.stream.flush()


class Command(BaseCommand):
    help = _("Dựng lại chỉ mục tìm kiếm từ mọi bài đang xuất bản")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", metavar="SỐ",
                            type=int, default=2000, help=_("Số bài mỗi lượt ghi (mặc định 2000)"))
        parser.add_argument("--workers", metavar="SỐ", type=int, default=2,
                            help=_("Số tiến trình lập chỉ mục song song trên PostgreSQL (mặc định 2)"))
        parser.add_argument("--quiet", action="store_true", help=_("Không hiện thanh tiến độ"))

    def handle(self, *args, batch_size: int, workers: int, quiet: bool, **options):
        started = time.monotonic()
        bar = None if quiet else ProgressBar(sys.stderr if self.stderr is None else self.stderr)
        count = services.rebuild(batch_size=batch_size, workers=workers, progress=bar)
        if bar:
            self.stderr.write("")
        self.stdout.write(_("Đã lập chỉ mục %(count)d bài trong %(seconds).1f giây.")
                          % {"count": count, "seconds": time.monotonic() - started})
