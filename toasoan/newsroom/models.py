"""Workflow task types of the newsroom."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
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


TWO_PERSON_OVERRIDE = "override"
TWO_PERSON_OVERRIDE_LOG = "toasoan.two_person_override"


class OverrideForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do duyệt khẩn cấp"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Chưa ghi lý do: duyệt khẩn cấp phải ghi lý do, "
                                      "lý do được lưu vào lịch sử bài.")},
    )


# What a revision may change without being an edit of the story: when it goes live or comes down, and
# Wagtail's own bookkeeping. The final approver may set the go-live time as he approves.
NOT_AN_EDIT = frozenset({"go_live_at", "expire_at", "latest_revision", "latest_revision_created_at",
                         "has_unpublished_changes", "draft_title", "live_revision", "locked", "locked_at",
                         "locked_by", "owner", "expired", "first_published_at", "last_published_at"})


def _changes_the_story(revision) -> bool:
    """Whether ``revision`` changed what readers would read, compared with the revision before it."""
    previous = (type(revision).objects
                .filter(object_id=revision.object_id, base_content_type=revision.base_content_type,
                        created_at__lt=revision.created_at)
                .order_by("-created_at", "-pk").first())
    if previous is None:
        return True

    def story(content: dict) -> dict:
        return {key: value for key, value in content.items() if key not in NOT_AN_EDIT}

    return story(revision.content) != story(previous.content)


class FinalApprovalTask(AbstractGroupApprovalTask):
    """The last step ("Duyệt đăng") with the two-person rule (setting ``TOASOAN_TWO_PERSON_RULE``).

    Whoever wrote the story (its owner), last edited it (the revision under review) or approved the step
    before does not give the final approval: the "approve" action is not offered to them and is refused if
    posted. Holders of ``newsroom.override_two_person_rule`` (the editor-in-chief, administrators) get an
    emergency override instead, which needs a reason and is written to the page history.
    """

    def two_person_conflict(self, obj, user) -> str | None:
        """Why ``user`` may not give the final approval of ``obj`` (Vietnamese), or None."""
        if not getattr(settings, "TOASOAN_TWO_PERSON_RULE", True):
            return None
        if getattr(obj, "owner_id", None) == user.pk:
            return _("Bạn là người viết bài này")
        workflow_state = obj.current_workflow_state
        task_state = workflow_state.current_task_state if workflow_state else None
        revision = obj.get_latest_revision()  # what approval publishes (edits during review included)
        if revision is not None and revision.user_id == user.pk and _changes_the_story(revision):
            return _("Bạn là người sửa bài lần cuối")
        if workflow_state is not None:
            previous = (TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
                        .exclude(pk=getattr(task_state, "pk", None)).order_by("-finished_at", "-pk").first())
            if previous is not None and previous.finished_by_id == user.pk:
                return _("Bạn đã duyệt bước trước của bài này")
        return None

    def refusal_message(self, obj, user) -> str | None:
        reason = self.two_person_conflict(obj, user)
        if reason is None:
            return None
        return _("%(reason)s nên không thể duyệt đăng: theo quy tắc hai người, bước duyệt cuối phải do một "
                 "người khác đọc và duyệt.") % {"reason": reason}

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions or self.two_person_conflict(obj, user) is None:
            return actions
        allowed = [action for action in actions if action[0] != "approve"]
        if user.has_perm("newsroom.override_two_person_rule"):
            allowed.append((TWO_PERSON_OVERRIDE, _("Duyệt đăng khẩn cấp (ngoại lệ quy tắc hai người)"), True))
        return allowed

    def get_form_for_action(self, action):
        if action == TWO_PERSON_OVERRIDE:
            return OverrideForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name == "approve" and self.two_person_conflict(obj, user) is not None:
            raise PermissionDenied(self.refusal_message(obj, user))
        if action_name == TWO_PERSON_OVERRIDE:
            reason = self.two_person_conflict(obj, user)
            comment = (kwargs.get("comment") or "").strip()
            if not user.has_perm("newsroom.override_two_person_rule") or not comment:
                raise PermissionDenied
            log(instance=obj, action=TWO_PERSON_OVERRIDE_LOG, user=user,
                data={"comment": comment, "rule": str(reason or "")})
            return super().on_action(task_state, user, "approve", comment=comment)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Duyệt đăng bởi một người khác người viết, người sửa cuối và người duyệt bước trước")

    class Meta:
        verbose_name = _("Bước duyệt đăng (quy tắc hai người)")
        verbose_name_plural = _("Bước duyệt đăng (quy tắc hai người)")
        permissions = [("override_two_person_rule", _("Duyệt đăng khẩn cấp, ngoại lệ quy tắc hai người"))]
