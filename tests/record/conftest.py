"""Deposit capture on (test settings switch it off for the rest of the suite)."""

from __future__ import annotations

import pytest


@pytest.fixture
def deposit_on(settings):
    settings.TOASOAN_DEPOSIT_ENABLED = True
    return settings


@pytest.fixture
def publish(make_article, deposit_on, django_capture_on_commit_callbacks):
    """``publish(**fields)``: create and publish an article; the deposit task runs after the commit."""

    def run(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(**fields)

    return run


from tests.newsroom.conftest import at_step, draft, newsroom  # noqa: E402,F401 - the newsroom's roles and workflow
