"""Who moderates: the group *Kiểm duyệt bình luận* and the roles above it (managing editor, deputy editor-in-chief,
editor-in-chief, administrator), through the permission ``comments.moderate_comment`` (toasoan/newsroom/roles.py).
Only they see the queue and readers' email addresses, phone numbers and IP addresses."""

from __future__ import annotations

MODERATE = "comments.moderate_comment"


def can_moderate(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.has_perm(MODERATE))
