"""Wagtail's user and group screens with the elevation rule of ``toasoan.users.elevation``.

Installed through ``toasoan.users.apps.WagtailUsersConfig`` (Wagtail's documented way to customise the
user and group viewsets). For anyone but a superuser:

* the "Quản trị viên" (superuser) box is gone from the user forms, so a posted ``is_superuser`` is ignored;
* administrative groups cannot be chosen in a user's groups (one's own memberships are kept as they are);
* superusers and members of administrative groups cannot be edited or deleted (403);
* administrative groups cannot be edited or deleted, and no group can be given an administrative right.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.users.forms import GroupForm, UserCreationForm, UserEditForm
from wagtail.users.views import groups as group_views
from wagtail.users.views import users as user_views

from toasoan.users.elevation import (
    admin_right_permissions,
    may_manage_group,
    may_manage_user,
    privileged_groups,
)


class ElevationGuardMixin:
    """For user forms: ``for_user`` (the person filling it in) decides what may be granted."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_groups = []
        if for_user is None or for_user.is_superuser:
            return
        superuser = self.fields.get("is_superuser")
        if superuser is not None:
            # Kept (Wagtail's template renders it by name) but hidden and disabled: a posted value is ignored.
            superuser.disabled = True
            superuser.widget = forms.HiddenInput()
        if "groups" in self.fields:
            privileged = privileged_groups().values("pk")
            self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(pk__in=privileged)
            if self.instance.pk is not None:
                self.kept_groups = list(self.instance.groups.filter(pk__in=privileged))

    def clean_groups(self):
        return [*self.cleaned_data.get("groups", []), *self.kept_groups]


class GuardedUserCreationForm(ElevationGuardMixin, UserCreationForm):
    pass


class GuardedUserEditForm(ElevationGuardMixin, UserEditForm):
    pass


class GuardedGroupForm(GroupForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        if for_user is not None and not for_user.is_superuser:
            self.fields["permissions"].queryset = self.fields["permissions"].queryset.exclude(
                pk__in=admin_right_permissions().values("pk")
            )
            self.fields["permissions"].error_messages["invalid_choice"] = _(
                "Chỉ siêu quản trị mới được trao quyền quản lý người dùng hoặc nhóm."
            )


class ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserCreateView(ForUserFormMixin, user_views.CreateView):
    pass


class UserEditView(ForUserFormMixin, user_views.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage_user(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserDeleteView(user_views.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage_user(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(user_views.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return GuardedUserEditForm if for_update else GuardedUserCreationForm


class GroupGuardMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_manage_group(request.user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupCreateView(ForUserFormMixin, group_views.CreateView):
    pass


class GroupEditView(GroupGuardMixin, ForUserFormMixin, group_views.EditView):
    pass


class GroupDeleteView(GroupGuardMixin, group_views.DeleteView):
    pass


class GroupViewSet(group_views.GroupViewSet):
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView

    def get_form_class(self, for_update=False):
        return GuardedGroupForm
