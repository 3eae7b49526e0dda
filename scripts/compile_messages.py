"""Compile toasoan/locale/*/LC_MESSAGES/django.po to .mo in pure Python (GNU gettext not needed)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from po import read_po, write_mo

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    for po_path in sorted((REPO / "toasoan" / "locale").glob("*/LC_MESSAGES/*.po")):
        count = write_mo(read_po(po_path), po_path.with_suffix(".mo"))
        print(f"{po_path.relative_to(REPO)}: {count} chuỗi đã dịch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
