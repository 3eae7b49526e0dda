"""Shared fixtures: a fresh site skeleton, sections and articles built through the real services."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = REPO_ROOT.parent / "shared" / "seed"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
LOG_MODELS = {"wagtailcore.pagelogentry", "wagtailcore.modellogentry"}


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
                     "live_server"}


pytest_plugins = ["tests.parts", "tests.newsroom.shared"]  # --shard, --claim-dir, --record-times; the shared newsroom


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only", action="store_true",
        help="run only the tests that use the configured database, browser tests at their first window size "
             "(CI's PostgreSQL pass: the others do not depend on it and already ran in the SQLite pass)")


def _uses_database(item) -> bool:
    return (item.get_closest_marker("django_db") is not None
            or bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))))


# Parameters of browser tests that only change the window's size: the layout at each width does not depend on the
# database, so the database pass opens the first one (the phone's) and the SQLite pass every one.
VIEWPORT_PARAMETERS = ("width", "device", "viewport")


def _another_width(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(callspec.indices.get(name, 0) > 0 for name in VIEWPORT_PARAMETERS)


def pytest_collection_modifyitems(config, items):
    """``--database-tests-only``; then tests/parts.py splits and orders what is left (its hook runs last)."""
    if config.getoption("--database-tests-only"):
        from tests.parts import keep_only  # imported here: the plugin is loaded (and its asserts rewritten) by now

        keep_only(config, items, [item for item in items if _uses_database(item) and not _another_width(item)])


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches: Django's, and the article view's per-process site and section
    memos (a memo kept from an earlier test could expire in the middle of this one and add a query to one
    render, or name a section or an image rendition of an earlier test's database)."""
    from django.core.cache import cache

    from toasoan.news.views import _sites
    from toasoan.sections.selectors import forget_sections
    from toasoan.seo.images import forget_share_images

    cache.clear()
    _sites.clear()
    forget_sections()
    forget_share_images()
    yield
    cache.clear()
    _sites.clear()
    forget_sections()
    forget_share_images()


def verify_second_factor(client, user) -> None:
    """Mark ``client``'s session as having passed the second factor with ``user``'s authenticator (made
    confirmed on the fly when the user has none), as the real code form does (django_otp.login)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(monkeypatch):
    """Test-client logins stay one line: ``client.force_login(user)`` also passes the second factor (see
    ``verify_second_factor``). Tests of the sign-in itself post to the real forms (tests/users/)."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request, django_db_blocker):
    """With ``--claim-dir``, the processes sharing the folder migrate one test database between them and the
    others copy it (tests/shared_database.py)."""
    folder = request.config.getoption("--claim-dir")
    if not folder:
        yield
        return
    from django.db import connection

    from tests.shared_database import SharedTestDatabase

    shared = SharedTestDatabase(connection, Path(folder))
    shared.install()
    yield
    with django_db_blocker.unblock():
        shared.uninstall()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the site skeleton built once (about half a second each time it is built):
    each test rolls back to it, and ``site_structure`` only looks it up. Plain transactional tests flush it
    away (and build it again when they ask for it); serialized-rollback tests restore it."""
    from django.db import connections

    from toasoan.home.services import ensure_site_structure

    with django_db_blocker.unblock():
        ensure_site_structure()
        # Serialized-rollback tests restore the database as it was serialized when it was created: serialize
        # it again, skeleton included, or their first restore collides with the skeleton's rows. The log
        # entries stay out: a restore over the rows still there would rewrite them, which the audit trigger
        # refuses on PostgreSQL.
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                rows = json.loads(connection.creation.serialize_db_to_string())
                connection._test_serialized_contents = json.dumps(
                    [row for row in rows if row["model"] not in LOG_MODELS])
                SNAPSHOTS[connection.alias] = connection._test_serialized_contents
    yield


# The database as serialized after it was built (content types, permissions, the skeleton), by alias.
SNAPSHOTS: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _transactional_tests_start_from_the_built_database():
    """A transactional test starts from the built database, whatever ran before it in this process.

    Django empties the database after each transactional test. After a serialized-rollback test it does so without
    making the content types and permissions again (the next serialized-rollback test restores them): a plain
    transactional test that came next found no permission at all (``Permission.DoesNotExist``), depending only on
    which file ran before it. Here every transactional test that finds the database that empty gets the snapshot
    back, as a serialized-rollback test would.

    The other way round, after a plain transactional test Django empties the database and makes the content types
    and permissions again, with new ids: a serialized-rollback test that came next failed to restore the snapshot
    over them (``UNIQUE constraint failed: django_content_type.app_label, django_content_type.model``). Such a
    test first empties the database when it holds content types or permissions other than the snapshot's.
    """
    from django.contrib.auth.models import Permission
    from django.db import connections
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_setup.__func__

    @classmethod
    def fixture_setup(cls):
        if cls.serialized_rollback:
            for alias in cls._databases_names(include_mirrors=False):
                _make_restorable(connections[alias])
        original(cls)
        for alias in cls._databases_names(include_mirrors=False):
            connection = connections[alias]
            snapshot = getattr(connection, "_test_serialized_contents", None) or SNAPSHOTS.get(alias)
            if snapshot and not Permission.objects.using(alias).exists():
                connection.creation.deserialize_db_from_string(snapshot)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_setup", fixture_setup)
        yield


_SNAPSHOT_ROWS: dict[str, tuple[set, set, str]] = {}


def _snapshot_rows(snapshot: str) -> tuple[set, set, str]:
    """The snapshot's content types and permissions as (pk, ...) rows, and its content types alone (serialized)."""
    if snapshot not in _SNAPSHOT_ROWS:
        rows = json.loads(snapshot)
        content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
        _SNAPSHOT_ROWS.clear()
        _SNAPSHOT_ROWS[snapshot] = (
            {(row["pk"], row["fields"]["app_label"], row["fields"]["model"]) for row in content_types},
            {(row["pk"], row["fields"]["content_type"], row["fields"]["codename"])
             for row in rows if row["model"] == "auth.permission"},
            json.dumps(content_types))
    return _SNAPSHOT_ROWS[snapshot]


def _make_restorable(connection) -> None:
    """Before a serialized-rollback test: the database emptied if it holds content types or permissions other than
    the snapshot's (made again by a plain transactional test's flush), then the snapshot's content types put back
    first, with the process's cache of them forgotten. Restoring a page looks up its content type (Wagtail's
    ``Page.__init__``): without them in the database already it would create one, which the snapshot's row then
    collides with. The snapshot is also looked up in ``SNAPSHOTS``: after a browser test the test's connection can
    be another object, without the one Django keeps (the restore after this function does it then)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    alias = connection.alias
    snapshot = getattr(connection, "_test_serialized_contents", None) or SNAPSHOTS.get(alias)
    if not snapshot:
        return
    held = (set(ContentType.objects.using(alias).values_list("pk", "app_label", "model")),
            set(Permission.objects.using(alias).values_list("pk", "content_type_id", "codename")))
    content_types, permissions, serialized_content_types = _snapshot_rows(snapshot)
    if held == (set(), set()) or held == (content_types, permissions):
        return  # emptied by a serialized-rollback test, or as built: restored as Django does
    call_command("flush", verbosity=0, interactive=False, database=alias, reset_sequences=False,
                 allow_cascade=False, inhibit_post_migrate=True)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(serialized_content_types)


@pytest.fixture
def site_structure(db):
    from toasoan.home.services import ensure_site_structure

    ensure_tree_root()  # after a flush the skeleton is built again, with the content types the database has now
    return ensure_site_structure()


@pytest.fixture
def section(site_structure):
    from toasoan.home.services import ensure_section

    return ensure_section(title="Thời sự", slug="thoi-su")


@pytest.fixture
def make_article(section):
    """Create and publish an article: ``make_article(title=..., published=datetime, parent=section, **fields)``."""
    from toasoan.news.models import ArticlePage

    def make(*, title: str = "Tỉnh khánh thành cầu mới qua sông Lam", parent=None, published: datetime | None = None,
             live: bool = True, **fields) -> ArticlePage:
        fields.setdefault("sapo", "Sáng nay, cây cầu dài nhất tỉnh chính thức thông xe.")
        article = (parent or section).add_child(instance=ArticlePage(title=title, live=False, **fields))
        if published is not None:
            article.first_published_at = published
        if live:
            article.save_revision().publish()
        article.refresh_from_db()
        return article

    return make


def seed_available() -> bool:
    return SEED_DIR.is_dir() and any(SEED_DIR.glob("*.txt"))


requires_seed = pytest.mark.skipif(
    not seed_available(), reason=f"../shared/seed is absent ({SEED_DIR}): the seed acceptance test needs it"
)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(autouse=True)
def _live_server_quiet_before_teardown(request):
    """A test with ``live_server`` ends only when the server has answered every request the browser sent: the
    editor's page asks the server every few seconds who else is editing (Wagtail's editing sessions), and a request
    still running when Django empties the database wrote its row into tables being emptied (CI on PostgreSQL: a
    foreign-key error in the teardown). Set up after pytest-django's database fixtures, so torn down before them."""
    if "live_server" not in request.fixturenames:
        yield
        return
    import threading
    import time

    from django.core.signals import request_finished, request_started

    running: dict[int, threading.Thread] = {}  # the server's threads inside a request (a receiver that raises in
    # request_started ends the request without request_finished: its thread ending counts as finished)

    def started(**kwargs):
        running[threading.get_ident()] = threading.current_thread()

    def finished(**kwargs):
        running.pop(threading.get_ident(), None)

    request_started.connect(started, dispatch_uid="tests-live-server-running", weak=False)
    request_finished.connect(finished, dispatch_uid="tests-live-server-running", weak=False)
    try:
        yield
        deadline, quiet_since = time.monotonic() + 15, None
        while time.monotonic() < deadline:  # no request running for 0.3 s (a late one may still be on its way)
            if any(thread.is_alive() for thread in list(running.values())):
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 0.3:
                break
            time.sleep(0.05)
    finally:
        request_started.disconnect(dispatch_uid="tests-live-server-running")
        request_finished.disconnect(dispatch_uid="tests-live-server-running")


def skip_or_fail_browser(reason: str) -> None:
    """Browser tests skip with a reason on a user's machine and fail in CI (CI_BROWSER=required)."""
    if os.environ.get("CI_BROWSER") == "required":
        pytest.fail(f"{reason} (CI_BROWSER=required)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium(django_db_setup, django_db_blocker):
    """Debian's Chromium driven by Playwright; never a downloaded browser.

    Tests using it with ``live_server`` should mark ``django_db(transaction=True, serialized_rollback=True)``:
    plain transactional tests flush the tables and re-create content types with new ids, which breaks the
    next serialized-rollback test.
    """
    if not CHROMIUM.exists():
        skip_or_fail_browser(f"{CHROMIUM} is absent: install Debian's package (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail_browser("Playwright for Python is not installed")
    # Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run beside one
    # unless told that this (test-only, single-threaded) use is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def ensure_tree_root() -> None:
    """The rows Wagtail's migrations make (tree root, root collection, locale), for a flushed database."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    # A plain transactional test's flush re-creates content types with new ids; the process-wide cache
    # still holds the old ones, and a page saved with one of them fails validation. Forget them only
    # then: clearing a valid cache makes the next serialized rollback create rows it is about to load.
    cached = ContentType.objects.get_for_model(Page)
    if not ContentType.objects.filter(pk=cached.pk, app_label=cached.app_label, model=cached.model).exists():
        ContentType.objects.clear_cache()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Thư viện chung")
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Gốc", slug="root"))
