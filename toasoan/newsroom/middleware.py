"""One review action at a time on a story.

Wagtail checks that the action a reviewer pressed ("Trả lại phóng viên", "Chuyển thư ký tòa soạn"…) is still on
offer, then saves the form and performs it. Two presses of an action on the same story at once — a double click on
a slow connection, the same story open in a second tab, a browser sending a form again after a dropped
connection, two editors of the same step — both passed the check; the second then found the step already
finished and failed with a server error (HTTP 500) instead of saying so. Here the edit form's posts that carry a
review action take turns per story (:func:`toasoan.core.locks.keyed_lock`): the second one is checked after the
first is done, and :func:`toasoan.newsroom.wagtail_hooks.guard_edit` tells its sender what happened.

A tab that still shows the old step opens the action's dialog (comment) from a step that is over: Wagtail answered
the dialog's request with a redirect to the edit screen, the dialog never opened and the press seemed to do
nothing. That dialog now says the story has left the step and offers to reload the page.
"""

from __future__ import annotations

from django.urls import Resolver404, resolve, reverse
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.models import Page, TaskState

from toasoan.core.locks import keyed_lock

NAMESPACE = "toasoan.review_actions"
EDIT_VIEW = "wagtailadmin_pages:edit"
ACTION_FIELD = "action-workflow-action"
DIALOG_VIEWS = {"wagtailadmin_pages:collect_workflow_action_data", "wagtailadmin_pages:workflow_action"}


class ReviewActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _admin_page_view(request)
        if match is None:
            return self.get_response(request)
        if match.view_name in DIALOG_VIEWS and request.headers.get("x-requested-with") == "XMLHttpRequest":
            stale = _stale_dialog(request, page_id=match.kwargs["page_id"], task_state_id=match.kwargs["task_state_id"])
            return stale or self.get_response(request)
        if match.view_name == EDIT_VIEW and request.method == "POST" and ACTION_FIELD in request.POST:
            with keyed_lock(namespace=NAMESPACE, key=int(match.kwargs["page_id"])):
                return self.get_response(request)
        return self.get_response(request)


def _admin_page_view(request):
    """The resolved admin page view of a signed-in person's request, else None."""
    if not request.path_info.startswith("/admin/pages/") or not request.user.is_authenticated:
        return None
    try:
        return resolve(request.path_info)
    except Resolver404:
        return None


def _stale_dialog(request, *, page_id: int, task_state_id: int):
    """The dialog saying the story has left the step, when ``task_state_id`` is no longer its step in progress."""
    if TaskState.objects.filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS).exists():
        return None
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.permissions_for_user(request.user).can_edit():
        return None  # Wagtail's own answer (nothing said about a story this person may not open)
    context = {"title": page.get_admin_display_title(), "edit_url": reverse(EDIT_VIEW, args=[page_id])}
    return render_modal_workflow(request, "newsroom/stale_review_modal.html", None, context,
                                 json_data={"step": "action"})
