"""``toasoan expire_page_files``: remove page files older than the page lifetime (once, or every N seconds)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.analytics.loops import repeat_until_stopped
from toasoan.caching import conf, page_files
from toasoan.caching.refresh import refresh_one


class Command(BaseCommand):
    help = _("Xóa các tệp trang cũ hơn thời hạn của trang, để lần đọc sau đi qua bộ đệm trang và trang được dựng "
              "lại (một lần, hoặc mỗi N giây). Khi lặp lại, tệp nào bạn đọc đã xem từ lúc được ghi thì được dựng lại "
              "qua máy chủ làm mới của bộ đệm trước vài giây trước khi hết hạn, thay vì bị xóa.")

    def add_arguments(self, parser):
        parser.add_argument("--dir", metavar="THƯ_MỤC", dest="directory", type=Path,
                            help=_("Thư mục tệp trang (mặc định: PAGE_FILES_DIR)."))
        parser.add_argument("--seconds", metavar="GIÂY",
                            type=float, help=_("Thời hạn của trang (mặc định: PAGE_CACHE_SECONDS)."))
        parser.add_argument("--every", metavar="GIÂY", type=float, default=0, help=_("Lặp lại mỗi N giây."))

    def handle(self, *args, directory: Path | None, seconds: float | None, every: float, **options):
        root = directory or page_files.directory()
        if root is None:
            raise CommandError(_("Chưa có thư mục tệp trang: dùng --dir hoặc đặt PAGE_FILES_DIR."))
        lifetime = seconds if seconds is not None else conf.fresh_seconds()
        if lifetime <= 0:
            raise CommandError(_("Thời hạn của trang phải lớn hơn 0 giây."))
        root.mkdir(parents=True, exist_ok=True)
        # nginx counts a page's lifetime in whole seconds: a file goes one second after its page expired there, so
        # the reader it sends on gets the expired copy (and its background update), not a still-fresh one that
        # would leave the file unwritten until it expires.
        lifetime += 1
        if every <= 0:
            removed = page_files.expire(root=root, seconds=lifetime)
            self.stdout.write(_("Đã xóa %(count)d tệp trang cũ.") % {"count": removed})
            return
        # Repeating (the stack's janitor): pages readers still ask for are renewed through the front's refresh
        # server shortly before they expire, when there is one (page_files.Janitor).
        base = conf.front_refresh_url()
        janitor = page_files.Janitor(
            root=root, seconds=lifetime, ahead=min(5.0, lifetime / 4),
            refresh=(lambda host, path: refresh_one(base, f"{host}|{path}")) if base else None)
        repeat_until_stopped(janitor.run, every=every, logger=page_files.logger,
                             error_message="Lỗi khi xóa tệp trang cũ")
