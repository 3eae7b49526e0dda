"""``toasoan setup_newsroom [--demo]``: roles, permissions and the review workflow; demo accounts and stories."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from toasoan.newsroom.roles import ROLE_LABELS, ensure_newsroom
from toasoan.ops.credentials import passwords_file, record_password


class Command(BaseCommand):
    help = "Tạo vai trò tòa soạn (nhóm, quyền theo chuyên mục) và quy trình duyệt bài; --demo thêm tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Tạo một tài khoản cho mỗi vai trò và vài bài mẫu.")
        parser.add_argument("--port", metavar="CỔNG", type=int, default=8000, help="Cổng in trong địa chỉ đăng nhập.")

    def handle(self, *args, demo: bool, port: int, **options):
        from toasoan.audit.roles import ensure_audit_roles
        from toasoan.record.roles import ensure_record_roles

        self._handle(demo=demo, port=port)
        ensure_record_roles()  # the inspector (Thanh tra lưu chiểu) and the record permissions of the roles
        ensure_audit_roles()  # the chief and the administrator read and export the audit trail

    def _handle(self, *, demo: bool, port: int) -> None:
        if not demo:
            newsroom = ensure_newsroom()
            self.stdout.write(f"✓ Vai trò tòa soạn: {len(newsroom.groups)} nhóm chung, "
                              f"{len(newsroom.desk_groups)} ban; quy trình «{newsroom.workflow.name}»")
            return
        from toasoan.newsroom.demo import DEMO_USERS, ensure_demo_newsroom

        result = ensure_demo_newsroom()
        self.stdout.write(f"✓ Vai trò tòa soạn và quy trình «{result.newsroom.workflow.name}»; "
                          f"{len(result.stories)} bài mẫu ở các bước duyệt")
        url = f"http://127.0.0.1:{port}/admin/"
        lines = [f"  ┌─ Tài khoản tòa soạn mẫu — đăng nhập tại {url}"]
        for username, role, _name in DEMO_USERS:
            password = result.passwords.get(username)
            if password:
                record_password(username=username, password=password, role=str(ROLE_LABELS[role]), login_url=url)
            lines.append(f"  │ {ROLE_LABELS[role]:<24} {username}")
        lines.append(f"  │ Mật khẩu: trong tệp {passwords_file()} (chỉ chủ tệp đọc được; "
                     "đặt lại: toasoan changepassword TÊN)")
        lines.append("  └──────────────────────────────────────────────────────")
        self.stdout.write("\n".join(lines) + "\n")
