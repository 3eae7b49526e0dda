"""``db_worker``: django-tasks' database worker, made to survive database restarts, with quieter logging.

Overrides the command of ``django_tasks_db`` (``toasoan.core`` comes first in INSTALLED_APPS) and runs
:class:`toasoan.ops.worker.ResilientWorker`: it waits for the database instead of exiting, reports a heartbeat
and takes back tasks that dead workers left RUNNING. At the default verbosity the worker reports only warnings
and failures, so ``make demo`` output stays readable; ``-v 2`` brings back a line per task and ``-v 3`` debug
output.
"""

from __future__ import annotations

import logging

from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands import db_worker as upstream

from toasoan.ops.worker import ResilientWorker

LEVELS = {0: logging.CRITICAL, 1: logging.WARNING, 2: logging.INFO}


class Command(upstream.Command):
    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        level = LEVELS.get(verbosity, logging.DEBUG)
        for name in (TASKS_LOGGER, "django_tasks_db"):
            logging.getLogger(name).setLevel(level)

    def handle(self, *args, **options) -> None:
        # The upstream command builds its Worker by the module-level name; run ours in its place.
        original = upstream.Worker
        upstream.Worker = ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            upstream.Worker = original
