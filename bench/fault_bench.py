"""Faults under load (issue 20, point 9): nothing acknowledged is lost when PostgreSQL, Redis or a worker fails.

Starts a PostgreSQL cluster and a Redis server of its own (``toasoan.ops.localdb``; never the machine's shared
5432/6379), fills them with a small paper, starts the production stack against them with ``deploy/prod-local.sh``
(nginx front, gunicorn, task workers, scheduler, spool reader… under ``toasoan supervise``), then loads it on
127.0.0.1 with cached and uncached readers, view beacons, editors saving drafts through the admin's real edit
view (signed in with password and authenticator code) and a task probe:

* a baseline phase without faults (``--baseline`` s), then
* the fault phase (``--seconds``, 60 by default): PostgreSQL restarted (fast stop, start), Redis stopped and
  started again, the task workers killed with SIGKILL; a few stories are scheduled to go live during it.

Then it checks, once everything has drained: every save answered with the edit page's redirect is in the
database, every beacon answered 204 is counted (no more, no less), no cached page failed, each service answered
again within 5 s of coming back, every scheduled story was published exactly once within one scheduler tick of
its time, every task the probe enqueued ran. Ends with ``target NAME: VALUE (goal OP X) PASS|FAIL`` lines and
writes what it printed to ``bench/data/faults/``.

    .venv/bin/python bench/fault_bench.py [--seconds 60] [--baseline 10] [--port-base 22000] [--beacons-to app]

Ports: port-base + 432 (PostgreSQL), + 379 (Redis), + 80/81/90 (front, refresh, app), or ``--ports`` giving each.
``--beacons-to app`` sends the beacons to gunicorn itself, as a site without the nginx front gets them (the app's
own spool, ``BEACON_SPOOL_DIR``; ``BEACON_SPOOL_DIR=off`` in the environment: counts wait in Redis). Ctrl+C stops
everything it started.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_load import (  # noqa: E402
    BeaconSender,
    CachedReader,
    Editor,
    Journal,
    TaskProbe,
    UncachedReader,
)

from toasoan.ops.localdb import LocalPostgres, LocalRedis  # noqa: E402

SCHEDULER_TICK = 5.0  # deploy/prod-local.sh's SCHEDULER_INTERVAL
RECLAIM_SECONDS = 10  # tasks a killed worker left RUNNING come back after this (production: 60)
RECOVERY_GOAL = 5.0
PASSWORD = "Mật-khẩu-thử-lỗi-2026"  # noqa: S105 - a throwaway cluster's account


class Tee:
    """Everything printed also goes to the run's file in bench/data/faults/."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w", encoding="utf-8")
        self.stdout = sys.stdout

    def write(self, text: str) -> int:
        self.file.write(text)
        self.file.flush()
        return self.stdout.write(text)

    def flush(self) -> None:
        self.stdout.flush()


def target(name: str, value: float, op: str, goal: float, unit: str = "") -> bool:
    ok = value >= goal if op == ">=" else value <= goal
    print(f"target {name}: {value:g}{unit} (goal {op} {goal:g}{unit}) {'PASS' if ok else 'FAIL'}", flush=True)
    return ok


class Stack:
    """The own PostgreSQL and Redis, and the production stack of deploy/prod-local.sh against them."""

    def __init__(self, port_base: int, ports: str = ""):
        self.folder = Path(tempfile.mkdtemp(prefix="toasoan-faults-"))
        self.run_dir = self.folder / "run"
        self.ports = {"pg": port_base + 432, "redis": port_base + 379, "front": port_base + 80,
                      "refresh": port_base + 81, "app": port_base + 90}
        if ports:  # --ports PG,REDIS,FRONT,REFRESH,APP
            self.ports = dict(zip(self.ports, map(int, ports.split(",")), strict=True))
        self.front = f"http://127.0.0.1:{self.ports['front']}"
        self.app = f"http://127.0.0.1:{self.ports['app']}"
        self.pg: LocalPostgres | None = None
        self.redis: LocalRedis | None = None
        self.started = False

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")}
        env.update({
            "DATABASE_URL": self.pg.url(), "REDIS_URL": self.redis.url(), "TOASOAN_VAR_DIR": str(self.folder / "var"),
            "PROD_RUN_DIR": str(self.run_dir), "PROD_PORT": str(self.ports["front"]),
            "REFRESH_PORT": str(self.ports["refresh"]), "APP_PORT": str(self.ports["app"]),
            "SCHEDULER_INTERVAL": f"{SCHEDULER_TICK:g}", "TOASOAN_TASK_RECLAIM_SECONDS": str(RECLAIM_SECONDS),
            # Every simulated reader shares the loopback address: no per-address allowance (as bench/run_bench.py).
            "BEACON_READERS_PER_ADDRESS": "0", "CACHE_KEY_PREFIX": "faults", "LOG_LEVEL": "WARNING",
        })
        return env

    def databases(self) -> None:
        self.pg = LocalPostgres.create(port=self.ports["pg"])
        self.redis = LocalRedis.create(port=self.ports["redis"])

    def start(self) -> None:
        self.started = True
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "start"], env=self.env(), check=True,
                       stdout=subprocess.DEVNULL, cwd=ROOT)

    def stop(self, *, keep: bool = False) -> None:
        """Stop everything; ``keep`` leaves the folder (the programs' logs) for a look, and says where."""
        if self.started:
            subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], env=self.env(), check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, timeout=120)
            self.started = False
        if self.redis is not None:
            self.redis.destroy()
        if self.pg is not None:
            self.pg.destroy()
        if keep:
            print(f"bench: logs kept in {self.run_dir}", flush=True)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    def pid(self, program: str) -> int | None:
        try:
            return int((self.run_dir / f"{program}.pid").read_text())
        except (OSError, ValueError):
            return None


def wait_for(predicate, timeout: float, pause: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return True
        time.sleep(pause)
    return False


# --- the paper ---------------------------------------------------------------------------------------------

def build_paper(articles: int) -> dict:
    """Sections, published articles, two editors with authenticators (setting up: ORM, not the benchmark)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from toasoan.home.services import ensure_section, ensure_site_structure
    from toasoan.news.models import ArticlePage

    ensure_site_structure()
    sections = [ensure_section(title="Thời sự", slug="thoi-su"), ensure_section(title="Kinh tế", slug="kinh-te")]
    pages = []
    for n in range(articles):
        page = sections[n % 2].add_child(instance=ArticlePage(
            title=f"Lũ miền Trung: bản tin {n + 1} lúc 13 giờ ngày 24", live=False,
            sapo="Mưa lớn kéo dài ở Quảng Nam và Đà Nẵng; hàng nghìn hộ dân được sơ tán.",
        ))
        page.save_revision().publish()
        pages.append(ArticlePage.objects.get(pk=page.pk))
    editors = []
    for n in range(2):
        user = get_user_model().objects.create_superuser(f"bientap{n}", f"bientap{n}@example.vn", PASSWORD)
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)
        editors.append({"username": user.username, "password": PASSWORD, "totp_key": device.key})
    return {"sections": sections, "articles": pages, "editors": editors}


def schedule_stories(section, moments: list[datetime]) -> list[tuple[int, datetime]]:
    """Stories approved to go live at ``moments`` (Wagtail's scheduled publication, as an approval leaves it)."""
    from toasoan.news.models import ArticlePage

    scheduled = []
    for n, moment in enumerate(moments):
        page = section.add_child(instance=ArticlePage(
            title=f"Hẹn giờ {n + 1}: kết quả xổ số 🎯 {moment:%H:%M:%S}", live=False, go_live_at=moment,
            sapo="Bài hẹn giờ lên trang trong lúc có sự cố.",
        ))
        page.save_revision().publish()  # go_live_at in the future: the revision is approved for that moment
        scheduled.append((page.pk, moment))
    return scheduled


def page_tokens(front: str, articles) -> tuple[list[str], dict[int, str]]:
    """Each article's path (read once through the front, so it is cached) and the beacon token its page carries."""
    import requests

    paths, tokens = [], {}
    for article in articles:
        path = article.canonical_path()
        html = requests.get(front + path, timeout=10).text
        found = re.search(r'data-article="(\d+)" data-token="([A-Za-z0-9_-]+)"', html)
        if found:
            tokens[int(found.group(1))] = found.group(2)
        paths.append(path)
    return paths, tokens


# --- faults ----------------------------------------------------------------------------------------------

class Faults:
    """The fault plan, on its own thread; records when each service went away and came back."""

    def __init__(self, stack: Stack, start: float):
        self.stack, self.start = stack, start
        # name -> (away, back, wall clock away, wall clock back)
        self.windows: dict[str, tuple[float, float, float, float]] = {}
        self.thread = threading.Thread(target=self.run, daemon=True, name="faults")
        self.error: BaseException | None = None

    def at(self, offset: float) -> None:
        time.sleep(max(0.0, self.start + offset - time.monotonic()))

    def run(self) -> None:
        try:
            self.at(10)
            away, away_wall = time.monotonic(), time.time()
            self.stack.pg.restart()
            self.windows["postgresql"] = (away, time.monotonic(), away_wall, time.time())
            self.at(25)
            away, away_wall = time.monotonic(), time.time()
            self.stack.redis.stop()
            time.sleep(6)
            self.stack.redis.start()
            self.windows["redis"] = (away, time.monotonic(), away_wall, time.time())
            self.at(40)
            old = {name: self.stack.pid(name) for name in ("worker", "publisher")}
            away, away_wall = time.monotonic(), time.time()
            for pid in old.values():
                if pid:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            wait_for(lambda: self.stack.pid("worker") not in (None, old["worker"])
                     and Path(f"/proc/{self.stack.pid('worker')}").exists(), 60, 0.02)
            self.windows["worker"] = (away, time.monotonic(), away_wall, time.time())
        except BaseException as exc:  # reported by the main thread
            self.error = exc


def recovery(journal: Journal, back: float, kinds: tuple[str, ...], usual: dict[str, float]) -> dict[str, float]:
    """Seconds from ``back`` to the first success of each kind of request after it, less the time such a
    request takes without faults (``usual``: the baseline's median; on a busy machine an admin save alone
    takes seconds)."""
    found = {}
    for kind in kinds:
        after = [e.at for e in journal.of(kind, since=back) if e.ok]
        found[kind] = max(0.0, min(after) - back - usual.get(kind, 0.0)) if after else float("inf")
    return found


def rates(journal: Journal, since: float, until: float) -> dict[str, tuple[int, int]]:
    return {kind: (sum(e.ok for e in journal.of(kind, since, until)), sum(not e.ok for e in journal.of(kind, since,
                                                                                                        until)))
            for kind in ("cached", "uncached", "beacon", "edit")}


# --- checks ----------------------------------------------------------------------------------------------

def retry_orm(action, timeout: float = 30.0):
    from django.db import close_old_connections

    deadline = time.monotonic() + timeout
    while True:
        try:
            return action()
        except Exception:
            close_old_connections()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def lost_edits(journal: Journal) -> list[tuple[int, str]]:
    from wagtail.models import Revision

    saved = set()
    for page_id in {p for p, _t in journal.acked_edits}:
        saved |= {(page_id, c.get("title")) for c in Revision.page_revisions.filter(object_id=str(page_id))
                  .values_list("content", flat=True)}
    return [edit for edit in journal.acked_edits if edit not in saved]


def views_in_database() -> dict[int, int]:
    from django.db.models import Sum

    from toasoan.analytics.models import ArticleViewHour

    return dict(ArticleViewHour.objects.values("article_id").annotate(n=Sum("views")).values_list("article_id", "n"))


def wait_for_views(stack: Stack, journal: Journal, timeout: float) -> dict[int, int]:
    from toasoan.analytics import spool

    deadline = time.monotonic() + timeout
    counted = {}
    while time.monotonic() < deadline:
        counted = retry_orm(views_in_database)
        if counted == journal.acked_views and not spool.pending_beacons(stack.run_dir / "beacons"):
            break
        time.sleep(0.5)
    return counted


def scheduled_results(scheduled: list[tuple[int, datetime]]) -> list[tuple[int, datetime, int, float | None]]:
    """(page, due, publications, seconds late of the first) for each scheduled story."""
    from wagtail.models import PageLogEntry

    results = []
    for page_id, due in scheduled:
        entries = list(PageLogEntry.objects.filter(page_id=page_id, action__in=(
            "wagtail.publish", "wagtail.publish.scheduled")).order_by("timestamp").values_list("timestamp", flat=True))
        results.append((page_id, due, len(entries), (entries[0] - due).total_seconds() if entries else None))
    return results


def task_outcomes(probe: TaskProbe) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    ids = [task_id for _at, task_id in probe.enqueued]
    statuses = list(DBTaskResult.objects.filter(pk__in=ids).values_list("status", flat=True))
    outcome = {status: statuses.count(status) for status in set(statuses)}
    outcome["missing"] = len(ids) - len(statuses)
    return outcome


def task_failures(probe: TaskProbe) -> dict[str, int]:
    """How many of the probe's tasks ended FAILED, by exception class (why ``tasks_not_run`` is not 0)."""
    from django_tasks_db.models import DBTaskResult

    ids = [task_id for _at, task_id in probe.enqueued]
    paths = list(DBTaskResult.objects.filter(pk__in=ids, status="FAILED").values_list("exception_class_path",
                                                                                       flat=True))
    return {path: paths.count(path) for path in set(paths)}


def worker_recovery(faults: Faults) -> tuple[float, float]:
    """Seconds from the restarted worker's first heartbeat (booted, ready to claim) to the first task it
    finished, and from the supervisor's restart to that heartbeat (the program's start-up)."""
    from django_tasks_db.models import DBTaskResult

    from toasoan.ops.models import Heartbeat

    *_times, away_wall, back_wall = faults.windows["worker"]
    pid = faults.stack.pid("worker")
    ready = (Heartbeat.objects.filter(kind=Heartbeat.Kind.WORKER, pid=pid, started_at__gte=datetime.fromtimestamp(
        away_wall, tz=UTC)).order_by("started_at").values_list("started_at", flat=True).first())
    if ready is None:
        return float("inf"), float("inf")
    first = (DBTaskResult.objects.filter(finished_at__gte=ready)
             .order_by("finished_at").values_list("finished_at", flat=True).first())
    return ((first - ready).total_seconds() if first else float("inf")), ready.timestamp() - back_wall


# --- main ------------------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--baseline", type=int, default=15)
    parser.add_argument("--articles", type=int, default=24)
    parser.add_argument("--port-base", type=int, default=22000)
    parser.add_argument("--ports", default="", metavar="PG,REDIS,FRONT,REFRESH,APP",
                        help="each port given (instead of --port-base's layout)")
    parser.add_argument("--beacons-to", choices=["front", "app"], default="front",
                        help="app: beacons go to gunicorn directly, as without the front (toasoan serve)")
    args = parser.parse_args()
    if args.seconds < 55:
        parser.error("--seconds: at least 55 (the last fault comes at 40 s and the last story at 50 s)")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    sys.stdout = Tee(ROOT / "bench" / "data" / "faults" / f"fault_bench-{stamp}.txt")

    def interrupted(*_args):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    stack = Stack(args.port_base, args.ports)
    stop = threading.Event()
    try:
        return run(args, stack, stop)
    except KeyboardInterrupt:
        print("bench: interrupted; stopping everything it started", flush=True)
        return 130
    finally:
        stop.set()
        stack.stop(keep=os.environ.get("FAULT_BENCH_KEEP") == "1")


def run(args, stack: Stack, stop: threading.Event) -> int:
    began = time.monotonic()
    stack.databases()
    env = stack.env()
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "REDIS_URL", "TOASOAN_VAR_DIR", "CACHE_KEY_PREFIX")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    subprocess.run([sys.executable, "-m", "toasoan.cli", "migrate", "--noinput"], env={**env, **os.environ},
                   check=True, capture_output=True, cwd=ROOT)
    import django

    django.setup()
    paper = build_paper(args.articles)
    print(f"bench: own PostgreSQL :{stack.ports['pg']} and Redis :{stack.ports['redis']}, {args.articles} articles, "
          f"set up in {time.monotonic() - began:.0f} s", flush=True)
    stack.start()
    if not wait_for(lambda: __import__("requests").get(f"{stack.app}/readyz", timeout=2).status_code == 200, 90, 0.5):
        print("bench: the stack never became ready (/readyz)", file=sys.stderr)
        return 2
    readers = paper["articles"][:-2]
    paths, tokens = page_tokens(stack.front, readers)
    journal = Journal()
    common = {"front": stack.front}
    clients = [CachedReader(journal, stop, paths=paths, pause=0.01, **common) for _ in range(2)]
    clients += [UncachedReader(journal, stop, paths=paths, pause=0.1, **common) for _ in range(2)]
    clients += [BeaconSender(journal, stop, tokens=tokens, pause=0.05,
                             front=stack.app if args.beacons_to == "app" else stack.front)]
    editors = [Editor(journal, stop, page_id=page.pk, pause=0.5, **editor, **common)
               for page, editor in zip(paper["articles"][-2:], paper["editors"], strict=True)]
    for editor in editors:
        editor.sign_in()
    clients += editors
    probe = TaskProbe(journal, stop, article_ids=[a.pk for a in readers], pause=0.5)
    fault_start = time.monotonic() + args.baseline
    wall_start = datetime.now(UTC) + timedelta(seconds=args.baseline)
    offsets = [3, 11, 28, 42, 50]
    scheduled = schedule_stories(paper["sections"][0], [wall_start + timedelta(seconds=o) for o in offsets])
    print(f"bench: {len(clients)} clients (2 cached readers, 2 uncached, 1 beacon sender to the {args.beacons_to}, "
          f"2 editors) and a task "
          f"probe; {args.baseline} s baseline, then {args.seconds} s with PostgreSQL restarted at 10 s, Redis "
          f"stopped 25–31 s, the task workers killed at 40 s; stories scheduled at {offsets} s", flush=True)
    for client in [*clients, probe]:
        client.start()
    faults = Faults(stack, fault_start)
    faults.thread.start()
    time.sleep(max(0.0, fault_start + args.seconds - time.monotonic()))
    stop.set()
    for client in [*clients, probe]:
        client.join(timeout=10)
    faults.thread.join(timeout=30)
    if faults.error is not None:
        raise faults.error
    return report(args, stack, journal, faults, probe, scheduled, fault_start, editors)


def report(args, stack, journal, faults, probe, scheduled, fault_start, editors) -> int:
    base = rates(journal, fault_start - args.baseline, fault_start)
    under = rates(journal, fault_start, fault_start + args.seconds)
    for kind, (ok, failed) in under.items():
        b_ok, b_failed = base[kind]
        ratio = (ok / args.seconds) / (b_ok / args.baseline) if b_ok else float("nan")
        took = [e.took for e in journal.of(kind, fault_start - args.baseline, fault_start)]
        print(f"  {kind}: baseline {b_ok / args.baseline:.1f} ok/s ({b_failed} failed, median "
              f"{statistics.median(took) * 1000 if took else float('nan'):.0f} ms); under faults "
              f"{ok / args.seconds:.1f} ok/s ({failed} failed), ratio {ratio:.2f}", flush=True)
    for name, (away, back, *_wall) in faults.windows.items():
        print(f"  {name}: away {away - fault_start:.1f} s → back {back - fault_start:.1f} s "
              f"({back - away:.1f} s)", flush=True)
    # The usual answer time: the median of the kind's successful requests in this run (an admin save on a busy
    # machine alone takes seconds; the baseline phase may hold none).
    usual = {kind: statistics.median([e.took for e in journal.of(kind) if e.ok] or [0.0])
             for kind in ("uncached", "edit")}
    print(f"  usual answer times: {', '.join(f'{k} {v:.2f} s' for k, v in usual.items())}", flush=True)
    recoveries = {
        "postgresql": recovery(journal, faults.windows["postgresql"][1], ("uncached", "edit"), usual),
        "redis": recovery(journal, faults.windows["redis"][1], ("uncached", "edit"), usual),
    }
    for name in ("postgresql", "redis"):
        away, back, *_wall = faults.windows[name]
        failed = {k: sum(not e.ok for e in journal.of(k, away, back + RECOVERY_GOAL)) for k in ("uncached", "edit")}
        print(f"  {name}: first success after it came back (beyond the usual answer time): "
              + ", ".join(f"{k} {v:.2f} s" for k, v in recoveries[name].items())
              + f"; failed while away: {failed}", flush=True)
    deadline = max(due for _p, due in scheduled) + timedelta(seconds=2 * SCHEDULER_TICK)
    time.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()))
    to_task, boot = retry_orm(lambda: worker_recovery(faults))
    recoveries["worker"] = {"tasks": to_task}
    for editor in editors:
        print(f"  editor {editor.username}: the edit form took median "
              f"{statistics.median(editor.form_seconds or [float('nan')]) * 1000:.0f} ms", flush=True)
    print(f"  worker: restarted by the supervisor, ready (first heartbeat) {boot:.1f} s later, first task "
          f"finished {to_task:.2f} s after that", flush=True)
    lost = retry_orm(lambda: lost_edits(journal))
    print(f"  edits: {len(journal.acked_edits)} acknowledged, {len(lost)} not in the database {lost[:3]}", flush=True)
    counted = wait_for_views(stack, journal, 60)
    acked = sum(journal.acked_views.values())
    missing = sum(max(0, n - counted.get(a, 0)) for a, n in journal.acked_views.items())
    extra = sum(max(0, n - journal.acked_views.get(a, 0)) for a, n in counted.items())
    print(f"  views: {acked} beacons acknowledged (204), {sum(counted.values())} counted; {missing} missing, "
          f"{extra} counted more than acknowledged", flush=True)
    cached_errors = [e for e in journal.of("cached") if not e.ok]
    cached = journal.of("cached")
    states = {state: sum(e.detail == state for e in cached if e.ok) for state in {e.detail for e in cached if e.ok}}
    slowest = sorted(cached, key=lambda e: -e.took)[:3]
    print(f"  cached pages: {len(cached)} requests {states}, {len(cached_errors)} failed "
          f"{[(round(e.at - fault_start, 1), e.status, e.detail) for e in cached_errors[:5]]}; slowest "
          f"{[(round(e.at - fault_start, 1), round(e.took, 2), e.detail) for e in slowest]}", flush=True)
    schedule = retry_orm(lambda: scheduled_results(scheduled))
    # A story due while the database was away can go live once it is back: lateness counts from then.
    _a, _b, pg_away, pg_back = faults.windows["postgresql"]
    lateness = []
    for page_id, due, times, late in schedule:
        held = max(0.0, pg_back - due.timestamp()) if pg_away <= due.timestamp() <= pg_back else 0.0
        lateness.append(float("inf") if late is None else late - held)
        print(f"  scheduled page {page_id} due {due:%H:%M:%S}: published {times} time(s), "
              f"{'never' if late is None else f'{late:+.1f} s'}"
              + (f" ({held:.1f} s of it with the database away)" if held else ""), flush=True)
    wait_for(lambda: retry_orm(lambda: task_outcomes(probe)).get("SUCCESSFUL", 0) == len(probe.enqueued),
             RECLAIM_SECONDS + 40, 1.0)
    tasks = retry_orm(lambda: task_outcomes(probe))
    print(f"  tasks: {len(probe.enqueued)} enqueued by the probe: {tasks}", flush=True)
    if tasks.get("FAILED"):
        print(f"  tasks failed with: {retry_orm(lambda: task_failures(probe))}", flush=True)

    ok = target("lost_acknowledged_edits", len(lost), "<=", 0)
    ok &= target("acknowledged_edits", len(journal.acked_edits), ">=", 10)
    ok &= target("lost_acknowledged_views", missing, "<=", 0)
    ok &= target("views_counted_twice", extra, "<=", 0)
    ok &= target("cached_page_errors", len(cached_errors), "<=", 0)
    for name, found in recoveries.items():
        ok &= target(f"recovery_{name}_s", round(max(found.values()), 2), "<=", RECOVERY_GOAL, " s")
    ok &= target("scheduled_published_not_once", sum(times != 1 for _p, _d, times, _l in schedule), "<=", 0)
    ok &= target("scheduled_late_s", round(max(lateness), 1), "<=", SCHEDULER_TICK, " s")
    ok &= target("tasks_not_run", len(probe.enqueued) - tasks.get("SUCCESSFUL", 0), "<=", 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
