"""Search on real news for tokens written with punctuation, typed as written, joined or split.

    .venv/bin/python bench/search_punctuation_eval.py --corpus PATH     # PATH: a copy of the VNDS repository

Real text: the VNDS corpus (github.com/ThanhChinhBK/vietnews; no licence stated, so it is only read from a local
copy and never committed; ``git clone https://github.com/ThanhChinhBK/vietnews PATH``, or a bare git directory).
Loaded: 2,000 articles of ``data/test_tokenized`` picked by SHA-1 of the id, plus every article there that
writes V-League, GD & ĐT or U23 (the tokens are rare). The corpus is word-segmented and its segmenter split
"TP.HCM" and "GD&ĐT" into "TP. HCM", "GD & ĐT"; those are put back as papers write them ("TP.HCM", "GD&ĐT"),
and, the articles being of 2016–2019, "Covid-19" and "SARS-CoV-2" are planted: a sentence of our own naming
Covid-19 ends the sapo of one article in 40, one naming SARS-CoV-2 the first body paragraph of one in 80
(picked by a hash of the id).

Relevance is judged on the text by a regular expression per token, independently of the index. For each token
and each way of typing it: recall@10 (relevant among the top 10 / min(relevant, 10)) and precision@10.
Baseline in the same run: the same queries with joined tokens not read as compounds (``decompound`` off),
and 150 title phrases of the loaded articles (3–5 syllables; recall@10, MRR), which must not get worse.
Each database gets a fresh copy (SQLite file, PostgreSQL database EVAL_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from entities_corpus import detokenize  # noqa: E402
from search_eval import fresh_postgres  # noqa: E402

OUT = ROOT / "bench" / "data" / "search" / "last_punctuation_eval.txt"
PG_URL = os.environ.get("EVAL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sr_punct_eval")
FOLDER = "data/test_tokenized"
SAMPLE = 2000
RARE = ("V-League", "V.League", "GD & ĐT", "U23")
GOAL = 0.9
# token → (relevance pattern on the text, ways a reader types it)
TOKENS = {
    "TP.HCM": (r"(?<!\w)(TP\.? ?HCM|TPHCM|[Tt]hành phố Hồ Chí Minh)(?!\w)",
               ["TP.HCM", "tphcm", "tp hcm", "Thành phố Hồ Chí Minh"]),
    "Covid-19": (r"(?i)(?<!\w)covid-?19(?!\w)", ["Covid-19", "covid19", "covid 19"]),
    "V-League": (r"(?i)(?<!\w)v[-.]?league(?!\w)", ["V-League", "vleague", "v league"]),
    "SARS-CoV-2": (r"(?i)(?<!\w)sars-?cov-?2(?!\w)", ["SARS-CoV-2", "sarscov2", "sars cov 2"]),
    "GD&ĐT": (r"(?i)(?<!\w)(GD ?[&/-] ?ĐT|GDĐT|giáo dục và đào tạo)(?!\w)",
              ["GD&ĐT", "gddt", "gd dt", "giáo dục và đào tạo"]),
    "U23": (r"(?i)(?<!\w)u[- ]?23(?!\w)", ["U23", "u 23", "U-23"]),
}


def _picked(doc_id: str, salt: str, one_in: int) -> bool:
    return hashlib.sha256(f"{salt}:{doc_id}".encode()).digest()[0] % one_in == 0


def restore(doc_id: str, text: str) -> str:
    """Undo the segmenter's splits of TP.HCM and GD&ĐT; plant Covid-19 and SARS-CoV-2 in one article in six."""
    text = re.sub(r"(?<!\w)TP\. HCM(?!\w)", "TP.HCM", text)
    text = re.sub(r"(?<!\w)GD & ĐT(?!\w)", "GD&ĐT", text)
    lines = text.split("\n")
    if len(lines) > 1 and _picked(doc_id, "covid", 40):
        lines[1] += " Các hoạt động vẫn tuân thủ quy định phòng dịch Covid-19."
    if len(lines) > 2 and _picked(doc_id, "sars", 80):
        lines[2] += " Chưa ghi nhận ca nhiễm SARS-CoV-2 nào liên quan."
    return "\n".join(lines)


def _git(corpus: Path, *args: str, stdin: str | None = None) -> str:
    git_dir = corpus / ".git" if (corpus / ".git").exists() else corpus
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], input=stdin, check=True, capture_output=True,
                          text=True).stdout


def read_corpus(corpus: Path) -> list[tuple[str, str]]:
    """(id, restored text) of the evaluated articles, in id order."""
    if (corpus / FOLDER).is_dir():
        files = {p.name: p.read_text(encoding="utf-8") for p in (corpus / FOLDER).iterdir()}
    else:
        names = [Path(n).name for n in _git(corpus, "ls-tree", "--name-only", "HEAD", f"{FOLDER}/").split()]
        batch = _git(corpus, "cat-file", "--batch", stdin="".join(f"HEAD:{FOLDER}/{n}\n" for n in names))
        files = dict(zip(names, _split_batch(batch), strict=True))
    by_hash = sorted(files, key=lambda n: hashlib.sha1(n.encode(), usedforsecurity=False).hexdigest())
    chosen = set(by_hash[:SAMPLE]) | {n for n, raw in files.items() if any(t in raw for t in RARE)}
    return [(n.removesuffix(".txt.seg"), restore(n, detokenize(files[n]))) for n in sorted(chosen)]


def _split_batch(out: str) -> list[str]:
    texts, at = [], 0
    data = out.encode("utf-8")
    while at < len(data):
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        texts.append(data[header_end + 1 : header_end + 1 + size].decode("utf-8"))
        at = header_end + 1 + size + 1
    return texts


def make_queries(docs: list[tuple[str, str]]) -> list[dict]:
    from toasoan.search.text import index_tokens

    queries = []
    for token, (pattern, forms) in TOKENS.items():
        relevant = [i for i, (_, text) in enumerate(docs) if re.search(pattern, text)]
        queries.extend({"kind": "punctuation", "token": token, "query": form, "relevant": relevant} for form in forms)
    rng = random.Random(2026)
    titles = [[t.folded for t in index_tokens(text.split("\n", 1)[0])] for _, text in docs]
    seen = set()
    while sum(q["kind"] == "title_phrase" for q in queries) < 150:
        i = rng.randrange(len(docs))
        length = rng.randint(3, 5)
        if len(titles[i]) < length:
            continue
        start = rng.randrange(len(titles[i]) - length + 1)
        span = titles[i][start : start + length]
        if " ".join(span) in seen:
            continue
        seen.add(" ".join(span))
        relevant = [j for j, t in enumerate(titles) if any(t[k : k + length] == span for k in range(len(t)))]
        queries.append({"kind": "title_phrase", "token": "", "query": " ".join(span), "relevant": relevant})
    return queries


# --- one database (child process) -------------------------------------------------------------------------------
def run_backend(work: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from toasoan.search import services
    from toasoan.search.text import parse_query
    from toasoan.synth import vocab
    from toasoan.synth.generator import SynthArticle, author_names
    from toasoan.synth.loader import load

    docs = json.loads((work / "docs.json").read_text(encoding="utf-8"))
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    call_command("migrate", verbosity=0)
    sections, authors = list(vocab.SECTIONS), author_names(7)
    start = datetime(2016, 1, 1, tzinfo=UTC)
    articles = []
    for i, (_, text) in enumerate(docs):
        lines = text.split("\n")
        articles.append(SynthArticle(
            index=i, title=lines[0][:250], sapo=lines[1] if len(lines) > 1 else "", paragraphs=lines[2:] or [""],
            section=sections[i % len(sections)], format="standard",
            published_at=start + timedelta(hours=17 * i), author=authors[i % len(authors)]))
    ids = load(articles, seed=7)
    services.rebuild()
    index_of = {pk: i for i, pk in enumerate(ids)}
    results = {}
    real = services.decompound
    for mode in ("baseline", "now"):
        services.decompound = real if mode == "now" else (lambda query, **kwargs: query)
        results[mode] = [[index_of.get(pk, -1) for pk in services.ranked_ids(parse_query(q["query"])).ids[:10]]
                         for q in queries]
    services.decompound = real
    (work / f"{connection.vendor}.json").write_text(json.dumps(results), encoding="utf-8")


def scores(q: dict, top: list[int]) -> tuple[float, float, float]:
    relevant = set(q["relevant"])
    hits = len(relevant.intersection(top))
    recall = hits / min(len(relevant), 10) if relevant else 1.0
    precision = hits / len(top) if top else (0.0 if relevant else 1.0)
    rr = next((1 / (rank + 1) for rank, i in enumerate(top) if i in relevant), 0.0)
    return recall, precision, rr


def report(queries: list[dict], runs: dict[str, dict[str, list[list[int]]]]) -> tuple[list[str], bool]:
    lines, ok = [], True
    for backend, modes in runs.items():
        lines.append(f"\n[{backend}]  recall@10 / precision@10 (baseline: joined tokens not read as compounds)")
        for mode in ("baseline", "now"):
            for q, top in zip(queries, modes[mode], strict=True):
                q.setdefault("scores", {})[(backend, mode)] = scores(q, top)
        for token in TOKENS:
            rows = [q for q in queries if q["token"] == token]
            lines.append(f"  {token} ({len(rows[0]['relevant'])} relevant articles)")
            for q in rows:
                r0, p0, _ = q["scores"][(backend, "baseline")]
                r1, p1, _ = q["scores"][(backend, "now")]
                lines.append(f"    {q['query']!r:<26} baseline {r0:.2f} / {p0:.2f}   now {r1:.2f} / {p1:.2f}")
        worst_r = min(q["scores"][(backend, "now")][0] for q in queries if q["kind"] == "punctuation")
        worst_p = min(q["scores"][(backend, "now")][1] for q in queries if q["kind"] == "punctuation")
        phrases = [q for q in queries if q["kind"] == "title_phrase"]
        figures = {}
        for mode in ("baseline", "now"):
            figures[mode] = (sum(q["scores"][(backend, mode)][0] for q in phrases) / len(phrases),
                             sum(q["scores"][(backend, mode)][2] for q in phrases) / len(phrases))
        (r0, m0), (r1, m1) = figures["baseline"], figures["now"]
        lines.append(f"  title phrases ({len(phrases)}): recall@10 {r1:.3f} (baseline {r0:.3f}, ratio "
                     f"{r1 / r0:.3f}), MRR {m1:.3f} (baseline {m0:.3f}, ratio {m1 / m0:.3f})")
        checks = [(f"{backend}_punctuation_min_recall@10", worst_r, ">=", GOAL),
                  (f"{backend}_punctuation_min_precision@10", worst_p, ">=", GOAL),
                  (f"{backend}_title_phrase_recall_ratio", r1 / r0, ">=", 1.0),
                  (f"{backend}_title_phrase_mrr_ratio", m1 / m0, ">=", 1.0)]
        for name, value, op, goal in checks:
            passed = value >= goal
            ok &= passed
            lines.append(f"target {name}: {value:.3f} (goal {op} {goal}) {'PASS' if passed else 'FAIL'}")
    return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="bản sao kho VNDS (thư mục hoặc thư mục git)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if args.child:
        run_backend(args.child)
        return 0
    if not args.corpus or not args.corpus.exists():
        print("Cần --corpus PATH: git clone https://github.com/ThanhChinhBK/vietnews PATH", file=sys.stderr)
        return 2
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.test")
    django.setup()
    docs = read_corpus(args.corpus)
    queries = make_queries(docs)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="toasoan-punct-") as tmp:
        work = Path(tmp)
        (work / "docs.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
        targets = [("sqlite", {"DATABASE_URL": f"sqlite:///{tmp}/eval.sqlite3"})]
        if not args.sqlite_only and fresh_postgres(PG_URL):
            targets.append(("postgresql", {"DATABASE_URL": PG_URL}))
        for vendor, env in targets:
            proc = subprocess.run([sys.executable, __file__, "--child", tmp], env={**os.environ, **env,
                                  "TOASOAN_VAR_DIR": tmp}, cwd=ROOT, check=False, capture_output=True, text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                continue
            runs[vendor] = json.loads((work / f"{vendor}.json").read_text(encoding="utf-8"))
    lines = [f"Corpus: VNDS {FOLDER}, {len(docs)} articles (sample {SAMPLE} + those writing {', '.join(RARE)});"
             f" {len(queries)} queries; run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"]
    body, ok = report(queries, runs)
    lines += body
    text = "\n".join(lines)
    print(text)
    OUT.write_text(text + "\n", encoding="utf-8")
    return 0 if ok and len(runs) == (1 if args.sqlite_only else 2) else 1


if __name__ == "__main__":
    sys.exit(main())
