"""The ``newsroom`` fixture built once for the consecutive database tests of a file (a plugin: tests/conftest.py).

Building the newsroom (two desks, the roles' groups and page permissions, the workflow, eight accounts) takes about
a second; 166 database tests in 34 files ask for it. Before the first of a file's database tests that use it, the
newsroom is built inside a transaction of its own (``SHARED`` is put first among the test's fixtures, so it is
opened before the test's transaction, which is then a savepoint in it); each test rolls back to the newsroom as
built, and gets its objects read again from the database (nothing of an earlier test's Python objects). The
transaction is rolled back after the file's last such test in a row: before any other test (another file's, a test
that does not use the newsroom, a transactional one), so no other test ever sees it.

Transactional tests (the live server, the browser) build the newsroom in the test, as before.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.parts import _path, _phase

SHARED = "_newsroom_shared"


@dataclass
class _Open:
    path: str  # the test file
    atomic: object
    blocker: object
    built: object  # NewsroomFixture


_current: _Open | None = None


def _uses_the_newsroom(item) -> bool:
    """Whether the item's ``newsroom`` is tests/newsroom/conftest.py's (a test file may have its own)."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {}).get("newsroom")
    if not definitions:
        return False
    code = inspect.unwrap(definitions[-1].func).__code__
    return Path(code.co_filename) == Path(__file__).with_name("conftest.py")


def pytest_collection_modifyitems(items):
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None and SHARED not in names and _phase(item) == 0 and _uses_the_newsroom(item):
            names.insert(0, SHARED)  # first: opened before pytest-django's transaction for the test


@pytest.fixture
def _newsroom_shared(request, django_db_setup, django_db_blocker):  # not django_user_model: it opens ``db``
    """The file's newsroom transaction, opened (and the newsroom built in it) by the first test that needs it."""
    global _current
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from tests.conftest import ensure_tree_root
    from tests.newsroom.conftest import build_newsroom
    from toasoan.home.services import ensure_site_structure

    if _current is not None and _current.path != _path(request.node):
        _close()
    if _current is None:
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True  # as the test runner's own: application code may open a durable block
            atomic.__enter__()
            try:
                ensure_tree_root()
                built = build_newsroom(ensure_site_structure(), get_user_model())
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        _current = _Open(path=_path(request.node), atomic=atomic, blocker=django_db_blocker, built=built)


def _close() -> None:
    global _current
    from django.db import transaction

    opened, _current = _current, None
    with opened.blocker.unblock():
        transaction.set_rollback(True)
        opened.atomic.__exit__(None, None, None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test of another file, or one that builds its own newsroom (a transactional test, whose thread or server
    must see what it writes), never runs inside a shared transaction, whichever order a runner chose."""
    if _current is not None and (SHARED not in getattr(item, "fixturenames", ()) or _path(item) != _current.path):
        _close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if _current is None:
        return
    if nextitem is None or SHARED not in getattr(nextitem, "fixturenames", ()) or _path(nextitem) != _current.path:
        _close()


def pytest_sessionfinish(session):
    if _current is not None:
        _close()


def shared_newsroom(request):
    """The shared newsroom's objects read again for this test, or None when the test builds its own."""
    if SHARED not in request.fixturenames or _current is None or _current.path != _path(request.node):
        return None
    from dataclasses import replace

    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    from toasoan.newsroom.roles import Newsroom

    built = _current.built
    old = built.newsroom
    group_ids = [group.pk for group in old.groups.values()]
    group_ids += [group.pk for desk in old.desk_groups.values() for group in desk.values()]
    if old.comment_moderators is not None:
        group_ids.append(old.comment_moderators.pk)
    groups = Group.objects.in_bulk(group_ids)
    people = [*built.users.values(), built.colleague, built.outsider]
    users = type(built.colleague)._default_manager.in_bulk([user.pk for user in people])

    def page(obj):
        return type(obj)._default_manager.get(pk=obj.pk)

    newsroom = Newsroom(
        groups={role: groups[group.pk] for role, group in old.groups.items()},
        desk_groups={name: {role: groups[group.pk] for role, group in desk.items()}
                     for name, desk in old.desk_groups.items()},
        workflow=Workflow.objects.get(pk=old.workflow.pk),
        comment_moderators=groups[old.comment_moderators.pk] if old.comment_moderators is not None else None,
    )
    return replace(
        built, home=page(built.home), desk_section=page(built.desk_section), other_section=page(built.other_section),
        events_index=page(built.events_index), newsroom=newsroom,
        users={role: users[user.pk] for role, user in built.users.items()},
        colleague=users[built.colleague.pk], outsider=users[built.outsider.pk])
