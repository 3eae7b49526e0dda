"""Write side of bylines: every newsroom account signs its stories with its own author profile."""

from __future__ import annotations

from django.db import transaction

from toasoan.people.models import Author


@transaction.atomic
def ensure_author_for(*, user) -> Author:
    """The author profile (byline) of ``user``, created from its display name the first time."""
    existing = Author.objects.filter(user=user).first()
    if existing is not None:
        return existing
    name = (getattr(user, "display_name", "") or user.get_full_name() or user.get_username()).strip()
    return Author.objects.create(name=name[:150], user=user)


def user_joined_groups(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """A login that joins a newsroom group gets its byline at once (``m2m_changed`` on ``User.groups``)."""
    if action != "post_add" or reverse or not pk_set:
        return
    ensure_author_for(user=instance)
