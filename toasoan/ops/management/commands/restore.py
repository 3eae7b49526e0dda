"""``toasoan restore ARCHIVE``: check an archive of ``toasoan backup`` and bring everything back."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.ops.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = _("Khôi phục CSDL, tệp tải lên và khóa bí mật từ tệp của «toasoan backup» (ghi đè CSDL hiện có).")

    def add_arguments(self, parser):
        parser.add_argument("archive", metavar="TỆP_SAO_LƯU", help=_("Tệp sao lưu .tar."))
        parser.add_argument("--yes", action="store_true", help=_("Không hỏi lại trước khi ghi đè CSDL."))
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help=_("Không hỏi gì (khi đó phải có --yes)."))
        parser.add_argument("--check", action="store_true", help=_("Chỉ kiểm tra tệp sao lưu, không khôi phục."))
        parser.add_argument("--media-root", metavar="THƯ_MỤC", help=_("Thư mục tệp tải lên (mặc định MEDIA_ROOT)."))
        parser.add_argument("--secrets-to", metavar="TỆP",
                            help=_("Nơi ghi khóa bí mật (mặc định var/restored-secrets.env)."))

    def handle(self, *args, archive: str, yes: bool, check: bool, media_root: str | None, secrets_to: str | None,
               **options):
        path = Path(archive)
        try:
            manifest = verify(path)
            if check:
                self.stdout.write(_("✓ Tệp sao lưu nguyên vẹn: %(files)d tệp khớp tổng kiểm tra (tạo lúc %(at)s)")
                                  % {"files": len(manifest.files), "at": manifest.created_at})
                return
            if not yes:
                if not options.get("interactive", True) or not self.stdin_is_tty():
                    raise CommandError(_("Khôi phục ghi đè CSDL hiện có: chạy lại với --yes để xác nhận."))
                answer = input(_("Khôi phục sẽ ghi đè CSDL và tệp tải lên hiện có. Gõ «có» để tiếp tục: "))
                if answer.strip().lower() not in {"có", "co", "yes"}:
                    raise CommandError(_("Đã hủy, không thay đổi gì."))
            manifest = restore(archive=path, media_root=Path(media_root) if media_root else None,
                               secrets_to=Path(secrets_to) if secrets_to else None)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        pages = manifest.counts.get("wagtailcore.Page", 0)
        self.stdout.write(_("✓ Đã khôi phục bản sao lưu lúc %(at)s: %(tables)d bảng khớp số dòng (%(pages)d trang), "
                            "%(files)d tệp. Khóa bí mật: %(secrets)s — đặt lại SECRET_KEY từ tệp này.")
                          % {"at": manifest.created_at, "tables": len(manifest.counts), "pages": pages,
                             "files": len(manifest.files), "secrets": secrets_to or "var/restored-secrets.env"})

    @staticmethod
    def stdin_is_tty() -> bool:
        import sys

        return sys.stdin.isatty()
