"""Who reads and exports the whole audit trail: the editor-in-chief and the system administrator (their
newsroom groups). The permission also appears in the group editor, so another group can be given it. Idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from toasoan.newsroom.roles import ROLE_LABELS, Role

AUDIT_PERMISSION = "audit.view_audit_trail"
ROLES_WITH_AUDIT = (Role.EIC, Role.ADMINISTRATOR)


def audit_permission() -> Permission | None:
    app_label, codename = AUDIT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def grant_role_permissions(group: Group) -> None:
    if group.name in {ROLE_LABELS[role] for role in ROLES_WITH_AUDIT}:
        permission = audit_permission()
        if permission is not None:
            group.permissions.add(permission)


def ensure_audit_roles() -> None:
    for group in Group.objects.filter(name__in=[ROLE_LABELS[role] for role in ROLES_WITH_AUDIT]):
        grant_role_permissions(group)


def on_group_created(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        grant_role_permissions(instance)
