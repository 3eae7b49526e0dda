from __future__ import annotations

import pytest


@pytest.fixture
def page_cache(settings, tmp_path):
    """Django-cache page caching on, with a generation file of its own."""
    settings.TOASOAN_PAGE_CACHE = "django"
    settings.TOASOAN_PAGE_CACHE_SECONDS = 60
    settings.VAR_DIR = tmp_path
    return settings


@pytest.fixture
def reader():
    from django.test import Client

    return Client()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and then what waits for its commit (purges run on_commit)."""
    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run
