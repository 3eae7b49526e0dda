"""tests/parts.py, the way CI splits the suite: processes sharing a claim folder run every test exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

SUITE = {
    "test_long.py": "import time\n\ndef test_a():\n    time.sleep(0.3)\n\ndef test_b():\n    pass\n",
    "test_short.py": "def test_c():\n    pass\n",
    "test_more.py": "import pytest\n\n@pytest.mark.parametrize('n', range(4))\ndef test_d(n):\n    pass\n",
}


def _run(folder: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTEST_ADDOPTS": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "tests.parts", "-p", "no:django", "-p", "no:cacheprovider",
         "-rA", "-q", "--rootdir", str(folder), "-c", os.devnull, *args, str(folder)],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _passed(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("PASSED ")]


def test_processes_sharing_a_claim_folder_run_each_test_once(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    for name, text in SUITE.items():
        (suite / name).write_text(text)
    claims = tmp_path / "claims"
    runs = [_run(suite, "--claim-dir", str(claims)) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode in (0, 5) for run in runs), outputs  # 5: this process was left nothing to run
    passed = [test for output in outputs for test in _passed(output)]
    assert len(passed) == 7 and len(set(passed)) == 7, outputs
    ran_in = [{test.split("::")[0] for test in _passed(output)} for output in outputs]
    assert not ran_in[0] & ran_in[1]  # whole files: each file's tests all ran in one process

    late = _run(suite, "--claim-dir", str(claims))  # a third process with the same folder finds nothing left
    assert _passed(late.communicate(timeout=120)[0]) == []


def test_a_fixed_shard_splits_the_files(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    for name, text in SUITE.items():
        (suite / name).write_text(text)
    outputs = [_run(suite, "--shard", f"{k}/2").communicate(timeout=120)[0] for k in (1, 2)]
    first, second = (set(_passed(output)) for output in outputs)
    assert first and second and not first & second and len(first | second) == 7
