"""``make prod-cluster`` on a machine without the programs it needs: it says which, and how to install them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_missing_programs_are_named_with_how_to_install_them(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "ls", "sort", "tail", "dirname", "id", "cat", "seq", "sed", "grep"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "CLUSTER_DIR": str(tmp_path / "cluster"), "HOME": str(tmp_path),
           "VENV": str(tmp_path / "no-venv")}
    result = subprocess.run(["bash", str(REPO / "deploy" / "prod-cluster.sh"), "start"], env=env,
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "Thiếu chương trình để chạy cụm hai máy" in result.stderr
    assert "redis-server" in result.stderr and "psql" in result.stderr
    assert "sudo apt-get install postgresql postgresql-client nginx redis-server curl" in result.stderr
    assert not (tmp_path / "cluster").exists()  # nothing started, nothing made


def test_stop_without_a_cluster_says_so(tmp_path):
    result = subprocess.run(["bash", str(REPO / "deploy" / "prod-cluster.sh"), "stop"],
                            env={**os.environ, "CLUSTER_DIR": str(tmp_path / "none")},
                            capture_output=True, text=True, timeout=30, check=True)
    assert "Không có gì đang chạy" in result.stdout
