from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def section_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new top-level section joins the review workflow."""
    if raw or not created:
        return
    from toasoan.home.models import HomePage
    from toasoan.newsroom.roles import assign_workflow_to_section

    parent = instance.get_parent()
    if parent is not None and parent.specific_class is HomePage:
        assign_workflow_to_section(section=instance)


# Django stores permission names in English when it creates them ("Can add người dùng"); the group screens
# list them, so they are renamed in Vietnamese after every migrate.
PERMISSION_ACTIONS = {"add": _("Được thêm"), "change": _("Được sửa"), "delete": _("Được xóa"), "view": _("Được xem")}
PERMISSION_NAMES = {
    "access_admin": _("Được vào trang quản trị"),
    "bulk_delete_page": _("Được xóa trang có trang con"),
    "lock_page": _("Được khóa/mở khóa trang do mình khóa"),
    "publish_page": _("Được đăng mọi trang (không qua quy trình duyệt)"),
    "unlock_page": _("Được mở khóa mọi trang"),
    "choose_document": _("Được chọn tài liệu"),
    "choose_image": _("Được chọn ảnh"),
}


def vietnamese_permission_names(app_config=None, using: str = "default", **kwargs) -> None:
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission
    from django.db import connections
    from django.db.models import Q
    from django.utils import translation

    tables = connections[using].introspection.table_names()
    if "auth_permission" not in tables or "django_content_type" not in tables:
        return  # a partial migrate (one app's tables, e.g. the task queue's): nothing to name yet
    if app_config is not None:
        # This handler may run before Django's own for this app (apps are signalled in INSTALLED_APPS order and
        # the newsroom comes first): create the app's permissions now (idempotent) so none is left in English.
        create_permissions(app_config, verbosity=0, using=using)

    # Only the permissions that may need a name: those named above, and Django's English ones ("Can ..."). The
    # signal comes once per app (38 times a migrate, and after every flush of a transactional test): after the
    # first, nearly all are renamed already, and the renames are written in one statement.
    candidates = Permission.objects.filter(Q(codename__in=PERMISSION_NAMES) | Q(name__startswith="Can "))
    renamed = []
    with translation.override(settings.LANGUAGE_CODE):
        for permission in candidates.select_related("content_type"):
            action, _sep, _rest = permission.codename.partition("_")
            model = permission.content_type.model_class()
            if permission.codename in PERMISSION_NAMES:
                name = str(PERMISSION_NAMES[permission.codename])
            elif action in PERMISSION_ACTIONS and model is not None and permission.name.startswith("Can "):
                name = f"{PERMISSION_ACTIONS[action]} {model._meta.verbose_name}"
            else:
                continue
            if permission.name != name[:255]:
                permission.name = name[:255]
                renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"], batch_size=500)
