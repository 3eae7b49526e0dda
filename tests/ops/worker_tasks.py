"""Tasks for the worker tests: they touch nothing but the ops tables, so the test cluster needs two apps' tables."""

import time
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from toasoan.ops.services import beat


@task()
def noop(article_id: int) -> int:
    return article_id


@task()
def write_after_gate(gate: str, marker: str) -> str:
    """Says it started (a ``started-N`` file), waits for the ``go`` file, then writes one ``effect:`` row."""
    folder = Path(gate)
    (folder / f"started-{len(list(folder.glob('started-*')))}").touch()
    deadline = time.monotonic() + 30
    while not (folder / "go").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    beat(name=f"effect:{marker}", kind="task", started_at=timezone.now())
    return marker


@task()
def refuse(article_id: int) -> int:
    raise ValueError(f"bài {article_id} không hợp lệ")
