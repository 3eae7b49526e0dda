"""Account and access changes in the audit trail, with what changed.

Wagtail logs that a user or a group was created, edited or deleted; this adds *what* changed: an account's
fields (a changed password only as "changed"), the groups a user joined or left, and the permissions given to
or taken from a user or a group (model permissions, page permissions per section, collection permissions).
Changes are gathered per target and per transaction and logged once, after the commit, as the net difference
(Wagtail's forms may remove and re-add the same permission): one "toasoan.account_changed" entry for fields,
one "toasoan.access_changed" entry for groups and permissions.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils.translation import gettext as _

from toasoan.audit import services

TRACKED_USER_FIELDS = ("username", "email", "first_name", "last_name", "display_name", "phone", "is_active",
                       "is_staff", "is_superuser")
QUIET_UPDATES = ({"last_login"}, {"password"}, {"last_login", "password"})  # a sign-in, a password re-hash

_buffer = threading.local()


@dataclass
class PendingChange:
    model: type
    pk: int
    fields: dict = field(default_factory=dict)
    password_changed: bool = False
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    def net(self) -> tuple[list, list]:
        added = [item for item in self.added if item not in self.removed]
        removed = [item for item in self.removed if item not in self.added]
        return list(dict.fromkeys(added)), list(dict.fromkeys(removed))


def _pending(model: type, pk) -> PendingChange:
    """The change gathered for this target in the current transaction (flushed after its commit)."""
    store = getattr(_buffer, "changes", None)
    if store is None:
        store = _buffer.changes = {}
    block = id(connection.atomic_blocks[0]) if connection.in_atomic_block and connection.atomic_blocks else None
    key = (model._meta.label, pk, block)
    change = store.get(key)
    if change is None:
        change = store[key] = PendingChange(model=model, pk=pk)
        transaction.on_commit(lambda: _flush(key))
    return change


def _flush(key) -> None:
    change = getattr(_buffer, "changes", {}).pop(key, None)
    if change is None:
        return
    instance = change.model._default_manager.filter(pk=change.pk).first()
    if instance is None:  # deleted in the same transaction: Wagtail logged the deletion
        return
    if change.fields or change.password_changed:
        data = {"fields": change.fields}
        if change.password_changed:
            data["password_changed"] = True
        services.record(instance=instance, action="toasoan.account_changed", data=data)
    added, removed = change.net()
    if added or removed:
        services.record(instance=instance, action="toasoan.access_changed", data={"added": added, "removed": removed})


def permission_label(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename} ({permission.name})"


def _labels(model: type, pks) -> list[str]:
    if model is Permission:
        return [permission_label(p) for p in Permission.objects.filter(pk__in=pks).select_related("content_type")]
    if model is Group:
        return [_("nhóm «%(name)s»") % {"name": name}
                for name in Group.objects.filter(pk__in=pks).values_list("name", flat=True)]
    return [str(obj) for obj in model._default_manager.filter(pk__in=pks)]


def _remember(target_model: type, target_pk, *, added: list[str] = (), removed: list[str] = ()) -> None:
    change = _pending(target_model, target_pk)
    change.added.extend(added)
    change.removed.extend(removed)


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """User.groups, User.user_permissions and Group.permissions, from either side."""
    if action == "pre_clear":
        related = getattr(instance, _m2m_attribute(sender, reverse))
        pk_set = set(related.values_list("pk", flat=True))
        action = "post_remove"
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    side = "added" if action == "post_add" else "removed"
    if not reverse:  # instance: the user or the group whose access changed
        _remember(type(instance), instance.pk, **{side: _labels(model, pk_set)})
        return
    # instance: the group or permission given to or taken from the users/groups in pk_set
    label = _labels(type(instance), [instance.pk])
    for pk in pk_set:
        _remember(model, pk, **{side: label})


def _m2m_attribute(sender, reverse: bool) -> str:
    user_model = get_user_model()
    if sender is user_model.groups.through:
        return "user_set" if reverse else "groups"
    if sender is user_model.user_permissions.through:
        return "user_set" if reverse else "user_permissions"
    return "group_set" if reverse else "permissions"


def _object_permission_label(instance) -> str:
    target = getattr(instance, "page", None) or getattr(instance, "collection", None)
    if getattr(instance, "page", None) is not None:
        return _("%(permission)s — trang «%(target)s»") % {"permission": permission_label(instance.permission),
                                                           "target": target}
    return _("%(permission)s — thư mục «%(target)s»") % {"permission": permission_label(instance.permission),
                                                          "target": target}


def on_object_permission_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        _remember(Group, instance.group_id, added=[_object_permission_label(instance)])


def on_object_permission_deleted(sender, instance, **kwargs) -> None:
    _remember(Group, instance.group_id, removed=[_object_permission_label(instance)])


def on_user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) in QUIET_UPDATES:
        return
    names = [name for name in TRACKED_USER_FIELDS if hasattr(instance, name)]
    old = sender._default_manager.filter(pk=instance.pk).values(*names, "password").first()
    if old is None:
        return
    changed = {name: [old[name], getattr(instance, name)] for name in names if old[name] != getattr(instance, name)}
    password_changed = old["password"] != instance.password
    if changed or password_changed:
        instance._audit_pending = (changed, password_changed)


def on_user_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    pending = instance.__dict__.pop("_audit_pending", None)
    if pending is None or raw:
        return
    changed, password_changed = pending
    change = _pending(sender, instance.pk)
    change.fields.update(changed)
    change.password_changed = change.password_changed or password_changed


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid=f"toasoan_audit_m2m_{through.__name__}")
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(on_object_permission_saved, sender=model, dispatch_uid=f"toasoan_audit_add_{model.__name__}")
        post_delete.connect(on_object_permission_deleted, sender=model,
                            dispatch_uid=f"toasoan_audit_del_{model.__name__}")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="toasoan_audit_user_pre_save")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="toasoan_audit_user_saved")
