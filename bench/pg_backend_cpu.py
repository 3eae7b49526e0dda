"""CPU of a command and of the PostgreSQL backends it talks to, on this machine.

    .venv/bin/python bench/pg_backend_cpu.py DBNAME -- COMMAND...

Runs COMMAND and, every 0.1 s while it runs, reads from ``pg_stat_activity`` the pids of the backends connected
to DBNAME and their user + system CPU from ``/proc/<pid>/stat`` (the server must run on this machine). Prints the
wall time, the CPU of the command (and the processes it waited for) and each backend's CPU: what an import costs
the client and the server, apart from how busy a shared machine was. The server's administrative connection is
read from ``PGCPU_ADMIN_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import psycopg


def backend_cpu(pid: int, tick: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / tick


def main() -> int:
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    database, command = sys.argv[1], sys.argv[3:]
    tick = os.sysconf("SC_CLK_TCK")
    seen: dict[int, float] = {}
    admin = os.environ.get("PGCPU_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        process = subprocess.Popen(command)
        while process.poll() is None:
            rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,)).fetchall()
            for (pid,) in rows:
                cpu = backend_cpu(pid, tick)
                if cpu is not None:
                    seen[pid] = cpu
            time.sleep(0.1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    client = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    backends = ", ".join(f"{pid}: {cpu:.1f}" for pid, cpu in seen.items())
    print(f"pgcpu: wall {wall:.1f} s, client CPU {client:.1f} s, server backend CPU {sum(seen.values()):.1f} s "
          f"({len(seen)} backends: {backends})", file=sys.stderr)
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
