"""One migrated test database per ``--claim-dir``: the processes of a pass migrate once, the others copy it.

Creating the test database runs every migration (about 260, 14 s of one core on an idle machine, near a minute
when CI's four processes all migrate at once on two cores). With ``--claim-dir`` the processes that share the
folder take turns on a lock in it: the first migrates its test database as usual, then copies it as a template
(PostgreSQL: a database ``CREATE DATABASE ... TEMPLATE`` can copy, its test database's name plus ``_template``;
SQLite: a file in the folder) and writes down where; each process after it creates its test database as a copy of
that template instead of migrating, then serializes it as migrating would have. What happens after (the site
skeleton, the serialized snapshot: tests/conftest.py) is the same in every process.

The note names the template and a digest of every app's migration files: a template is used only in the run that
made it (the claim folder is the run's own) and only with the same migrations. A process that finds no usable
template migrates, as without ``--claim-dir``. The process that made the template drops it when its run ends (under
the lock, so never while another copies it), and its note with it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import sqlite3
from contextlib import closing
from importlib import import_module
from pathlib import Path

LOCK = "test-database.lock"
NOTE = "test-database.json"


def migrations_digest() -> str:
    """A digest of every installed app's migration files (names and contents)."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    for app in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _explicit = MigrationLoader.migrations_module(app.label)
        try:
            module = import_module(module_name) if module_name else None
        except ImportError:
            module = None
        if module is None or not getattr(module, "__path__", None):
            continue
        for folder in module.__path__:
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app.label}/{path.name}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _is_postgresql(connection) -> bool:
    return connection.vendor == "postgresql"


def _copy_sqlite(source: str, target: str) -> None:
    """A consistent copy of an SQLite database (its write-ahead log included), through SQLite's backup."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def _drop_postgresql(connection, name: str) -> None:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


class SharedTestDatabase:
    """Replaces ``connection.creation.create_test_db`` of one connection for the session (``install``)."""

    def __init__(self, connection, folder: Path):
        self.connection = connection
        self.folder = folder
        self.original = connection.creation.create_test_db
        self.made: str | None = None  # the template this process made, dropped at the end if still there

    def install(self) -> None:
        self.connection.creation.create_test_db = self.create_test_db

    def uninstall(self) -> None:
        self.connection.creation.create_test_db = self.original
        if self.made is None:
            return
        with open(self.folder / LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self._note().get("template") == self.made:
                (self.folder / NOTE).unlink()
            self._drop_template(self.made)

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb:
            return self.original(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb)
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = migrations_digest()
        with open(self.folder / LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held while migrating: the next process waits for the template
            note = self._note()
            if note.get("migrations") == digest and self._exists(note.get("template")):
                return self._copy(note, verbosity=verbosity, autoclobber=autoclobber, serialize=serialize)
            name = self.original(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=False)
            self._make_template(name, digest)
            return name

    def _note(self) -> dict:
        path = self.folder / NOTE
        return json.loads(path.read_text()) if path.exists() else {}

    def _exists(self, template: str | None) -> bool:
        if not template:
            return False
        if not _is_postgresql(self.connection):
            return Path(template).is_file()
        with self.connection.creation._nodb_cursor() as cursor:
            return self.connection.creation._database_exists(cursor, template)

    def _make_template(self, name: str, digest: str) -> None:
        connection = self.connection
        if _is_postgresql(connection):
            template = f"{name}_template"
            connection.close()  # a database is copied only while nobody is connected to it
            _drop_postgresql(connection, template)
            with connection.creation._nodb_cursor() as cursor:
                quote = connection.ops.quote_name
                cursor.execute(f"CREATE DATABASE {quote(template)} WITH TEMPLATE {quote(name)}")
        else:
            template = str(self.folder / f"template-{connection.alias}.sqlite3")
            connection.close()
            _copy_sqlite(name, template)
        connection.ensure_connection()
        self.made = template
        (self.folder / NOTE).write_text(json.dumps({"migrations": digest, "template": template}))

    def _copy(self, note: dict, *, verbosity: int, autoclobber: bool, serialize: bool) -> str:
        """``create_test_db`` with the template's copy in place of migrating (Django's steps otherwise)."""
        from django.conf import settings
        from django.core.management import call_command

        connection, creation = self.connection, self.connection.creation
        template = note["template"]
        name = creation._get_test_db_name()
        if verbosity >= 1:
            creation.log(f"Copying the migrated test database {template} to {name}...")
        test_settings = connection.settings_dict["TEST"]
        if _is_postgresql(connection):
            previous = test_settings.get("TEMPLATE")
            test_settings["TEMPLATE"] = template
            try:
                creation._create_test_db(verbosity, autoclobber, False)
            finally:
                test_settings["TEMPLATE"] = previous
        else:
            creation._create_test_db(verbosity, autoclobber, False)  # removes an old file of that name
            _copy_sqlite(template, name)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        connection.ensure_connection()
        return name

    def _drop_template(self, template: str) -> None:
        try:
            if _is_postgresql(self.connection):
                _drop_postgresql(self.connection, template)
            else:
                Path(template).unlink(missing_ok=True)
        except Exception as error:  # a leftover is harmless: the next run makes its own
            print(f"shared test database: {template} not dropped ({error})")
