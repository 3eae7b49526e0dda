"""Who may do what with a story's live coverage (docs/newsroom.md, "Tường thuật trực tiếp").

The desk that owns the story's section covers it: its reporters post updates and change their own; its
editors (page "change" permission) open and end the coverage and pin, change or remove anyone's update.
Everyone above the desks has those permissions on every section. Nobody posts to an unpublished story.
"""

from __future__ import annotations

from toasoan.live.models import LiveUpdate


def _actions(*, user, article) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    tester = article.permissions_for_user(user)
    if user.is_superuser:
        return {"add", "change"}
    return set(tester.permissions)


def can_manage(*, user, article) -> bool:
    """Open and end the coverage, pin, change or remove any update."""
    return article.live and "change" in _actions(user=user, article=article)


def can_post(*, user, article) -> bool:
    return article.live and bool({"add", "change"} & _actions(user=user, article=article))


def can_change_update(*, user, article, update: LiveUpdate) -> bool:
    if can_manage(user=user, article=article):
        return True
    return can_post(user=user, article=article) and update.author_id == user.pk
