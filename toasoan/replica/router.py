"""The database router: a reader's reads on the replica when it is usable, everything else on the primary."""

from __future__ import annotations

from django.db import connections

from toasoan.replica import health, state

PRIMARY = "default"


def read_alias() -> str:
    """Where a read of the current request goes."""
    current = state.current()
    if current is None or not current.reader or current.wrote:
        return PRIMARY
    if connections[PRIMARY].in_atomic_block:  # reading inside a transaction: what it wrote, on the primary
        return PRIMARY
    if not health.usable():
        return PRIMARY
    current.used_replica = True
    return health.ALIAS


class ReplicaRouter:
    """Django database router (``DATABASE_ROUTERS``), active only when ``DATABASE_REPLICA_URL`` is set."""

    def db_for_read(self, model, **hints) -> str:
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        current = state.current()
        if current is not None:
            current.wrote = True  # read-your-write within the request
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY  # the replica follows the primary's schema by replication
