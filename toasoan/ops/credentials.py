"""Passwords the setup makes (the first admin, the demo newsroom accounts) go to a file only its owner reads.

Never to the console: ``make demo`` output ends up in terminal scroll-back, CI logs and screenshots.
The file is ``var/demo-passwords.txt`` (setting ``TOASOAN_PASSWORDS_FILE``), mode 0600, one tab-separated line
per account: user name, password, role, where to log in. Delete it once the passwords are changed.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def passwords_file() -> Path:
    return Path(getattr(settings, "TOASOAN_PASSWORDS_FILE", Path(settings.VAR_DIR) / "demo-passwords.txt"))


def record_password(*, username: str, password: str, role: str, login_url: str) -> Path:
    path = passwords_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older file made with a wider mode is narrowed too
        os.write(fd, f"{username}\t{password}\t{role}\t{login_url}\n".encode())
    finally:
        os.close(fd)
    return path
