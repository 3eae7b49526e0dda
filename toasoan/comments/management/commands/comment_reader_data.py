"""``toasoan comment_reader_data EMAIL --export|--delete [--remove-text]``: a reader's request about their data —
the reader account of that address, if any, and the comments (toasoan.readers.services)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from toasoan.readers import services as reader_services


class Command(BaseCommand):
    help = _("Xuất (JSON) hoặc xóa dữ liệu của một bạn đọc theo thư điện tử: tài khoản bạn đọc (nếu có) và các bình "
             "luận. Xóa: tài khoản bị xóa hẳn, bình luận mất dữ liệu cá nhân và giữ nội dung ẩn danh.")

    def add_arguments(self, parser):
        parser.add_argument("email", metavar="THƯ_ĐIỆN_TỬ", help=_("Thư điện tử của bạn đọc (tài khoản, bình luận)."))
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true", help=_("In dữ liệu ra dạng JSON."))
        action.add_argument("--delete", action="store_true",
                            help=_("Xóa tài khoản bạn đọc và dữ liệu cá nhân trong các bình luận của địa chỉ này "
                                   "(nội dung bình luận giữ lại, ẩn danh)."))
        parser.add_argument("--remove-text", action="store_true",
                            help=_("Cùng --delete: xóa hẳn cả các bình luận, khi bạn đọc yêu cầu."))

    def handle(self, *args, email: str, export: bool, delete: bool, remove_text: bool, **options):
        if "@" not in email:
            raise CommandError(_("Địa chỉ thư điện tử không hợp lệ."))
        if remove_text and not delete:
            raise CommandError(_("--remove-text chỉ dùng cùng --delete."))
        if export:
            data = reader_services.export_on_request(email=email)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        erasure = reader_services.erase_on_request(email=email, remove_text=remove_text)
        if remove_text:
            done = _("Đã xóa %(count)d bình luận của %(email)s.")
        else:
            done = _("Đã xóa dữ liệu cá nhân trong %(count)d bình luận của %(email)s; nội dung giữ lại, ẩn danh.")
        self.stdout.write(done % {"count": erasure.comments, "email": email})
        self.stdout.write(_("Đã xóa tài khoản bạn đọc của địa chỉ này.") if erasure.account
                          else _("Địa chỉ này không có tài khoản bạn đọc."))
