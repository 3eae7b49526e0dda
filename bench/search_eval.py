"""Relevance evaluation of Vietnamese search on SQLite and PostgreSQL.

    .venv/bin/python bench/search_eval.py --make      # (re)write bench/data/search/queries.jsonl
    .venv/bin/python bench/search_eval.py             # load the corpus in each backend, print recall@10 and MRR

Corpus: ``toasoan synth`` with seed 2024 and 2,000 articles (see docs/search.md). Queries are drawn from that
corpus in the fixed mix (40 % folded phrases, 15 % phrases with diacritics, 15 % names of people and places,
15 % single common syllables or words, 10 % one-letter typos, 5 % equivalences). Relevance is judged by brute
force, independently of either database: an article is relevant when its title (names: any of its text)
contains the query's syllables in order.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data" / "search" / "queries.jsonl"
SEED, COUNT = 2024, 2000
MIX = {"phrase_folded": 120, "phrase_marked": 45, "name": 45, "single": 45, "typo": 30, "equivalence": 15}
TARGETS = {"recall@10": 0.95, "mrr": 0.85}
COMMON = ["dang", "tinh", "hoi nghi", "huyen", "kiem tra", "dai hoi", "giao duc", "gia", "xa", "dan", "thu",
          "truong", "bao", "le hoi", "nong thon", "cong an", "y te", "du lich", "tai nan", "hoc sinh", "thanh",
          "quoc hoi", "ban", "giai", "dau tu"]
PG_URL = os.environ.get("EVAL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sr_search_eval")


# --- building the query set (no database) ------------------------------------------------------------------------
def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def make_queries() -> list[dict]:
    from toasoan.search.text import index_tokens, parse_query
    from toasoan.synth.generator import generate

    articles = list(generate(seed=SEED, count=COUNT))
    titles = [index_tokens(a.title) for a in articles]
    title_f = [[t.folded for t in ts] for ts in titles]
    title_x = [[t.exact for t in ts] for ts in titles]
    full_f = [[t.folded for t in index_tokens(" ".join([a.title, a.sapo, *a.paragraphs]))] for a in articles]
    vocabulary = {t for f in full_f for t in f}
    rng = random.Random(SEED)
    queries: list[dict] = []
    seen: set[str] = set()

    def add(kind: str, query: str, relevant: list[int]) -> bool:
        if not relevant or query in seen or parse_query(query).is_empty:
            return False
        seen.add(query)
        queries.append({"kind": kind, "query": query, "relevant": relevant})
        return True

    def title_span(lo: int, hi: int) -> tuple[int, int, int] | None:
        i = rng.randrange(len(articles))
        n = len(titles[i])
        length = rng.randint(lo, hi)
        if n < length:
            return None
        start = rng.randrange(n - length + 1)
        return i, start, length

    def relevant_titles(span: list[str], source: list[list[str]]) -> list[int]:
        return [j for j, f in enumerate(source) if _contains(f, span)]

    while sum(q["kind"] == "phrase_folded" for q in queries) < MIX["phrase_folded"]:
        picked = title_span(2, 5)
        if picked:
            i, s, n = picked
            span = title_f[i][s : s + n]
            rel = relevant_titles(span, title_f)
            if len(rel) <= 5:
                add("phrase_folded", " ".join(span), rel)
    while sum(q["kind"] == "phrase_marked" for q in queries) < MIX["phrase_marked"]:
        picked = title_span(2, 5)
        if picked:
            i, s, n = picked
            span = titles[i][s : s + n]
            rel = relevant_titles([t.exact for t in span], title_x)
            if len(rel) <= 5:
                add("phrase_marked", " ".join(t.surface for t in span), rel)
    while sum(q["kind"] == "name" for q in queries) < MIX["name"]:
        a = articles[rng.randrange(len(articles))]
        name = rng.choice(a.people)
        query = name if rng.random() < 0.4 else " ".join(t.folded for t in index_tokens(name))
        span = [t.folded for t in index_tokens(name)]
        rel = [j for j, f in enumerate(full_f) if _contains(f, span)]
        if len(rel) <= 10:
            add("name", query, rel)
    for word in COMMON:
        if sum(q["kind"] == "single" for q in queries) >= MIX["single"]:
            break
        add("single", word, relevant_titles(word.split(), title_f))
    for word in ["Đảng", "đang", "tỉnh", "giá", "Huế", "thủy", "hòa", "hội", "xã", "dân", "bão", "giải", "thu",
                 "trường", "lúa", "cá", "đua", "khóa", "Vinh", "học", "điện", "chè", "biển"]:
        if sum(q["kind"] == "single" for q in queries) >= MIX["single"]:
            break
        span = [t.exact for t in index_tokens(word)]
        add("single", word, relevant_titles(span, title_x))
    while sum(q["kind"] == "typo" for q in queries) < MIX["typo"]:
        picked = title_span(3, 5)
        if not picked:
            continue
        i, s, n = picked
        span = title_f[i][s : s + n]
        rel = relevant_titles(span, title_f)
        candidates = [k for k, t in enumerate(span) if len(t) >= 4 and not t.isdigit()]
        if len(rel) > 5 or not candidates:
            continue
        k = rng.choice(candidates)
        word = span[k]
        pos = rng.randrange(len(word))
        edit = rng.choice(["swap", "drop", "replace"])
        if edit == "swap" and pos < len(word) - 1:
            typo = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
        elif edit == "drop":
            typo = word[:pos] + word[pos + 1 :]
        else:
            typo = word[:pos] + rng.choice("aeiouhnmtcg") + word[pos + 1 :]
        if typo == word or typo in vocabulary:  # a typo that makes another real word is a different query
            continue
        add("typo", " ".join([*span[:k], typo, *span[k + 1 :]]), rel)
    short = {"Ủy ban nhân dân": "UBND", "Hội đồng nhân dân": "HĐND", "Ban Thường vụ": "BTV", "thành phố": "TP",
             "UBND": "uy ban nhan dan", "HĐND": "hoi dong nhan dan", "BTV": "ban thuong vu", "TP": "thanh pho",
             "khóa XIII": "khoa 13", "khóa XII": "khoa 12", "khóa XV": "khoa 15", "Đại hội XIII": "dai hoi 13"}
    order = list(range(len(articles)))
    rng.shuffle(order)
    for i in order:
        if sum(q["kind"] == "equivalence" for q in queries) >= MIX["equivalence"]:
            break
        for long_form, other in short.items():
            title = articles[i].title
            at = title.find(long_form + " ")
            if at < 0:
                continue
            tail = title[at + len(long_form) :].split()[:2]
            query = " ".join([other, *tail])
            span = [t.folded for t in index_tokens(" ".join([long_form, *tail]))]
            rel = relevant_titles(span, title_f)
            if len(rel) <= 5:
                add("equivalence", query, rel)
            break
    return queries


# --- running one backend (child process) -------------------------------------------------------------------------
def run_backend(out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    django.setup()
    from django.core.management import call_command

    from toasoan.search.services import ranked_ids, rebuild
    from toasoan.search.text import parse_query
    from toasoan.synth.generator import generate
    from toasoan.synth.loader import load

    call_command("migrate", verbosity=0)
    ids = load(generate(seed=SEED, count=COUNT), seed=SEED)
    rebuild()
    index_of = {pk: i for i, pk in enumerate(ids)}
    queries = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    results = []
    for q in queries:
        ranking = ranked_ids(parse_query(q["query"]))
        results.append([index_of.get(pk, -1) for pk in ranking.ids[:10]])
    from django.db import connection

    out.write_text(json.dumps({"vendor": connection.vendor, "results": results}), encoding="utf-8")


def _child(env_update: dict, out: Path) -> dict | None:
    env = {**os.environ, **env_update}
    proc = subprocess.run([sys.executable, __file__, "--child", str(out)], env=env, cwd=ROOT, check=False,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def fresh_postgres(url: str = PG_URL) -> bool:
    """Drop and create the evaluation database at ``url``; False (SQLite only) when PostgreSQL is unusable."""
    try:
        import psycopg
    except ImportError:
        return False
    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"PostgreSQL không dùng được ({exc}); chỉ đánh giá SQLite.", file=sys.stderr)
        return False
    return True


def metrics(queries: list[dict], results: list[list[int]]) -> dict[str, dict[str, float]]:
    sums: dict[str, dict[str, float]] = defaultdict(lambda: {"recall@10": 0.0, "mrr": 0.0, "n": 0})
    for q, top in zip(queries, results, strict=True):
        relevant = set(q["relevant"])
        hits = len(relevant.intersection(top[:10]))
        recall = hits / min(len(relevant), 10)
        rr = next((1 / (rank + 1) for rank, i in enumerate(top[:10]) if i in relevant), 0.0)
        for kind in (q["kind"], "all"):
            sums[kind]["recall@10"] += recall
            sums[kind]["mrr"] += rr
            sums[kind]["n"] += 1
    return {k: {"recall@10": v["recall@10"] / v["n"], "mrr": v["mrr"] / v["n"], "n": v["n"]} for k, v in sums.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--make", action="store_true", help="write the query set and exit")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        run_backend(args.child)
        return 0
    if args.make:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
        django.setup()
        queries = make_queries()
        DATA.parent.mkdir(parents=True, exist_ok=True)
        DATA.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries), encoding="utf-8")
        counts = defaultdict(int)
        for q in queries:
            counts[q["kind"]] += 1
        print(f"{len(queries)} queries written to {DATA.relative_to(ROOT)}: {dict(counts)}")
        return 0

    queries = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    runs: dict[str, list[list[int]]] = {}
    with tempfile.TemporaryDirectory(prefix="toasoan-eval-") as tmp:
        sqlite = _child({"DATABASE_URL": f"sqlite:///{tmp}/eval.sqlite3", "TOASOAN_VAR_DIR": tmp},
                        Path(tmp) / "sqlite.json")
        if sqlite:
            runs["sqlite"] = sqlite["results"]
        if not args.sqlite_only and fresh_postgres():
            pg = _child({"DATABASE_URL": PG_URL, "TOASOAN_VAR_DIR": tmp}, Path(tmp) / "pg.json")
            if pg:
                runs["postgresql"] = pg["results"]
    print(f"Corpus: synth seed {SEED}, {COUNT} articles; {len(queries)} queries.")
    ok = True
    for backend, results in runs.items():
        table = metrics(queries, results)
        print(f"\n[{backend}]")
        print(f"{'kind':<15}{'n':>5}{'recall@10':>11}{'MRR':>8}")
        for kind in [*MIX, "all"]:
            row = table.get(kind)
            if row:
                print(f"{kind:<15}{row['n']:>5}{row['recall@10']:>11.3f}{row['mrr']:>8.3f}")
        for kind in MIX:
            if kind == "single" or kind not in table:
                continue
            for name, goal in TARGETS.items():
                value = table[kind][name]
                passed = value >= goal
                ok &= passed
                print(f"target {backend}_{kind}_{name}: {value:.3f} (goal >= {goal}) {'PASS' if passed else 'FAIL'}")
    if len(runs) == 2:
        a, b = runs["sqlite"], runs["postgresql"]
        pairs = [(x[0] if x else None, y[0] if y else None) for x, y in zip(a, b, strict=True)]
        agree = sum(x == y for x, y in pairs) / len(pairs)
        ok &= agree >= 0.9
        verdict = "PASS" if agree >= 0.9 else "FAIL"
        print(f"target top1_agreement_sqlite_postgresql: {agree:.3f} (goal >= 0.9) {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
