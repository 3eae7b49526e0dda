"""The console command speaks Vietnamese when the person types something wrong (issue 19.3)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENGLISH = ("usage:", "error:", "required", "unrecognized", "invalid choice", "Unknown command", "CommandError",
           "does not exist", "Traceback", "Type '", "unapplied", "Run '")


def toasoan(*args: str, database: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"DJANGO_SETTINGS_MODULE": "toasoan.settings.test", "PATH": "/usr/bin:/bin"}
    if database is not None:
        env["DATABASE_URL"] = f"sqlite:///{database}"
    return subprocess.run([sys.executable, "-m", "toasoan.cli", *args], cwd=REPO, capture_output=True, text=True,
                          env=env, timeout=120)


def assert_no_english(output: str) -> None:
    for word in ENGLISH:
        assert word not in output, f"{word!r} còn tiếng Anh trong:\n{output}"


@pytest.fixture(scope="module")
def users_db(tmp_path_factory) -> Path:
    """A database with only the user tables: what changepassword/createsuperuser need."""
    database = tmp_path_factory.mktemp("cli") / "nguoi-dung.sqlite3"
    result = toasoan("migrate", "users", "-v", "0", database=database)
    assert result.returncode == 0, result.stderr
    return database


@pytest.mark.parametrize(("args", "expected"), [
    (["importtext"], ["Không có lệnh «importtext».", "Có phải bạn muốn gõ «import-text»?",
                      "Gõ «toasoan --help» để xem danh sách lệnh."]),
    (["import-text"], ["Cách dùng: toasoan import-text",
                       "toasoan import-text: lỗi: thiếu tham số bắt buộc: ĐƯỜNG_DẪN"]),
    (["backup", "-v", "13"], ["lỗi: tham số -v/--verbosity: lựa chọn không hợp lệ: 13 (chọn một trong: 0, 1, 2, 3)"]),
    (["deposit", "xuất-bản"], ["lỗi: tham số action: lựa chọn không hợp lệ: 'xuất-bản'"]),
    (["reindex", "--tất-cả", "🗞"], ["lỗi: không hiểu tham số: --tất-cả 🗞"]),
])
def test_bad_input_gets_a_vietnamese_message(args, expected):
    result = toasoan(*args)
    assert result.returncode != 0
    for text in expected:
        assert text in result.stderr, result.stderr
    assert_no_english(result.stdout + result.stderr)


def test_changepassword_for_a_user_who_does_not_exist(users_db):
    result = toasoan("changepassword", "nguyễn-văn-không-có", database=users_db)
    assert result.returncode == 1
    assert "Lỗi: Không có người dùng «nguyễn-văn-không-có»." in result.stderr
    # The database has only the user tables: the reminder to migrate is Vietnamese too.
    assert "bước chuyển đổi CSDL (migration) chưa chạy" in result.stdout
    assert "hãy chạy «toasoan migrate»" in result.stdout
    assert_no_english(result.stdout + result.stderr)


def test_createsuperuser_without_a_name_says_what_is_missing(users_db):
    result = toasoan("createsuperuser", "--noinput", database=users_db)
    assert result.returncode == 1
    assert "Lỗi: Khi dùng --noinput phải có cả --username." in result.stderr
    assert_no_english(result.stderr)


def test_help_of_a_project_command_is_vietnamese():
    result = toasoan("help", "import-text")
    assert result.returncode == 0, result.stderr
    assert "Cách dùng: toasoan import-text" in result.stdout
    for english in ("show this help", "Show program's version", "Verbosity level", "Raise on CommandError",
                    "positional arguments", "options:"):
        assert english not in result.stdout
    for vietnamese in ("In hướng dẫn này rồi thoát.", "Mức in thông tin", "tham số vị trí:", "tùy chọn:"):
        assert vietnamese in result.stdout



def test_the_list_of_every_command_is_vietnamese():
    result = toasoan("django-help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gõ «toasoan help LỆNH» để xem các tùy chọn của một lệnh. Các lệnh:")
    assert "    changepassword" in result.stdout and "    import_text" in result.stdout
    assert "Available subcommands" not in result.stdout and "Type '" not in result.stdout


# Django's and django-tasks' commands an administrator runs, and every command of the project (with the
# subcommands of «deposit»), as «toasoan LỆNH --help» prints them.
DJANGO_COMMANDS = ["migrate", "createsuperuser", "changepassword", "collectstatic", "check", "db-worker"]
ALL_HELP = """import sys
from django.core.management import get_commands
from toasoan.cli import main
import django
django.setup()
own = sorted(name.replace("_", "-") for name, app in get_commands().items() if app.startswith("toasoan."))
for args in [[name] for name in sys.argv[1:] + own] + [["deposit", sub] for sub in ("verify", "retry", "export")]:
    print("=== " + " ".join(args), flush=True)
    main([*args, "--help"])
    sys.stdout.flush()
"""
# Not words: options, placeholders, quoted values, settings and file names, choices.
CODE = re.compile(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\{[^}]*\}|<[^>]*>|(?<!\w)-[-\w]+|\S*[_./:=*~]\S*|\b[A-Z]{2,}\b")
# Reviewed: names of programs, formats, protocols and system accounts (root) the help mentions as they are written.
CLI_WORDS = frozenset({"glob", "migration", "traceback", "gunicorn", "nginx", "redis", "procfile", "wordpress",
                       "rss", "atom", "newsml", "ninjs", "warc", "json", "csv", "tar", "cdn", "postgresql",
                       "python", "spool", "css", "classic", "million", "home", "all", "verify", "retry", "export",
                       "web", "worker", "scheduler", "zero", "root"})


def test_help_of_the_commands_an_admin_runs_reads_in_vietnamese():
    from tests.newsroom.admin_text import ALLOWED_WORDS, faults

    # One process for all (one Django start), through the console command's entry point.
    result = subprocess.run([sys.executable, "-c", ALL_HELP, *DJANGO_COMMANDS], cwd=REPO, capture_output=True,
                            text=True, env={"DJANGO_SETTINGS_MODULE": "toasoan.settings.test", "PATH": "/usr/bin:/bin"},
                            timeout=120)
    assert result.returncode == 0 and not result.stderr, result.stderr
    helps = dict(part.split("\n", 1) for part in result.stdout.split("=== ")[1:])
    assert len(helps) >= 30 and {"createsuperuser", "setup", "import-text", "deposit export"} <= set(helps)
    migrate = helps["migrate"]
    assert "Cập nhật cấu trúc CSDL theo các bước chuyển đổi (migration)" in migrate
    assert "[ỨNG_DỤNG] [BƯỚC]" in migrate and "--fake                Ghi nhận các bước" in migrate
    english = []
    for command, text in helps.items():
        assert text.startswith(f"Cách dùng: toasoan {command} "), text[:200]
        described = text.split("\n\n", 1)[1]  # after the usage lines: description and arguments
        assert "tùy chọn:" in described
        for line in described.splitlines():
            english += [f"{command}: {fault.word!r} in {line.strip()!r}"
                        for fault in faults(CODE.sub(" ", line), allowed=ALLOWED_WORDS | CLI_WORDS)]
    assert not english, "\n".join(english)
    for phrase in ("Specifies", "Tells Django", "Used to", "Nominates", "Do NOT", "The queues", "Change a user",
                   "Checks the entire", "Collect static"):
        assert phrase not in result.stdout
