"""``toasoan flush-views``: move view counts from Redis to the database (once, or every N seconds)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from toasoan.analytics import counters
from toasoan.analytics.loops import repeat_until_stopped


class Command(BaseCommand):
    help = _("Ghi lượt đọc từ Redis vào CSDL (một lần, hoặc lặp lại mỗi N giây với --every).")

    def add_arguments(self, parser):
        parser.add_argument("--every", metavar="GIÂY", type=float, default=0, help=_("Lặp lại mỗi N giây (tối đa 10)."))

    def handle(self, *args, every: float, **options):
        if every <= 0:
            self.stdout.write(f"{counters.flush()}")
            return
        # A graceful stop writes what is pending; a failed round leaves its batch in Redis for the next.
        repeat_until_stopped(counters.flush, every=min(every, 10.0), logger=counters.logger,
                             error_message="Lỗi khi ghi lượt đọc")
