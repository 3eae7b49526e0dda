"""Account and access changes in the audit trail, with what changed.

Wagtail logs that a user or a group was created, edited or deleted; this adds *what* changed: an account's
fields (a changed password only as "changed"), the groups a user joined or left, and the permissions given to
or taken from a user or a group (model permissions, page permissions per section, collection permissions).

In a request (see :mod:`toasoan.audit.middleware`) each user or group touched is photographed before its first
change and compared once the view is done: one "toasoan.account_changed" entry for its fields, one
"toasoan.access_changed" entry for its groups and permissions, whatever way the admin's forms wrote them
(Wagtail adds page permissions with ``bulk_create``, which sends no signal). Outside a request (a command, the
shell, a data migration) each change is logged as it happens, with what it added and removed, by "hệ thống" (no
account) and the command that made it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext as _

from toasoan.audit import services

logger = logging.getLogger(__name__)

TRACKED_USER_FIELDS = ("username", "email", "first_name", "last_name", "display_name", "phone", "is_active",
                       "is_staff", "is_superuser")
QUIET_UPDATES = ({"last_login"}, {"password"}, {"last_login", "password"})  # a sign-in, a password re-hash


def permission_label(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename} ({permission.name})"


def _object_permission_label(row) -> str:
    if getattr(row, "page_id", None) is not None:
        return _("%(permission)s — trang «%(target)s»") % {"permission": permission_label(row.permission),
                                                           "target": row.page}
    return _("%(permission)s — thư mục «%(target)s»") % {"permission": permission_label(row.permission),
                                                          "target": row.collection}


def _group_label(name: str) -> str:
    return _("nhóm «%(name)s»") % {"name": name}


def _labels(model: type, pks) -> list[str]:
    if model is Permission:
        return sorted(permission_label(p) for p in Permission.objects.filter(pk__in=pks).select_related("content_type"))
    if model is Group:
        return sorted(_group_label(name) for name in Group.objects.filter(pk__in=pks).values_list("name", flat=True))
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pks))


def _user_fields(user_model: type) -> list[str]:
    names = {field.name for field in user_model._meta.concrete_fields}
    return [name for name in TRACKED_USER_FIELDS if name in names]


def _access(model: type, pk) -> set[str]:
    if model is Group:
        group = Group.objects.filter(pk=pk).first()
        if group is None:
            return set()
        found = {permission_label(p) for p in group.permissions.select_related("content_type")}
        for related, target in ((group.page_permissions, "page"), (group.collection_permissions, "collection")):
            found.update(_object_permission_label(row)
                         for row in related.select_related("permission__content_type", target))
        return found
    user = model._default_manager.filter(pk=pk).first()
    if user is None:
        return set()
    return {*(_group_label(name) for name in user.groups.values_list("name", flat=True)),
            *(permission_label(p) for p in user.user_permissions.select_related("content_type"))}


def _state(model: type, pk) -> dict | None:
    if not model._default_manager.filter(pk=pk).exists():
        return None
    state = {"access": _access(model, pk)}
    if model is not Group:
        names = _user_fields(model)
        row = model._default_manager.filter(pk=pk).values(*names, "password").first()
        state["password"] = row.pop("password")
        state["fields"] = row
    return state


def log_difference(*, model: type, pk, before: dict, after: dict, user=None) -> None:
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:  # deleted: Wagtail logged the deletion
        return
    fields = {name: [before["fields"][name], value] for name, value in (after.get("fields") or {}).items()
              if before["fields"].get(name) != value}
    password_changed = before.get("password") != after.get("password")
    if fields or password_changed:
        data = {"fields": fields, **({"password_changed": True} if password_changed else {})}
        services.record(instance=instance, action="toasoan.account_changed", user=user, data=data)
    added, removed = sorted(after["access"] - before["access"]), sorted(before["access"] - after["access"])
    if added or removed:
        services.record(instance=instance, action="toasoan.access_changed", user=user,
                        data={"added": added, "removed": removed})


class ChangeScope:
    """The users and groups touched during one request, photographed before their first change."""

    def __init__(self) -> None:
        self.before: dict[tuple[type, object], dict] = {}

    def touch(self, model: type, pk) -> None:
        key = (model, pk)
        if pk is None or key in self.before:
            return
        try:
            state = _state(model, pk)
        except Exception:  # the audit never stops the change it records
            logger.exception("Không chụp được tài khoản/nhóm trước khi đổi")
            return
        if state is not None:
            state["label"] = str(model._default_manager.filter(pk=pk).first())[:255]
            self.before[key] = state

    def flush(self, *, user=None) -> None:
        for (model, pk), before in self.before.items():
            try:
                after = _state(model, pk)
                if after is not None:
                    log_difference(model=model, pk=pk, before=before, after=after, user=user)
                elif before["access"]:  # deleted in the admin (Wagtail logged that): the rights it took with it
                    services.record_change(model=model, object_id=pk, label=before["label"],
                                           action="toasoan.access_changed", user=user,
                                           data={"removed": sorted(before["access"])})
            except Exception:  # the audit never breaks the answer to the request
                logger.exception("Không ghi được thay đổi tài khoản/quyền vào nhật ký")
        self.before.clear()


_scope: ContextVar[ChangeScope | None] = ContextVar("toasoan_audit_change_scope", default=None)


def current_scope() -> ChangeScope | None:
    return _scope.get()


def state_of(model: type, pk) -> dict | None:
    return _state(model, pk)


def compare_safely(*, model: type, pk, before: dict) -> None:
    """Log what changed of ``model`` ``pk`` since ``before`` (outside a request, as the system); never raises."""

    def compare():
        after = _state(model, pk)
        if after is not None:
            log_difference(model=model, pk=pk, before=before, after=after)

    _safely(compare)


def record_new_accounts(user_model: type, pks) -> None:
    """Accounts made outside a request (the shell, a command): who they are and what rights they start with."""
    if _scope.get() is not None:
        return  # the admin's own entry (Wagtail's "wagtail.create") covers the form
    for pk in pks:
        _safely(_record_new_account, user_model, pk)


def _record_new_account(user_model: type, pk) -> None:
    state, instance = _state(user_model, pk), user_model._default_manager.filter(pk=pk).first()
    if state is None or instance is None:
        return
    fields = {name: [None, value] for name, value in state["fields"].items() if value not in (None, "", False)}
    services.record(instance=instance, action="toasoan.account_changed", data={"created": True, "fields": fields})
    if state["access"]:
        services.record(instance=instance, action="toasoan.access_changed",
                        data={"added": sorted(state["access"]), "removed": []})


@contextmanager
def change_scope() -> Iterator[ChangeScope]:
    scope = ChangeScope()
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


@contextmanager
def access_changes_recorded(*, user=None) -> Iterator[None]:
    """Rights given to or taken from groups and accounts inside the block are logged when it ends, one entry per
    group or account with everything it gained and lost (as the admin does for a request), not one per row.

    For work outside a request that writes many permission rows at once (setting up the newsroom's roles); inside
    a request, or inside another such block, the outer one records them.
    """
    if _scope.get() is not None:
        yield
        return
    with change_scope() as scope:
        yield
        scope.flush(user=user)


# --- signal receivers -------------------------------------------------------------------------------------------
#
# Connected for every sender and matched by model name, so that a data migration's copies of the models
# (``apps.get_model`` in ``RunPython``) are caught as well as the installed ones; outside a request each change is
# logged at once, as "hệ thống" (no account) with the command that made it (``toasoan`` stamps it: migrate, shell,
# setup_newsroom ...). ``bulk_create`` and ``QuerySet.update`` send no signal: inside a request the scope's
# comparison still sees their effect; outside one they are not logged.

OBJECT_PERMISSIONS = ("wagtailcore.grouppagepermission", "wagtailcore.groupcollectionpermission")
_deleting_groups: ContextVar[frozenset] = ContextVar("toasoan_audit_deleting_groups", default=frozenset())
# While ``migrate`` runs: whether the database had the log already (an upgrade) or is being made (None: not migrating).
_upgrading: ContextVar[bool | None] = ContextVar("toasoan_audit_upgrading", default=None)
_TRACKED_THROUGHS: set[str] = set()  # User.groups, User.user_permissions, Group.permissions (filled by connect)


def _real(model: type) -> type:
    """The installed model a signal's sender stands for (itself, or the one a migration's copy copies)."""
    from django.apps import apps

    try:
        return apps.get_model(model._meta.app_label, model._meta.model_name)
    except LookupError:
        return model


def _loggable(sender: type) -> bool:
    """A data migration's copy of a model is logged only in an upgrade: not while the first ``migrate`` of a new
    database lays down Wagtail's starting groups (nobody's rights change; the log tables do not exist yet)."""
    return _real(sender) is sender or bool(_upgrading.get())


def _log_tables_exist() -> bool:
    from django.db import connection
    from wagtail.models import ModelLogEntry

    return ModelLogEntry._meta.db_table in connection.introspection.table_names()


def _safely(work, *args) -> None:
    """Run an audit step in a savepoint: on PostgreSQL a failed query would otherwise break the transaction
    (a migration's, a command's) that made the change; the audit never stops the change it records."""
    from django.db import transaction

    try:
        with transaction.atomic():
            work(*args)
    except Exception:
        logger.exception("Không ghi được thay đổi quyền vào nhật ký")


def _row(sender: type, pk) -> tuple | None:
    """(group id, label) of a page or collection permission row as the database holds it now."""
    from wagtail.models import GroupPagePermission

    model = _real(sender)
    target = "page__title" if model is GroupPagePermission else "collection__name"
    row = model._default_manager.filter(pk=pk).values_list(
        "group_id", "permission__content_type__app_label", "permission__codename", "permission__name", target).first()
    if row is None:
        return None
    group_id, app_label, codename, name, target_name = row
    text = (_("%(permission)s — trang «%(target)s»") if model is GroupPagePermission
            else _("%(permission)s — thư mục «%(target)s»"))
    return group_id, text % {"permission": f"{app_label}.{codename} ({name})", "target": target_name}


def _record_on_group(group_id, **changes) -> None:
    group = Group.objects.filter(pk=group_id).first()
    data = {side: items for side, items in changes.items() if items}
    if group is not None and data:
        services.record(instance=group, action="toasoan.access_changed", data=data)


def _targets(instance, reverse: bool, model: type, pk_set) -> list[tuple[type, object]]:
    """The users/groups whose access an m2m change alters."""
    if not reverse:
        return [(_real(type(instance)), instance.pk)]
    return [(model, pk) for pk in pk_set or ()]  # a group given users, a permission given users or groups


# The through tables an add/remove/clear is writing now: the queryset methods it calls (toasoan.audit.bulk) leave
# its rows to the receiver below.
_m2m_writing: ContextVar[frozenset] = ContextVar("toasoan_audit_m2m_writing", default=frozenset())


def m2m_in_progress(model: type) -> bool:
    return model._meta.label_lower in _m2m_writing.get()


def _mark_m2m(sender, action: str) -> None:
    label = sender._meta.label_lower
    if action.startswith("pre_"):
        _m2m_writing.set(_m2m_writing.get() | {label})
    elif action.startswith("post_"):
        _m2m_writing.set(_m2m_writing.get() - {label})


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """User.groups, User.user_permissions and Group.permissions, from either side."""
    if sender._meta.label_lower not in _TRACKED_THROUGHS:
        return
    _mark_m2m(sender, action)
    if not _loggable(sender):
        return
    scope = _scope.get()
    if action == "pre_clear":
        pk_set = set(getattr(instance, _m2m_attribute(_real(sender), reverse)).values_list("pk", flat=True))
    model = _real(model)
    if scope is not None:
        if action in ("pre_add", "pre_remove", "pre_clear"):
            for target_model, pk in _targets(instance, reverse, model, pk_set):
                scope.touch(target_model, pk)
        return
    if action not in ("post_add", "post_remove", "pre_clear") or not pk_set:
        return
    _safely(_record_m2m, instance, "added" if action == "post_add" else "removed", reverse, model, pk_set)


def _record_m2m(instance, side: str, reverse: bool, model: type, pk_set) -> None:
    own_model = _real(type(instance))
    if not reverse:
        target = own_model._default_manager.filter(pk=instance.pk).first()
        if target is not None:
            services.record(instance=target, action="toasoan.access_changed", data={side: _labels(model, pk_set)})
        return
    items = _labels(own_model, [instance.pk])
    for target in model._default_manager.filter(pk__in=pk_set):
        services.record(instance=target, action="toasoan.access_changed", data={side: items})


def _m2m_attribute(sender, reverse: bool) -> str:
    user_model = get_user_model()
    if sender is user_model.groups.through:
        return "user_set" if reverse else "groups"
    if sender is user_model.user_permissions.through:
        return "user_set" if reverse else "user_permissions"
    return "group_set" if reverse else "permissions"


def _is_object_permission(sender) -> bool:
    return sender._meta.label_lower in OBJECT_PERMISSIONS and _loggable(sender)


def on_object_permission_pre(sender, instance, raw=False, **kwargs) -> None:
    """Before a page/collection permission row is saved or deleted: the group photographed (in a request), or the
    row as it stands (outside one), to compare with afterwards."""
    if raw or not _is_object_permission(sender):
        return
    scope = _scope.get()
    if scope is not None:
        scope.touch(Group, instance.group_id)
    elif instance.pk is not None:
        _safely(lambda: setattr(instance, "_audit_row_before", _row(sender, instance.pk)))


def on_object_permission_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or _scope.get() is not None or not _is_object_permission(sender):
        return
    before = instance.__dict__.pop("_audit_row_before", None)

    def compare():
        after = _row(sender, instance.pk)
        if after is None or before == after:
            return
        if before is not None and before[0] != after[0]:  # moved to another group
            _record_on_group(before[0], removed=[before[1]])
            _record_on_group(after[0], added=[after[1]])
        else:
            _record_on_group(after[0], added=[after[1]], removed=[before[1]] if before else [])

    _safely(compare)


def on_object_permission_deleted(sender, instance, **kwargs) -> None:
    if _scope.get() is not None or not _is_object_permission(sender):
        return
    before = instance.__dict__.pop("_audit_row_before", None)
    if before is not None and before[0] not in _deleting_groups.get():
        _safely(lambda: _record_on_group(before[0], removed=[before[1]]))


def on_group_pre_save(sender, instance, raw=False, **kwargs) -> None:
    if sender._meta.label_lower != "auth.group":
        return
    scope = _scope.get()
    if scope is not None and not raw and instance.pk is not None:
        scope.touch(Group, instance.pk)


def on_group_pre_delete(sender, instance, **kwargs) -> None:
    """A group deleted: one entry with every right it took with it (its page and collection permission rows,
    deleted with it, are not logged one by one); in a request, once the view is done, by its account."""
    if sender._meta.label_lower != "auth.group" or not _loggable(sender):
        return
    scope = _scope.get()
    if scope is not None:
        scope.touch(Group, instance.pk)
        return
    _deleting_groups.set(_deleting_groups.get() | {instance.pk})

    def record():
        rights = _access(Group, instance.pk)
        if rights:
            _record_on_group(instance.pk, removed=sorted(rights))

    _safely(record)


def on_group_deleted(sender, instance, **kwargs) -> None:
    if sender._meta.label_lower == "auth.group" and instance.pk in _deleting_groups.get():
        _deleting_groups.set(_deleting_groups.get() - {instance.pk})

def on_user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) in QUIET_UPDATES:
        return
    scope = _scope.get()
    if scope is not None:
        scope.touch(sender, instance.pk)
        return
    before = _state(sender, instance.pk)
    if before is not None:
        instance._audit_before = before


def on_user_pre_delete(sender, instance, **kwargs) -> None:
    """An account deleted in the admin: the groups and permissions it had, logged once the view is done."""
    scope = _scope.get()
    if scope is not None:
        scope.touch(sender, instance.pk)


def on_user_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if created and not raw:
        record_new_accounts(sender, [instance.pk])
        return
    before = instance.__dict__.pop("_audit_before", None)
    if before is None or raw:
        return
    after = {"access": before["access"], "password": instance.password,
             "fields": {name: getattr(instance, name) for name in before["fields"]}}
    log_difference(model=sender, pk=instance.pk, before=before, after=after)


def _on_copy_pre_delete(sender, instance, **kwargs) -> None:
    if _real(sender) is sender:  # an installed model: its own receivers see it
        return
    if sender._meta.label_lower == "auth.group":
        on_group_pre_delete(sender, instance)
    else:
        on_object_permission_pre(sender, instance)


def _on_copy_deleted(sender, instance, **kwargs) -> None:
    if _real(sender) is sender:
        return
    if sender._meta.label_lower == "auth.group":
        on_group_deleted(sender, instance)
    else:
        on_object_permission_deleted(sender, instance)


def on_pre_migrate(sender, **kwargs) -> None:
    """While migrations run, deletions through a data migration's copies of the models are caught too. Only then:
    a delete receiver for every model would stop Django's fast deletes everywhere."""
    from django.db.models.signals import post_delete, pre_delete

    if _upgrading.get() is None:  # sent once per app, before any migration runs: the first one decides
        _upgrading.set(_log_tables_exist())
    pre_delete.connect(_on_copy_pre_delete, dispatch_uid="toasoan_audit_copy_pre_delete")
    post_delete.connect(_on_copy_deleted, dispatch_uid="toasoan_audit_copy_deleted")


def on_post_migrate(sender, **kwargs) -> None:
    from django.db.models.signals import post_delete, pre_delete

    _upgrading.set(None)
    pre_delete.disconnect(dispatch_uid="toasoan_audit_copy_pre_delete")
    post_delete.disconnect(dispatch_uid="toasoan_audit_copy_deleted")


def connect() -> None:
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_migrate,
        post_save,
        pre_delete,
        pre_migrate,
        pre_save,
    )
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    user_model = get_user_model()
    _TRACKED_THROUGHS.update(through._meta.label_lower for through in (
        user_model.groups.through, user_model.user_permissions.through, Group.permissions.through))
    # Every sender, matched by name: a data migration's copies of the models too.
    m2m_changed.connect(on_m2m_changed, dispatch_uid="toasoan_audit_m2m")
    pre_save.connect(on_object_permission_pre, dispatch_uid="toasoan_audit_object_permission_pre_save")
    post_save.connect(on_object_permission_saved, dispatch_uid="toasoan_audit_object_permission_saved")
    pre_save.connect(on_group_pre_save, dispatch_uid="toasoan_audit_group_pre_save")
    for model in (GroupPagePermission, GroupCollectionPermission):
        name = model.__name__
        pre_delete.connect(on_object_permission_pre, sender=model, dispatch_uid=f"toasoan_audit_predel_{name}")
        post_delete.connect(on_object_permission_deleted, sender=model, dispatch_uid=f"toasoan_audit_del_{name}")
    pre_delete.connect(on_group_pre_delete, sender=Group, dispatch_uid="toasoan_audit_group_pre_delete")
    post_delete.connect(on_group_deleted, sender=Group, dispatch_uid="toasoan_audit_group_deleted")
    pre_migrate.connect(on_pre_migrate, dispatch_uid="toasoan_audit_pre_migrate")
    post_migrate.connect(on_post_migrate, dispatch_uid="toasoan_audit_post_migrate")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="toasoan_audit_user_pre_save")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="toasoan_audit_user_saved")
    pre_delete.connect(on_user_pre_delete, sender=user_model, dispatch_uid="toasoan_audit_user_pre_delete")
