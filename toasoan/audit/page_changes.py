"""What changed in a page (article, event, front) at each edit and publish, added to Wagtail's own log entry.

Wagtail logs "wagtail.edit" (a revision saved: a draft, a submission, a revert) and "wagtail.publish" without
saying what changed. As such an entry is written, the page's edit handler gives Wagtail's own revision
comparison (the one behind "So sánh" in the page's history), run once: an edit against the revision before it,
a publish against the revision published before (what readers saw until now). The result is a short record of
each changed field (title and sapo before → after, the body's paragraphs added, changed and removed, tags and
sections added and removed, go-live and expiry times in Vietnam time), stored in the entry's ``data`` at write
time (the log is never updated afterwards) and added to the entry's message when it is read, with no query per
listed entry.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

DATA_KEY = "page_changes"
EDIT_ACTIONS = ("wagtail.edit", "wagtail.revert")
PUBLISH_ACTION = "wagtail.publish"
MAX_VALUE = 120
MAX_ITEMS = 10


def _short(value) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, bool):
        return _("có") if value else _("không")
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def _blocks(comparison) -> dict:
    """A StreamField's blocks added, changed and removed (Wagtail matches blocks by their ids)."""
    from wagtail.admin.compare import StreamBlockComparison

    counts = {"added": 0, "changed": 0, "removed": 0}
    try:
        blocks = StreamBlockComparison(comparison.field.stream_block, True, True, comparison.val_a,
                                       comparison.val_b).get_block_comparisons()
    except Exception:  # revisions from before block ids: the field changed, counts unknown
        return {}
    for block in blocks:
        if block.is_new():
            counts["added"] += 1
        elif block.is_deleted():
            counts["removed"] += 1
        elif block.has_changed():
            counts["changed"] += 1
    return counts


def _child_label(child) -> str:
    author = getattr(child, "author", None)
    return str(author if author is not None else child)


def _items(comparison) -> tuple[list[str], list[str]]:
    """Added and removed items of a many-to-many field, tags or inline list (authors)."""
    if getattr(comparison, "is_child_relation", False):
        before = [_child_label(child) for child in comparison.val_a.all()]
        after = [_child_label(child) for child in comparison.val_b.all()]
    else:
        items_a, items_b = comparison.get_items()
        before, after = ([comparison.get_item_display(item) for item in items] for items in (items_a, items_b))
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    return added[:MAX_ITEMS], removed[:MAX_ITEMS]


def _field_change(comparison) -> dict:
    from wagtail.admin.compare import ForeignObjectComparison, M2MFieldComparison, StreamFieldComparison

    name = getattr(comparison.field, "name", "") or getattr(comparison.field, "related_name", "")
    item = {"name": str(name), "label": str(comparison.field_label())}
    if isinstance(comparison, StreamFieldComparison):
        item["blocks"] = _blocks(comparison)
    elif isinstance(comparison, M2MFieldComparison) or getattr(comparison, "is_child_relation", False):
        item["added"], item["removed"] = _items(comparison)
        if not item["added"] and not item["removed"]:
            item["reordered"] = True
    elif isinstance(comparison, ForeignObjectComparison):
        obj_a, obj_b = comparison.get_objects()
        item["before"], item["after"] = _short(obj_a), _short(obj_b)
    elif getattr(comparison.field, "flatchoices", None):
        choices = dict(comparison.field.flatchoices)
        item["before"] = _short(choices.get(comparison.val_a, comparison.val_a))
        item["after"] = _short(choices.get(comparison.val_b, comparison.val_b))
    else:
        item["before"], item["after"] = _short(comparison.val_a), _short(comparison.val_b)
    return item


def comparisons_for(page) -> list:
    """Wagtail's comparison classes for the page's edit form (every tab), as its history's "So sánh" uses them."""
    handler = page.get_edit_handler()
    return handler.get_bound_panel(instance=page, request=None, form=None).get_comparison()


def difference(page, *, before, after) -> list[dict]:
    """Each field changed from the page object ``before`` to ``after`` (revisions as objects)."""
    changed = []
    for comparison_class in comparisons_for(page):
        comparison = comparison_class(before, after)
        if comparison.has_changed():
            changed.append(_field_change(comparison))
    return changed


def _previous_revision(entry):
    from wagtail.models import PageLogEntry, Revision

    if entry.action == PUBLISH_ACTION:
        earlier = (PageLogEntry.objects.filter(page_id=entry.page_id, action=PUBLISH_ACTION,
                                               revision__isnull=False).exclude(revision_id=entry.revision_id)
                   .order_by("-timestamp", "-pk").values_list("revision_id", flat=True).first())
        return Revision.objects.filter(pk=earlier).first() if earlier else None
    revision = entry.revision
    return (Revision.objects.filter(content_type_id=revision.content_type_id, object_id=revision.object_id,
                                    created_at__lte=revision.created_at).exclude(pk=revision.pk)
            .order_by("-created_at", "-pk").first())


def change_for(entry) -> dict | None:
    """The record of what the entry's revision changed, or None when the entry is not a page edit/publish."""
    if entry.action not in (*EDIT_ACTIONS, PUBLISH_ACTION) or not entry.revision_id:
        return None
    previous = _previous_revision(entry)
    if previous is None:  # the page's first revision, or its first publication
        return {"first": True, "published": entry.action == PUBLISH_ACTION, "fields": []}
    current = entry.revision.as_object()
    return {"against": previous.pk, "fields": difference(current, before=previous.as_object(), after=current)}


def attach_to_entry(entry) -> None:
    data = entry.data if isinstance(entry.data, dict) else {}
    if DATA_KEY in data:
        return
    change = change_for(entry)
    if change is not None:
        entry.data = {**data, DATA_KEY: change}


# --- reading it back ---------------------------------------------------------------------------------------------


def _quoted(value) -> str:
    return f"«{value}»" if value not in (None, "") else "—"


def _describe_blocks(counts: dict) -> str:
    parts = [text % {"n": counts[key]} for key, text in (
        ("added", _("thêm %(n)d đoạn")), ("changed", _("sửa %(n)d đoạn")), ("removed", _("bỏ %(n)d đoạn")))
        if counts.get(key)]
    return ", ".join(parts) or _("đổi thứ tự")


def _describe_field(item: dict) -> str:
    label = str(item.get("label", "")).lower()
    if "blocks" in item:
        return f"{label}: {_describe_blocks(item.get('blocks') or {})}"
    if "added" in item or "removed" in item:
        parts = []
        if item.get("added"):
            parts.append(_("thêm %(items)s") % {"items": ", ".join(_quoted(value) for value in item["added"])})
        if item.get("removed"):
            parts.append(_("bỏ %(items)s") % {"items": ", ".join(_quoted(value) for value in item["removed"])})
        return f"{label}: {', '.join(parts) or _('đổi thứ tự')}"
    return f"{label}: {_quoted(item.get('before'))} → {_quoted(item.get('after'))}"


def describe(change: dict) -> str:
    """"tiêu đề: «cũ» → «mới»; nội dung: thêm 2 đoạn, sửa 1 đoạn" (what the entry's revision changed)."""
    if change.get("first"):
        return _("đăng lần đầu") if change.get("published") else _("phiên bản đầu tiên")
    fields = [item for item in change.get("fields") or [] if isinstance(item, dict)]
    if not fields:
        return _("lưu lại, không thay đổi gì")
    return "; ".join(_describe_field(item) for item in fields)


def message_with_changes(entry, message: str) -> str:
    data = entry.data if isinstance(entry.data, dict) else {}
    change = data.get(DATA_KEY)
    return f"{message}: {describe(change)}" if isinstance(change, dict) else message


def _install_message() -> None:
    """A page entry's message, wherever it is shown (the report, its downloads, the page's history), ends with
    what changed. Wagtail's ``PageLogEntry.message`` answers "Đã lưu nháp" for every edit without asking the
    action's formatter, so the property itself is wrapped (once)."""
    from wagtail.models import PageLogEntry

    original = PageLogEntry.__dict__["message"]
    if getattr(original, "toasoan_page_changes", False):
        return

    def message(self):
        return message_with_changes(self, original.func(self))

    wrapped = cached_property(message)
    wrapped.__set_name__(PageLogEntry, "message")
    wrapped.toasoan_page_changes = True
    PageLogEntry.message = wrapped


def connect() -> None:
    from django.db.models.signals import pre_save
    from wagtail.models import PageLogEntry

    from toasoan.audit import services

    receiver = services.on_new_entry(attach_to_entry, failure="Không so sánh được phiên bản trang cho nhật ký")
    pre_save.connect(receiver, sender=PageLogEntry, weak=False, dispatch_uid="toasoan_audit_page_changes")
    _install_message()
