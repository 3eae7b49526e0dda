"""Demo passwords go to a file only its owner reads, never to the console."""

from __future__ import annotations

import io
import stat

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory


def test_setup_writes_passwords_to_an_owner_only_file_not_to_the_output(db, settings, tmp_path):
    settings.TOASOAN_PASSWORDS_FILE = tmp_path / "var" / "demo-passwords.txt"
    out = io.StringIO()
    call_command("setup_newsroom", demo=True, port=8150, stdout=out)
    from toasoan.core.management.commands.setup import Command as Setup

    Setup(stdout=out)._ensure_admin(port=8150)
    path = settings.TOASOAN_PASSWORDS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    from toasoan.newsroom.demo import DEMO_USERS

    assert sorted(row[0] for row in rows) == sorted(["admin", *(name for name, _role, _n in DEMO_USERS)])
    output = out.getvalue()
    for username, password, _role, url in rows:
        assert password not in output  # nothing secret on the console
        assert url == "http://127.0.0.1:8150/admin/"
        # django-axes needs the request a login comes with (it counts failures per address).
        assert authenticate(RequestFactory().post("/admin/login/"), username=username, password=password) is not None
    assert str(path) in output
    # A second run makes no account and writes no password.
    before = path.read_text()
    call_command("setup_newsroom", demo=True, port=8150, stdout=io.StringIO())
    assert path.read_text() == before


def test_a_wider_existing_file_is_narrowed_to_the_owner(settings, tmp_path):
    from toasoan.ops.credentials import record_password

    path = tmp_path / "demo-passwords.txt"
    path.write_text("")
    path.chmod(0o644)
    settings.TOASOAN_PASSWORDS_FILE = path
    record_password(username="a", password="b", role="c", login_url="d")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
