"""``toasoan setup``: everything ``make demo`` needs before serving, idempotent."""

from __future__ import annotations

import glob
import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.home.services import ensure_site_structure
from toasoan.ops.credentials import record_password

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = _("Tạo hoặc cập nhật CSDL, khung trang, nội dung mẫu, bài nhập và tài khoản quản trị (chạy lại an toàn).")

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help=_("Nạp nội dung mẫu."))
        parser.add_argument(
            "--import", dest="imports", action="append", default=[], metavar="ĐƯỜNG_DẪN",
            help=_("Trang văn bản thô cần nhập và xuất bản (nhận cả mẫu glob; dùng nhiều lần được)."),
        )
        parser.add_argument("--port", metavar="CỔNG", type=int, default=8000, help=_("Cổng in ra trong lời nhắn cuối."))

    def handle(self, *args, demo: bool, imports: list[str], port: int, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("✓ CSDL đã cập nhật"))
        ensure_site_structure()
        self.stdout.write(
            _("✓ Khung trang: trang chủ, Mới nhất, Tin nóng, Media, Magazine, Infographic, Tin ảnh, Sự kiện")
        )
        if demo:
            call_command("load_demo", stdout=self.stdout)
        # Newsroom roles and the review workflow (with --demo: one account per role and stories in review).
        call_command("setup_newsroom", demo=demo, port=port, stdout=self.stdout)
        paths = sorted({p for pattern in imports for p in (glob.glob(pattern) or [pattern])})
        failed = False
        if paths:
            if "import_text" not in get_commands():
                raise CommandError(_("Lệnh import_text chưa có trong bản cài đặt này."))
            try:
                call_command(
                    "import_text", *paths, publish=True, confirm_entities=True, stdout=self.stdout, stderr=self.stderr
                )
            except (CommandError, SystemExit) as exc:
                failed = True
                self.stderr.write(_("Một số tệp không nhập được: %(error)s") % {"error": exc})
        if demo or paths:
            # Made here, not by the first readers' requests (toasoan/news/renditions.py); a re-run only finds them.
            from toasoan.news.renditions import make_live_renditions

            self.stdout.write(_("  … ảnh thu nhỏ của các bài (lần đầu mất khoảng một phút)"))
            self.stdout.write(_("✓ Ảnh thu nhỏ của %(count)d bài đã sẵn sàng") % {"count": make_live_renditions()})
        self._ensure_admin(port=port)
        if failed:
            raise CommandError(_("Đã thiết lập xong nhưng có tệp nhập lỗi (xem các dòng LỖI ở trên)."))

    def _ensure_admin(self, *, port: int) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                _("✓ Tài khoản quản trị đã có (mật khẩu ghi ở lần chạy đầu; đổi bằng: toasoan changepassword "
                  "%(username)s)") % {"username": ADMIN_USERNAME}
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
        url = f"http://127.0.0.1:{port}/admin/"
        path = record_password(username=ADMIN_USERNAME, password=password, role="Quản trị", login_url=url)
        self.stdout.write(
            _("\n"
              "  ┌─ Tài khoản quản trị ───────────────────────────────\n"
              "  │ Địa chỉ:   %(url)s\n"
              "  │ Tên:       %(username)s\n"
              "  │ Mật khẩu:  trong tệp %(path)s (chỉ chủ tệp đọc được)\n"
              "  └────────────────────────────────────────────────────\n")
            % {"url": url, "username": ADMIN_USERNAME, "path": path}
        )
