"""What an editor is told after Duyệt / Duyệt và đăng / Trả lại: what happened, and where the story went."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState


def _person(user) -> str:
    return str(user) if user is not None else _("phóng viên")


def workflow_outcome(*, page: Page) -> str | None:
    """The message for the story's state right after a review action (None when it is in no workflow)."""
    page = Page.objects.get(pk=page.pk).specific  # the view's copy predates the publication
    state = page.workflow_states.order_by("-created_at", "-pk").first()
    if state is None:
        return None
    title = page.get_admin_display_title()
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        writer = page.owner or state.requested_by
        return _("Đã trả «%(title)s» lại cho %(writer)s kèm ý kiến; bài chờ người viết sửa và gửi lại.") % {
            "title": title, "writer": _person(writer)}
    if state.status == WorkflowState.STATUS_IN_PROGRESS and state.current_task_state is not None:
        return _("Đã chuyển «%(title)s» cho %(step)s.") % {"title": title, "step": state.current_task_state.task.name}
    if state.status == WorkflowState.STATUS_APPROVED:
        revision = page.revisions.filter(approved_go_live_at__isnull=False).order_by("-pk").first()
        if revision is not None and revision.approved_go_live_at > timezone.now():
            when = timezone.localtime(revision.approved_go_live_at).strftime("%H:%M %d/%m/%Y")
            return _("Đã duyệt «%(title)s»: bài sẽ tự lên trang lúc %(when)s.") % {"title": title, "when": when}
        if page.live:
            return _("Đã duyệt và đăng «%(title)s»: bài đang hiện trên trang báo.") % {"title": title}
    return None
