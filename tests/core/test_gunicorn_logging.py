"""`toasoan serve` logs pages and errors, not every image and script a page pulls (real gunicorn)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

PORT = 8127  # in the admin workstream's port range


def _get(path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_static_and_media_requests_stay_out_of_the_access_log(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "TOASOAN_VAR_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "gunicorn", "toasoan.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
               "--workers", "1", "--access-logfile", "-", "--logger-class",
               "toasoan.core.gunicorn_logging.QuietStaticLogger"]
    log = tmp_path / "access.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            for _ in range(100):
                try:
                    _get("/static/newsroom/admin.css")
                    break
                except OSError:
                    time.sleep(0.1)
            assert _get("/static/newsroom/admin.css") == 200
            assert _get("/static/khong-co-tep-nay.css") >= 400  # failures stay in the log
        finally:
            server.terminate()
            server.wait(timeout=15)
    lines = log.read_text().splitlines()
    assert not [line for line in lines if "admin.css" in line], lines
    assert [line for line in lines if "khong-co-tep-nay.css" in line], lines
