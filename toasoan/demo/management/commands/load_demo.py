"""``toasoan load-demo``: the demo newspaper (sections, authors, events, ~30 articles, generated images)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from toasoan.demo.services import load_demo


class Command(BaseCommand):
    help = (
        "Nạp nội dung mẫu: chuyên mục, tác giả, sự kiện, khoảng 30 bài mọi thể loại và ảnh tạo tự động "
        "(chạy lại không tạo trùng)."
    )

    def handle(self, *args, **options) -> None:
        load_demo(stdout=self.stdout)
