"""Small database helpers shared by the apps."""

from __future__ import annotations

from django.db import models


def unique_slug(model: type[models.Model], base: str, *, exclude_pk: int | None = None, field: str = "slug") -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free in ``model``."""
    candidate, n = base, 1
    manager = model._default_manager
    while manager.filter(**{field: candidate}).exclude(pk=exclude_pk).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
