"""``toasoan setup_newsroom [--demo]``: roles, permissions and the review workflow; demo accounts and stories."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from toasoan.newsroom.roles import ROLE_LABELS, ensure_newsroom
from toasoan.ops.credentials import passwords_file, record_password


class Command(BaseCommand):
    help = _("Tạo vai trò tòa soạn (nhóm, quyền theo chuyên mục) và quy trình duyệt bài; --demo thêm tài khoản mẫu.")

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help=_("Tạo một tài khoản cho mỗi vai trò và vài bài mẫu."))
        parser.add_argument("--port", metavar="CỔNG", type=int, default=8000,
                            help=_("Cổng in trong địa chỉ đăng nhập."))

    def handle(self, *args, demo: bool, port: int, **options):
        from toasoan.audit.roles import ensure_audit_roles
        from toasoan.record.roles import ensure_record_roles

        self._handle(demo=demo, port=port)
        ensure_record_roles()  # the inspector (Thanh tra lưu chiểu) and the record permissions of the roles
        ensure_audit_roles()  # the chief and the administrator read and export the audit trail

    def _handle(self, *, demo: bool, port: int) -> None:
        if not demo:
            newsroom = ensure_newsroom()
            self.stdout.write(_("✓ Vai trò tòa soạn: %(groups)d nhóm chung, %(desks)d ban; quy trình «%(workflow)s»")
                              % {"groups": len(newsroom.groups), "desks": len(newsroom.desk_groups),
                                 "workflow": newsroom.workflow.name})
            return
        from toasoan.newsroom.demo import DEMO_USERS, ensure_demo_newsroom

        result = ensure_demo_newsroom()
        self.stdout.write(_("✓ Vai trò tòa soạn và quy trình «%(workflow)s»; %(count)d bài mẫu ở các bước duyệt")
                          % {"workflow": result.newsroom.workflow.name, "count": len(result.stories)})
        url = f"http://127.0.0.1:{port}/admin/"
        lines = [_("  ┌─ Tài khoản tòa soạn mẫu — đăng nhập tại %(url)s") % {"url": url}]
        for username, role, _name in DEMO_USERS:
            password = result.passwords.get(username)
            if password:
                record_password(username=username, password=password, role=str(ROLE_LABELS[role]), login_url=url)
            lines.append(f"  │ {ROLE_LABELS[role]:<24} {username}")
        lines.append(_("  │ Mật khẩu: trong tệp %(path)s (chỉ chủ tệp đọc được; đặt lại: toasoan changepassword TÊN)")
                     % {"path": passwords_file()})
        lines.append("  └──────────────────────────────────────────────────────")
        self.stdout.write("\n".join(lines) + "\n")
