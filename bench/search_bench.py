"""Search speed and planted-article recall on a large synthetic archive.

    .venv/bin/python bench/search_bench.py --backend postgresql --count 1000000 --database sr_1m
    .venv/bin/python bench/search_bench.py --backend postgresql --count 1000000 --database sr_1m --reuse
    .venv/bin/python bench/search_bench.py --backend sqlite --count 100000

``--reuse`` measures the queries again on a database loaded and indexed by an earlier run; ``--profile`` then also
prints, for the slowest 5 % of the mix, every SQL statement a search sent with its time.

Loads ``count`` articles (``toasoan synth`` data, seed 7) into a fresh database, 500 of them planted with known
titles, builds the search index (timed, and its size measured), then runs 500 folded-phrase queries for the
planted articles (recall@10) and 300 queries in the evaluation mix (40 % folded phrases, 15 % phrases with
diacritics, 15 % names, 15 % single syllables, 10 % typos, 5 % equivalences), timing each complete search
(ranking, fetching the page of articles, highlighting) on a warm cache. Then the same mix twice more, each query
with and without the punctuation-forgiving query rewriting (``services.decompound``) in a row, paired: its cost to
p95 as a ratio (goal <= 1.05).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = 7
PLANTED = 500
PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
EQUIVALENCES = ["ubnd tinh", "UBND huyện", "hdnd tinh", "HĐND", "tp vinh", "TP Huế", "btv tinh uy", "TW",
                "khoa XV", "dai hoi XIII", "đ/c bí thư", "uy ban nhan dan tinh"]
SINGLES = ["dang", "tinh", "hoi nghi", "huyen", "kiem tra", "dai hoi", "Đảng", "giá", "xa", "le hoi", "y te",
           "gia lua", "giao duc", "bao", "thu"]
AWARDS = ["giải thưởng sáng tạo kỹ thuật", "bằng khen lao động giỏi", "danh hiệu nghệ nhân ưu tú",
          "giải nhất hội thi nhà nông", "huy hiệu tuổi trẻ sáng tạo", "kỷ niệm chương vì sự nghiệp giáo dục"]


def planted(*, count: int) -> list:
    """Articles with titles the benchmark knows: a unique person, an award and a district."""
    from toasoan.synth import vocab
    from toasoan.synth.generator import author_names, make_article, person_name

    rng = random.Random(SEED * 31)
    names: set[str] = set()
    out = []
    while len(out) < PLANTED:
        name = person_name(rng)
        if name in names:
            continue
        names.add(name)
        base = make_article(seed=SEED + 1, index=len(out), count=PLANTED)
        base.index = count + len(out)
        base.author = author_names(SEED)[len(out) % 60]
        base.title = f"{name} nhận {rng.choice(AWARDS)} tại huyện {rng.choice(vocab.DISTRICTS)}"
        out.append(base)
    return out


def mix_queries(*, count: int, rng: random.Random) -> list[str]:
    from toasoan.core.text import fold
    from toasoan.synth.generator import make_article

    def title_words() -> list[str]:
        return make_article(seed=SEED, index=rng.randrange(count), count=count).title.replace(",", "").split()

    def span(words: list[str]) -> list[str]:
        n = min(len(words), rng.randint(2, 5))
        start = rng.randrange(len(words) - n + 1)
        return words[start : start + n]

    out: list[str] = []
    for _ in range(120):
        out.append(fold(" ".join(span(title_words()))))
    for _ in range(45):
        out.append(" ".join(span(title_words())))
    for _ in range(45):
        article = make_article(seed=SEED, index=rng.randrange(count), count=count)
        out.append(fold(rng.choice(article.people)))
    out += [rng.choice(SINGLES) for _ in range(45)]
    for _ in range(30):
        words = fold(" ".join(span(title_words()))).split()
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) > 2:
            pos = rng.randrange(len(w) - 1)
            words[k] = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2 :]
        out.append(" ".join(words))
    out += [rng.choice(EQUIVALENCES) for _ in range(15)]
    return out


class StatementLog:
    """A connection execute wrapper keeping (milliseconds, SQL, parameters) of every statement sent."""

    def __init__(self) -> None:
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append(((time.perf_counter() - started) * 1000, sql, params))


def _short(sql: str, params) -> str:
    """One line of a logged statement: its head, the window bound and the tsquery literals it asked."""
    import re

    text = " ".join(sql.split())
    text = re.sub(r"SELECT e\.article_id, .*? FROM", "SELECT e.article_id, <flags> FROM", text)
    values = [p for p in params or () if isinstance(p, str) and ("'" in p)][:2]
    bound = [str(p)[:10] for p in params or () if hasattr(p, "year")][-1:] if "published_at >= %s" in text else []
    return f"{text[:90]}{' ' + ' '.join(values) if values else ''}{' from ' + bound[0] if bound else ''}"


def profile(queries: list[str], timings: list[tuple[float, str]]) -> None:
    """The slowest 5 % of ``queries`` searched again, each statement they send timed."""
    from django.db import connection

    from toasoan.search.services import search

    slowest = [q for _, q in timings[-max(1, len(timings) // 20):]]
    for q in reversed(slowest):
        log = StatementLog()
        t = time.perf_counter()
        with connection.execute_wrapper(log):
            search(query=q)
        total = (time.perf_counter() - t) * 1000
        sql_ms = sum(ms for ms, _, _ in log.statements)
        print(f"profile {q!r}: {total:.0f} ms, {len(log.statements)} statements, {sql_ms:.0f} ms in SQL")
        for ms, sql, params in log.statements:
            if ms >= 1:
                print(f"profile   {ms:6.1f} ms  {_short(sql, params)}")


PUNCTUATION_GOAL = 1.05  # p95 with the punctuation-forgiving query rewriting over p95 without it, paired


def punctuation_cost(queries: list[str], *, rounds: int = 2) -> tuple[float, float, float, float]:
    """The mix searched with and without ``services.decompound`` (the query side of the punctuation-forgiving
    search, issue 22), each query twice in a row, which goes first alternating: a paired comparison in one process,
    so that the machine's load and the cache's warmth touch both sides alike. Returns p50 and p95 of each."""
    from toasoan.search import services

    real = services.decompound
    times: dict[bool, list[float]] = {True: [], False: []}
    try:
        for r in range(rounds):
            for i, q in enumerate(queries):
                for on in ((True, False) if (i + r) % 2 == 0 else (False, True)):
                    services.decompound = real if on else (lambda query, **kwargs: query)
                    t = time.perf_counter()
                    services.search(query=q)
                    times[on].append((time.perf_counter() - t) * 1000)
    finally:
        services.decompound = real

    def p(values: list[float], share: float) -> float:
        return sorted(values)[int(len(values) * share) - 1]

    return p(times[True], 0.5), p(times[True], 0.95), p(times[False], 0.5), p(times[False], 0.95)


def run(backend: str, count: int, *, reuse: bool, load_only: bool, profiled: bool = False) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from toasoan.core.text import fold
    from toasoan.news.models import ArticlePage
    from toasoan.search.models import SearchEntry
    from toasoan.search.services import ranked_ids, rebuild, search
    from toasoan.search.text import parse_query
    from toasoan.synth.generator import generate
    from toasoan.synth.loader import check_disk, load

    call_command("migrate", verbosity=0)
    plants = planted(count=count - PLANTED)
    loaded = SearchEntry.objects.count()
    if reuse and loaded:
        by_title = dict(ArticlePage.objects.filter(title__in=[p.title for p in plants]).values_list("title", "pk"))
        plant_ids = [by_title[p.title] for p in plants]
        print(f"info reused: {loaded:,} indexed articles already in the database (load and build not re-run); "
              f"index size {_size(connection) / 1024**2:.0f} MB")
    else:
        check_disk(count)
        started = time.monotonic()

        def progress(done: int) -> None:
            sys.stderr.write(f"\rloaded {done:,}/{count - PLANTED:,}")

        load(generate(seed=SEED, count=count - PLANTED), seed=SEED, batch_size=5000, progress=progress)
        plant_ids = load(plants, seed=SEED)
        sys.stderr.write("\n")
        print(f"info load_seconds: {time.monotonic() - started:.1f} ({count:,} articles, {backend})")
        if load_only:
            return 0

        size_before = _size(connection)
        started = time.monotonic()
        indexed = rebuild(batch_size=2000, progress=lambda d, t: sys.stderr.write(f"\rindexed {d:,}/{t:,}"))
        build = time.monotonic() - started
        sys.stderr.write("\n")
        size = _size(connection) - size_before
        print(f"info index_build_seconds: {build:.1f} ({indexed:,} articles, {indexed / build:,.0f} articles/s)")
        print(f"info index_size_mb: {size / 1024**2:.0f}")
        sys.stdout.flush()

    started = time.monotonic()
    hits = 0
    rng = random.Random(SEED)
    for pk, article in zip(plant_ids, plants, strict=True):
        words = fold(article.title).split()
        n = rng.randint(3, 5)
        start = rng.randint(0, 1)  # the phrase holds at least two syllables of the planted person's name
        hits += pk in ranked_ids(parse_query(" ".join(words[start : start + n]))).ids[:10]
    recall = hits / len(plants)
    print(f"info planted queries: {len(plants)} in {time.monotonic() - started:.1f} s")

    queries = mix_queries(count=count - PLANTED, rng=rng)
    for q in queries[:20]:  # warm the cache
        search(query=q)
    timings = []
    for q in queries:
        t = time.perf_counter()
        search(query=q)
        timings.append(((time.perf_counter() - t) * 1000, q))
    timings.sort()
    ms = [t for t, _ in timings]
    p50 = statistics.median(ms)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(f"info queries: {len(ms)}; p50 {p50:.1f} ms; p95 {p95:.1f} ms; max {ms[-1]:.1f} ms")
    print("info slowest: " + "; ".join(f"{q!r} {t:.0f} ms" for t, q in timings[-5:]))
    print(f"info load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW shared_buffers")
            print(f"info PostgreSQL shared_buffers: {cursor.fetchone()[0]} (docs/search.md: the server's memory)")
    if profiled:
        profile(queries, timings)
    on50, on95, off50, off95 = punctuation_cost(queries)
    ratio = on95 / off95
    print(f"info punctuation rewriting, paired (the mix twice, with and without it): p50 {on50:.1f} against "
          f"{off50:.1f} ms, p95 {on95:.1f} against {off95:.1f} ms")
    goal_count = 1_000_000 if backend == "postgresql" else 100_000
    scale = "" if count >= goal_count else f" [scale {count:,}, goal scale {goal_count:,}]"
    ok_recall, ok_p95 = recall >= 0.95, p95 <= 100
    print(f"target {backend}_planted_recall@10: {recall:.3f} (goal >= 0.95) {'PASS' if ok_recall else 'FAIL'}{scale}")
    print(f"target {backend}_search_p95_ms: {p95:.1f} (goal <= 100) {'PASS' if ok_p95 else 'FAIL'}{scale}")
    ok_ratio = ratio <= PUNCTUATION_GOAL
    print(f"target {backend}_punctuation_p95_ratio: {ratio:.3f} (goal <= {PUNCTUATION_GOAL}) "
          f"{'PASS' if ok_ratio else 'FAIL'}{scale}")
    return 0 if ok_recall and ok_p95 and ok_ratio else 1


def _size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('toasoan_search_searchentry') + "
                           "pg_total_relation_size('toasoan_search_searchterm')")
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return int(cursor.fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--count", type=int, help="articles (default 1,000,000 on PostgreSQL, 100,000 on SQLite)")
    parser.add_argument("--database", help="PostgreSQL database name or SQLite file (default: a fresh scratch one)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an already loaded and indexed --database: only measure the queries")
    parser.add_argument("--load-only", action="store_true",
                        help="only load the articles (then index with `toasoan reindex` and measure with --reuse)")
    parser.add_argument("--profile", action="store_true",
                        help="also print every SQL statement of the slowest 5 %% of the mix, timed (searched again)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = args.count or (1_000_000 if args.backend == "postgresql" else 100_000)
    if args.child:
        return run(args.backend, count, reuse=args.reuse, load_only=args.load_only, profiled=args.profile)
    with tempfile.TemporaryDirectory(prefix="toasoan-bench-") as tmp:
        env = {**os.environ, "TOASOAN_VAR_DIR": tmp}
        if args.backend == "postgresql":
            import psycopg

            name = args.database or "sr_search_bench"
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
                if not (args.reuse and exists):
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    conn.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
        else:
            path = Path(args.database) if args.database else Path(tmp) / "bench.sqlite3"
            if path.exists() and not args.reuse:
                path.unlink()
            env["DATABASE_URL"] = f"sqlite:///{path.resolve()}"
        cmd = [sys.executable, __file__, "--child", "--backend", args.backend, "--count", str(count)]
        cmd += ["--reuse"] * args.reuse + ["--load-only"] * args.load_only + ["--profile"] * args.profile
        return subprocess.run(cmd, env=env, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
