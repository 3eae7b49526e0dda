"""Warm start: a web worker renders the home page, the newest story and its section before its first request,
through the whole WSGI application as a reader would — nothing stored for the front, nothing that stops the worker."""

from __future__ import annotations

import logging

import pytest
from django.template import engines

from toasoan.ops import warmup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _as_in_a_worker():
    """Django's test client keeps the test's connection open across its requests; so does a test of the worker's
    whole WSGI application (a worker closes its connections when a request ends, the test cannot)."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def worker_log():
    """What the warm-up writes to its logger, read from a handler of its own: Django's set-up, run when the WSGI
    application is first imported, configures logging again (the root's handlers, pytest's capture among them,
    and those of the project loggers' children are replaced), so the application is imported first."""
    from toasoan.analytics.wsgi import application  # noqa: F401 - Django's logging set up before the handler

    records: list[str] = []
    handler = logging.Handler(level=logging.INFO)
    handler.emit = lambda record: records.append(record.getMessage())
    level = warmup.logger.level
    warmup.logger.addHandler(handler)
    warmup.logger.setLevel(logging.INFO)
    yield records
    warmup.logger.removeHandler(handler)
    warmup.logger.setLevel(level)


def compiled_templates() -> set[str]:
    names = set()
    for loader in engines["django"].engine.template_loaders:
        names.update(key.split("-")[0] for key in getattr(loader, "get_template_cache", {}))
    return names


def reset_templates() -> None:
    for loader in engines["django"].engine.template_loaders:
        loader.reset()


def test_a_worker_renders_reader_pages_before_its_first_request(settings, tmp_path, make_article, section, worker_log):
    from toasoan.analytics.wsgi import application

    settings.TOASOAN_PAGE_CACHE = "front"
    settings.TOASOAN_PAGE_FILES_DIR = str(tmp_path)
    make_article(title="Bài cũ hơn về lũ ở miền Trung")
    story = make_article(title="Đêm bầu cử: tỉnh công bố kết quả sơ bộ <script>alert(1)</script>")
    reset_templates()
    done = warmup.warm(application)
    assert done == [("/", 200), (story.canonical_path(), 200), (section.get_url(), 200)]
    assert "news/article_page.html" in compiled_templates()  # the next reader of a story finds it compiled
    assert list(tmp_path.rglob("*")) == []  # a warm-up is no reader of the front: no page file written
    assert any(line.startswith("Khởi động nóng tiến trình web: 3 trang") for line in worker_log)  # the log says it


def test_a_worker_that_cannot_warm_up_starts_anyway(settings, monkeypatch, worker_log):
    from toasoan.analytics.wsgi import application

    def broken():
        raise RuntimeError("CSDL chưa sẵn sàng")

    monkeypatch.setattr(warmup, "warm_paths", broken)
    assert warmup.warm(application) == []
    assert "Không khởi động nóng được tiến trình web" in worker_log
    monkeypatch.undo()
    assert warmup.warm(application, seconds=-1) == []  # over its time: the worker takes requests cold


def test_production_warms_its_workers_and_the_switch_turns_it_off():
    import subprocess
    import sys

    from tests.headers.test_headers import ROOT, production_env

    script = ("import importlib, os; from toasoan.settings import base, production; "
              "on = production.TOASOAN_WARM_START; os.environ['WARM_START'] = '0'; "
              "importlib.reload(base); importlib.reload(production); "
              "print(on, production.TOASOAN_WARM_START)")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=production_env(), capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.split() == ["True", "False"]
