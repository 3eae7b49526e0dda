"""``toasoan backup``: the database, the uploads and the secret key in one verified archive."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.ops.backup import BackupError, create, verify


class Command(BaseCommand):
    help = _("Sao lưu CSDL, tệp tải lên và khóa bí mật vào một tệp .tar có bản kê tổng kiểm tra "
             "(docs/operations.md).")

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="THƯ_MỤC", default=str(Path(settings.VAR_DIR) / "backups"),
                            help=_("Thư mục ghi tệp sao lưu (mặc định var/backups)."))
        parser.add_argument("--media-root", metavar="THƯ_MỤC", help=_("Thư mục tệp tải lên (mặc định MEDIA_ROOT)."))

    def handle(self, *args, output: str, media_root: str | None, **options):
        try:
            archive, manifest = create(output=Path(output), media_root=Path(media_root) if media_root else None)
            verify(archive)  # read back: a backup that cannot be restored is found now, not on the bad day
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(_("Không ghi được tệp sao lưu vào %(path)s: %(error)s")
                               % {"path": output, "error": exc.strerror}) from None
        size = archive.stat().st_size / 1e6
        pages = manifest.counts.get("wagtailcore.Page", 0)
        self.stdout.write(_("✓ Đã sao lưu và kiểm tra: %(path)s (%(size).1f MB; %(pages)d trang, %(files)d tệp; "
                            "chỉ chủ tệp đọc được vì chứa khóa bí mật)")
                          % {"path": archive, "size": size, "pages": pages, "files": len(manifest.files)})
