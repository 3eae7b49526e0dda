"""``toasoan front_config``: write this node's nginx configuration from the template and the settings."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.ops.front_config import FrontConfigError, render


class Command(BaseCommand):
    help = _("Ghi cấu hình nginx của máy này từ mẫu deploy/nginx/ và cài đặt (chính sách CSP, nơi lấy ảnh "
             "/uploads/: thư mục MEDIA_ROOT hay kho đối tượng).")

    def add_arguments(self, parser):
        parser.add_argument("--run-dir", required=True, metavar=_("THƯ_MỤC"),
                            help=_("Thư mục chạy của nginx (bộ đệm, tệp số tiến trình, nhật ký)."))
        parser.add_argument("--app", required=True, metavar=_("ĐỊA_CHỈ"),
                            help=_("Địa chỉ máy chủ ứng dụng, ví dụ 127.0.0.1:8090."))
        parser.add_argument("--listen", required=True, metavar=_("ĐỊA_CHỈ"),
                            help=_("Địa chỉ cho độc giả, ví dụ 127.0.0.1:8080."))
        parser.add_argument("--refresh-listen", required=True, metavar=_("ĐỊA_CHỈ"),
                            help=_("Địa chỉ máy làm mới trang, ví dụ 127.0.0.1:8081."))
        parser.add_argument("--page-files", required=True, metavar=_("THƯ_MỤC"),
                            help=_("Thư mục tệp trang (PAGE_FILES_DIR)."))
        parser.add_argument("--output", required=True, metavar=_("TỆP"), help=_("Tệp cấu hình ghi ra."))

    def handle(self, *args, run_dir: str, app: str, listen: str, refresh_listen: str, page_files: str, output: str,
               **options):
        try:
            text = render(run_dir=Path(run_dir), app=app, listen=listen, refresh_listen=refresh_listen,
                          page_files_dir=Path(page_files), as_root=os.getuid() == 0)
        except FrontConfigError as exc:
            raise CommandError(str(exc)) from None
        Path(output).write_text(text)
