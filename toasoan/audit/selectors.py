"""Reading the audit trail: the whole log, across Wagtail's log models (pages, and every other object)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry

from toasoan.audit.origin import ORIGIN_KEY


def log_models() -> list[type]:
    return sorted(log_action_registry.get_log_entry_models(), key=lambda model: model._meta.label)


def used_actions() -> list[tuple[str, str]]:
    """(action, label) of every action found in the log, in the registry's order."""
    used: set[str] = set()
    for model in log_models():
        used.update(model.objects.all().get_actions())
    return [choice for choice in log_action_registry.get_choices() if choice[0] in used]


def users_in_log() -> QuerySet:
    user_ids: set = set()
    for model in log_models():
        user_ids.update(model.objects.all().get_user_ids())
    user_model = get_user_model()
    return user_model.objects.filter(pk__in=user_ids).order_by(user_model.USERNAME_FIELD)


def content_types_in_log() -> QuerySet:
    ids: set = set()
    for model in log_models():
        ids.update(model.objects.all().get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def filter_object_id(queryset: QuerySet, object_id: str) -> QuerySet:
    """Entries about one object, by its id (a page's id for page entries)."""
    if issubclass(queryset.model, PageLogEntry):
        return queryset.filter(page_id=int(object_id)) if object_id.isdigit() else queryset.none()
    return queryset.filter(object_id=object_id)


def filter_address(queryset: QuerySet, address: str) -> QuerySet:
    return queryset.filter(**{f"data__{ORIGIN_KEY}__ip__startswith": address})


def origin_of(entry) -> dict:
    data = entry.data if isinstance(entry.data, dict) else {}
    value = data.get(ORIGIN_KEY)
    return value if isinstance(value, dict) else {}
