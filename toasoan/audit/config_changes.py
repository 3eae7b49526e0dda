"""What changed in the settings and lists that steer the newsroom and the moderation desk: the comment word list,
the ban list, the comment mode of a section or story, the paper's imprint, the fronts' places, sites, redirects
and bylines. Each create, edit and delete is logged with every field's value before → after.

Wagtail logs that such an object was created, edited or deleted ("wagtail.create" …) without saying what
changed. In a request, each tracked object is photographed before its first save and after its last; the
difference is added to the entry Wagtail writes for it (or, when no entry comes, as when the moderation desk bans
a sender, written as its own entry once the view is done, if the database still holds the change). Outside a
request (shell, command) each change is logged at once, by "hệ thống" and the command.

Secrets and readers' personal data are never copied into the log, which is kept for good: a field named like a
password, token, secret or key, a keyed hash, or a reader's email, phone, address or name is logged only as
"changed" (see ``TRACKED``)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from toasoan.audit import services

logger = logging.getLogger(__name__)

DATA_KEY = "setting_changes"
MAX_VALUE = 300
SECRET_MARKS = ("password", "token", "secret", "api_key", "apikey", "_hash", "private_key")
PERSONAL_NAMES = {"email", "phone", "ip", "ip_address", "address"}


@dataclass(frozen=True)
class Tracked:
    """How one model is logged. ``key``: the field that names an item of a list (its change reads "thêm «new»,
    bỏ «old»"); ``masked``: more fields logged only as changed; ``public``: fields named like personal data that
    hold the paper's own public details; ``numbered``: the entry names the item by number, not by ``str()``
    (which would show a reader's name); ``request_only``: logged from the admin only (importers create bylines in
    bulk and count them in their own entry)."""

    key: str | None = None
    masked: tuple[str, ...] = ()
    public: tuple[str, ...] = ()
    labels: dict = field(default_factory=dict)
    numbered: bool = False
    request_only: bool = False
    singleton: bool = False
    title_field: str | None = None


TRACKED: dict[str, Tracked] = {
    "comments.blockedword": Tracked(key="phrase"),
    "comments.ban": Tracked(masked=("label",), numbered=True,
                            labels={"value_hash": "thư điện tử hoặc địa chỉ IP bị chặn"}),
    "comments.commentpolicy": Tracked(title_field="page"),
    "home.imprint": Tracked(public=("email", "phone", "address"), singleton=True),
    "home.frontslot": Tracked(),
    "wagtailcore.site": Tracked(key="hostname"),
    "wagtailredirects.redirect": Tracked(key="old_path"),
    "people.author": Tracked(key="name", request_only=True),
}

ACTIONS = {"create": "wagtail.create", "edit": "wagtail.edit", "delete": "wagtail.delete"}


def spec_for(model: type) -> Tracked | None:
    return TRACKED.get(model._meta.label_lower)


def _fields(model: type) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if not f.primary_key and f.editable and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False) and f.name != "site"]


def _is_masked(spec: Tracked, name: str) -> bool:
    lowered = name.lower()
    if name in spec.masked or any(mark in lowered for mark in SECRET_MARKS):
        return True
    return lowered in PERSONAL_NAMES and name not in spec.public


def _shown(obj, f: models.Field) -> str | None:
    """A field's value as a person reads it (choice labels, related objects by name, Vietnam time)."""
    if f.is_relation:
        if getattr(obj, f.attname) is None:
            return None
        try:
            related = getattr(obj, f.name)
        except Exception:  # the related row is gone
            return f"#{getattr(obj, f.attname)}"
        return f"{related} (#{related.pk})"
    value = getattr(obj, f.attname)
    if value in (None, ""):
        return None
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else str(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _fingerprint(raw) -> str:
    """Compares a masked value before and after in memory; never written anywhere."""
    return hashlib.sha256(str(raw).encode()).hexdigest() if raw not in (None, "") else ""


def snapshot(obj) -> dict:
    """{field: shown value, or a marker for a masked field} of ``obj`` as it stands."""
    spec = spec_for(type(obj)) or Tracked()
    values = {}
    for f in _fields(type(obj)):
        if _is_masked(spec, f.name):
            raw = getattr(obj, f.attname)
            values[f.name] = {"masked": _fingerprint(raw)}
        else:
            values[f.name] = _shown(obj, f)
    return values


def title_of(obj) -> str:
    spec = spec_for(type(obj)) or Tracked()
    if spec.numbered:
        return f"{capfirst(obj._meta.verbose_name)} #{obj.pk}"
    if spec.singleton:
        return str(capfirst(obj._meta.verbose_name))
    if spec.title_field:
        return _shown(obj, obj._meta.get_field(spec.title_field)) or f"#{obj.pk}"
    return str(obj)[:255]


def _label(model: type, name: str) -> str:
    spec = spec_for(model) or Tracked()
    if name in spec.labels:
        return spec.labels[name]
    return str(model._meta.get_field(name).verbose_name)


def difference(model: type, *, kind: str, before: dict | None, after: dict | None, title: str) -> dict | None:
    """The log entry's record of a change: each field that differs, before and after (masked: "changed")."""
    before, after = before or {}, after or {}
    changed = {}
    for name in (after if kind != "delete" else before):
        old, new = before.get(name), after.get(name)
        if kind == "edit" and old == new:
            continue
        if kind != "edit" and (old if kind == "delete" else new) in (None, {"masked": ""}):
            continue
        item = {"label": _label(model, name)}
        if isinstance(old, dict) or isinstance(new, dict):
            item["masked"] = True
        else:
            item["before"], item["after"] = old, new
        changed[name] = item
    if kind == "edit" and not changed:
        return None
    spec = spec_for(model) or Tracked()
    if kind == "create" and spec.singleton and not changed:
        return None  # a setting made empty on first read: nothing set yet
    named_by = spec.key or spec.title_field
    if kind != "edit" and named_by in changed and not changed[named_by].get("masked"):
        del changed[named_by]  # the item's name, said once
    return {"model": model._meta.label_lower, "list": str(capfirst(model._meta.verbose_name_plural)),
            "kind": kind, "title": title, "key": spec.key if spec.key in changed else None,
            "singleton": spec.singleton,
            # A list, in the form's order: PostgreSQL's JSON keeps no key order.
            "fields": [{"name": name, **item} for name, item in changed.items()]}


def unchanged(model: type, *, title: str) -> dict:
    """The record of a save that changed nothing (the entry then says so)."""
    spec = spec_for(model) or Tracked()
    return {"model": model._meta.label_lower, "list": str(capfirst(model._meta.verbose_name_plural)),
            "kind": "edit", "title": title, "key": None, "singleton": spec.singleton, "fields": []}


def _quoted(value) -> str:
    return f"«{value}»" if value not in (None, "") else "—"


def describe(change: dict) -> str:
    """"Danh sách từ cần lọc: thêm «xyz», bỏ «abc»" or "Thông tin tòa soạn: tổng biên tập: «A» → «B»"."""
    kind = change.get("kind")
    fields = {item.get("name"): item for item in change.get("fields") or [] if isinstance(item, dict)}
    key = change.get("key")
    heads, parts = [], []
    if kind == "create":
        heads.append(_("thêm %(item)s") % {"item": _quoted(change.get("title"))})
    elif kind == "delete":
        heads.append(_("bỏ %(item)s") % {"item": _quoted(change.get("title"))})
    elif key and key in fields and not fields[key].get("masked"):
        item = fields.pop(key)
        heads.append(_("thêm %(new)s, bỏ %(old)s") % {"new": _quoted(item.get("after")),
                                                       "old": _quoted(item.get("before"))})
    elif not change.get("singleton"):
        heads.append(_quoted(change.get("title")))
    for item in fields.values():
        if not isinstance(item, dict):
            continue
        if item.get("masked") and kind == "edit":
            parts.append(_("%(field)s: đã đổi (không ghi nội dung)") % {"field": item.get("label")})
        elif item.get("masked"):
            parts.append(_("%(field)s: (không ghi nội dung)") % {"field": item.get("label")})
        elif kind == "create":
            parts.append(f"{item.get('label')}: {_quoted(item.get('after'))}")
        elif kind == "delete":
            parts.append(f"{item.get('label')}: {_quoted(item.get('before'))}")
        else:
            parts.append(f"{item.get('label')}: {_quoted(item.get('before'))} → {_quoted(item.get('after'))}")
    if kind == "edit" and not change.get("fields"):
        parts.append(_("lưu lại, không thay đổi gì"))
    if not heads:
        return f"{change.get('list', '')}: {'; '.join(parts)}"
    text = f"{change.get('list', '')}: {', '.join(heads)}"
    return f"{text} — {'; '.join(parts)}" if parts else text


# --- in a request: photographed before, compared after, added to Wagtail's own entry ----------------------------


@dataclass
class Pending:
    model: type
    pk: object
    before: dict | None = None
    after: dict | None = None
    title: str = ""
    deleted: bool = False


class ConfigScope:
    def __init__(self) -> None:
        self.pending: dict[tuple[str, str], Pending] = {}

    def flush(self, *, user=None) -> None:
        """Changes no Wagtail entry took (a ban from the moderation queue, a save by other code): logged now, if
        the database still holds them (a change rolled back is not logged)."""
        for item in list(self.pending.values()):
            try:
                _write_pending(item, user=user)
            except Exception:  # the audit never breaks the answer to the request
                logger.exception("Không ghi được thay đổi cài đặt vào nhật ký")
        self.pending.clear()


_scope: ContextVar[ConfigScope | None] = ContextVar("toasoan_audit_config_scope", default=None)
# Deletions whose Wagtail entry (written just before the delete) already holds the change.
_logged_deletes: ContextVar[frozenset] = ContextVar("toasoan_audit_config_logged_deletes", default=frozenset())


@contextmanager
def config_scope() -> Iterator[ConfigScope]:
    scope = ConfigScope()
    token, deletes = _scope.set(scope), _logged_deletes.set(frozenset())
    try:
        yield scope
    finally:
        _logged_deletes.reset(deletes)
        _scope.reset(token)


def _key(model: type, pk) -> tuple[str, str]:
    return model._meta.label_lower, str(pk)


def _current(model: type, pk):
    return model._default_manager.filter(pk=pk).first()


def _change_of(item: Pending) -> dict | None:
    if item.deleted:
        return difference(item.model, kind="delete", before=item.before, after=None, title=item.title)
    kind = "edit" if item.before is not None else "create"
    return difference(item.model, kind=kind, before=item.before, after=item.after, title=item.title)


def _write_pending(item: Pending, *, user) -> None:
    now = _current(item.model, item.pk)
    if item.deleted:
        if now is not None:
            return
    else:
        if now is None:
            return
        item.after, item.title = snapshot(now), title_of(now)
    change = _change_of(item)
    if change is not None:
        services.record_change(model=item.model, object_id=item.pk, label=item.title,
                               action=ACTIONS[change["kind"]], user=user, data={DATA_KEY: change})


def _loggable(sender: type) -> Tracked | None:
    spec = spec_for(sender)
    if spec is None or (spec.request_only and _scope.get() is None):
        return None
    from django.apps import apps

    try:
        installed = apps.get_model(sender._meta.app_label, sender._meta.model_name)
    except LookupError:
        return None
    return spec if installed is sender else None  # a migration's copy: not logged


def on_pre_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or _loggable(sender) is None:
        return
    try:
        old = _current(sender, instance.pk) if instance.pk is not None else None
        before = snapshot(old) if old is not None else None
    except Exception:
        logger.exception("Không chụp được cài đặt trước khi đổi")
        return
    scope = _scope.get()
    if scope is None:
        instance.__dict__["_audit_config_before"] = before
        return
    if before is not None and _key(sender, instance.pk) not in scope.pending:
        scope.pending[_key(sender, instance.pk)] = Pending(sender, instance.pk, before=before)


def _photograph(instance) -> tuple[dict, str] | None:
    try:
        return snapshot(instance), title_of(instance)
    except Exception:  # the audit never stops the change it records
        logger.exception("Không chụp được cài đặt khi đổi")
        return None


def _record_now(sender: type, pk, *, title: str, change: dict | None) -> None:
    """Outside a request: the change logged at once, by the system and the command."""
    if change is not None:
        services.record_change(model=sender, object_id=pk, label=title, action=ACTIONS[change["kind"]],
                               data={DATA_KEY: change})


def on_post_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    photo = None if raw or _loggable(sender) is None else _photograph(instance)
    if photo is None:
        return
    after, title = photo
    scope = _scope.get()
    if scope is None:
        before = instance.__dict__.pop("_audit_config_before", None)
        _record_now(sender, instance.pk, title=title,
                    change=_change_of(Pending(sender, instance.pk, before=before, after=after, title=title)))
        return
    item = scope.pending.setdefault(_key(sender, instance.pk), Pending(sender, instance.pk))
    item.after, item.title, item.deleted = after, title, False


def on_pre_delete(sender, instance, **kwargs) -> None:
    photo = None if _loggable(sender) is None else _photograph(instance)
    if photo is None:
        return
    before, title = photo
    scope = _scope.get()
    if scope is None:
        _record_now(sender, instance.pk, title=title,
                    change=difference(sender, kind="delete", before=before, after=None, title=title))
        return
    key = _key(sender, instance.pk)
    if key in _logged_deletes.get():
        return  # Wagtail's delete entry, written just before, has it
    item = scope.pending.get(key)
    scope.pending[key] = Pending(sender, instance.pk, before=item.before if item and item.before else before,
                                 title=title, deleted=True)


def attach_to_entry(entry) -> None:
    """Called as a log entry is written: a Wagtail create/edit/delete entry about a tracked object gets the
    change (and a reader-free label for numbered ones)."""
    if entry.action not in ACTIONS.values() or entry.content_type_id is None or not getattr(entry, "object_id", None):
        return
    model = entry.content_type.model_class()
    spec = spec_for(model) if model is not None else None
    if spec is None:
        return
    data = entry.data if isinstance(entry.data, dict) else {}
    obj = _current(model, entry.object_id)
    if obj is not None:
        entry.label = title_of(obj)
    if DATA_KEY in data:
        return
    scope, key = _scope.get(), _key(model, entry.object_id)
    change = None
    if entry.action == ACTIONS["delete"] and obj is not None:
        change = difference(model, kind="delete", before=snapshot(obj), after=None, title=title_of(obj))
        if scope is not None:
            scope.pending.pop(key, None)
            _logged_deletes.set(_logged_deletes.get() | {key})
    elif scope is not None and key in scope.pending:
        item = scope.pending.pop(key)
        if obj is not None:
            item.after, item.title = snapshot(obj), title_of(obj)
        change = _change_of(item)
    if change is None and entry.action == ACTIONS["edit"] and obj is not None:
        change = unchanged(model, title=title_of(obj))
    if change is not None:
        entry.data = {**data, DATA_KEY: change}


def connect() -> None:
    from django.db.models.signals import post_save, pre_delete, pre_save
    from wagtail.models import ModelLogEntry

    receiver = services.on_new_entry(attach_to_entry, failure="Không ghép được thay đổi cài đặt vào mục nhật ký")
    pre_save.connect(receiver, sender=ModelLogEntry, weak=False, dispatch_uid="toasoan_audit_config_log_entry")

    pre_save.connect(on_pre_save, dispatch_uid="toasoan_audit_config_pre_save")
    post_save.connect(on_post_save, dispatch_uid="toasoan_audit_config_post_save")
    for label in TRACKED:
        from django.apps import apps

        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        pre_delete.connect(on_pre_delete, sender=model, dispatch_uid=f"toasoan_audit_config_pre_delete_{label}")
