"""How much of Wagtail's admin reads in Vietnamese: Wagtail's own ``vi`` catalogue plus ours.

Prints the fraction of all of Wagtail's admin strings that have a Vietnamese translation, and the
fraction of the strings on the screens the newsroom roles use (dashboard, login, page explorer, page
create/edit with its action menu and status panel, workflow actions, history and revision comparison),
identified by the source files Wagtail's own catalogue names for each string. Ends with target lines.

    python scripts/translation_coverage.py [--missing]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from po import Entry, key, read_po

REPO = Path(__file__).resolve().parent.parent
OUR_PO = REPO / "toasoan" / "locale" / "vi" / "LC_MESSAGES" / "django.po"

# Source files (as referenced in Wagtail's admin catalogue) of the screens the roles use.
ROLE_SCREENS = {
    "bảng điều khiển": [
        "templates/wagtailadmin/home.html", "templates/wagtailadmin/home/account_summary.html",
        "templates/wagtailadmin/home/locked_pages.html", "templates/wagtailadmin/home/recent_edits.html",
        "templates/wagtailadmin/home/site_summary.html", "templates/wagtailadmin/home/site_summary_pages.html",
        "templates/wagtailadmin/home/user_objects_in_workflow_moderation.html",
        "templates/wagtailadmin/home/workflow_objects_to_moderate.html",
    ],
    "đăng nhập": ["templates/wagtailadmin/login.html"],
    "duyệt trang": [
        "templates/wagtailadmin/pages/listing.html", "templates/wagtailadmin/pages/listing/_locked_indicator.html",
        "templates/wagtailadmin/pages/listing/_navigation_explore.html",
        "templates/wagtailadmin/pages/listing/_page_header_buttons.html",
        "templates/wagtailadmin/pages/listing/_page_title_explore.html",
        "templates/wagtailadmin/shared/page_status_tag.html", "templates/wagtailadmin/shared/page_status_tag_new.html",
    ],
    "soạn và sửa bài": [
        "action_menu.py", "views/pages/create.py", "views/pages/edit.py",
        "templates/wagtailadmin/pages/action_menu/page_locked.html",
        "templates/wagtailadmin/pages/action_menu/publish.html",
        "templates/wagtailadmin/pages/action_menu/save_draft.html",
        "templates/wagtailadmin/shared/side_panels.html", "templates/wagtailadmin/shared/side_panels/status.html",
        "templates/wagtailadmin/shared/side_panels/includes/status/locked.html",
        "templates/wagtailadmin/shared/side_panels/includes/status/workflow.html",
    ],
    "quy trình duyệt": [
        "views/generic/workflow.py", "views/pages/workflow.py", "templates/wagtailadmin/workflows/workflow_status.html",
        "templates/wagtailadmin/pages/confirm_workflow_cancellation.html",
    ],
    "lịch sử và phiên bản": [
        "views/pages/history.py", "views/pages/revisions.py",
        "templates/wagtailadmin/shared/headers/_history_icon_link.html",
        "templates/wagtailadmin/generic/history/action_cell.html",
        "templates/wagtailadmin/generic/revisions/compare.html",
    ],
}


def wagtail_dir() -> Path:
    import wagtail

    return Path(wagtail.__file__).resolve().parent


def translated_keys(*paths: Path) -> set[str]:
    keys: set[str] = set()
    for path in paths:
        if path.exists():
            keys.update(key(e) for e in read_po(path) if e.msgid and e.translated)
    return keys


def on_screens(entry: Entry, files: list[str]) -> bool:
    return any(ref.split(":")[0] in files for ref in entry.references)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="List the untranslated strings of the role screens.")
    args = parser.parse_args(argv)
    admin = wagtail_dir() / "admin" / "locale"
    source = [e for e in read_po(admin / "en" / "LC_MESSAGES" / "django.po") if e.msgid]
    done = translated_keys(admin / "vi" / "LC_MESSAGES" / "django.po", OUR_PO)
    wagtail_only = translated_keys(admin / "vi" / "LC_MESSAGES" / "django.po")

    def fraction(entries: list[Entry], keys: set[str]) -> tuple[int, int, float]:
        n = sum(key(e) in keys for e in entries)
        return n, len(entries), (n / len(entries) if entries else 1.0)

    n, total, wagtail_share = fraction(source, wagtail_only)
    print(f"Wagtail admin, Wagtail's own vi catalogue: {n}/{total} = {wagtail_share:.2f}")
    n, total, all_share = fraction(source, done)
    print(f"Wagtail admin, with toasoan/locale/vi:     {n}/{total} = {all_share:.2f}")
    screen_entries: list[Entry] = []
    for screen, files in ROLE_SCREENS.items():
        entries = [e for e in source if on_screens(e, files)]
        screen_entries.extend(e for e in entries if e not in screen_entries)
        n, total, share = fraction(entries, done)
        print(f"  màn hình {screen:<22} {n}/{total} = {share:.2f}")
    n, total, screens_share = fraction(screen_entries, done)
    print(f"Role screens: {n}/{total} = {screens_share:.2f}")
    if args.missing:
        for entry in screen_entries:
            if key(entry) not in done:
                print("MISSING", repr(entry.msgctxt), repr(entry.msgid), repr(entry.msgid_plural))
    print(f"target admin_screens_translated: {screens_share:.2f} (goal >= 1.0) "
          f"{'PASS' if screens_share >= 1.0 else 'FAIL'}")
    print(f"target admin_all_translated: {all_share:.2f} (goal > {wagtail_share:.2f}, Wagtail's own) "
          f"{'PASS' if all_share > wagtail_share else 'FAIL'}")
    return 0 if screens_share >= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
