"""Import speed: generated archives of each kind through ``toasoan import``, on a fresh SQLite database.

Writes N own-generated items per kind (text pages, one WXR file, one RSS feed, ninjs items) to a
temporary folder, imports each kind with ``--publish`` into a throw-away SQLite database (after
``migrate`` and the site skeleton), and prints articles/s per kind, the ratio to the parse-only
rate measured in the same run (the baseline: reading without writing), a re-run rate (every item
"Không đổi"), and target lines for issue 21's goals. Per-run figures go to bench/data/import/.

    .venv/bin/python bench/import_bench.py --items 300
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SQLITE = 100.0  # articles/s, issue 21 point 4

SENTENCES = [
    "Sáng nay, tỉnh khởi công tuyến đường ven biển dài {n} km nối ba huyện.",
    "Người dân các xã ven sông tất bật thu hoạch lúa, năng suất ước đạt {n} tạ mỗi héc ta.",
    "Ban tổ chức cho biết hội chợ năm nay có {n} gian hàng của các doanh nghiệp trong tỉnh.",
    "Theo kế hoạch, công trình hoàn thành trong {n} tháng và đưa vào sử dụng cuối năm.",
]


def paragraph(i: int, j: int) -> str:
    return " ".join(SENTENCES[(i + j + k) % 4].format(n=i % 97 + j + k) for k in range(3))


def write_sources(folder: Path, items: int) -> dict[str, Path]:
    text = folder / "text"
    text.mkdir()
    for i in range(items):
        day, month = i % 28 + 1, i % 12 + 1
        body = "\n".join(paragraph(i, j) for j in range(6))
        (text / f"{i}.txt").write_text(f"Bài thử số {i} về giao thông\n08:{i % 60:02d}, {day:02d}/{month:02d}/2020\n"
                                       f"{body}\nMai Hương\n", encoding="utf-8")
    posts = "".join(
        f"<item><title>Bài WordPress {i}</title><link>https://cu.vn/2020/bai-{i}/</link>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{paragraph(i, j)}</p>' for j in range(6))}]]></content:encoded>"
        f"<wp:post_id>{i}</wp:post_id><wp:post_date_gmt>2020-03-{i % 28 + 1:02d} 01:00:00</wp:post_date_gmt>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "<category domain='category' nicename='thoi-su'>Thời sự</category></item>"
        for i in range(items))
    wxr = folder / "wxr.xml"
    wxr.write_text('<?xml version="1.0" encoding="UTF-8"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/"'
                   ' xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://cu.vn</link>'
                   f"{posts}</channel></rss>", encoding="utf-8")
    entries = "".join(
        f"<item><title>Tin RSS {i}</title><link>https://cu.vn/rss-{i}.html</link><guid>rss-{i}</guid>"
        f"<pubDate>Tue, 05 Sep 2023 02:{i % 60:02d}:00 +0000</pubDate><description>{paragraph(i, 0)}</description>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{paragraph(i, j)}</p>' for j in range(1, 6))}]]></content:encoded>"
        "</item>" for i in range(items))
    feed = folder / "feed.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                    f"<channel><title>x</title>{entries}</channel></rss>", encoding="utf-8")
    ninjs = folder / "wire.json"
    ninjs.write_text(json.dumps([{"uri": f"u{i}", "headline": f"Tin hãng {i}", "firstcreated": "2023-09-06T03:30:00Z",
                                  "body_html": "".join(f"<p>{paragraph(i, j)}</p>" for j in range(6))}
                                 for i in range(items)]), encoding="utf-8")
    return {"text": text, "wxr": wxr, "feed": feed, "ninjs": ninjs}


def toasoan(env: dict, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "toasoan"), *args], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def parse_only(sources: dict[str, Path]) -> dict[str, float]:
    """Seconds to read every item of each kind without writing: the baseline of the same run."""
    code = (
        "import sys, time, json; from pathlib import Path;"
        "from toasoan.importer.sources.common import detect_kind;"
        "from toasoan.importer.sources.dispatch import read_source;"
        "out = {}\n"
        "for kind, path in json.loads(sys.argv[1]).items():\n"
        "    p = Path(path); files = sorted(p.iterdir()) if p.is_dir() else [p]; t = time.perf_counter()\n"
        "    n = sum(1 for f in files for _ in read_source(f, kind=detect_kind(f), options={}))\n"
        "    out[kind] = time.perf_counter() - t\n"
        "print(json.dumps(out))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev"}
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c",
                             "import django; django.setup();\n" + code,
                             json.dumps({k: str(v) for k, v in sources.items()})],
                            env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = write_sources(folder, args.items)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
               "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev"}
        env.pop("REDIS_URL", None)
        toasoan(env, "setup")
        baseline = parse_only(sources)
        results = {}
        for kind, path in sources.items():
            seconds = toasoan(env, "import", str(path), "--publish")
            again = toasoan(env, "import", str(path), "--publish")
            results[kind] = {"rate": args.items / seconds, "rerun_rate": args.items / again,
                             "parse_rate": args.items / max(baseline[kind], 1e-9)}
    for kind, result in results.items():
        ratio = result["rate"] / result["parse_rate"]
        print(f"{kind}: {result['rate']:.1f} articles/s imported, {result['rerun_rate']:.1f}/s re-run unchanged, "
              f"{result['parse_rate']:.0f}/s parse only (ratio import/parse {ratio:.3f})")
    data = ROOT / "bench" / "data" / "import"
    data.mkdir(parents=True, exist_ok=True)
    (data / "last_run.json").write_text(json.dumps({"items": args.items, "database": "sqlite", **results}, indent=1),
                                        encoding="utf-8")
    for kind, result in results.items():
        verdict = "PASS" if result["rate"] >= GOAL_SQLITE else "FAIL"
        print(f"target import_{kind}_sqlite: {result['rate']:.1f} (goal >= {GOAL_SQLITE:.0f}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
