"""``toasoan purge_comment_data``: clear personal data past its retention now (the scheduler does it hourly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from toasoan.comments import privacy


class Command(BaseCommand):
    help = _("Xóa dữ liệu cá nhân của bạn đọc trong bình luận đã quá thời hạn lưu (IP, thư điện tử, điện thoại).")

    def handle(self, *args, **options):
        self.stdout.write(str(privacy.purge_expired()))
