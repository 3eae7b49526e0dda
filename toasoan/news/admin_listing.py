"""The Wagtail explorer listing of a big section, kept under a second (docs/scale.md).

Wagtail narrows every explorer listing to the pages the user may explore with ``pk IN (SELECT id FROM
wagtailcore_page ...)``. For a superuser that subquery is the whole page table, and for an editor whose
permission covers the page being explored it keeps every child anyway; either way PostgreSQL still probes it
once per child, and counting a section of 100,000 articles for the paginator took ≈ 0.5 s at a million pages
(Wagtail issues #3370, #12780, #14593). The ``construct_explorer_page_queryset`` hook below drops that filter
exactly when it cannot remove a row, so the count becomes an index-only scan (news migration 0008).
"""

from __future__ import annotations

from django.db.models.lookups import In
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

# Holding any of these on a page makes all of its descendants explorable (PagePermissionPolicy.explorable_instances).
EXPLORE_CODENAMES = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"}


def everything_below_is_explorable(*, page: Page, user) -> bool:
    """True when ``user`` may explore every descendant of ``page``."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The permissions Wagtail already loaded (and cached on the user) for this listing: no query of our own.
    return any(
        perm.permission.codename in EXPLORE_CODENAMES and page.path.startswith(perm.page.path)
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def _is_permission_filter(node) -> bool:
    if not isinstance(node, In):
        return False
    target = getattr(node.lhs, "target", None)
    subquery = getattr(node.rhs, "query", node.rhs)
    model = getattr(subquery, "model", None)
    return (
        target is not None
        and target.primary_key
        and target.model is Page
        and model is not None
        and issubclass(model, Page)
    )


def drop_redundant_permission_filter(parent_page, pages, request):
    """``construct_explorer_page_queryset`` hook: the same rows, without the per-child permission subquery."""
    if request.GET.get("search_all") or not everything_below_is_explorable(page=parent_page, user=request.user):
        return pages
    where = pages.query.where
    matches = [child for child in where.children if _is_permission_filter(child)]
    if len(matches) != 1 or where.connector != "AND" or where.negated:
        return pages
    stripped = pages._chain()
    stripped.query.where.children = [c for c in stripped.query.where.children if not _is_permission_filter(c)]
    return stripped


def load_bodies_with_rows(parent_page, pages, request):
    """``construct_explorer_page_queryset`` hook: fetch the 50 listed articles' bodies with their rows.

    The listing defers StreamFields, but an article's admin title reads its body (the "missing images" mark), so
    each row then cost one more query: 50 per listing page.
    """
    if not getattr(pages, "_defer_streamfields", False):
        return pages
    eager = pages._chain()
    eager._defer_streamfields = False
    return eager
