"""The task worker logs failures, not a line per task, unless asked to."""

from __future__ import annotations

import logging

import pytest
from django.core.management import get_commands, load_command_class
from django_tasks_db.compat import TASKS_LOGGER


def test_the_project_worker_overrides_django_tasks_db():
    assert get_commands()["db_worker"] == "toasoan.core"


@pytest.mark.parametrize(("verbosity", "level"), [(0, logging.CRITICAL), (1, logging.WARNING),
                                                  (2, logging.INFO), (3, logging.DEBUG)])
def test_verbosity_sets_the_task_loggers(verbosity, level):
    command = load_command_class("toasoan.core", "db_worker")
    command.configure_logging(verbosity)
    assert logging.getLogger(TASKS_LOGGER).level == level
    assert logging.getLogger("django_tasks_db").level == level
