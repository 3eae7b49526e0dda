"""Import speed and reader cost: generated archives of each kind through ``toasoan import``, on fresh databases.

Writes ``--pages`` own-generated stories per kind (scraped text pages, saved HTML pages, WordPress WXR
exports of 5,000 posts, RSS feeds of 1,000 items; nothing copied from anywhere) to a temporary folder.
For each database (``--databases``: SQLite in a temporary file; PostgreSQL: a throw-away database
``<DATABASE_URL name>_importbench`` on the same server, dropped at the end) it runs ``toasoan setup``, then
imports each kind with ``--publish`` and measures:

* articles/s end to end (parse, page + revision, bylines, redirects, search index, entity suggestions),
  and the ratio to the parse-only rate of the same run (the baseline: reading without writing);
* articles per CPU second of the import process and its reading process (user + system time, not the database
  server's):
  on a shared machine the wall-clock rate says how busy the machine was, this one what the import costs;
* the re-run rate (every story recognised as unchanged: what a rerun after Ctrl-C skips through);
* that nothing is left to do when the command ends: every live article is in the search index and no
  background task is waiting (``searchable`` and ``queued``);
* with PostgreSQL and Redis (``--reader``, on by default there): the production front on loopback
  (``deploy/prod-local.sh``: nginx in front of gunicorn, the task workers and the scheduler, on ports from
  ``IMPORT_BENCH_PORT``), a cached article's p99 through it while idle and while the first kind's import runs
  → ``target import_reader_p99_ratio`` (goal ≤ 1.5). The reader is wrk (one keep-alive connection, a request
  every 10 ms; see :class:`Reader`). Needs nginx and wrk (Debian's packages); ``--no-reader`` without.
  Run as root, the import puts itself and its database session in an idle CPU group as it does on a server
  (docs/importing.md); otherwise it only lowers its nice value, and the run says so.

Prints ``target import_<kind>_<database>: RATE (goal >= 200 | 100)`` lines; the run's figures go to
bench/data/import/. The machine may be shared: rates depend on its load; ratios of the same run less so.

    .venv/bin/python bench/import_bench.py --pages 50000 --kinds text --databases postgresql
    .venv/bin/python bench/import_bench.py --pages 2000           # every kind, both databases
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from uncached_bench import fetch  # noqa: E402

GOALS = {"postgresql": 200.0, "sqlite": 100.0}  # articles/s, issue 21 point 4
READER_GOAL = 1.5
KINDS = ("text", "html", "wxr", "feed")
WXR_PER_FILE = 5000
FEED_PER_FILE = 1000
READER_PORT = int(os.environ.get("IMPORT_BENCH_PORT", "24080"))
# The command of this checkout (PYTHONPATH=ROOT below), whatever virtualenv runs the bench: a worktree measures
# its own code, not the copy the virtualenv was installed from.
TOASOAN = [sys.executable, "-m", "toasoan.cli"]

SENTENCES = [
    "Sáng nay, tỉnh khởi công tuyến đường ven biển dài {n} km nối ba huyện miền núi.",
    "Người dân các xã ven sông tất bật thu hoạch lúa, năng suất ước đạt {n} tạ mỗi héc ta.",
    "Ban tổ chức cho biết hội chợ năm nay có {n} gian hàng của các hợp tác xã trong tỉnh.",
    "Theo kế hoạch, công trình hoàn thành trong {n} tháng và đưa vào sử dụng cuối năm.",
    "Ông Trần Văn Khải, Chủ tịch UBND huyện Quỳnh Lưu, cho biết huyện đã giải phóng {n}% mặt bằng.",
    "Trường THCS Lê Lợi ở thành phố Vinh đón {n} học sinh lớp 6 trong năm học mới.",
]
TOPICS = ["giao thông", "nông nghiệp", "giáo dục", "y tế", "văn hóa", "du lịch", "kinh tế", "môi trường"]


def paragraph(i: int, j: int) -> str:
    return " ".join(SENTENCES[(i * 7 + j * 3 + k) % len(SENTENCES)].format(n=(i * 13 + j + k) % 997 + 1)
                    for k in range(3))


def title(i: int, kind: str) -> str:
    return f"Bản tin {kind} số {i}: {TOPICS[i % len(TOPICS)]} tuần {i % 52 + 1}"


def write_sources(folder: Path, pages: int, kinds: tuple[str, ...]) -> dict[str, Path]:
    """``pages`` stories of each kind, in ``folder/<kind>/``."""
    out: dict[str, Path] = {}
    for kind in kinds:
        (folder / kind).mkdir()
        out[kind] = folder / kind
    if "text" in kinds:
        for i in range(pages):
            body = "\n".join(paragraph(i, j) for j in range(6))
            day, month = i % 28 + 1, i % 12 + 1
            (folder / "text" / f"{i}.txt").write_text(
                f"Trang chủ | Thời sự | Kinh tế\n{title(i, 'văn bản')}\n08:{i % 60:02d}, {day:02d}/{month:02d}/2020\n"
                f"{body}\nMai Hương - Thành Duy\n", encoding="utf-8")
    if "html" in kinds:
        for i in range(pages):
            paras = "".join(f"<p>{paragraph(i, j)}</p>" for j in range(6))
            (folder / "html" / f"{i}.html").write_text(
                f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title(i, "HTML")}</title>'
                f'<meta property="og:title" content="{title(i, "HTML")}">'
                f'<meta property="article:published_time" '
                f'content="2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}T07:30:00+07:00">'
                f'<link rel="canonical" href="https://bao-cu.example.vn/thoi-su/bai-{i}.html"></head><body>'
                f'<nav>Trang chủ Thời sự</nav><article><h1>{title(i, "HTML")}</h1>{paras}'
                f'<p class="author">Lê Hà</p></article></body></html>', encoding="utf-8")
    if "wxr" in kinds:
        for start in range(0, pages, WXR_PER_FILE):
            posts = "".join(
                f"<item><title>{title(i, 'WordPress')}</title><link>https://bao-cu.example.vn/2020/bai-{i}/</link>"
                f"<dc:creator>mhuong</dc:creator>"
                f"<content:encoded><![CDATA[{''.join(f'<p>{paragraph(i, j)}</p>' for j in range(6))}]]>"
                f"</content:encoded><wp:post_id>{i}</wp:post_id>"
                f"<wp:post_date_gmt>2020-03-{i % 28 + 1:02d} 01:00:00</wp:post_date_gmt>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f"<category domain='category' nicename='thoi-su'>Thời sự</category>"
                f"<category domain='post_tag' nicename='t{i % 8}'>{TOPICS[i % 8]}</category></item>"
                for i in range(start, min(pages, start + WXR_PER_FILE)))
            (folder / "wxr" / f"export-{start // WXR_PER_FILE:03d}.xml").write_text(
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://bao-cu.example.vn</link>'
                "<wp:author><wp:author_login>mhuong</wp:author_login>"
                "<wp:author_display_name>Mai Hương</wp:author_display_name></wp:author>"
                f"{posts}</channel></rss>", encoding="utf-8")
    if "feed" in kinds:
        for start in range(0, pages, FEED_PER_FILE):
            entries = "".join(
                f"<item><title>{title(i, 'RSS')}</title><link>https://bao-cu.example.vn/rss-{i}.html</link>"
                f"<guid>rss-{i}</guid><pubDate>Tue, 05 Sep 2023 02:{i % 60:02d}:00 +0000</pubDate>"
                f"<description>{paragraph(i, 0)}</description><content:encoded><![CDATA["
                f"{''.join(f'<p>{paragraph(i, j)}</p>' for j in range(1, 6))}]]></content:encoded></item>"
                for i in range(start, min(pages, start + FEED_PER_FILE)))
            (folder / "feed" / f"tin-{start // FEED_PER_FILE:03d}.rss").write_text(
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                f"<channel><title>Tin cũ</title>{entries}</channel></rss>", encoding="utf-8")
    return out


def django_python(env: dict, code: str, *args: str) -> str:
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code, *args], env=env,
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return result.stdout.strip().splitlines()[-1]


PARSE_ONLY = """
import json, sys, time
from pathlib import Path
from toasoan.importer.sources.common import detect_kind
from toasoan.importer.sources.dispatch import read_source
folder, limit = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(folder.iterdir())
start, n = time.perf_counter(), 0
for f in files:
    for _ in read_source(f, kind=detect_kind(f), options={}):
        n += 1
    if n >= limit:
        break
print(json.dumps({"items": n, "seconds": time.perf_counter() - start}))
"""

# The database's state; "queued": tasks still waiting that were enqueued since the time given as argument (the
# database's "now" printed by an earlier call): what an import left, not what `setup` left for the front's worker.
STATE = """
import json, sys
from pathlib import Path
import toasoan
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks_db.models import DBTaskResult
from toasoan.news.models import ArticlePage
from toasoan.search.models import SearchEntry
live = ArticlePage.objects.filter(live=True).count()
indexed = SearchEntry.objects.count()
waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
if len(sys.argv) > 1:
    waiting = waiting.filter(enqueued_at__gte=parse_datetime(sys.argv[1]))
queued = waiting.count()
print(json.dumps({"articles": ArticlePage.objects.count(), "live": live, "indexed": indexed, "queued": queued,
                  "now": timezone.now().isoformat(), "code": str(Path(toasoan.__file__).parent)}))
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_import(env: dict, source: Path, log: Path, *extra: str) -> tuple[float, str, float]:
    """Wall seconds, summary line and CPU seconds of the import process (and the processes it waited for;
    not the database server's)."""
    start, cpu = time.perf_counter(), children_cpu()
    with log.open("w", encoding="utf-8") as out:
        subprocess.run([*TOASOAN, "import", str(source), "--publish", *extra], env=env, stdout=out,
                       stderr=subprocess.STDOUT, check=False, cwd=ROOT)
    seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
    summary = next((line for line in reversed(log.read_text(encoding="utf-8").splitlines())
                    if line.startswith("Tổng:")), "(no summary line)")
    return seconds, summary, cpu


class Front:
    """The production front on loopback (deploy/prod-local.sh: nginx in front of gunicorn, the task workers, the
    scheduler...) on this bench's ports and database: what readers reach on a server."""

    def __init__(self, env: dict, run_dir: Path, *, port: int = READER_PORT):
        # VENV: the virtualenv running this bench (a worktree measures its own code with the same packages).
        self.port = port  # nginx; +1 its refresh listener, +2 gunicorn
        self.env = {**env, "PROD_RUN_DIR": str(run_dir), "PROD_PORT": str(port),
                    "REFRESH_PORT": str(port + 1), "APP_PORT": str(port + 2),
                    "VENV": str(Path(sys.executable).parent.parent)}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)  # the script's own: production settings
        started = subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "start"], env=self.env, cwd=ROOT,
                                 check=False, stdout=subprocess.DEVNULL, timeout=600)
        if started.returncode != 0:  # the script said why on stderr
            self.stop()
            raise SystemExit(f"import bench: the production front did not start (deploy/prod-local.sh start: exit "
                             f"{started.returncode}; its log in {run_dir}); --no-reader measures without it")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, path: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fetch(self.url(path))
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        subprocess.run([str(ROOT / "deploy" / "prod-local.sh"), "stop"], env=self.env, cwd=ROOT, check=False,
                       stdout=subprocess.DEVNULL, timeout=120)


def front_with_article(env: dict, folder: Path, *, port: int = READER_PORT) -> tuple[Front, str]:
    """The production front started on the bench's database, and the address of the article readers keep asking
    for: one story imported before the timed runs."""
    page = folder / "reader" / "doc-gia.txt"
    page.parent.mkdir(exist_ok=True)
    page.write_text(f"{title(10**6, 'bạn đọc')}\n07:00, 14/03/2019\n{paragraph(1, 1)}\n{paragraph(2, 2)}\n",
                    encoding="utf-8")
    log = folder / "reader.log"
    run_import(env, page.parent, log)  # (wall, summary, CPU) unused: the reader's story only
    path = re.search(r"→ (/\S+\.html)", log.read_text(encoding="utf-8")).group(1)
    server = Front(env, folder / "prod", port=port)
    server.wait_ready(path)
    return server, server.url(path)


def front_missing() -> str:
    """What the reader measurement lacks on this machine, said so that anyone can install it ("" if nothing)."""
    missing = [name for name in ("nginx", "wrk")
               if shutil.which(name) is None and not Path(f"/usr/sbin/{name}").exists()]
    if missing:
        return (f"Thiếu {', '.join(missing)} cho phép đo bạn đọc qua front: cài bằng  sudo apt-get install "
                f"{' '.join(missing)}  (hoặc --no-reader)")
    return ""


# wrk's script for the reader: one request every 10 ms after the last answer (about what one reader's browser asks
# of a cached page), and the figures printed in microseconds when wrk stops (SIGINT).
READER_SCRIPT = """
function delay() return 10 end
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format("READER %d %d %d %d %d\\n", summary.requests, errors, latency:percentile(50),
    latency:percentile(99), latency.max))
end
"""


@dataclasses.dataclass(frozen=True)
class Latency:
    """A reader's response times (ms) over one period."""

    requests: int
    errors: int
    p50: float
    p99: float
    max: float


@functools.cache
def reader_ahead() -> bool:
    """Whether the reader's client can run at real-time priority here (root, util-linux's chrt, and a system that
    allows it: tried once)."""
    if os.geteuid() != 0 or shutil.which("chrt") is None:
        return False
    return subprocess.run(["chrt", "--fifo", "1", "true"], capture_output=True, check=False).returncode == 0


class Reader:
    """One reader asking for the cached article over and over (wrk, one keep-alive connection, a request every
    10 ms) until :meth:`stop`. The client is C: a Python client on the same two cores measured its own interpreter
    more than the front (with one core busy and the other free, its p99 doubled; bench/data/import/reader_client_*).

    A real reader's browser is not on the server; this one is, and its own wake-ups wait behind the machine's other
    processes (the database's, the kernel's) like any ordinary process: up to 3-5 ms under an import, whatever the
    front does (bench/data/import/front_first_*). So when it can (root), the client runs at real-time priority, as
    the production front itself does (deploy/prod-local.sh --readers-first): what is measured is then the front's
    answer, idle and under load alike."""

    def __init__(self, url: str):
        self.script = Path(tempfile.mkstemp(prefix="reader-", suffix=".lua")[1])
        self.script.write_text(READER_SCRIPT, encoding="utf-8")
        ahead = ["chrt", "--fifo", "1"] if reader_ahead() else []
        self.process = subprocess.Popen([*ahead, "wrk", "-t1", "-c1", "-d3600s", "--timeout", "5s", "-s",
                                         str(self.script), url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)

    def stop(self) -> Latency:
        self.process.send_signal(signal.SIGINT)  # wrk stops and prints its figures
        output, _ = self.process.communicate(timeout=30)
        self.script.unlink(missing_ok=True)
        found = re.search(r"READER (\d+) (\d+) (\d+) (\d+) (\d+)", output)
        if found is None:
            raise SystemExit(f"import bench: the reader (wrk) printed no figures: {output[-500:]}")
        requests, errors, p50, p99, most = (int(value) for value in found.groups())
        return Latency(requests, errors, p50 / 1000, p99 / 1000, most / 1000)


def sample_idle(url: str, seconds: float) -> Latency:
    reader = Reader(url)
    time.sleep(seconds)
    return reader.stop()


def postgres_env(base: str, *, suffix: str = "importbench") -> tuple[dict, str]:
    """A new empty database ``<name of base>_<suffix>`` on the same server (dropped first if a run left it)."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(base)
    name = f"{parts.path.strip('/')}_{suffix}"
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return {"DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))}, name


def drop_postgres(base: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(base)
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def bench_database(database: str, sources: dict[str, Path], folder: Path, args, parse_rates: dict) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "PYTHONPATH": str(ROOT)}
    pg_name = ""
    if database == "postgresql":
        extra, pg_name = postgres_env(os.environ["DATABASE_URL"])
        env.update(extra)
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
        env.pop("REDIS_URL", None)
    results: dict[str, dict] = {}
    server = None
    try:
        subprocess.run([*TOASOAN, "setup"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        reader_url = ""
        if args.reader and database == "postgresql" and os.environ.get("REDIS_URL"):
            server, reader_url = front_with_article(env, folder)
        since = json.loads(django_python(env, STATE))["now"]  # `setup` may leave tasks for a worker: not the import's
        for kind, path in sources.items():
            log = folder / f"{database}-{kind}.log"
            reader = None
            idle = None
            if reader_url and kind == next(iter(sources)):
                fetch(reader_url)  # now in the page cache
                idle = sample_idle(reader_url, args.reader_seconds)
                reader = Reader(reader_url)
            extra = ("--workers", str(args.workers)) if args.workers is not None else ()
            seconds, summary, cpu = run_import(env, path, log, *extra)
            during = reader.stop() if reader is not None else None
            created = int(re.search(r"(\d+) tạo mới", summary).group(1)) if "tạo mới" in summary else 0
            again, again_summary, _cpu = run_import(env, path, folder / f"{database}-{kind}-again.log")
            state = json.loads(django_python(env, STATE, since))
            if Path(state["code"]) != ROOT / "toasoan":  # the same interpreter, path and folder as the import
                raise SystemExit(f"import bench: the import ran the code in {state['code']}, not {ROOT / 'toasoan'}")
            results[kind] = {
                "pages": args.pages, "created": created, "seconds": round(seconds, 1),
                "rate": created / seconds, "cpu_seconds": round(cpu, 1), "rate_per_cpu": created / max(cpu, 1e-9),
                "load_average": os.getloadavg(), "rerun_rate": args.pages / again, "parse_rate": parse_rates[kind],
                "summary": summary, "rerun_summary": again_summary, "state": state,
            }
            if during is not None:
                results[kind]["reader_idle"] = dataclasses.asdict(idle)
                results[kind]["reader_import"] = dataclasses.asdict(during)
                # The command says when it could only lower its nice value (not root: no idle CPU group).
                results[kind]["idle_group"] = "nhóm CPU nhàn rỗi" not in log.read_text(encoding="utf-8")
            print(f"{database} {kind}: {summary} in {seconds:.0f} s; rerun: {again_summary} in {again:.0f} s; "
                  f"state {state}", flush=True)
    finally:
        if server is not None:
            server.stop()
        if pg_name:
            drop_postgres(os.environ["DATABASE_URL"], pg_name)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50_000, help="stories per kind (default 50,000)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=None,
                        help="passed to `toasoan import --workers` (default: the command's own)")
    parser.add_argument("--reader-seconds", type=float, default=20.0)
    parser.add_argument("--no-reader", dest="reader", action="store_false")
    args = parser.parse_args()
    if args.reader and front_missing():
        print(f"import bench: {front_missing()}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally blocks stop the server, drop the db
    kinds = tuple(kind for kind in args.kinds.split(",") if kind)
    databases = [db for db in args.databases.split(",") if db]
    if "postgresql" in databases and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("import bench: PostgreSQL needs DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    data = ROOT / "bench" / "data" / "import"
    data.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip()
    report: dict = {"pages": args.pages, "workers": args.workers, "code": str(ROOT / "toasoan"), "commit": commit,
                    "databases": {}}
    print(f"import bench: code {ROOT / 'toasoan'} at {commit or '(no git)'}", flush=True)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        folder = Path(tmp)
        sources = write_sources(folder, args.pages, kinds)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev",
               "DATABASE_URL": f"sqlite:///{folder / 'parse.sqlite3'}"}
        parse_rates = {}
        for kind, path in sources.items():
            sample = json.loads(django_python(env, PARSE_ONLY, str(path), str(min(args.pages, 3000))))
            parse_rates[kind] = sample["items"] / max(sample["seconds"], 1e-9)
        for database in databases:
            report["databases"][database] = bench_database(database, sources, folder, args, parse_rates)
            for log in folder.glob(f"{database}-*.log"):
                lines = log.read_text(encoding="utf-8").splitlines()
                (data / f"last_{log.name}").write_text("\n".join([*lines[:20], "…", *lines[-20:]]) + "\n",
                                                       encoding="utf-8")
    (data / "last_run.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    for database, results in report["databases"].items():
        for kind, result in results.items():
            ratio = result["rate"] / result["parse_rate"]
            print(f"{database} {kind}: {result['rate']:.1f} articles/s imported ({result['created']} in "
                  f"{result['seconds']} s wall, {result['cpu_seconds']} s CPU of the import process: "
                  f"{result['rate_per_cpu']:.0f} articles per CPU second; load average "
                  f"{result['load_average'][0]:.1f}), {result['rerun_rate']:.0f}/s re-run unchanged, "
                  f"{result['parse_rate']:.0f}/s parse only (import/parse {ratio:.3f}); after the run "
                  f"{result['state']['indexed']}/{result['state']['live']} live articles searchable, "
                  f"{result['state']['queued']} tasks queued")
    for database, results in report["databases"].items():
        goal = GOALS[database]
        for kind, result in results.items():
            verdict = "PASS" if result["rate"] >= goal else "FAIL"
            print(f"target import_{kind}_{database}: {result['rate']:.1f} (goal >= {goal:.0f}) {verdict}")
            done = result["state"]["queued"] == 0 and result["state"]["indexed"] >= result["state"]["live"]
            print(f"target import_{kind}_{database}_nothing_left: {result['state']['queued']} queued, "
                  f"{result['state']['indexed']}/{result['state']['live']} searchable (goal = all) "
                  f"{'PASS' if done else 'FAIL'}")
            if "reader_idle" in result:
                idle, during = result["reader_idle"], result["reader_import"]
                ratio = during["p99"] / idle["p99"]
                print(f"reader: cached article p99 {idle['p99']:.2f} ms idle, {during['p99']:.2f} ms during the import "
                      f"(p50 {idle['p50']:.2f} / {during['p50']:.2f} ms; {idle['requests']} and {during['requests']} "
                      f"requests, {idle['errors'] + during['errors']} errors; the import "
                      f"{'in the idle CPU group' if result['idle_group'] else 'with nice only (not root)'}; the "
                      f"reader's client {'at real-time priority' if reader_ahead() else 'at ordinary priority'})")
                print(f"target import_reader_p99_ratio: {ratio:.2f} (goal <= {READER_GOAL}) "
                      f"{'PASS' if ratio <= READER_GOAL else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
