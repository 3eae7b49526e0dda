"""``toasoan deposit verify|retry|export``: the legal record from the command line (docs/record.md)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

PROBLEMS = {
    "gap": "thiếu bản lưu trước đó (số thứ tự không liền)",
    "body": "nội dung trang không khớp mã băm SHA-256 đã lưu",
    "asset": "tệp đi kèm (ảnh, CSS) bị thiếu hoặc đã bị sửa",
    "link": "không nối với mã băm của bản lưu trước",
    "hash": "thông tin bản lưu đã bị sửa (mã băm bản lưu không khớp)",
    "head": "bản lưu cuối chuỗi bị thiếu hoặc đã bị sửa",
}


def parse_day(value: str) -> date:
    """A day as the newsroom writes it: dd/mm/yyyy."""
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(_("Ngày “%(value)s” không hợp lệ: hãy viết theo dạng ngày/tháng/năm, ví dụ 25/12/2026.")
                           % {"value": value}) from None


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


class Command(BaseCommand):
    help = "Bản lưu chiểu: kiểm tra chuỗi (verify), lưu lại các bản còn thiếu (retry), xuất tệp WARC (export)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="lệnh")
        sub.add_parser("verify", help="Tính lại mã băm của cả chuỗi bản lưu chiểu và báo mọi chỗ đứt gãy.")
        sub.add_parser("retry", help="Lưu ngay các bản lưu chiểu còn thiếu (sau sự cố đĩa đầy, mất CSDL...).")
        export = sub.add_parser("export", help="Xuất bản lưu chiểu ra tệp WARC kèm bảng kê (CSV, JSON).")
        export.add_argument("--from", metavar="NGÀY", dest="since", help="Từ ngày (dd/mm/yyyy), theo giờ Việt Nam.")
        export.add_argument("--to", metavar="NGÀY", dest="until", help="Đến hết ngày (dd/mm/yyyy).")
        export.add_argument("--output", metavar="THƯ_MỤC", required=True, help="Thư mục ghi tệp WARC và bảng kê.")

    def handle(self, *args, action: str, **options):
        return getattr(self, f"_{action}")(**options)

    def _verify(self, **options) -> None:
        from toasoan.record.selectors import verify_chain

        report = verify_chain()
        if report.ok:
            self.stdout.write(_("Chuỗi lưu chiểu nguyên vẹn: %(count)s bản lưu, không có chỗ đứt gãy.")
                              % {"count": report.checked})
            return
        for item in report.breaks:
            self.stdout.write(_("ĐỨT GÃY ở vị trí %(position)s (bản lưu số %(seq)s): %(problem)s")
                              % {"position": item.position, "seq": item.seq, "problem": _(PROBLEMS[item.problem])})
        raise CommandError(_("Chuỗi lưu chiểu có %(count)s chỗ đứt gãy trên %(checked)s bản lưu.")
                           % {"count": len(report.breaks), "checked": report.checked})

    def _retry(self, **options) -> None:
        from toasoan.record.services import retry_open_requests

        written, failed = retry_open_requests()
        self.stdout.write(_("Đã lưu %(written)s bản lưu chiểu; còn %(failed)s bản chưa lưu được.")
                          % {"written": written, "failed": failed})
        if failed:
            raise CommandError(_("Còn bản lưu chiểu chưa lưu được; xem nhật ký lỗi rồi chạy lại."))

    def _export(self, *, since: str | None, until: str | None, output: str, **options) -> None:
        from toasoan.record.warc import export_records

        start = day_start(parse_day(since)) if since else None
        end = day_start(parse_day(until) + timedelta(days=1)) if until else None
        if start and end and start >= end:
            raise CommandError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise CommandError(_("“%(path)s” không phải là thư mục.") % {"path": output})
        result = export_records(since=start, until=end, folder=folder)
        self.stdout.write(_("Đã xuất %(count)s bản lưu chiểu vào %(warc)s; bảng kê: %(csv)s, %(json)s")
                          % {"count": result.count, "warc": result.warc, "csv": result.manifest_csv,
                             "json": result.manifest_json})
