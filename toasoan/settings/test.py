"""Test settings: fast hashing, tasks run immediately, media in a temporary folder."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": ["default", "publication"]}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="toasoan-test-media-"))
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# AVIF encoding is slow; tests serve WebP only, except those that switch it on (tests/news/test_renditions.py).
TOASOAN_AVIF = False
# Deposit capture renders every published page again; the record tests switch it on (tests/record/).
TOASOAN_DEPOSIT_ENABLED = False

# --- pagediff2: the SQLite test database
# On SQLite the test database is a file, as in production, not Django's in-memory default: with an in-memory
# database the live server's request threads and the test all share the test's one connection, so a request whose
# transaction began first held another request's save inside it, and its rollback (or commit) ended both (the
# page-edit summaries in the audit log, reverted in 9acaf5b: "no such savepoint", a saved revision gone). With a
# file each thread has its own connection and SQLite makes writers take turns (IMMEDIATE, busy timeout: base.py).
# In /dev/shm where there is one (memory speed); one folder per run, so parts run side by side.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _shm = Path("/dev/shm")  # noqa: S108 - a private folder made in it below (mkdtemp)
    _folder = tempfile.mkdtemp(prefix="toasoan-test-db-", dir=_shm if os.access(_shm, os.W_OK) else None)
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_folder) / "test.sqlite3")}  # noqa: F405
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)

# --- audit
# The test database is disposable: the test runner's flush (between transactional tests) may empty the audit
# log tables, which the flush command and, on PostgreSQL, a trigger refuse everywhere else (toasoan/audit).
TOASOAN_AUDIT_LOG_FLUSHABLE = True

# --- readers2: emails stay in django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# --- beacon: the app's beacon spool in a temporary folder (BEACON_SPOOL_DIR: a server a test starts is given its
# test's folder); tests/analytics read it, or switch it off, per test.
TOASOAN_BEACON_SPOOL_DIR = os.environ.get("BEACON_SPOOL_DIR") or tempfile.mkdtemp(prefix="toasoan-test-beacons-")
