"""Read side of the newsroom: which pages a person may see the titles of in the admin; stories sent back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy


def openable_pages(*, user, pages: QuerySet) -> QuerySet:
    """``pages`` narrowed to what ``user`` may open: live pages (their titles are public) and pages he may
    edit (with ``change`` on their subtree, or his own under ``add``). Choosers, the explorer and the admin
    search use it, so nobody reads the titles of other desks' drafts."""
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@dataclass(frozen=True)
class ReturnedStory:
    """A story the desk sent back: who sent it back, at which step, when, and what they wrote."""

    page: Page
    step: str
    returned_by: str
    returned_at: datetime | None
    comment: str


def _returned(state: WorkflowState, page: Page) -> ReturnedStory:
    task_state = state.current_task_state
    by = task_state.finished_by if task_state is not None else None
    return ReturnedStory(
        page=page,
        step=task_state.task.name if task_state is not None else "",
        returned_by=str(by) if by is not None else "",
        returned_at=task_state.finished_at if task_state is not None else None,
        comment=(task_state.comment or "").strip() if task_state is not None else "",
    )


def returned_story(*, page: Page) -> ReturnedStory | None:
    """``page``'s return by the desk, while it waits for its writer (None when it is not sent back)."""
    state = (WorkflowState.objects.for_instance(page).filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
             .select_related("current_task_state__task", "current_task_state__finished_by").first())
    return _returned(state, page) if state is not None else None


def returned_stories(*, user, limit: int = 20) -> list[ReturnedStory]:
    """The stories sent back to ``user`` (they own them or submitted them), newest return first."""
    states = (WorkflowState.objects.filter(status=WorkflowState.STATUS_NEEDS_CHANGES,
                                           base_content_type=ContentType.objects.get_for_model(Page))
              .select_related("current_task_state__task", "current_task_state__finished_by")
              .order_by("-current_task_state__finished_at", "-pk"))
    own = Page.objects.filter(owner=user).values_list("pk", flat=True)
    states = states.filter(Q(requested_by=user) | Q(object_id__in=[str(pk) for pk in own]))[:limit]
    pages = {str(p.pk): p for p in Page.objects.filter(pk__in=[int(s.object_id) for s in states]).specific()}
    return [_returned(state, pages[state.object_id]) for state in states if state.object_id in pages]
