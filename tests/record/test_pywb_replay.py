"""Optional: the exported WARC replayed by pywb, a standard web-archive player, gives back the exact bytes readers
were served. pywb pins old libraries (redis 2.x among them) that clash with the paper's, so it is not one of the
project's dependencies: install it in a separate environment and name its Python in ``TOASOAN_PYWB_PYTHON``
(``python3 -m venv /opt/pywb && /opt/pywb/bin/pip install pywb``). Without it this test is skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.record.test_chain_and_export import three_versions  # noqa: F401 - fixture
from toasoan.record.models import DepositRecord

PYWB_PYTHON = os.environ.get("TOASOAN_PYWB_PYTHON", "")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (PYWB_PYTHON and Path(PYWB_PYTHON).exists()),
                       reason="pywb không được cài (đặt TOASOAN_PYWB_PYTHON là Python của môi trường có pywb)"),
]

COLLECTION = "luu-chieu"
# Run by pywb's Python in the collection's folder: pywb's own web app answers the replay address of one page
# with its "id_" (identity) modifier, i.e. the archived body as it was, without pywb's rewriting.
REPLAY = """
import sys
from pathlib import Path
from pywb.apps.frontendapp import FrontEndApp
from werkzeug.test import Client
response = Client(FrontEndApp()).get(f"/{sys.argv[1]}/{sys.argv[2]}id_/{sys.argv[3]}")
Path(sys.argv[4]).write_bytes(str(response.status_code).encode() + b"\\n" + response.get_data())
"""


def test_pywb_replays_the_exact_bytes_served(three_versions, tmp_path, client):  # noqa: F811
    python = PYWB_PYTHON
    _article, other = three_versions
    call_command("deposit", "export", "--output", str(tmp_path / "out"), stdout=StringIO())
    warc = next((tmp_path / "out").glob("*.warc.gz"))
    root = tmp_path / "pywb"
    root.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(root)}
    for args in (["init", COLLECTION], ["add", COLLECTION, str(warc)]):
        subprocess.run([python, "-m", "pywb.manager.manager", *args], cwd=root, env=env, check=True,
                       capture_output=True, timeout=120)
    record = DepositRecord.objects.get(seq=3)
    stamp = record.captured_at.strftime("%Y%m%d%H%M%S")
    answer = tmp_path / "replayed"
    replay = subprocess.run([python, "-c", REPLAY, COLLECTION, stamp, f"http://localhost{other.url}", str(answer)],
                            cwd=root, env=env, capture_output=True, timeout=120, check=False)
    assert replay.returncode == 0, replay.stderr.decode()[-2000:]
    status, _newline, body = answer.read_bytes().partition(b"\n")
    assert status == b"200"
    assert body == bytes(record.body) == client.get(other.url, HTTP_HOST="localhost").content
    assert sys.executable != python  # replayed by the separate pywb install, not the paper's Python
