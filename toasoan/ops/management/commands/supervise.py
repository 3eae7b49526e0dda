"""``toasoan supervise --procfile FILE``: run the programs of a Procfile and restart any that dies."""

from __future__ import annotations

import signal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.ops.supervisor import ProcfileError, Supervisor, parse_procfile, run_supervised


def _stop_signal(value: str) -> tuple[str, int]:
    name, _sep, sig = value.partition("=")
    try:
        return name, signal.Signals["SIG" + sig.upper().removeprefix("SIG")].value
    except KeyError:
        message = _("--stop-signal cần dạng tên=TÍN_HIỆU (ví dụ nginx=QUIT), nhận được «%s»") % value
        raise CommandError(message) from None


class Command(BaseCommand):
    help = _("Chạy các tiến trình trong một Procfile (dòng «tên: lệnh») và khởi động lại tiến trình nào bị dừng.")

    def add_arguments(self, parser):
        parser.add_argument("--procfile", metavar="TỆP", required=True, help=_("Tệp Procfile."))
        parser.add_argument("--pid-dir", metavar="THƯ_MỤC", help=_("Thư mục ghi <tên>.pid của từng tiến trình."))
        parser.add_argument("--log-dir", metavar="THƯ_MỤC",
                            help=_("Thư mục ghi <tên>.log của từng tiến trình (mặc định: màn hình)."))
        parser.add_argument("--stop-signal", action="append", default=[], metavar="TÊN=TÍN_HIỆU",
                            help=_("Tín hiệu dừng riêng cho một tiến trình, ví dụ nginx=QUIT."))
        parser.add_argument("--behind-readers", action="append", default=[], metavar="TÊN",
                            help=_("Tiến trình làm việc nặng (ví dụ worker) chạy trong nhóm CPU nhàn rỗi, chỉ dùng CPU "
                                   "bạn đọc để lại (cần chạy bằng root)."))
        parser.add_argument("--readers-first", action="append", default=[], metavar="TÊN",
                            help=_("Tiến trình bạn đọc gặp trước tiên (máy chủ web nginx) chạy ở mức ưu tiên thời gian "
                                   "thực thấp nhất, không phải chờ tiến trình nào khác (cần chạy bằng root)."))

    def handle(self, *args, procfile: str, pid_dir: str | None, log_dir: str | None, stop_signal: list[str],
               behind_readers: list[str], readers_first: list[str], **options):
        path = Path(procfile)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            message = _("Không đọc được Procfile %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            raise CommandError(message) from None
        try:
            programs = parse_procfile(text, stop_signals=dict(map(_stop_signal, stop_signal)),
                                      behind_readers=behind_readers, readers_first=readers_first)
        except ProcfileError as exc:
            raise CommandError(_("Procfile %(path)s không hợp lệ: %(error)s") % {"path": path, "error": exc}) from None
        supervisor = Supervisor(programs, pid_dir=Path(pid_dir) if pid_dir else None,
                                log_dir=Path(log_dir) if log_dir else None)
        run_supervised(supervisor, stdout=self.stdout)

