"""``toasoan purge-cdn TAG…``: purge the CDN by cache tag now (``--dry-run``: print the requests instead)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.caching import cdn


class Command(BaseCommand):
    help = _("Xóa bộ đệm CDN theo thẻ (ví dụ a:123, home, all) hoặc theo địa chỉ trang (docs/operations.md, «CDN»).")

    def add_arguments(self, parser):
        parser.add_argument("tags", metavar="THẺ",
                            nargs="*", help=_("Thẻ bộ đệm: a:<mã bài>, s:<mã chuyên mục>, home, all…"))
        parser.add_argument("--url", metavar="ĐỊA_CHỈ", action="append", default=[],
                            help=_("Địa chỉ trang đầy đủ cần xóa (lặp lại được)."))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("Chỉ in các yêu cầu sẽ gửi tới CDN (khóa API được che), không gửi."))

    def handle(self, *args, tags: list[str], url: list[str], dry_run: bool, **options):
        found = cdn.backend()
        if found is None:
            raise CommandError(_("Chưa cấu hình CDN: đặt CDN=cloudflare hoặc CDN=fastly cùng CDN_API_TOKEN (xem "
                                 "docs/operations.md, «CDN»)."))
        if not tags and not url:
            raise CommandError(_("Hãy nêu ít nhất một thẻ hoặc một --url."))
        if dry_run:
            found = type(found)({**found.params, "DRY_RUN": True, "OUT": self.stdout})
        failed = []
        if tags:
            failed = found.purge_tags(tags).failed
        if url:
            found.purge_batch(url)
        if failed:
            raise CommandError(_("CDN chưa nhận lệnh xóa %(count)d thẻ, ví dụ «%(tag)s» (xem nhật ký).")
                               % {"count": len(failed), "tag": failed[0]})
        if not dry_run:
            self.stdout.write(_("✓ Đã gửi lệnh xóa bộ đệm CDN: %(tags)d thẻ, %(urls)d địa chỉ.")
                              % {"tags": len(set(tags)), "urls": len(set(url))})
