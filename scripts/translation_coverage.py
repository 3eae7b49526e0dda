"""How much of Wagtail's admin reads in Vietnamese: Wagtail's own ``vi`` catalogues plus the project's.

(a) All strings: the fraction of Wagtail's admin strings (``wagtail.admin``, Python ``django`` and
    JavaScript ``djangojs`` domains) with a Vietnamese translation, then the same over every Wagtail app.
(b) Role screens: the strings actually seen on the screens each newsroom role uses, as collected in
    Chromium by ``tests/newsroom/test_admin_screens.py`` (written to ``var/newsroom-screens.json``): every
    visible text and title/aria-label/placeholder/alt attribute, menus and side panels opened. A string
    counts as on screen when it is the English or the Vietnamese text of a Wagtail or Django catalogue
    string; it is untranslated when its English text is shown (or it is plainly English).

    pytest tests/newsroom/test_admin_screens.py   # collects the screens (Chromium)
    python scripts/translation_coverage.py [--missing] [--screens var/newsroom-screens.json]

Ends with target lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from admin_strings import REPO, Recogniser
from po import key

SCREENS = REPO / "var" / "newsroom-screens.json"


def fraction(done: int, total: int) -> float:
    return done / total if total else 1.0


def all_strings(recogniser: Recogniser, *, apps: tuple[str, ...] | None) -> tuple[int, int, int]:
    """(translated by Wagtail alone, translated with the project's catalogues, total) over ``apps``."""
    upstream = done = total = 0
    for catalogue in recogniser.catalogues:
        if not catalogue.app.startswith("wagtail") or (apps and catalogue.app not in apps):
            continue
        for entry in catalogue.entries:
            total += 1
            upstream += key(entry) in catalogue.vi_upstream
            done += recogniser.is_translated(entry, domain=catalogue.domain)
    return upstream, done, total


def on_screens(recogniser: Recogniser, seen: dict) -> tuple[dict[str, bool], list[str]]:
    """Catalogue strings seen on the role screens (key -> translated) and plainly English texts seen."""
    strings: dict[str, bool] = {}
    plain_english: set[str] = set()
    for screens in seen.values():
        for texts in screens.values():
            for text in texts:
                finding = recogniser.classify(text)
                if finding is None:
                    continue
                if finding.entry_key is None:
                    plain_english.add(text)
                else:
                    strings[finding.entry_key] = strings.get(finding.entry_key, True) and finding.translated
    return strings, sorted(plain_english)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="List what is still English on the role screens.")
    parser.add_argument("--screens", type=Path, default=SCREENS, help="Collected screens (JSON).")
    args = parser.parse_args(argv)
    recogniser = Recogniser()

    upstream, done, total = all_strings(recogniser, apps=("wagtail.admin",))
    admin_share, upstream_share = fraction(done, total), fraction(upstream, total)
    print(f"(a) Wagtail admin strings (django + djangojs), Wagtail's own vi: {upstream}/{total} = {upstream_share:.2f}")
    print(f"(a) Wagtail admin strings (django + djangojs), with toasoan/locale/vi: {done}/{total} = {admin_share:.2f}")
    for domain in ("django", "djangojs"):
        entries = [e for c in recogniser.catalogues if c.app == "wagtail.admin" and c.domain == domain
                   for e in c.entries]
        n = sum(recogniser.is_translated(e, domain=domain) for e in entries)
        print(f"      wagtail.admin {domain:<9} {n}/{len(entries)} = {fraction(n, len(entries)):.2f}")
    upstream_all, done_all, total_all = all_strings(recogniser, apps=None)
    print(f"(a) every Wagtail app, with toasoan/locale/vi: {done_all}/{total_all} = {fraction(done_all, total_all):.2f}"
          f" (Wagtail's own: {fraction(upstream_all, total_all):.2f})")

    all_target = (f"target admin_all_translated: {admin_share:.2f} (goal > {upstream_share:.2f}, Wagtail's own) "
                  f"{'PASS' if admin_share > upstream_share else 'FAIL'}")
    if not args.screens.exists():
        print(f"(b) role screens: not measured ({args.screens} is absent; run "
              "pytest tests/newsroom/test_admin_screens.py)")
        print("target admin_screens_translated: n/a (goal >= 1.0) FAIL")
        print(all_target)
        return 1
    seen = json.loads(args.screens.read_text(encoding="utf-8"))
    strings, plain_english = on_screens(recogniser, seen)
    translated = sum(strings.values())
    screens_total = len(strings) + len(plain_english)
    screens_share = fraction(translated, screens_total)
    visits = sum(len(screens) for screens in seen.values())
    print(f"(b) role screens ({len(seen)} roles, {visits} screen visits): catalogue strings seen {len(strings)}, "
          f"translated {translated}; plainly English texts {len(plain_english)}")
    print(f"(b) role screens translated: {translated}/{screens_total} = {screens_share:.2f}")
    if args.missing:
        for entry_key, ok in sorted(strings.items()):
            if not ok:
                print("MISSING", repr(entry_key))
        for text in plain_english:
            print("ENGLISH", repr(text))
    print(f"target admin_screens_translated: {screens_share:.2f} (goal >= 1.0) "
          f"{'PASS' if screens_share >= 1.0 else 'FAIL'}")
    print(all_target)
    return 0 if screens_share >= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
