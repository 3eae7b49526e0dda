"""Read side of the newsroom: which pages a person may see the titles of in the admin."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy


def openable_pages(*, user, pages: QuerySet) -> QuerySet:
    """``pages`` narrowed to what ``user`` may open: live pages (their titles are public) and pages he may
    edit (with ``change`` on their subtree, or his own under ``add``). Choosers, the explorer and the admin
    search use it, so nobody reads the titles of other desks' drafts."""
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
