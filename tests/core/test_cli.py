"""The console command speaks Vietnamese when the person types something wrong (issue 19.3)."""

from __future__ import annotations

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
