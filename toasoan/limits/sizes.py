"""Sizes written the Vietnamese way: 3,1 MB; 10.000 (a dot between thousands, a comma before decimals)."""

from __future__ import annotations


def count(number: int) -> str:
    return f"{int(number):,}".replace(",", ".")


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{count(max(1, round(size / 1024)))} KB"
    whole, _, decimal = f"{size / (1024 * 1024):,.1f}".partition(".")
    return f"{whole.replace(',', '.')},{decimal} MB"
