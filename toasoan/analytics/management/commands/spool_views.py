"""``toasoan spool_views``: turn the beacons nginx wrote to the spool into counts (once, or every N seconds)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.analytics import spool
from toasoan.analytics.loops import repeat_until_stopped


class Command(BaseCommand):
    help = _("Đọc các lượt đọc nginx ghi vào thư mục tạm (spool) và cộng vào CSDL (một lần, hoặc mỗi N giây).")

    def add_arguments(self, parser):
        parser.add_argument("--dir", metavar="THƯ_MỤC", dest="directory", required=True, type=Path,
                            help=_("Thư mục nginx ghi lượt đọc (beacons/)."))
        parser.add_argument("--every", metavar="GIÂY", type=float, default=0, help=_("Lặp lại mỗi N giây (tối đa 5)."))

    def handle(self, *args, directory: Path, every: float, **options):
        try:
            with spool.SingleTailer(directory):
                if every <= 0:
                    outcomes = spool.process(directory)
                    self.stdout.write(" ".join(f"{o.name}={n}" for o, n in sorted(outcomes.items(),
                                                                                   key=lambda i: i[0].value)))
                    return
                self._loop(directory, min(every, 5.0))
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc

    @staticmethod
    def _loop(directory: Path, every: float) -> None:
        # A graceful stop reads what nginx has written so far.
        repeat_until_stopped(lambda: spool.process(directory), every=every, logger=spool.logger,
                             error_message="Lỗi khi đọc lượt đọc từ spool")
