"""Two nodes' spools into one count: each node's nginx writes its own folder, every line counted exactly once.

The two folders hold files of the same windows (the same names); their drainers run at the same time, and a
third drainer reads a folder another node also reads (a folder on shared storage), racing over every file.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.analytics.test_spool import browser, q, write_lines
from toasoan.analytics import spool

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.run_last]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the per-file claim is PostgreSQL's advisory lock")
def test_two_nodes_spools_race_and_every_beacon_counts_once(settings, make_article, total_views, tmp_path):
    settings.TOASOAN_ANALYTICS_REDIS_URL = ""  # the counting rules in the database: the claim is what is tested
    settings.TOASOAN_BEACON_READERS_PER_ADDRESS = 0
    article = make_article(title="Mưa lớn kéo dài ở miền Trung, 🌧️ nhiều nơi ngập sâu")
    folders = [tmp_path / "nut-a" / "beacons", tmp_path / "nut-b" / "beacons"]
    for n, folder in enumerate(folders):
        folder.mkdir(parents=True)
        write_lines(folder, *[(q(article), browser(f"{n}-{i}"), f"198.51.100.{n * 100 + i}") for i in range(40)])
        write_lines(folder, *[(q(article), browser(f"{n}-old-{i}"), f"198.51.100.{n * 100 + 50 + i}")
                              for i in range(10)], at=__import__("time").time() - 3600)
    assert spool.spool_id(folders[0]) != spool.spool_id(folders[1])
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def drain(order: list) -> None:
        try:
            barrier.wait()
            for _ in range(3):
                for folder in order:
                    spool.process(folder)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=drain, args=(order,))
               for order in (folders, folders[::-1], [folders[1]])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert total_views(article.pk) == 100  # 2 nodes × 50 readers: none lost, none twice
    for folder in folders:
        assert spool.pending_beacons(folder) == 0
        assert len(list(folder.glob("*.log"))) == 1  # the hour-old window read and removed, the current one kept
