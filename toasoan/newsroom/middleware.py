"""One review action at a time on a story.

Wagtail checks that the action a reviewer pressed ("Trả lại phóng viên", "Chuyển thư ký tòa soạn"…) is still on
offer, then saves the form and performs it. Two presses of an action on the same story at once — a double click on
a slow connection, the same story open in a second tab, a browser sending a form again after a dropped
connection, two editors of the same step — both passed the check; the second then found the step already
finished and failed with a server error (HTTP 500) instead of saying so. Here the edit form's posts that carry a
review action take turns per story (:func:`toasoan.core.locks.keyed_lock`): the second one is checked after the
first is done, and :func:`toasoan.newsroom.wagtail_hooks.guard_edit` tells its sender what happened.
"""

from __future__ import annotations

from django.urls import Resolver404, resolve

from toasoan.core.locks import keyed_lock

NAMESPACE = "toasoan.review_actions"
EDIT_VIEW = "wagtailadmin_pages:edit"
ACTION_FIELD = "action-workflow-action"


class ReviewActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page_id = _reviewed_page(request)
        if page_id is None:
            return self.get_response(request)
        with keyed_lock(namespace=NAMESPACE, key=page_id):
            return self.get_response(request)


def _reviewed_page(request) -> int | None:
    """The story a post of the admin's edit form performs a review action on, else None."""
    if request.method != "POST" or not request.path_info.startswith("/admin/pages/"):
        return None
    if not request.user.is_authenticated:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name != EDIT_VIEW or ACTION_FIELD not in request.POST:
        return None
    return int(match.kwargs["page_id"])
