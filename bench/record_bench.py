"""Publish-to-visible with and without the legal deposit (issue 23): the deposit must not slow publishing.

Usage::

    .venv/bin/python bench/record_bench.py [--rounds 30]

Builds a throwaway site (SQLite in a temporary folder, the embedded default; or ``--database-url``), starts
the task worker (``toasoan db_worker``) beside it as ``toasoan serve`` does, then, alternating with the deposit
switched off and on, publishes a story edit the way the admin does (one transaction) and reads its page as a
reader until the new title shows. With the deposit on, the publishing transaction writes its deposit request
and queues the task; the worker captures the page at the same time in its own process. Prints the median
publish-to-visible time of each, their ratio and ``target deposit_publish_to_visible_ratio: R (goal <= 1.10)``;
per-run figures go to bench/data/record_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    var = Path(tempfile.mkdtemp(prefix="toasoan-record-bench-"))
    os.environ["TOASOAN_VAR_DIR"] = str(var)
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    os.environ.pop("REDIS_URL", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run([python, "-m", "toasoan.cli", "migrate", "-v0"], cwd=ROOT, check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticlePage
    from toasoan.record.models import DepositRecord, DepositRequest

    ensure_site_structure()
    section = ensure_section(title="Thời sự", slug="thoi-su")
    article = section.add_child(instance=ArticlePage(title="Bài đo thời gian đăng", sapo="Đo thời gian.", live=False))
    article.save_revision().publish()
    worker = subprocess.Popen([python, "-m", "toasoan.cli", "db_worker", "--interval", "0.05"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = Client(HTTP_HOST="localhost")
    samples: dict[str, list[float]] = {"off": [], "on": []}
    try:
        client.get(article.url)  # warm the process: templates, whitenoise's file list
        for number in range(args.rounds * 2):
            mode = "on" if number % 2 else "off"
            settings.TOASOAN_DEPOSIT_ENABLED = mode == "on"
            title = f"Bài đo thời gian đăng, lần {number} ({mode})"
            page = ArticlePage.objects.get(pk=article.pk)
            page.title = title
            started = time.perf_counter()
            with transaction.atomic():
                page.save_revision().publish()
            while title.encode() not in client.get(page.url).content:
                pass
            samples[mode].append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
        deadline = time.monotonic() + 60
        while DepositRequest.objects.filter(done_at__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        deposited = DepositRecord.objects.filter(page_id=article.pk).count()
        waiting = DepositRequest.objects.filter(done_at__isnull=True).count()
    finally:
        worker.terminate()
        worker.wait(timeout=20)
    off, on = statistics.median(samples["off"]), statistics.median(samples["on"])
    ratio = on / off
    print(f"publish-to-visible, deposit off: median {off:.1f} ms over {len(samples['off'])} publishes")
    print(f"publish-to-visible, deposit on:  median {on:.1f} ms over {len(samples['on'])} publishes")
    print(f"deposit records written by the worker: {deposited} (still waiting: {waiting})")
    data = ROOT / "bench" / "data" / "record_bench.json"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps({"off_ms": samples["off"], "on_ms": samples["on"], "ratio": ratio,
                                "deposited": deposited, "waiting": waiting,
                                "database": settings.DATABASES["default"]["ENGINE"]}, indent=1))
    print(f"target deposit_publish_to_visible_ratio: {ratio:.3f} (goal <= {GOAL_RATIO:.2f}) "
          f"{'PASS' if ratio <= GOAL_RATIO else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
