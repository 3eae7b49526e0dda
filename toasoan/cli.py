"""The ``toasoan`` console command: one entry point for everything.

``toasoan import-text ...`` runs the management command ``import_text``; any Django or Wagtail
management command works the same way (``toasoan migrate``, ``toasoan createsuperuser``).
"""

from __future__ import annotations

import os
import sys

PROJECT_COMMANDS = [
    ("setup", "Tạo/cập nhật CSDL, khung trang, nội dung mẫu, bài nhập và tài khoản quản trị"),
    ("serve", "Chạy trang báo (máy chủ web cùng tiến trình xử lý tác vụ nền)"),
    ("import", "Nhập kho bài cũ: văn bản, HTML đã lưu, WordPress (WXR), RSS/Atom, NewsML-G2/ninjs"),
    ("import-text", "Nhập các trang báo dạng văn bản thô thành bài viết"),
    ("load-demo", "Nạp nội dung mẫu (chạy lại không tạo trùng)"),
    ("db-worker", "Chạy riêng tiến trình xử lý tác vụ nền"),
    ("run-scheduler", "Chạy riêng bộ hẹn giờ xuất bản/gỡ bài (toasoan serve đã chạy sẵn)"),
    ("supervise", "Chạy các tiến trình của một Procfile, tự khởi động lại tiến trình bị dừng"),
    ("backup", "Sao lưu CSDL, tệp tải lên và khóa bí mật (có kiểm tra tổng)"),
    ("restore", "Khôi phục từ tệp sao lưu (kiểm tra trước khi ghi đè)"),
    ("setup-newsroom", "Tạo vai trò, nhóm quyền và quy trình duyệt bài (chạy lại an toàn)"),
    ("reindex", "Dựng lại chỉ mục tìm kiếm tiếng Việt"),
    ("flush-views", "Chuyển lượt xem từ Redis vào CSDL"),
    ("synth", "Sinh kho bài tổng hợp để đo hiệu năng"),
    ("purge-cdn", "Xóa bộ đệm CDN theo thẻ hoặc địa chỉ (--dry-run: chỉ in các yêu cầu)"),
    ("deposit", "Bản lưu chiểu: verify (kiểm tra chuỗi), export (xuất WARC), retry (lưu bản còn thiếu)"),
]

HELP = """Tòa Soạn — nền tảng báo điện tử tiếng Việt

Cách dùng: toasoan LỆNH [tham số...]     (toasoan LỆNH --help để xem chi tiết)

Lệnh của Tòa Soạn:
{commands}

Mọi lệnh quản trị của Django/Wagtail cũng chạy được, ví dụ: toasoan migrate, toasoan createsuperuser,
toasoan changepassword admin. Danh sách đầy đủ: toasoan django-help.
Biến môi trường: DATABASE_URL (mặc định SQLite trong var/), REDIS_URL, DJANGO_SETTINGS_MODULE.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        args = args[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    if not args or args in (["-h"], ["--help"], ["help"]):
        width = max(len(name) for name, _ in PROJECT_COMMANDS)
        lines = "\n".join(f"  {name.ljust(width)}  {text}" for name, text in PROJECT_COMMANDS)
        sys.stdout.write(HELP.format(commands=lines))
        return 0
    typed = args[1] if args[0] == "help" and len(args) > 1 else args[0]  # the name as the person wrote it
    if typed == "django-help":
        args = ["help"]
    elif typed == "import":  # "import" cannot name a Python module
        args[0] = "import_sources"
    elif args[0] == "help":  # "toasoan help LỆNH" is "toasoan LỆNH --help"
        args = [args[1].replace("-", "_"), "--help"]
    else:
        args[0] = args[0].replace("-", "_")
    import django
    from django.apps import apps

    if not apps.ready:
        _settings_from_options(args[1:])
        django.setup()
    from toasoan.core.commandline import install_argparse_translation

    install_argparse_translation()  # "usage:", "error:", "invalid choice" … in Vietnamese
    from toasoan.audit.origin import acting_from, for_command
    from toasoan.core.queue import BULK_COMMANDS, bulk_work

    try:
        with acting_from(for_command(args[0])):  # audit log entries written by the command say which it was
            if args[0] in BULK_COMMANDS:  # their thousands of tasks never delay a story published meanwhile
                with bulk_work():
                    _run(args, typed=typed)
            else:
                _run(args, typed=typed)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _settings_from_options(options: list[str]) -> None:
    """Honour --settings/--pythonpath written after the command, before Django reads its settings."""
    from django.core.management.base import CommandError, CommandParser, handle_default_options

    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    try:
        known, _ = parser.parse_known_args(options)
    except CommandError:  # e.g. "--settings" with no value: the command's own parser says so, in Vietnamese
        return
    handle_default_options(known)


def _run(args: list[str], *, typed: str) -> None:
    """Run one management command, its usage, help and errors in Vietnamese."""
    from django.core.management import ManagementUtility, execute_from_command_line, get_commands

    from toasoan.core.commandline import command_list_text, localize_command, unknown_command_text

    argv = ["toasoan", *args]
    commands = get_commands()
    if args == ["help"]:  # toasoan django-help
        sys.stdout.write(command_list_text(commands=commands, prog="toasoan"))
        return
    if args[0].startswith("-") or args[0] == "version":
        execute_from_command_line(argv)
        return
    if args[0] not in commands:
        known = [name for name, _ in PROJECT_COMMANDS] + [name for name in commands if name not in _HIDDEN_NAMES]
        sys.stderr.write(unknown_command_text(typed=typed, known=known, prog="toasoan"))
        raise SystemExit(1)
    command = ManagementUtility(argv).fetch_command(args[0])
    localize_command(command).run_from_argv(["toasoan", typed, *args[1:]])


# Django names that the project commands replace in suggestions ("import-text", not "import_text").
_HIDDEN_NAMES = {name.replace("-", "_") for name, _ in PROJECT_COMMANDS} | {"import_sources"}

if __name__ == "__main__":
    sys.exit(main())
