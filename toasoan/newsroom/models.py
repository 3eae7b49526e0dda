"""Workflow task types of the newsroom."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class DeskReviewTask(AbstractGroupApprovalTask):
    """The desk step: the desk that owns the story's section edits it, then forwards or sends it back.

    Who belongs to "the desk" follows the page permissions: anyone allowed to edit the story's section
    subtree (its desk editors, and the managing editors and editors-in-chief above them) moderates this
    step. The ``groups`` field adds groups that may act on every desk (none are needed by default).
    """

    def _user_is_desk_editor(self, obj, user) -> bool:
        if user.is_superuser:
            return True
        if not user.is_active or not hasattr(obj, "permissions_for_user"):
            return False
        return "change" in obj.permissions_for_user(user).permissions

    def _can_moderate(self, obj, user) -> bool:
        return self._user_is_desk_editor(obj, user) or self._user_in_groups(user)

    def user_can_access_editor(self, obj, user) -> bool:
        return self._can_moderate(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not self._can_moderate(obj, user)

    def user_can_lock(self, obj, user) -> bool:
        return self._can_moderate(obj, user)

    def get_actions(self, obj, user):
        if self._can_moderate(obj, user):
            return [
                ("reject", _("Trả lại phóng viên"), True),
                ("approve", _("Chuyển thư ký tòa soạn"), False),
                ("approve", _("Chuyển kèm ghi chú"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("workflow_state")
        if user.is_superuser or self._user_in_groups(user):
            return states
        allowed = [
            state.pk for state in states
            if self._user_is_desk_editor(state.workflow_state.content_object, user)
        ]
        return self.task_states.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Biên tập viên của ban phụ trách chuyên mục của bài biên tập rồi chuyển tiếp hoặc trả lại")

    class Meta:
        verbose_name = _("Bước biên tập của ban")
        verbose_name_plural = _("Bước biên tập của ban")
