"""Bylines (``people.Author``) follow the desks: a desk editor changes the byline of a colleague of his own
desk, or one linked to no account (a stringer, an agency), and links a byline only to an account of his desk.

The managing editor and up (``people.change_author`` from a newsroom-wide group) and superusers change any.
A person's desks are read from his groups (``desk_group_name``: "‹role› · ‹desk›").
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies import ModelPermissionPolicy

from toasoan.newsroom.roles import ROLE_LABELS, Role

DESK_SEPARATOR = " · "
CHANGE_AUTHOR = "people.change_author"


def desks_of(user) -> set[str]:
    """The desks ``user`` belongs to (as reporter or desk editor)."""
    if user is None:
        return set()
    labels = {ROLE_LABELS[role] for role in Role.DESK_ROLES}
    desks = set()
    for name in user.groups.values_list("name", flat=True):
        label, sep, desk = name.partition(DESK_SEPARATOR)
        if sep and label in labels:
            desks.add(desk)
    return desks


def bound_to_desks(user) -> bool:
    """True when ``user`` may change bylines only through a desk group (a desk editor)."""
    if not user.is_active or user.is_superuser:
        return False
    app_label, codename = CHANGE_AUTHOR.split(".")
    wide = user.groups.exclude(name__contains=DESK_SEPARATOR).filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename)
    return not wide.exists() and not user.user_permissions.filter(codename=codename).exists()


def may_link(user, account) -> bool:
    """May ``user`` sign a byline for ``account`` (None: a byline of no account)?"""
    if account is None or not bound_to_desks(user):
        return True
    return bool(desks_of(account) & desks_of(user))


class AuthorPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        allowed = self.user_has_permission(user, action)
        if allowed and action in ("change", "delete"):
            return may_link(user, instance.user)
        return allowed


class AuthorForm(WagtailAdminModelForm):
    """Refuses, in Vietnamese, linking a byline to an account of another desk (or of the senior editors)."""

    def clean_user(self):
        account = self.cleaned_data.get("user")
        if self.for_user is not None and not may_link(self.for_user, account):
            raise forms.ValidationError(_(
                "Chỉ gắn được bút danh với tài khoản của ban mình. «%(account)s» không thuộc ban của bạn; "
                "hãy nhờ thư ký tòa soạn."
            ) % {"account": account.get_username()})
        return account


class InstancePermissionMixin:
    """For the byline's edit and delete views: Wagtail's generic views check only the model permission."""

    instance_action = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, self.instance_action,
                                                                       instance):
            raise PermissionDenied
        return instance
