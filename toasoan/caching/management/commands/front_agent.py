"""``toasoan front_agent``: register this node's front and re-render on it what every purge names."""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.caching import conf, fronts


class Command(BaseCommand):
    help = _("Đăng ký bộ đệm trước (nginx) của máy này và làm mới trên nó các trang mà mỗi lần xóa đệm nêu tên "
              "(nhiều máy chủ: docs/deployment.md).")

    def add_arguments(self, parser):
        parser.add_argument("--name", metavar="TÊN",
                            required=True, help=_("Tên của bộ đệm trước này, khác nhau giữa các máy."))
        parser.add_argument("--refresh-url", metavar="ĐỊA_CHỈ",
                            help=_("Địa chỉ máy chủ làm mới của nginx (mặc định: FRONT_REFRESH_URL)."))
        parser.add_argument("--forget", action="store_true",
                            help=_("Gỡ bộ đệm trước này khỏi danh sách (khi bỏ hẳn một máy) rồi thoát."))

    def handle(self, *args, name: str, refresh_url: str | None, forget: bool, **options):
        if fronts.client() is None:
            raise CommandError(_("Cần Redis (REDIS_URL) để các máy chia nhau việc làm mới bộ đệm trước."))
        if forget:
            fronts.unregister(name)
            self.stdout.write(_("Đã gỡ bộ đệm trước «%(name)s».") % {"name": name})
            return
        refresh_url = refresh_url or conf.front_refresh_url()
        if not refresh_url:
            raise CommandError(_("Chưa có địa chỉ làm mới: dùng --refresh-url hoặc đặt FRONT_REFRESH_URL."))
        stopping = False

        def stop(*_args) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        fronts.serve(name=name, refresh_url=refresh_url, should_stop=lambda: stopping)
