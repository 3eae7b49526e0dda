"""Article page weight in Chromium (issue 7): HTML + CSS + JS transferred, images excluded, no third parties.

Usage::

    .venv/bin/python bench/page_weight.py                       # starts a server on the configured database
    .venv/bin/python bench/page_weight.py --url http://127.0.0.1:8000/some-article-12.html

Without ``--url`` it starts Django's server (``--noreload``, loopback, a free port) on the database the
settings point at (``DATABASE_URL`` or the SQLite file), opens the newest live article of each format
that exists, and stops the server afterwards. For every page it sums the bytes of the document,
stylesheets and scripts (``Content-Length`` as sent, i.e. compressed when the server compresses) and
lists images separately; any request to another host fails the run. Prints
``target article_page_weight_kb: N (goal <= 100) PASS|FAIL`` for the heaviest article.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
GOAL_KB = 100.0
COUNTED = {"document", "stylesheet", "script", "fetch", "xhr", "font"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def article_paths() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")
    import django

    django.setup()
    from toasoan.news.models import ArticleFormat
    from toasoan.news.selectors import published_articles

    paths = {}
    for fmt in ArticleFormat.values:
        article = published_articles().filter(format=fmt).order_by("-published_at").first()
        if article is not None:
            paths[fmt] = article.canonical_path()
    return paths


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev"),
           "PAGE_CACHE": "off"}
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(process.stderr.read().decode()) from None
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start within 60 s")


def measure(browser, url: str) -> dict:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    records: list[tuple[str, str, int]] = []
    third_party: list[str] = []

    def on_response(response) -> None:
        request = response.request
        if not response.url.startswith(origin):
            if not response.url.startswith("data:"):
                third_party.append(response.url)
            return
        try:
            size = int(response.headers.get("content-length") or 0) or len(response.body())
        except Exception:
            size = 0
        records.append((request.resource_type, response.url, size))

    page.on("response", on_response)
    page.on("requestfailed", lambda r: None if r.url.startswith(origin) else third_party.append(r.url))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images below the fold too
    page.wait_for_timeout(500)
    context.close()
    counted = sum(size for kind, _url, size in records if kind in COUNTED)
    images = sum(size for kind, _url, size in records if kind in {"image", "media"})
    return {"kb": counted / 1024, "images_kb": images / 1024, "requests": len(records), "third_party": third_party,
            "by_kind": {k: sum(s for kind, _u, s in records if kind == k) / 1024 for k in {r[0] for r in records}}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", action="append", help="an article URL on a running server (repeatable)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is absent: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    server = None
    if args.url:
        urls = {f"url{i}": u for i, u in enumerate(args.url, 1)}
    else:
        paths = article_paths()
        if not paths:
            raise SystemExit("no live article in this database: run `toasoan setup --demo` first")
        port = free_port()
        server = start_server(port)
        urls = {fmt: f"http://127.0.0.1:{port}{path}" for fmt, path in paths.items()}
    worst = 0.0
    leaks: list[str] = []
    try:
        with sync_playwright() as manager:
            browser = manager.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for label, url in urls.items():
                result = measure(browser, url)
                worst = max(worst, result["kb"])
                leaks.extend(result["third_party"])
                kinds = ", ".join(f"{k} {v:.1f}" for k, v in sorted(result["by_kind"].items()))
                print(f"{label}: {result['kb']:.1f} KB HTML+CSS+JS, images {result['images_kb']:.0f} KB, "
                      f"{result['requests']} requests ({kinds}) — {url}")
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"third-party requests: {len(leaks)}" + (f" {leaks[:5]}" if leaks else ""))
    verdict = "PASS" if worst <= GOAL_KB and not leaks else "FAIL"
    print(f"target article_page_weight_kb: {worst:.1f} (goal <= {GOAL_KB:.0f}) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
