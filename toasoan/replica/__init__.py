"""Reader pages read from a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``); see docs/deployment.md.

:mod:`~toasoan.replica.router` sends a query to the replica only inside a request that
:class:`~toasoan.replica.middleware.ReplicaMiddleware` marked as a reader's read (GET/HEAD outside the admin,
no session, not pinned), and only while :mod:`~toasoan.replica.health` finds the replica up and close enough
behind the primary. Everything else — writes, the admin, tasks, management commands, and a reader's requests
for a few seconds after one of their own writes — uses the primary (``default``).
"""
