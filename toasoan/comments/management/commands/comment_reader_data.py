"""``toasoan comment_reader_data EMAIL --export|--delete``: a reader's request about their comment data."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from toasoan.comments import privacy


class Command(BaseCommand):
    help = "Xuất (JSON) hoặc xóa mọi bình luận và dữ liệu cá nhân kèm theo của một bạn đọc, theo thư điện tử."

    def add_arguments(self, parser):
        parser.add_argument("email", metavar="THƯ_ĐIỆN_TỬ", help="Thư điện tử bạn đọc đã dùng khi bình luận.")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true", help="In dữ liệu ra dạng JSON.")
        action.add_argument("--delete", action="store_true", help="Xóa mọi bình luận của địa chỉ này.")

    def handle(self, *args, email: str, export: bool, delete: bool, **options):
        if "@" not in email:
            raise CommandError("Địa chỉ thư điện tử không hợp lệ.")
        if export:
            self.stdout.write(json.dumps(privacy.export_by_email(email=email), ensure_ascii=False, indent=2))
            return
        count = privacy.erase_by_email(email=email)
        self.stdout.write(f"Đã xóa {count} bình luận của {email}.")
