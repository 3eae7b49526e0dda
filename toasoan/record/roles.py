"""The inspector role (Thanh tra lưu chiểu) and what the newsroom's roles may do with the legal record. Idempotent."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from toasoan.newsroom.roles import ROLE_LABELS, Role

INSPECTOR_GROUP = "Thanh tra lưu chiểu"
INSPECTOR_PERMISSIONS = ["wagtailadmin.access_admin", "record.view_depositrecord"]
# Who reads the record besides the inspector; who attaches corrections and takes stories down (see docs/record.md).
CORRECTION_PERMISSIONS = ["record.add_correction", "record.view_correction"]
TAKEDOWN_PERMISSIONS = ["record.add_takedown", "record.change_takedown", "record.view_takedown"]
ROLE_PERMISSIONS = {
    Role.DESK_EDITOR: CORRECTION_PERMISSIONS,
    Role.MANAGING_EDITOR: CORRECTION_PERMISSIONS,
    Role.DEPUTY_EIC: [*CORRECTION_PERMISSIONS, *TAKEDOWN_PERMISSIONS],
    Role.EIC: ["record.view_depositrecord", *CORRECTION_PERMISSIONS, *TAKEDOWN_PERMISSIONS],
    Role.ADMINISTRATOR: ["record.view_depositrecord", *CORRECTION_PERMISSIONS, *TAKEDOWN_PERMISSIONS],
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def grant_role_permissions(group: Group) -> None:
    """Give a newsroom role's group (newsroom-wide, or a desk's) its record permissions, by its name."""
    for role, names in ROLE_PERMISSIONS.items():
        label = ROLE_LABELS[role]
        if group.name == label or group.name.startswith(f"{label} · "):
            group.permissions.add(*_permissions(names))


@transaction.atomic
def ensure_record_roles() -> Group:
    """Create the inspector group and grant the newsroom's roles their record permissions."""
    inspector, _created = Group.objects.get_or_create(name=INSPECTOR_GROUP)
    inspector.permissions.add(*_permissions(INSPECTOR_PERMISSIONS))
    for group in Group.objects.all():
        grant_role_permissions(group)
    return inspector
