"""Who may hand out administrative power: only superusers create, edit or elevate superusers and the
groups that carry the rights to manage accounts (the *Quản trị hệ thống* group and any group given one of
those rights).

Without this rule a member of *Quản trị hệ thống* (who may manage users) could set a superuser's password,
create a superuser, or put himself or anyone else in a group with more power than his own.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q, QuerySet

# Model permissions that make a group "administrative": holding one of them lets a person change who holds
# what. Only superusers grant them, edit such groups, or edit the people in them.
ADMIN_RIGHTS = (
    ("users", "add_user"), ("users", "change_user"), ("users", "delete_user"),
    ("auth", "add_group"), ("auth", "change_group"), ("auth", "delete_group"),
)


def _admin_rights_q(prefix: str = "") -> Q:
    query = Q()
    for app_label, codename in ADMIN_RIGHTS:
        query |= Q(**{f"{prefix}content_type__app_label": app_label, f"{prefix}codename": codename})
    return query


def admin_right_permissions() -> QuerySet[Permission]:
    return Permission.objects.filter(_admin_rights_q())


def privileged_groups() -> QuerySet[Group]:
    """Groups holding at least one administrative right."""
    return Group.objects.filter(_admin_rights_q("permissions__")).distinct()


def is_privileged_group(group: Group) -> bool:
    return group.pk is not None and privileged_groups().filter(pk=group.pk).exists()


def is_privileged_user(user) -> bool:
    """A superuser, or a member of an administrative group, or a holder of an administrative right."""
    if user.is_superuser:
        return True
    if user.pk is None:
        return False
    if user.groups.filter(pk__in=privileged_groups().values("pk")).exists():
        return True
    return user.user_permissions.filter(_admin_rights_q()).exists()


def may_manage_user(actor, target) -> bool:
    """Whether ``actor`` may edit or delete the account ``target`` (rights to manage users assumed)."""
    if actor.is_superuser:
        return True
    if target.pk is not None and target.pk == actor.pk:
        return True  # one's own profile; the form keeps one's own groups and rights out of reach
    return not is_privileged_user(target)


def may_manage_group(actor, group: Group) -> bool:
    return actor.is_superuser or not is_privileged_group(group)


def grants_admin_rights(permissions) -> bool:
    """Whether a set of ``Permission`` rows contains an administrative right."""
    wanted = set(admin_right_permissions().values_list("pk", flat=True))
    return any(permission.pk in wanted for permission in permissions)
