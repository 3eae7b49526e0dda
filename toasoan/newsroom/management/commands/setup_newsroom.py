"""``toasoan setup_newsroom [--demo]``: roles, permissions and the review workflow; demo accounts and stories."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from toasoan.newsroom.roles import ROLE_LABELS, ensure_newsroom


class Command(BaseCommand):
    help = "Tạo vai trò tòa soạn (nhóm, quyền theo chuyên mục) và quy trình duyệt bài; --demo thêm tài khoản mẫu."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Tạo một tài khoản cho mỗi vai trò và vài bài mẫu.")
        parser.add_argument("--port", type=int, default=8000, help="Cổng in trong địa chỉ đăng nhập.")

    def handle(self, *args, demo: bool, port: int, **options):
        from toasoan.record.roles import ensure_record_roles

        self._handle(demo=demo, port=port)
        ensure_record_roles()  # the inspector (Thanh tra lưu chiểu) and the record permissions of the roles

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
        lines = [f"  ┌─ Tài khoản tòa soạn mẫu — đăng nhập tại http://127.0.0.1:{port}/admin/"]
        for username, role, _name in DEMO_USERS:
            password = result.passwords.get(username)
            shown = password if password else "(đã in ở lần chạy đầu; đặt lại: toasoan changepassword " + username + ")"
            lines.append(f"  │ {ROLE_LABELS[role]:<24} {username:<12} {shown}")
        lines.append("  └──────────────────────────────────────────────────────")
        self.stdout.write("\n".join(lines) + "\n")
