"""tests/shared_database.py: processes sharing a claim folder migrate one test database, the others copy it.

Two SQLite connections of their own stand for two processes of a pass; migrating is stood in for by a function
that makes a small database (a real migrate takes ~15 s; CI's passes copy the real one every run).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

from tests.shared_database import NOTE, SharedTestDatabase, migrations_digest


def process(tmp_path, monkeypatch, number: int):
    """A connection with its own test database file, its creation's migrate replaced by a small stand-in."""
    alias = f"shared_test_{number}"
    test_name = str(tmp_path / f"test-{number}.sqlite3")
    connection = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(tmp_path / f"{number}.sqlite3"),
                                  "ENGINE": "django.db.backends.sqlite3", "OPTIONS": {},
                                  "TEST": {"NAME": test_name, "MIGRATE": True}}, alias=alias)
    monkeypatch.setitem(settings.DATABASES, alias, dict(connection.settings_dict))
    migrated = []

    def migrate(**kwargs):
        connection.creation._create_test_db(0, True, False)
        with closing(sqlite3.connect(test_name)) as database, database:
            database.execute("CREATE TABLE story (title TEXT)")
            database.execute("INSERT INTO story VALUES ('Cầu Rồng phun lửa đêm cuối tuần')")
        migrated.append(number)
        connection.settings_dict["NAME"] = test_name
        return test_name

    monkeypatch.setattr(connection.creation, "create_test_db", migrate)
    return connection, migrated


@pytest.fixture
def unblocked(django_db_blocker):
    """Connections of the test's own (not the test database: no ``db``, so no test database is made for it)."""
    with django_db_blocker.unblock():
        yield


def titles(path: str) -> list[str]:
    with closing(sqlite3.connect(path)) as database:
        return [row[0] for row in database.execute("SELECT title FROM story")]


@pytest.fixture
def two_processes(tmp_path, monkeypatch, unblocked):
    """Two processes' connections sharing one claim folder: [(connection, migrated, shared), ...]."""
    claims = tmp_path / "claims"
    processes = []
    for number in (1, 2):
        connection, migrated = process(tmp_path, monkeypatch, number)
        shared = SharedTestDatabase(connection, claims)
        shared.install()
        processes.append((connection, migrated, shared))
    yield processes
    for connection, _migrated, _shared in processes:
        connection.close()


def test_the_first_process_migrates_and_the_next_copies_its_database(tmp_path, two_processes):
    (first, first_migrated, first_shared), (second, second_migrated, second_shared) = two_processes
    claims = tmp_path / "claims"

    assert first.creation.create_test_db(verbosity=0, serialize=False) == str(tmp_path / "test-1.sqlite3")
    note = json.loads((claims / NOTE).read_text())
    assert note["migrations"] == migrations_digest()
    assert second.creation.create_test_db(verbosity=0, serialize=False) == str(tmp_path / "test-2.sqlite3")

    assert first_migrated == [1] and second_migrated == []  # the second process did not migrate
    assert titles(str(tmp_path / "test-2.sqlite3")) == ["Cầu Rồng phun lửa đêm cuối tuần"]
    assert second.settings_dict["NAME"] == str(tmp_path / "test-2.sqlite3")
    second_shared.uninstall()
    first_shared.uninstall()  # the maker drops its template and the note
    assert not (claims / NOTE).exists() and not list(claims.glob("template-*"))


def test_a_template_of_other_migrations_is_not_copied(tmp_path, two_processes):
    (first, first_migrated, first_shared), (second, second_migrated, second_shared) = two_processes
    claims = tmp_path / "claims"
    first.creation.create_test_db(verbosity=0, serialize=False)
    note = json.loads((claims / NOTE).read_text())
    (claims / NOTE).write_text(json.dumps({**note, "migrations": "a migration added since"}))

    second.creation.create_test_db(verbosity=0, serialize=False)

    assert first_migrated == [1] and second_migrated == [2]  # migrated again rather than copied
    first_shared.uninstall()
    second_shared.uninstall()
