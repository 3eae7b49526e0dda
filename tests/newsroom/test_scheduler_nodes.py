"""Two scheduler processes (two app nodes) against one database: each due story is published once."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from wagtail.models import PageLogEntry

from tests.newsroom.test_scheduler import minute, scheduled, time_passes  # noqa: F401 - fixture
from toasoan.news.models import ArticlePage

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes share the PostgreSQL test database")
def test_two_scheduler_processes_publish_each_story_once(newsroom, scheduled):  # noqa: F811
    pages = [scheduled(go_live_at=minute(timedelta(minutes=1)), title=f"Lịch cắt điện khu vực {i}: 12/12 ⚡")
             for i in range(2)]
    for page in pages:
        time_passes(page, newsroom, to=minute(timedelta(seconds=-5)))
    db = connection.settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
           "TASKS_BACKEND": "django_tasks_db.DatabaseBackend", "TOASOAN_DEPOSIT": "0", "LOG_LEVEL": "ERROR"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    nodes = [subprocess.Popen([sys.executable, "-m", "toasoan.cli", "run_scheduler", "--once"],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [node.communicate(timeout=120) for node in nodes]
    assert [node.returncode for node in nodes] == [0, 0], outputs
    for page in pages:
        assert ArticlePage.objects.get(pk=page.pk).live
        assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish.scheduled").count() == 1
    said = "".join(out for out, _err in outputs)
    assert sum(said.count(str(page.pk)) for page in pages) == len(pages)  # each story named by one node only
