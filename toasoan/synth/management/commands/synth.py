"""``toasoan synth``: a seeded synthetic Vietnamese archive for benchmarks and demos."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.synth.generator import SHAPES, generate
from toasoan.synth.loader import NotEnoughDiskError, check_disk, load, vacuum_analyze


class Command(BaseCommand):
    help = _("Sinh kho bài tổng hợp (tiếng Việt, có hạt giống cố định) và nạp nhanh vào cơ sở dữ liệu")

    def add_arguments(self, parser):
        parser.add_argument("--count", metavar="SỐ", type=int, default=2000, help=_("Số bài (mặc định 2000)"))
        parser.add_argument("--seed", metavar="SỐ", type=int, default=2024,
                            help=_("Hạt giống ngẫu nhiên (mặc định 2024)"))
        parser.add_argument("--shape", choices=sorted(SHAPES), default="classic",
                            help=_("Hình dạng kho: classic (10 chuyên mục, 20 sự kiện, 60 tác giả) hoặc million "
                                   "(50 chuyên mục, 2.000 sự kiện cho một triệu bài — kho nhỏ hơn có ít sự kiện "
                                   "hơn theo tỉ lệ, 1.000 tác giả và 19.000 nhân vật)"))
        parser.add_argument("--batch-size", metavar="SỐ", type=int, default=2000,
                            help=_("Số bài mỗi lượt ghi vào CSDL (mặc định 2000)"))
        parser.add_argument("--no-index", action="store_true", help=_("Không dựng chỉ mục tìm kiếm sau khi nạp"))

    def handle(self, *args, count: int, seed: int, shape: str, batch_size: int, no_index: bool, **options):
        if count <= 0:
            raise CommandError(_("--count phải lớn hơn 0"))
        try:
            needed, free = check_disk(count)
        except NotEnoughDiskError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Dung lượng: cần ~%(needed).1f GB, còn %(free).1f GB.")
                          % {"needed": needed / 1024**3, "free": free / 1024**3})
        started = time.monotonic()

        def progress(done: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stderr.write(_("\rĐã nạp %(done)s/%(count)s bài (%(rate)s bài/giây)")
                              % {"done": f"{done:,}", "count": f"{count:,}", "rate": f"{rate:,.0f}"}, ending="")
            self.stderr.flush()

        chosen = SHAPES[shape].for_count(count)
        ids = load(generate(seed=seed, count=count, shape=chosen), seed=seed, batch_size=batch_size,
                   progress=progress, shape=chosen)
        self.stderr.write("")
        self.stdout.write(_("Đã nạp %(count)s bài trong %(seconds).1f giây.")
                          % {"count": f"{len(ids):,}", "seconds": time.monotonic() - started})
        vacuum_analyze()
        self.stdout.write(_("Đã cập nhật thống kê (VACUUM ANALYZE), tổng %(seconds).1f giây.")
                          % {"seconds": time.monotonic() - started})
        if not no_index:
            from django.core.management import call_command

            call_command("reindex", stdout=self.stdout, stderr=self.stderr)
