"""``db_worker`` with quieter logging: django-tasks' worker, minus a log line for every task.

Overrides the command of ``django_tasks_db`` (``toasoan.core`` comes first in INSTALLED_APPS). At the
default verbosity the worker reports only warnings and failures, so ``make demo`` output stays readable;
``-v 2`` brings back a line per task and ``-v 3`` debug output.
"""

from __future__ import annotations

import logging

from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

LEVELS = {0: logging.CRITICAL, 1: logging.WARNING, 2: logging.INFO}


class Command(DbWorkerCommand):
    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        level = LEVELS.get(verbosity, logging.DEBUG)
        for name in (TASKS_LOGGER, "django_tasks_db"):
            logging.getLogger(name).setLevel(level)
