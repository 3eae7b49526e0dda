"""Rights changed by writes that send no per-object signal: ``bulk_create``, ``bulk_update`` and
``QuerySet.update`` on page and collection permissions, on the rows behind ``Group.permissions``, ``User.groups``
and ``User.user_permissions`` (their ``delete()`` too), and ``update``/``bulk_update``/``bulk_create`` on accounts
(``is_superuser``, ``is_staff``, ``is_active``, groups ...).

The querysets of those models are given these methods on top of their own (:func:`install`, from the audit app's
``ready``): each finds the groups and accounts the write touches, photographs them, runs the write and logs
what changed (:func:`toasoan.audit.changes.log_difference`), as "hệ thống" with the command outside a request; in
a request it hands them to the request's comparison. The rows ``add()``/``remove()``/``clear()`` write are left
to the ``m2m_changed`` receivers, which log them already. SQL typed straight into the database is not seen: only
PostgreSQL's own log would tell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from toasoan.audit import changes

logger = logging.getLogger(__name__)

# --- who a write touches ----------------------------------------------------------------------------------------


def _owner_field(model: type) -> tuple[type, str] | None:
    """(Group or User, the row's field naming it) for a permission row or a through row; None for accounts."""
    user_model = get_user_model()
    label = model._meta.label_lower
    if label in changes.OBJECT_PERMISSIONS or model is Group.permissions.through:
        return Group, "group_id"
    if model in (user_model.groups.through, user_model.user_permissions.through):
        return user_model, "user_id"
    return None


def _targets_of_rows(model: type, *, queryset=None, objects: Iterable = (), new_values: dict | None = None) -> set:
    owner = _owner_field(model)
    if owner is None:  # accounts themselves
        user_model = model
        pks = set(queryset.values_list("pk", flat=True)) if queryset is not None else set()
        pks.update(obj.pk for obj in objects if obj.pk is not None)
        return {(user_model, pk) for pk in pks}
    owner_model, attname = owner
    ids = set(queryset.values_list(attname, flat=True)) if queryset is not None else set()
    objects = list(objects)
    ids.update(getattr(obj, attname) for obj in objects)
    stored = [obj.pk for obj in objects if obj.pk is not None]
    if stored:  # a bulk_update may move a row to another group: the group it leaves changes too
        ids.update(model._default_manager.filter(pk__in=stored).values_list(attname, flat=True))
    for key, value in (new_values or {}).items():
        if key in (attname, attname.removesuffix("_id")):
            ids.add(getattr(value, "pk", value))
    return {(owner_model, pk) for pk in ids if pk is not None}


def _touches_access(model: type, fields: Iterable[str]) -> bool:
    """An account write matters when it changes a logged field, the password, groups or permissions."""
    if _owner_field(model) is not None:
        return True
    logged = {*changes.TRACKED_USER_FIELDS, "password"}
    return bool(logged & {name.removesuffix("_id") for name in fields})


# Set while an audited write runs: the writes it makes itself (``bulk_update`` calls ``update``) are its own.
_writing: ContextVar[bool] = ContextVar("toasoan_audit_bulk_writing", default=False)


def audited(model: type, write: Callable, targets: Callable[[], set]):
    """Run ``write`` and log what it changed of the rights of the groups and accounts ``targets()`` names."""
    if _writing.get() or changes.m2m_in_progress(model):
        return write()
    token = _writing.set(True)
    try:
        return _audited(model, write, targets)
    finally:
        _writing.reset(token)


def _audited(model: type, write: Callable, targets: Callable[[], set]):
    try:
        touched = targets()
    except Exception:  # the audit never stops the change it records
        logger.exception("Không xác định được nhóm/tài khoản bị đổi quyền")
        return write()
    scope = changes.current_scope()
    if scope is not None:
        for target_model, pk in touched:
            scope.touch(target_model, pk)
        return write()
    before = {}
    for target in touched:
        try:
            before[target] = changes.state_of(*target)
        except Exception:
            logger.exception("Không chụp được nhóm/tài khoản trước khi đổi quyền")
    result = write()
    for (target_model, pk), state in before.items():
        if state is None:
            continue
        changes.compare_safely(model=target_model, pk=pk, before=state)
    return result


class AuditedQuerySetMixin:
    """On top of a permission row's, a through row's or an account's own queryset class."""

    def update(self, **kwargs):
        write = super().update
        if not _touches_access(self.model, kwargs):
            return write(**kwargs)
        return audited(self.model, lambda: write(**kwargs),
                       lambda: _targets_of_rows(self.model, queryset=self, new_values=kwargs))

    def bulk_update(self, objs, fields, *args, **kwargs):
        write, objs = super().bulk_update, list(objs)
        if not _touches_access(self.model, fields):
            return write(objs, fields, *args, **kwargs)
        return audited(self.model, lambda: write(objs, fields, *args, **kwargs),
                       lambda: _targets_of_rows(self.model, objects=objs))

    def bulk_create(self, objs, *args, **kwargs):
        write, objs = super().bulk_create, list(objs)
        if _owner_field(self.model) is None:  # new accounts: logged once they exist
            created = write(objs, *args, **kwargs)
            changes.record_new_accounts(self.model, [obj.pk for obj in created if obj.pk is not None])
            return created
        return audited(self.model, lambda: write(objs, *args, **kwargs),
                       lambda: _targets_of_rows(self.model, objects=objs))

    def delete(self):
        """Through rows only: permission rows and accounts send per-object delete signals already."""
        write = super().delete
        if _owner_field(self.model) is None or self.model._meta.label_lower in changes.OBJECT_PERMISSIONS:
            return write()
        return audited(self.model, write, lambda: _targets_of_rows(self.model, queryset=self))

    delete.alters_data = True
    delete.queryset_only = True


_AUDITED_CLASSES: dict[type, type] = {}


def _audited_class(base: type, mixin: type, prefix: str) -> type:
    """One audited subclass per queryset class, named in this module so that pickle finds it again (a cached
    image rendition, or anything else the cache pickles, may hold a queryset of it)."""
    if issubclass(base, mixin):
        return base
    if base not in _AUDITED_CLASSES:
        name = f"{prefix}{base.__name__}"
        while name in globals():
            name += "_"
        audited = type(name, (mixin, base), {"__module__": __name__, "__qualname__": name})
        globals()[name] = _AUDITED_CLASSES[base] = audited
    return _AUDITED_CLASSES[base]


def install_on(model: type) -> None:
    """Give every manager of ``model`` (and so its related managers) the audited queryset."""
    for manager in model._meta.managers:
        original = type(manager)
        if issubclass(original._queryset_class, AuditedQuerySetMixin):
            continue
        queryset_class = _audited_class(original._queryset_class, AuditedQuerySetMixin, "Audited")
        # The same name and module as the model's own manager, and equal to it: migrations, which name a manager
        # by its class (``deconstruct``) and compare it with the one they recorded, see no change.
        manager.__class__ = type(original.__name__, (original,), {
            "_queryset_class": queryset_class, "__module__": original.__module__,
            "__eq__": lambda self, other, base=original: (isinstance(other, base)
                                                          and self._constructor_args == other._constructor_args),
            "__hash__": original.__hash__})


def install() -> None:
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    user_model = get_user_model()
    for model in (GroupPagePermission, GroupCollectionPermission, Group.permissions.through,
                  user_model.groups.through, user_model.user_permissions.through, user_model):
        install_on(model)
